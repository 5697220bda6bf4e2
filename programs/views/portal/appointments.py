"""The patient's appointments in the portal: the coming ones, .ics downloads and the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.views.mixins import PagedListMixin
from patients.choices import AppointmentStatus
from patients.documents.calendar import FEED_LOOKBACK, appointments_calendar
from patients.models import Appointment, CalendarFeed
from patients.services import followups as services
from programs.views.portal.mixins import PortalMixin


def calendar_response(content: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


class PortalAppointmentListView(PortalMixin, PagedListMixin, ListView):
    """The patient's coming appointments and their calendar address."""

    template_name = "programs/portal_appointment_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Appointment.objects.for_user(self.request.user).upcoming(timezone.now()).select_related("therapist")

    def get_context_data(self, **kwargs):
        feed = CalendarFeed.objects.for_user(self.request.user).first()
        feed_url = subscribe_url = None
        if feed:
            feed_url = self.request.build_absolute_uri(reverse("portal:calendar_feed", args=[feed.token]))
            # Phones open webcal:// addresses in their calendar app, ready to subscribe.
            subscribe_url = "webcal://" + feed_url.split("://", 1)[1]
        return super().get_context_data(
            patient=self.patient, feed=feed, feed_url=feed_url, subscribe_url=subscribe_url, **kwargs
        )


class PortalAppointmentIcsView(PortalMixin, View):
    """One coming appointment as an .ics file to add to a calendar."""

    def get(self, request, pk):
        appointment = get_object_or_404(
            Appointment.objects.for_user(request.user).planned().select_related("episode__patient__practice"), pk=pk
        )
        content = appointments_calendar([appointment], patient=self.patient, host=request.get_host())
        return calendar_response(content, filename=f"appointment-{appointment.pk}.ics", attachment=True)


class PortalCalendarFeedView(PortalMixin, View):
    """Create, renew or switch off the patient's calendar address."""

    def post(self, request):
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(patient=self.patient, acting_user=request.user)
            messages.success(request, _("Your calendar address is switched off. Calendars using it get no updates."))
        else:
            services.calendar_feed_renew(patient=self.patient, acting_user=request.user)
            messages.success(request, _("Your new calendar address is ready. An earlier address no longer works."))
        return redirect("portal:appointments")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The feed a calendar app subscribes to; the secret token is the only key, so anything else is 404.

    Whoever holds the address reads the patient's appointments, so every read is access-logged with
    the client's address: a leaked address shows in the log, also in the patient's own view of it.
    """

    def get(self, request, token):
        feed = CalendarFeed.objects.select_related("patient__practice").filter(token=token).first()
        if feed is None or feed.patient.is_archived:
            raise Http404
        since = timezone.now() - FEED_LOOKBACK
        appointments = Appointment.objects.filter(
            episode__patient=feed.patient,
            ends_at__gte=since,
            status__in=[AppointmentStatus.PLANNED, AppointmentStatus.DONE, AppointmentStatus.CANCELLED],
        ).order_by("starts_at")
        content = appointments_calendar(
            appointments, patient=feed.patient, host=request.get_host(), name=feed.patient.practice.name
        )
        record_access(request, action=AccessAction.READ, part=RecordPart.CALENDAR_FEED, patient=feed.patient)
        return calendar_response(content, filename="appointments.ics", attachment=False)
