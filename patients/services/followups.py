"""Writes of follow-up: planning and closing appointments, discharge, calendar feeds and reminder settings."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.services import save_validated
from patients.choices import AppointmentKind, AppointmentStatus, EpisodeStatus, MeasureKind
from patients.extensions import episode_discharged
from patients.models import (
    Appointment,
    CalendarFeed,
    CareEpisode,
    Discharge,
    FollowupSettings,
    OutcomeMeasure,
    Patient,
    SessionNote,
)
from patients.models.followups import DOUBLE_BOOKING_MESSAGE
from patients.services.questionnaires import episode_schedules_discharge, episode_schedules_run
from patients.services.signals import episode_signals_refresh

CLOSED_AT_DISCHARGE = _("Care episode closed")


def _check_slot(*, appointment: Appointment, now: datetime.datetime):
    """Refuse a slot in the past, a therapist from elsewhere, a closed episode or a double booking."""
    episode = appointment.episode
    if episode.status == EpisodeStatus.DISCHARGED:
        raise ValidationError(_("This care episode is closed; no new appointments can be planned."))
    therapist = appointment.therapist
    if therapist.role != Role.THERAPIST or therapist.practice_id != episode.patient.practice_id:
        raise ValidationError({"therapist": _("Choose a therapist of this practice.")})
    if appointment.starts_at < now:
        raise ValidationError({"starts_at": _("This time has passed; choose a moment in the future.")})
    clashes = Appointment.objects.overlapping(
        therapist=therapist, starts_at=appointment.starts_at, ends_at=appointment.ends_at
    ).exclude(pk=appointment.pk)
    if clashes.exists():
        raise ValidationError({"starts_at": DOUBLE_BOOKING_MESSAGE})


def _save_slot(appointment: Appointment):
    """Save within a savepoint so that a booking that raced past the check gets the same clear message."""
    appointment.full_clean()
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as error:
        if "appointment_no_double_booking" in str(error):
            raise ValidationError({"starts_at": DOUBLE_BOOKING_MESSAGE}) from error
        raise
    return appointment


@transaction.atomic
def appointment_plan(
    *,
    episode: CareEpisode,
    therapist,
    starts_at: datetime.datetime,
    duration_minutes: int,
    kind: str,
    acting_user,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Plan a follow-up appointment for the episode with the given therapist."""
    appointment = Appointment(
        episode=episode,
        therapist=therapist,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        ends_at=starts_at + datetime.timedelta(minutes=duration_minutes),
        kind=kind,
        created_by=acting_user,
    )
    _check_slot(appointment=appointment, now=now or timezone.now())
    return _after_booking(_save_slot(appointment), acting_user)


def _after_booking(appointment: Appointment, acting_user) -> Appointment:
    """An evaluation may bring a scheduled questionnaire due at once: it is sent with the booking."""
    if appointment.kind == AppointmentKind.EVALUATION:
        episode_schedules_run(episode=appointment.episode, acting_user=acting_user)
    return appointment


def _require_planned(appointment: Appointment, message):
    if appointment.status != AppointmentStatus.PLANNED:
        raise ValidationError(message)


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    therapist,
    starts_at: datetime.datetime,
    duration_minutes: int,
    kind: str,
    acting_user,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Move a planned appointment to another time, length, kind or therapist."""
    _require_planned(appointment, _("Only a planned appointment can be changed."))
    appointment.therapist = therapist
    appointment.starts_at = starts_at
    appointment.duration_minutes = duration_minutes
    appointment.ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
    appointment.kind = kind
    _check_slot(appointment=appointment, now=now or timezone.now())
    return _after_booking(_save_slot(appointment), acting_user)


@transaction.atomic
def appointment_mark_done(
    *,
    appointment: Appointment,
    session_note: SessionNote | None,
    acting_user,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Record that the appointment took place, linked to the note written about it."""
    if appointment.status == AppointmentStatus.CANCELLED:
        raise ValidationError(_("A cancelled appointment cannot be marked done."))
    _require_planned(appointment, _("This appointment is already closed."))
    if appointment.starts_at > (now or timezone.now()):
        raise ValidationError(_("An appointment that has not started yet cannot be marked done."))
    if session_note is not None and session_note.episode_id != appointment.episode_id:
        raise ValidationError({"session_note": _("Choose a note of this care episode.")})
    appointment.status = AppointmentStatus.DONE
    appointment.session_note = session_note
    save_validated(appointment)
    return appointment


