"""Every write of the programs app: library, templates, home programs, exercise logs and diaries."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from programs.choices import ProgramStatus
from programs.models import (
    BladderEntry,
    BowelEntry,
    Exercise,
    ExerciseLog,
    HomeProgram,
    ProgramItem,
    ProgramTemplate,
    TemplateItem,
)
from programs.rules import StartingDosage, diary_day, dosage_from_perfect, perfect_item_dosage


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


# --- library and templates ---------------------------------------------------------------------


def exercise_save(*, exercise: Exercise, acting_user) -> Exercise:
    """Create or change a practice-own exercise; the built-in library stays as it is."""
    if exercise.pk is None:
        exercise.practice_id = acting_user.practice_id
        exercise.created_by = acting_user
    if exercise.practice_id is None or exercise.practice_id != acting_user.practice_id:
        raise PermissionError("Only a practice's own exercises can be changed.")
    return _save(exercise)


def template_save(*, template: ProgramTemplate, acting_user, changed_items=(), deleted_items=()) -> ProgramTemplate:
    """Create or change a practice's program template and its items."""
    if template.pk is None:
        template.practice_id = acting_user.practice_id
    with transaction.atomic():
        _save(template)
        items_save(changed=changed_items, deleted=deleted_items)
        return template


def _next_position(items):
    return (items.aggregate(top=Max("position"))["top"] or 0) + 1


def template_add_exercises(*, template: ProgramTemplate, exercises, acting_user) -> list[TemplateItem]:
    """Append library exercises to a template with their default dosage."""
    with transaction.atomic():
        position = _next_position(template.items)
        return [
            _save(TemplateItem(template=template, exercise=exercise, position=position + offset, **exercise.dosage()))
            for offset, exercise in enumerate(exercises)
        ]


# --- home programs -----------------------------------------------------------------------------


def _item_from(program, source, position, **overrides):
    dosage = {**source.dosage(), **overrides}
    return _save(
        ProgramItem(
            program=program,
            exercise=source if isinstance(source, Exercise) else source.exercise,
            position=position,
            note=getattr(source, "note", ""),
            **dosage,
        )
    )


def program_create(*, episode, acting_user, template=None, exercises=(), title="", starts_on=None, ends_on=None):
    """Start a draft program for an episode from a template, from library exercises, or empty."""
    with transaction.atomic():
        existing = episode.programs.select_for_update().filter(status=ProgramStatus.DRAFT).first()
        if existing:
            return existing
        version = (episode.programs.aggregate(top=Max("version"))["top"] or 0) + 1
        program = _save(
            HomeProgram(
                episode=episode,
                version=version,
                title=title or (template.name if template else ""),
                starts_on=starts_on or timezone.localdate(),
                ends_on=ends_on,
                created_by=acting_user,
            )
        )
        sources = list(template.items.select_related("exercise")) if template else list(exercises)
        for position, source in enumerate(sources, start=1):
            _item_from(program, source, position)
        return program


PERFECT_DEFAULT_EXERCISES = ("slow-holds-lying", "quick-flicks-lying")


def program_create_from_perfect(*, episode, perfect: dict, acting_user, exercises=(), **program_fields):
    """Start a draft whose contraction exercises take their dosage from PERFECT findings.

    `perfect` holds power, endurance_seconds, repetitions and fast_contractions; without chosen
    exercises the built-in slow holds and quick flicks (lying down) are dosed.
    """
    starting: StartingDosage = dosage_from_perfect(**perfect)
    exercises = list(exercises) or list(Exercise.objects.builtin().filter(code__in=PERFECT_DEFAULT_EXERCISES))
    with transaction.atomic():
        program = program_create(episode=episode, acting_user=acting_user, **program_fields)
        position = _next_position(program.items)
        for offset, exercise in enumerate(exercises):
            _item_from(program, exercise, position + offset, **perfect_item_dosage(exercise.kind, starting))
        return program


