"""What the patient writes: the exercises done and the bladder and bowel diary."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic.services import save_validated
from programs.models import BladderEntry, BowelEntry, ExerciseLog, ProgramItem
from programs.rules import diary_day, diary_entry_errors
from programs.services.record import patient_facts_refresh


def exercise_log_create(*, item: ProgramItem, patient, acting_user, submission: uuid.UUID, difficulty="", pain=None):
    """Record one session done today; a repeated submission or one beyond today's dosage counts once.

    Returns (log, created).
    """
    if item.program.episode.patient_id != patient.pk:
        raise PermissionError("An exercise is logged only for the patient whose program it is.")
    existing = ExerciseLog.objects.filter(submission=submission).first()
    if existing:
        return existing, False
    today = timezone.localdate()
    with transaction.atomic():
        # Locking the item serialises concurrent "done" posts for it, so the daily cap holds.
        ProgramItem.objects.select_for_update().filter(pk=item.pk).first()
        done_today = ExerciseLog.objects.filter(item=item, done_on=today)
        if done_today.count() >= item.times_per_day:
            return done_today.first(), False
        log = ExerciseLog(
            item=item, patient=patient, done_on=today, difficulty=difficulty, pain=pain, submission=submission
        )
        log.full_clean()
        try:
            with transaction.atomic():
                log.save()
        except IntegrityError:
            return ExerciseLog.objects.get(submission=submission), False
        patient_facts_refresh(patient=patient, acting_user=acting_user)
        return log, True


def _refuse_wrong_line(entry, **bladder):
    errors = diary_entry_errors(recorded_at=entry.recorded_at, now=timezone.now(), **bladder)
    if errors:
        raise ValidationError(errors)


def bladder_entry_create(*, entry: BladderEntry, patient, acting_user) -> BladderEntry:
    """Add a line to a patient's bladder diary, filed under the diary day it belongs to."""
    _refuse_wrong_line(
        entry, fluid_ml=entry.fluid_ml, fluid_kind=entry.fluid_kind, leakage=entry.leakage, leak_cause=entry.leak_cause
    )
    entry.patient = patient
    entry.entered_by = acting_user
    entry.diary_day = diary_day(timezone.localtime(entry.recorded_at), moment=entry.moment)
    return save_validated(entry)


def bowel_entry_create(*, entry: BowelEntry, patient, acting_user) -> BowelEntry:
    """Add a line to a patient's bowel diary."""
    _refuse_wrong_line(entry)
    entry.patient = patient
    entry.entered_by = acting_user
    entry.diary_day = timezone.localtime(entry.recorded_at).date()
    return save_validated(entry)