@transaction.atomic
def appointment_mark_missed(*, appointment: Appointment, acting_user, now: datetime.datetime | None = None):
    """Record that the patient did not come."""
    _require_planned(appointment, _("Only a planned appointment can be marked missed."))
    if appointment.starts_at > (now or timezone.now()):
        raise ValidationError(_("An appointment that has not started yet cannot be marked missed."))
    appointment.status = AppointmentStatus.MISSED
    save_validated(appointment)
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, reason: str, acting_user) -> Appointment:
    """Cancel a planned appointment, with the reason."""
    _require_planned(appointment, _("Only a planned appointment can be cancelled."))
    if not reason.strip():
        raise ValidationError({"cancellation_reason": _("Give the reason for cancelling.")})
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancellation_reason = reason.strip()
    save_validated(appointment)
    return appointment


@transaction.atomic
def episode_discharge(
    *,
    episode: CareEpisode,
    discharged_on: datetime.date,
    goals_met: str,
    pgi_i: int | None,
    final_measures_note: str,
    acting_user,
) -> Discharge:
    """Close the episode with its outcome, cancel the appointments still planned and end the home program.

    Questionnaire schedules send their discharge moment, to be answered after it, and then end.
    """
    episode = CareEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.status == EpisodeStatus.DISCHARGED:
        raise ValidationError(_("This care episode is already closed."))
    if discharged_on > timezone.localdate():
        raise ValidationError({"discharged_on": _("The discharge date cannot be in the future.")})
    discharge = Discharge(
        episode=episode,
        discharged_on=discharged_on,
        goals_met=goals_met,
        pgi_i=pgi_i,
        final_measures_note=final_measures_note,
        recorded_by=acting_user,
    )
    discharge.full_clean()
    episode.status = EpisodeStatus.DISCHARGED
    episode.discharged_on = discharged_on
    try:
        episode.full_clean()
    except ValidationError as error:
        raise ValidationError({"discharged_on": error.messages}) from error
    episode.save(update_fields=["status", "discharged_on"])
    discharge.save()
    if pgi_i is not None:
        measure = OutcomeMeasure(
            episode=episode,
            kind=MeasureKind.PGI_I,
            measured_on=discharged_on,
            recorded_by=acting_user,
            score=pgi_i,
            total=pgi_i,
        )
        save_validated(measure)
    episode.appointments.planned().update(
        status=AppointmentStatus.CANCELLED, cancellation_reason=str(CLOSED_AT_DISCHARGE), updated_at=timezone.now()
    )
    episode_schedules_discharge(episode=episode, acting_user=acting_user)
    episode_discharged.send(sender=CareEpisode, episode=episode, acting_user=acting_user)
    episode_signals_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return discharge


@transaction.atomic
def calendar_feed_renew(*, patient: Patient, acting_user) -> CalendarFeed:
    """Give the patient a new calendar address; the old one stops working at once."""
    CalendarFeed.objects.filter(patient=patient).delete()
    return CalendarFeed.objects.create(patient=patient)


@transaction.atomic
def calendar_feed_revoke(*, patient: Patient, acting_user) -> None:
    """Switch off the patient's calendar address."""
    CalendarFeed.objects.filter(patient=patient).delete()


@transaction.atomic
def followup_settings_update(*, patient: Patient, log_nudges: bool, language: str, acting_user) -> FollowupSettings:
    """Set the language of the patient's e-mails and switch the nothing-logged nudge on or off."""
    patient.language = language
    patient.full_clean()
    patient.save(update_fields=["language", "updated_at"])
    preferences, _created = FollowupSettings.objects.update_or_create(
        patient=patient, defaults={"log_nudges": log_nudges}
    )
    return preferences
