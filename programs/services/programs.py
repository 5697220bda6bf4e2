"""Writes of home programs: start, edit, publish, revise and end a care episode's program."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.services import save_validated
from programs.choices import ProgramStatus
from programs.models import Exercise, HomeProgram, ProgramItem
from programs.rules import StartingDosage, dosage_errors, dosage_from_perfect, perfect_item_dosage
from programs.services.record import program_facts_refresh


class DosageError(ValidationError):
    """A dosage the rules refuse, with the exercise, template item or program item it belongs to."""

    def __init__(self, row, errors):
        super().__init__({"relax_seconds": errors})
        self.row = row


def dosage_save(row):
    """Save an exercise, template item or program item once its dosage passes the rules (relax ≥ 2 × hold)."""
    kind = row.dosage_kind()
    if kind and row.hold_seconds is not None and row.relax_seconds is not None:
        errors = dosage_errors(kind=kind, hold_seconds=row.hold_seconds, relax_seconds=row.relax_seconds)
        if errors:
            raise DosageError(row, errors)
    return save_validated(row)


def next_position(items):
    """Return the position after the last of these template or program items."""
    return (items.aggregate(top=Max("position"))["top"] or 0) + 1


def _item_from(program, source, position, **overrides):
    dosage = {**source.dosage(), **overrides}
    return dosage_save(
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
        program = save_validated(
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
        position = next_position(program.items)
        for offset, exercise in enumerate(exercises):
            _item_from(program, exercise, position + offset, **perfect_item_dosage(exercise.kind, starting))
        return program


def program_add_exercises(*, program: HomeProgram, exercises, acting_user) -> list[ProgramItem]:
    """Append library exercises with their default dosage to a draft."""
    _require_draft(program)
    with transaction.atomic():
        position = next_position(program.items)
        return [_item_from(program, exercise, position + offset) for offset, exercise in enumerate(exercises)]


def move_item(*, item, siblings, step: int, acting_user) -> None:
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


def items_save(*, changed, deleted, acting_user) -> None:
    """Save the checked dosage and note of template or program items and remove the deleted ones."""
    with transaction.atomic():
        for item in changed:
            dosage_save(item)
        for item in deleted:
            item.delete()


def program_save_draft(*, program: HomeProgram, changed_items, deleted_items, acting_user) -> HomeProgram:
    """Save a draft's dates, title, message and items in one go."""
    _require_draft(program)
    with transaction.atomic():
        save_validated(program)
        items_save(changed=changed_items, deleted=deleted_items, acting_user=acting_user)
        return program


def _require_draft(program):
    if not program.is_draft:
        raise ValueError("Only a draft can be changed; revise the program to change it.")


def program_publish(*, program: HomeProgram, acting_user) -> HomeProgram:
    """Make a draft the patient's current program; the previous version is kept as superseded."""
    _require_draft(program)
    if not program.items.exists():
        raise ValidationError(_("Add at least one exercise before publishing."))
    with transaction.atomic():
        program.episode.programs.select_for_update().filter(status=ProgramStatus.ACTIVE).update(
            status=ProgramStatus.SUPERSEDED
        )
        program.status = ProgramStatus.ACTIVE
        program.published_at = timezone.now()
        save_validated(program)
        program_facts_refresh(episode_ids=[program.episode_id], acting_user=acting_user)
        return program


def program_revise(*, program: HomeProgram, acting_user) -> HomeProgram:
    """Copy a published version into a new draft version; the published one stays as it is."""
    if program.is_draft:
        return program
    with transaction.atomic():
        draft = program.episode.programs.filter(status=ProgramStatus.DRAFT).first()
        if draft:
            return draft
        version = (program.episode.programs.aggregate(top=Max("version"))["top"] or 0) + 1
        revision = save_validated(
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


@transaction.atomic
def program_end(*, episode, ended_on: datetime.date, acting_user) -> int:
    """End the episode's current program on `ended_on` (not before its start); return how many were ended."""
    ended = 0
    for program in episode.programs.select_for_update().filter(status=ProgramStatus.ACTIVE):
        last_day = max(ended_on, program.starts_on)
        if program.ends_on is None or program.ends_on > last_day:
            program.ends_on = last_day
            save_validated(program)
            ended += 1
    program_facts_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return ended


def program_end_at_discharge(sender, *, episode, acting_user, **kwargs):
    """End the home program with the care episode (connected to patients.extensions.episode_discharged)."""
    program_end(episode=episode, ended_on=episode.discharged_on, acting_user=acting_user)
