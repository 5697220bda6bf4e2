"""Therapist pages of follow-up: the agenda, an episode's appointments, closing them and discharge."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView

from clinic.access_log import record_access
from clinic.choices import AccessAction, AccessOutcome, RecordPart, Role
from clinic.permissions import RoleRequiredMixin
from patients.choices import EpisodeStatus
from patients.forms.followups import (
    AppointmentCancelForm,
    AppointmentDoneForm,
    AppointmentForm,
    ConfirmForm,
    DischargeForm,
    FollowupSettingsForm,
)
from patients.models import Appointment, CareEpisode, FollowupSettings, Patient
from patients.rules.followups import appointment_overdue
from patients.selectors.followups import AGENDA_LIMIT, appointments_on, therapist_worklists, week_bounds
from patients.services import followups as services
from patients.views.base import add_service_error


class TherapistMixin(RoleRequiredMixin):
    allowed_roles = (Role.THERAPIST,)

    def log(self, action, patient, outcome=AccessOutcome.SUCCESS):
        record_access(self.request, action=action, part=RecordPart.FOLLOW_UP, patient=patient, outcome=outcome)


class ServiceFormView(TherapistMixin, FormView):
    """A form whose valid data goes to one service; refusals come back next to the fields."""

    success_message = ""

    def get_log_patient(self):
        raise NotImplementedError

    def perform(self, form):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.log(AccessAction.READ, self.get_log_patient())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        self.log(AccessAction.UPDATE, self.get_log_patient())
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        self.log(AccessAction.UPDATE, self.get_log_patient(), outcome=AccessOutcome.FAILED)
        return super().form_invalid(form)


class EpisodeMixin:
    """Find the episode of the URL through the user's scope: 404 outside it."""

    @cached_property
    def episode(self):
        return get_object_or_404(
            CareEpisode.objects.for_user(self.request.user).select_related("patient__practice"),
            pk=self.kwargs["episode_pk"],
        )

    def get_log_patient(self):
        return self.episode.patient

    def get_context_data(self, **kwargs):
        return super().get_context_data(episode=self.episode, patient=self.episode.patient, **kwargs)

    def get_success_url(self):
        return reverse("patients:episode_appointments", args=[self.episode.pk])


class AgendaView(TherapistMixin, TemplateView):
    """Today's and this week's appointments, with the worklists of what needs follow-up."""

    template_name = "patients/agenda.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        now = timezone.now()
        today = timezone.localdate(now)
        monday, sunday = week_bounds(today)
        return super().get_context_data(
            now=now,
            week_start=monday,
            week_end=sunday,
            today=appointments_on(user, today, today, AGENDA_LIMIT),
            week=appointments_on(user, monday, sunday, AGENDA_LIMIT),
            **therapist_worklists(user, now),
            **kwargs,
        )


class EpisodeAppointmentListView(EpisodeMixin, TherapistMixin, ListView):
    """Every appointment of one care episode, newest first."""

    template_name = "patients/appointment_list.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Appointment.objects.for_user(self.request.user)
            .filter(episode=self.episode)
            .select_related("therapist", "session_note")
            .order_by("-starts_at", "-pk")
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.log(AccessAction.READ, self.episode.patient)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        for appointment in context["object_list"]:
            appointment.overdue = appointment_overdue(status=appointment.status, ends_at=appointment.ends_at, now=now)
        context["may_plan"] = self.episode.status != EpisodeStatus.DISCHARGED
        context["now"] = now
        return context