def program_add_exercises(*, program: HomeProgram, exercises, acting_user) -> list[ProgramItem]:
    """Append library exercises with their default dosage to a draft."""
    _require_draft(program)
    with transaction.atomic():
        position = _next_position(program.items)
        return [_item_from(program, exercise, position + offset) for offset, exercise in enumerate(exercises)]


def move_item(*, item, siblings, step: int) -> None:
    """Swap a template or program item with its neighbour above (-1) or below (+1)."""
    with transaction.atomic():
        items = list(siblings.select_for_update().order_by("position", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index + step
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


def items_save(*, changed, deleted) -> None:
    """Save the checked dosage and note of template or program items and remove the deleted ones."""
    with transaction.atomic():
        for item in changed:
            _save(item)
        for item in deleted:
            item.delete()


def program_save_draft(*, program: HomeProgram, changed_items, deleted_items, acting_user) -> HomeProgram:
    """Save a draft's dates, title, message and items in one go."""
    _require_draft(program)
    with transaction.atomic():
        _save(program)
        items_save(changed=changed_items, deleted=deleted_items)
        return program


def _require_draft(program):
    if not program.is_draft:
        raise ValueError("Only a draft can be changed; revise the program to change it.")


def program_publish(*, program: HomeProgram, acting_user) -> HomeProgram:
    """Make a draft the patient's current program; the previous version is kept as superseded."""
    _require_draft(program)
    with transaction.atomic():
        program.episode.programs.select_for_update().filter(status=ProgramStatus.ACTIVE).update(
            status=ProgramStatus.SUPERSEDED
        )
        program.status = ProgramStatus.ACTIVE
        program.published_at = timezone.now()
        return _save(program)


def program_revise(*, program: HomeProgram, acting_user) -> HomeProgram:
    """Copy a published version into a new draft version; the published one stays as it is."""
    if program.is_draft:
        return program
    with transaction.atomic():
        draft = program.episode.programs.filter(status=ProgramStatus.DRAFT).first()
        if draft:
            return draft
        version = (program.episode.programs.aggregate(top=Max("version"))["top"] or 0) + 1
        revision = _save(
            HomeProgram(
                episode=program.episode,
                version=version,
                title=program.title,
                starts_on=max(program.starts_on, timezone.localdate()),
                ends_on=program.ends_on,
                message=program.message,
                created_by=acting_user,
            )
        )
        ProgramItem.objects.bulk_create(
            [
                ProgramItem(
                    program=revision,
                    exercise_id=item.exercise_id,
                    position=item.position,
                    note=item.note,
                    **item.dosage(),
                )
                for item in program.items.all()
            ]
        )
        return revision


# --- the patient's logs ------------------------------------------------------------------------


@transaction.atomic
def programs_end(*, episode, ended_on: datetime.date, acting_user) -> int:
    """End the episode's current program on `ended_on` (not before its start); return how many were ended."""
    ended = 0
    for program in episode.programs.select_for_update().filter(status=ProgramStatus.ACTIVE):
        last_day = max(ended_on, program.starts_on)
        if program.ends_on is None or program.ends_on > last_day:
            program.ends_on = last_day
            _save(program)
            ended += 1
    return ended


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
        return log, True


def bladder_entry_create(*, entry: BladderEntry, patient, acting_user) -> BladderEntry:
    """Add a line to a patient's bladder diary, filed under the diary day it belongs to."""
    entry.patient = patient
    entry.entered_by = acting_user
    entry.diary_day = diary_day(timezone.localtime(entry.recorded_at), moment=entry.moment)
    return _save(entry)


def bowel_entry_create(*, entry: BowelEntry, patient, acting_user) -> BowelEntry:
    """Add a line to a patient's bowel diary."""
    entry.patient = patient
    entry.entered_by = acting_user
    entry.diary_day = timezone.localtime(entry.recorded_at).date()
    return _save(entry)
