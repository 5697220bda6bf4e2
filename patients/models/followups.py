"""Follow-up: appointments, the patient's calendar feed, reminder settings and the reminders sent."""

import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.choices import choice_label
from patients.choices import AppointmentKind, AppointmentStatus, GoalsMet, ReminderKind
from patients.models.notes import SessionNote
from patients.models.patient import CareEpisode, Patient
from patients.querysets import AppointmentQuerySet, EpisodeRecordQuerySet, PatientRecordQuerySet
from patients.rules.followups import appointment_overdue

# Planned and held appointments occupy the therapist's time; missed and cancelled ones free the slot.
OCCUPYING_STATUSES = (AppointmentStatus.PLANNED, AppointmentStatus.DONE)
DOUBLE_BOOKING_MESSAGE = _("The therapist already has an appointment at that time.")


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint that PostgreSQL holds; other databases rely on the service's check."""

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class Appointment(models.Model):
    """A planned contact with the patient within a care episode."""

    # db_index=False: the first column of an index in Meta.indexes, which serves its lookups; one of its own
    # would only cost every insert.
    episode = models.ForeignKey(
        CareEpisode,
        verbose_name=_("care episode"),
        on_delete=models.PROTECT,
        related_name="appointments",
        db_index=False,
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("therapist"),
        on_delete=models.PROTECT,
        related_name="appointments",
        db_index=False,
        limit_choices_to={"role": "therapist"},
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    ends_at = models.DateTimeField(_("ends at"), editable=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AppointmentKind.choices, default=AppointmentKind.TREATMENT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED
    )
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    session_note = models.OneToOneField(
        SessionNote,
        verbose_name=_("session note"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("planned by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="appointment_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=240),
                name="appointment_duration_5_to_240_minutes",
                violation_error_message=_("An appointment lasts from 5 minutes to 4 hours."),
            ),
            models.CheckConstraint(
                condition=(Q(status=AppointmentStatus.CANCELLED) & ~Q(cancellation_reason=""))
                | (~Q(status=AppointmentStatus.CANCELLED) & Q(cancellation_reason="")),
                name="appointment_cancelled_has_reason",
                violation_error_message=_("A cancelled appointment needs a reason; only cancelled ones have one."),
            ),
            models.CheckConstraint(
                condition=Q(session_note__isnull=True) | Q(status=AppointmentStatus.DONE),
                name="appointment_note_only_when_done",
                violation_error_message=_("Only an appointment that took place links to a session note."),
            ),
            PostgresExclusionConstraint(
                name="appointment_no_double_booking",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("therapist", RangeOperators.EQUAL),
                ],
                condition=Q(status__in=OCCUPYING_STATUSES),
                violation_error_message=DOUBLE_BOOKING_MESSAGE,
            ),
        ]
        indexes = [
            models.Index(fields=["therapist", "starts_at"]),
            # The therapist's overdue appointments: planned ones of hers in time order, not every planned one.
            models.Index(fields=["therapist", "status", "starts_at"]),
            models.Index(fields=["episode", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def kind_label(self):
        """The kind by name, by an enum lookup: get_kind_display() builds a dict of every choice per call."""
        return choice_label(AppointmentKind, self.kind)

    @property
    def status_label(self):
        return choice_label(AppointmentStatus, self.status)

    @property
    def overdue(self):
        """Planned, and its time has passed without it being marked done, missed or cancelled ."""
        return appointment_overdue(status=self.status, ends_at=self.ends_at, now=timezone.now())


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address a patient's calendar app subscribes to; revoking it deletes the row."""

    patient = models.OneToOneField(
        Patient, verbose_name=_("patient"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PatientRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.patient)


class FollowupSettings(models.Model):
    """Per-patient follow-up choices the therapist makes."""

    patient = models.OneToOneField(
        Patient, verbose_name=_("patient"), on_delete=models.CASCADE, related_name="followup_settings"
    )
    log_nudges = models.BooleanField(
        _("nudge when nothing is logged"),
        default=False,
        help_text=_("Send a friendly e-mail when the patient has logged nothing for 3 days."),
    )

    objects = PatientRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")

    def __str__(self):
        return str(self.patient)


class Discharge(models.Model):
    """The outcome recorded when a care episode is closed."""

    episode = models.OneToOneField(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="discharge"
    )
    discharged_on = models.DateField(_("discharge date"))
    goals_met = models.CharField(_("goals"), max_length=20, choices=GoalsMet.choices)
    pgi_i = models.PositiveSmallIntegerField(
        _("PGI-I"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("How the patient rates the change: 1 very much better … 7 very much worse."),
    )
    final_measures_note = models.TextField(
        _("final measures"), blank=True, help_text=_("The last measurements and how they compare with intake.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("discharge")
        verbose_name_plural = _("discharges")
        constraints = [
            models.CheckConstraint(
                condition=Q(pgi_i__isnull=True) | Q(pgi_i__gte=1, pgi_i__lte=7),
                name="discharge_pgi_i_1_to_7",
                violation_error_message=_("PGI-I is a score from 1 to 7."),
            ),
        ]

    def __str__(self):
        return f"{self.episode} · {self.discharged_on:%d-%m-%Y}"


class ReminderSubject(models.Model):
    """What a reminder e-mail is about: the appointment or questionnaire it recalls, or the day since which nothing
    was logged."""

    patient = models.ForeignKey(Patient, verbose_name=_("patient"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    appointment = models.ForeignKey(
        Appointment, verbose_name=_("appointment"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    assignment = models.ForeignKey(
        "patients.QuestionnaireAssignment",
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    concerns_on = models.DateField(
        _("concerns"),
        help_text=_("The appointment's date, the questionnaire's due date, or the last day something was logged."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_kind_display()} · {self.patient} · {self.concerns_on:%d-%m-%Y}"

    def same_reminder(self) -> dict:
        """Return the lookup that finds the rows about this same reminder (what the unique constraints hold)."""
        if self.appointment_id:
            return {"kind": self.kind, "appointment_id": self.appointment_id}
        if self.assignment_id:
            return {"kind": self.kind, "assignment_id": self.assignment_id}
        return {"kind": self.kind, "patient_id": self.patient_id, "concerns_on": self.concerns_on}


class ReminderSent(ReminderSubject):
    """One reminder e-mail sent; the unique constraints keep a second run from sending it again."""

    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = PatientRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "kind"],
                condition=Q(appointment__isnull=False),
                name="reminder_once_per_appointment",
            ),
            models.UniqueConstraint(
                fields=["assignment", "kind"],
                condition=Q(assignment__isnull=False),
                name="reminder_once_per_questionnaire",
            ),
            models.UniqueConstraint(
                fields=["patient", "kind", "concerns_on"],
                condition=Q(appointment__isnull=True, assignment__isnull=True),
                name="reminder_once_per_silence",
            ),
            models.CheckConstraint(
                condition=Q(kind=ReminderKind.DAY_BEFORE, appointment__isnull=False, assignment__isnull=True)
                | Q(kind=ReminderKind.LOG_NUDGE, appointment__isnull=True, assignment__isnull=True)
                | Q(
                    kind__in=[ReminderKind.QUESTIONNAIRE_SENT, ReminderKind.QUESTIONNAIRE_DUE],
                    appointment__isnull=True,
                    assignment__isnull=False,
                ),
                name="reminder_names_its_subject",
            ),
        ]
        indexes = [models.Index(fields=["patient", "sent_at"])]


class ReminderFailure(ReminderSubject):
    """A reminder the mail server did not take; kept until it is sent, so the next run counts it as retried."""

    attempts = models.PositiveIntegerField(_("failed attempts"), default=1)
    last_failed_at = models.DateTimeField(_("last failed at"))

    objects = PatientRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder not sent")
        verbose_name_plural = _("reminders not sent")
        indexes = [
            models.Index(fields=["kind", "appointment"]),
            models.Index(fields=["kind", "assignment"]),
            models.Index(fields=["patient", "kind"]),
        ]