class AppointmentCreateView(EpisodeMixin, ServiceFormView):
    """Plan a follow-up appointment for the episode."""

    form_class = AppointmentForm
    template_name = "patients/appointment_form.html"
    success_message = _("The appointment is planned.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.episode.patient.practice}

    def get_initial(self):
        return {"therapist": self.episode.therapist}

    def perform(self, form):
        services.appointment_plan(episode=self.episode, acting_user=self.request.user, **form.cleaned_data)


class AppointmentMixin:
    """Find the appointment of the URL through the user's scope: 404 outside it."""

    @cached_property
    def appointment(self):
        return get_object_or_404(
            Appointment.objects.for_user(self.request.user).select_related("episode__patient__practice", "therapist"),
            pk=self.kwargs["pk"],
        )

    @property
    def episode(self):
        return self.appointment.episode

    def get_log_patient(self):
        return self.appointment.episode.patient

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            appointment=self.appointment, episode=self.episode, patient=self.episode.patient, **kwargs
        )

    def get_success_url(self):
        return reverse("patients:episode_appointments", args=[self.episode.pk])


class AppointmentUpdateView(AppointmentMixin, ServiceFormView):
    """Move a planned appointment."""

    form_class = AppointmentForm
    template_name = "patients/appointment_form.html"
    success_message = _("The appointment is changed.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.episode.patient.practice}

    def get_initial(self):
        appointment = self.appointment
        return {
            "starts_at": timezone.localtime(appointment.starts_at),
            "duration_minutes": appointment.duration_minutes,
            "kind": appointment.kind,
            "therapist": appointment.therapist,
        }

    def perform(self, form):
        services.appointment_reschedule(
            appointment=self.appointment, acting_user=self.request.user, **form.cleaned_data
        )


class AppointmentDoneView(AppointmentMixin, ServiceFormView):
    """Record that the appointment took place, linked to its session note."""

    form_class = AppointmentDoneForm
    template_name = "patients/appointment_close_form.html"
    success_message = _("The appointment is marked done.")
    extra_context = {"title": _("Mark as done"), "button": _("Mark as done")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "episode": self.episode}

    def perform(self, form):
        services.appointment_mark_done(
            appointment=self.appointment, session_note=form.cleaned_data["session_note"], acting_user=self.request.user
        )


class AppointmentMissedView(AppointmentMixin, ServiceFormView):
    """Record that the patient did not come."""

    form_class = ConfirmForm
    template_name = "patients/appointment_close_form.html"
    success_message = _("The appointment is marked missed.")
    extra_context = {"title": _("Mark as missed"), "button": _("Mark as missed")}

    def perform(self, form):
        services.appointment_mark_missed(appointment=self.appointment, acting_user=self.request.user)


class AppointmentCancelView(AppointmentMixin, ServiceFormView):
    """Cancel a planned appointment, with the reason."""

    form_class = AppointmentCancelForm
    template_name = "patients/appointment_close_form.html"
    success_message = _("The appointment is cancelled.")
    extra_context = {"title": _("Cancel appointment"), "button": _("Cancel appointment"), "danger": True}

    def perform(self, form):
        services.appointment_cancel(
            appointment=self.appointment,
            reason=form.cleaned_data["cancellation_reason"],
            acting_user=self.request.user,
        )


class EpisodeDischargeView(EpisodeMixin, ServiceFormView):
    """Close the care episode with its outcome."""

    form_class = DischargeForm
    template_name = "patients/discharge_form.html"
    success_message = _(
        "The care episode is closed; appointments still planned were cancelled and the home program has ended. "
        "You can now write the discharge letter."
    )

    def perform(self, form):
        services.episode_discharge(episode=self.episode, acting_user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#followups"


class FollowupSettingsView(ServiceFormView):
    """Switch the nothing-logged nudge on or off for one patient."""

    form_class = FollowupSettingsForm
    template_name = "patients/followup_settings_form.html"
    success_message = _("The reminder settings are saved.")

    @cached_property
    def patient(self):
        return get_object_or_404(Patient.objects.for_user(self.request.user), pk=self.kwargs["patient_pk"])

    def get_log_patient(self):
        return self.patient

    def get_initial(self):
        preferences = FollowupSettings.objects.filter(patient=self.patient).first()
        return {"language": self.patient.language, "log_nudges": bool(preferences and preferences.log_nudges)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(patient=self.patient, **kwargs)

    def perform(self, form):
        services.followup_settings_update(patient=self.patient, acting_user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("patients:followup_settings", args=[self.patient.pk])
