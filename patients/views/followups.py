"""Therapist pages of follow-up: the agenda, an episode's appointments, closing them and discharge."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, PagedListMixin, ParentMixin, ServiceFormMixin, TherapistRequiredMixin
from patients.choices import EpisodeStatus
from patients.forms.followups import (
    AgendaDayForm,
    AppointmentCancelForm,
    AppointmentDoneForm,
    AppointmentForm,
    ConfirmForm,
    DischargeForm,
    FollowupSettingsForm,
)
from patients.models import Appointment, FollowupSettings
from patients.selectors.followups import (
    AGENDA_LIMIT,
    appointment_days,
    appointments_on,
    therapist_worklists,
    week_bounds,
)
from patients.services import followups as services
from patients.views.mixins import EpisodeChildMixin, PatientChildMixin


class FollowupMixin:
    """Follow-up pages log as the record's follow-up part; a saved form is a change to it."""

    log_part = RecordPart.FOLLOW_UP
    log_action = AccessAction.UPDATE


class EpisodeFollowupMixin(FollowupMixin, EpisodeChildMixin):
    """A follow-up page of one care episode; done, it returns to the episode's appointments."""

    episode_related = ("patient__practice",)

    def get_success_url(self):
        return reverse("patients:episode_appointments", args=[self.episode.pk])


class AppointmentMixin(FollowupMixin, TherapistRequiredMixin, ParentMixin):
    """A page of one appointment (`pk` in the URL), found through the user's scope."""

    parent_kwarg = "pk"

    def get_parent_queryset(self):
        return Appointment.objects.for_user(self.request.user).select_related("episode__patient__practice", "therapist")

    @property
    def appointment(self):
        return self.parent

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


class AgendaView(TherapistRequiredMixin, LoggedReadMixin, TemplateView):
    """One day's appointments (today unless `?day=` says), its week at a glance, and what needs follow-up."""

    template_name = "patients/agenda.html"
    log_part = RecordPart.FOLLOW_UP
    read_detail = "agenda"
    shows_many_patients = True

    def get_context_data(self, **kwargs):
        user = self.request.user
        now = timezone.now()
        today = timezone.localdate(now)
        form = AgendaDayForm(self.request.GET)
        day = (form.cleaned_data["day"] if form.is_valid() else None) or today
        monday, sunday = week_bounds(day)
        return super().get_context_data(
            now=now,
            today=today,
            day=day,
            day_form=form,
            week=appointment_days(user, monday, sunday),
            previous_week=monday - datetime.timedelta(days=7),
            next_week=monday + datetime.timedelta(days=7),
            appointments=appointments_on(user, day, day, AGENDA_LIMIT),
            **therapist_worklists(user, now),
            **kwargs,
        )


class EpisodeAppointmentListView(EpisodeFollowupMixin, LoggedReadMixin, PagedListMixin, ListView):
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["may_plan"] = self.episode.status != EpisodeStatus.DISCHARGED
        context["now"] = now
        return context


class AppointmentCreateView(OnceOnlyFormMixin, EpisodeFollowupMixin, ServiceFormMixin, FormView):
    """Plan a follow-up appointment for the episode."""

    form_class = AppointmentForm
    template_name = "patients/appointment_form.html"
    success_message = _("The appointment is planned.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.episode.patient.practice}

    def get_initial(self):
        return {"therapist": self.episode.therapist}

    def perform(self, form):
        return services.appointment_plan(episode=self.episode, acting_user=self.request.user, **form.cleaned_data)


class AppointmentUpdateView(AppointmentMixin, ServiceFormMixin, FormView):
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
        return services.appointment_reschedule(
            appointment=self.appointment, acting_user=self.request.user, **form.cleaned_data
        )


class AppointmentDoneView(AppointmentMixin, ServiceFormMixin, FormView):
    """Record that the appointment took place, linked to its session note."""

    form_class = AppointmentDoneForm
    template_name = "patients/appointment_close_form.html"
    success_message = _("The appointment is marked done.")
    extra_context = {"title": _("Mark as done"), "button": _("Mark as done")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "episode": self.episode}

    def perform(self, form):
        return services.appointment_mark_done(
            appointment=self.appointment, session_note=form.cleaned_data["session_note"], acting_user=self.request.user
        )


class AppointmentMissedView(AppointmentMixin, ServiceFormMixin, FormView):
    """Record that the patient did not come."""

    form_class = ConfirmForm
    template_name = "patients/appointment_close_form.html"
    success_message = _("The appointment is marked missed.")
    extra_context = {"title": _("Mark as missed"), "button": _("Mark as missed")}

    def perform(self, form):
        return services.appointment_mark_missed(appointment=self.appointment, acting_user=self.request.user)


class AppointmentCancelView(AppointmentMixin, ServiceFormMixin, FormView):
    """Cancel a planned appointment, with the reason."""

    form_class = AppointmentCancelForm
    template_name = "patients/appointment_close_form.html"
    success_message = _("The appointment is cancelled.")
    extra_context = {"title": _("Cancel appointment"), "button": _("Cancel appointment"), "danger": True}

    def perform(self, form):
        return services.appointment_cancel(
            appointment=self.appointment,
            reason=form.cleaned_data["cancellation_reason"],
            acting_user=self.request.user,
        )


class EpisodeDischargeView(EpisodeFollowupMixin, ServiceFormMixin, FormView):
    """Close the care episode with its outcome."""

    form_class = DischargeForm
    template_name = "patients/discharge_form.html"
    success_message = _(
        "The care episode is closed; appointments still planned were cancelled and the home program has ended. "
        "You can now write the discharge letter."
    )

    def perform(self, form):
        return services.episode_discharge(episode=self.episode, acting_user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.episode.get_absolute_url() + "#followups"


class FollowupSettingsView(FollowupMixin, PatientChildMixin, ServiceFormMixin, FormView):
    """Switch the nothing-logged nudge on or off for one patient."""

    form_class = FollowupSettingsForm
    template_name = "patients/followup_settings_form.html"
    success_message = _("The reminder settings are saved.")

    def get_initial(self):
        preferences = FollowupSettings.objects.filter(patient=self.patient).first()
        return {"language": self.patient.language, "log_nudges": bool(preferences and preferences.log_nudges)}

    def perform(self, form):
        return services.followup_settings_update(
            patient=self.patient, acting_user=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("patients:followup_settings", args=[self.patient.pk])
