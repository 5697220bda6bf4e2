"""Reminder e-mails: who is due today, the neutral text in the patient's language, and sending once.

Besides the appointment reminders and log nudges, a patient is told when a questionnaire is sent (right
after the therapist's commit, `questionnaire_notice_send`; the daily run retries one the server refused)
and the day before it is due, for as long as it is open in an open episode (or, sent at discharge, until it is
answered).

Everything is gathered in a handful of queries whatever the number of patients. Each reminder is
then claimed and sent in a transaction of its own: the claim (its `ReminderSent` row) is committed
only once the mail server has accepted the e-mail, so a refused or unreachable server leaves the
reminder due for the next run, and a concurrent run waits on the claim's unique index and skips it.
A refused reminder leaves a `ReminderFailure` row, removed when it is sent, so a run can say how many
of its reminders an earlier run could not send.
"""

import contextlib
import datetime
import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from patients.choices import AppointmentKind, EpisodeStatus, ReminderKind
from patients.models import (
    Appointment,
    EpisodeSignals,
    FollowupSettings,
    Patient,
    QuestionnaireAssignment,
    ReminderFailure,
    ReminderSent,
)
from patients.rules.followups import log_nudge_due

logger = logging.getLogger(__name__)

MAIL_FAILED = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class LogActivity:
    """When the patient's current home program started and when they last logged anything."""

    program_started_on: datetime.date | None
    last_logged_on: datetime.date | None


def log_activity(patient_ids, today: datetime.date) -> dict[int, LogActivity]:
    """Return the log activity of the patients with a running home program, keyed by patient id (one query).

    A program runs when it is current, has started and not ended, in an episode not yet discharged; with
    several, the latest start counts. The programs app keeps these facts in `EpisodeSignals`.
    """
    running = (
        EpisodeSignals.objects.filter(episode__patient_id__in=patient_ids, program_starts_on__lte=today)
        .filter(Q(program_ends_on__isnull=True) | Q(program_ends_on__gte=today))
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .values("episode__patient_id")
        .annotate(started_on=Max("program_starts_on"), last_logged_on=Max("last_exercise_on"))
        .values_list("episode__patient_id", "started_on", "last_logged_on")
        .order_by()
    )
    return {patient_id: LogActivity(started_on, last) for patient_id, started_on, last in running}


@dataclass(frozen=True)
class Reminder:
    record: ReminderSent
    message: EmailMessage


def patient_address(patient: Patient) -> str:
    return patient.email or (patient.user.email if patient.user_id else "")


def _message(patient: Patient, subject: str, body: str) -> EmailMessage:
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[patient_address(patient)]
    )


def day_before_message(appointment: Appointment) -> EmailMessage:
    """Write the reminder of tomorrow's appointment: it names the practice and the time, never the complaint."""
    patient = appointment.episode.patient
    with translation.override(patient.language):
        starts_at = timezone.localtime(appointment.starts_at)
        values = {
            "name": patient.first_name,
            "practice": patient.practice.name,
            "date": formats.date_format(starts_at, "l j F Y"),
            "time": formats.time_format(starts_at, "H:i"),
            "minutes": appointment.duration_minutes,
        }
        subject = _("Reminder: your appointment tomorrow at %(practice)s") % values
        lines = [
            _("Dear %(name)s,") % values,
            "",
            _("This is a reminder of your appointment at %(practice)s tomorrow, %(date)s at %(time)s.") % values,
            _("The appointment takes %(minutes)s minutes.") % values,
        ]
        if appointment.kind == AppointmentKind.PHONE:
            lines.append(_("Your therapist will call you at that time."))
        elif appointment.kind == AppointmentKind.VIDEO:
            lines.append(_("This is a video call; you will receive the link from your therapist."))
        lines += [
            _("If you cannot come, please let the practice know as soon as possible."),
            "",
            _("Kind regards,"),
            patient.practice.name,
        ]
        return _message(patient, subject, "\n".join(lines))


def log_nudge_message(patient: Patient) -> EmailMessage:
    """Write the friendly nudge to pick up the home exercises again; it never names the complaint."""
    with translation.override(patient.language):
        values = {"name": patient.first_name, "practice": patient.practice.name}
        subject = _("A friendly reminder from %(practice)s") % values
        body = "\n".join(
            [
                _("Dear %(name)s,") % values,
                "",
                _("You have not logged your home exercises for a few days. Short, regular sessions help most.")
                % values,
                _("Log in to see your program and record what you did. Questions? Your therapist is happy to help."),
                "",
                _("Kind regards,"),
                patient.practice.name,
            ]
        )
        return _message(patient, subject, body)


def questionnaire_message(assignment: QuestionnaireAssignment, kind: str) -> EmailMessage:
    """Write the notice of a questionnaire to fill in: the practice, the date and the link, never its name or topic."""
    patient = assignment.episode.patient
    with translation.override(patient.language):
        values = {
            "name": patient.first_name,
            "practice": patient.practice.name,
            "date": formats.date_format(assignment.due_on, "l j F Y"),
        }
        if kind == ReminderKind.QUESTIONNAIRE_DUE:
            subject = _("Reminder: a short questionnaire from %(practice)s") % values
            request = _(
                "This is a reminder: %(practice)s asks you to fill in a short questionnaire in the patient portal "
                "by tomorrow, %(date)s."
            )
        else:
            subject = _("A short questionnaire from %(practice)s") % values
            request = _("%(practice)s asks you to fill in a short questionnaire in the patient portal by %(date)s.")
        lines = [
            _("Dear %(name)s,") % values,
            "",
            request % values,
            _("Log in to the portal to fill it in:"),
            settings.SITE_URL + reverse("portal:questionnaire", args=[assignment.pk]),
            "",
            _("Kind regards,"),
            patient.practice.name,
        ]
        return _message(patient, subject, "\n".join(lines))


def _reachable(queryset, prefix=""):
    """Keep patients who are in treatment and have an e-mail address (their own or their account's)."""
    return queryset.filter(**{f"{prefix}archived_at__isnull": True}).exclude(
        **{f"{prefix}email": ""}, **{f"{prefix}user__isnull": True}
    )


def day_before_reminders(today: datetime.date) -> list[Reminder]:
    """Return a reminder for every planned appointment tomorrow that has not been reminded of yet (one query)."""
    tomorrow = today + datetime.timedelta(days=1)
    already = ReminderSent.objects.filter(appointment=OuterRef("pk"), kind=ReminderKind.DAY_BEFORE)
    appointments = (
        _reachable(Appointment.objects.planned().on_days(tomorrow, tomorrow), prefix="episode__patient__")
        .exclude(Exists(already))
        .select_related("episode__patient__practice", "episode__patient__user")
        .order_by("starts_at", "pk")
    )
    reminders = []
    for appointment in appointments:
        patient = appointment.episode.patient
        if not patient_address(patient):
            continue
        record = ReminderSent(
            patient=patient,
            kind=ReminderKind.DAY_BEFORE,
            appointment=appointment,
            concerns_on=timezone.localdate(appointment.starts_at),
        )
        reminders.append(Reminder(record, day_before_message(appointment)))
    return reminders


def _open_assignments():
    """Questionnaires still to fill in (in open episodes, or sent at discharge), of patients who can be e-mailed."""
    return _reachable(
        QuestionnaireAssignment.objects.answerable(),
        prefix="episode__patient__",
    ).select_related("episode__patient__practice", "episode__patient__user")


def _questionnaire_reminder(assignment: QuestionnaireAssignment, kind: str) -> Reminder | None:
    patient = assignment.episode.patient
    if not patient_address(patient):
        return None
    record = ReminderSent(patient=patient, kind=kind, assignment=assignment, concerns_on=assignment.due_on)
    return Reminder(record, questionnaire_message(assignment, kind))


def questionnaire_reminders(today: datetime.date, kind: str) -> list[Reminder]:
    """Return the questionnaire e-mails of this kind still to send (one query).

    A 'sent' notice is here only when the mail server refused it at sending time and the due date has not
    passed; a 'due' reminder for every open questionnaire due tomorrow.
    """
    assignments = _open_assignments().exclude(Exists(ReminderSent.objects.filter(assignment=OuterRef("pk"), kind=kind)))
    if kind == ReminderKind.QUESTIONNAIRE_SENT:
        refused = ReminderFailure.objects.filter(assignment=OuterRef("pk"), kind=kind)
        assignments = assignments.filter(Exists(refused), due_on__gte=today)
    else:
        assignments = assignments.filter(due_on=today + datetime.timedelta(days=1))
    reminders = (_questionnaire_reminder(assignment, kind) for assignment in assignments.order_by("pk"))
    return [reminder for reminder in reminders if reminder]


def log_nudges(today: datetime.date) -> list[Reminder]:
    """Return a nudge for every patient whose therapist asked for it and who has been silent for 3 days."""
    patients = {
        patient.pk: patient
        for patient in _reachable(
            Patient.objects.filter(pk__in=FollowupSettings.objects.filter(log_nudges=True).values("patient"))
        ).select_related("practice", "user")
    }
    activity = log_activity(list(patients), today)
    nudged = set(
        ReminderSent.objects.filter(kind=ReminderKind.LOG_NUDGE, patient_id__in=list(activity)).values_list(
            "patient_id", "concerns_on"
        )
    )
    reminders = []
    for patient_id, seen in activity.items():
        patient = patients.get(patient_id)
        if patient is None or not patient_address(patient):
            continue
        if not log_nudge_due(
            enabled=True, last_logged_on=seen.last_logged_on, program_started_on=seen.program_started_on, today=today
        ):
            continue
        silent_since = max(filter(None, (seen.last_logged_on, seen.program_started_on)))
        if (patient_id, silent_since) in nudged:
            continue
        record = ReminderSent(patient=patient, kind=ReminderKind.LOG_NUDGE, concerns_on=silent_since)
        reminders.append(Reminder(record, log_nudge_message(patient)))
    return reminders


@dataclass
class ReminderRun:
    """What one run did: reminders sent per kind, how many the mail server did not take (due again next run),
    and how many of the run's reminders an earlier run had failed to send."""

    sent: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ReminderKind.values, 0))
    failed: int = 0
    retried: int = 0


def _note_failure(record: ReminderSent) -> None:
    """Count one more failed attempt at this reminder (a lost count in a race between two runs is harmless)."""
    now = timezone.now()
    failures = ReminderFailure.objects.filter(**record.same_reminder())
    if not failures.update(attempts=F("attempts") + 1, last_failed_at=now):
        ReminderFailure.objects.create(
            patient=record.patient,
            kind=record.kind,
            appointment=record.appointment,
            assignment=record.assignment,
            concerns_on=record.concerns_on,
            last_failed_at=now,
        )


def _failed_before() -> set[frozenset]:
    """Return the reminders an earlier run could not send, each as its `same_reminder()` lookup (one query)."""
    return {frozenset(failure.same_reminder().items()) for failure in ReminderFailure.objects.all()}


def _send_once(reminder: Reminder, connection, *, failed_before: bool) -> bool | None:
    """Claim and send one reminder; True once the server accepted it, False if it did not, None if already sent."""
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    reminder.record.save()
            except IntegrityError:
                return None  # a concurrent run claimed it and sent it, or will retry it
            # Sent before the commit on purpose: the claim is kept only when the server took the e-mail.
            if not connection.send_messages([reminder.message]):
                raise smtplib.SMTPException("the mail server took nothing")
            if failed_before:
                ReminderFailure.objects.filter(**reminder.record.same_reminder()).delete()
    except MAIL_FAILED as error:
        logger.warning(
            "reminder to patient %s not sent, due again at the next run: %s", reminder.record.patient_id, error
        )
        with contextlib.suppress(*MAIL_FAILED):
            connection.close()  # the next send opens a fresh connection
        _note_failure(reminder.record)
        return False
    return True


def send_reminders(today: datetime.date | None = None) -> ReminderRun:
    """Send today's reminders that were not sent yet, each exactly once; a failed one stays due."""
    today = today or timezone.localdate()
    due = {
        ReminderKind.DAY_BEFORE: day_before_reminders(today),
        ReminderKind.LOG_NUDGE: log_nudges(today),
        ReminderKind.QUESTIONNAIRE_SENT: questionnaire_reminders(today, ReminderKind.QUESTIONNAIRE_SENT),
        ReminderKind.QUESTIONNAIRE_DUE: questionnaire_reminders(today, ReminderKind.QUESTIONNAIRE_DUE),
    }
    run = ReminderRun()
    connection = get_connection()
    with contextlib.suppress(*MAIL_FAILED):
        connection.open()  # one connection for the run; if the server is away, each send tries again and fails
    failed_before = _failed_before()
    for kind, batch in due.items():
        for reminder in batch:
            retry = frozenset(reminder.record.same_reminder().items()) in failed_before
            run.retried += retry
            outcome = _send_once(reminder, connection, failed_before=retry)
            if outcome:
                run.sent[kind] += 1
            elif outcome is False:
                run.failed += 1
    with contextlib.suppress(*MAIL_FAILED):
        connection.close()
    return run


def questionnaire_notice_send(*, assignment_id: int) -> bool | None:
    """Tell the patient a questionnaire waits, once; a refused e-mail is retried by the daily run."""
    assignment = _open_assignments().filter(pk=assignment_id).first()
    reminder = assignment and _questionnaire_reminder(assignment, ReminderKind.QUESTIONNAIRE_SENT)
    if not reminder:
        return None
    connection = get_connection()
    outcome = _send_once(reminder, connection, failed_before=False)
    with contextlib.suppress(*MAIL_FAILED):
        connection.close()
    return outcome
