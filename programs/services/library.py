"""Writes of the library: the built-in exercises from their data file, a practice's own exercises, templates."""

import tomllib
from pathlib import Path

from django.db import transaction

from clinic.services import save_validated
from programs.choices import ProgramStatus
from programs.models import Exercise, ProgramItem, ProgramTemplate, TemplateItem
from programs.services.programs import dosage_save, items_save, next_position
from programs.services.record import program_facts_refresh

BUILTIN_LIBRARY = Path(__file__).resolve().parent.parent / "data" / "builtin_exercises.toml"
BUILTIN_FIELDS = (
    "kind",
    "sets",
    "repetitions",
    "hold_seconds",
    "relax_seconds",
    "times_per_day",
    "days_per_week",
    "contraindications",
    "title_nl",
    "title_en",
    "instructions_nl",
    "instructions_en",
    "alt_nl",
    "alt_en",
)


def builtin_library_read(path=BUILTIN_LIBRARY) -> dict[str, dict]:
    """Return the built-in exercises of the data file, {code: fields}."""
    with open(path, "rb") as data:
        return tomllib.load(data)


@transaction.atomic
def builtin_library_sync(*, path=BUILTIN_LIBRARY) -> tuple[int, int]:
    """Bring the built-in library in line with its data file; return (created, changed).

    Exercises are matched by their stable code and never by a practice's own ones. One that is no
    longer in the file stays: home programs may hold it, and an old version must stay readable.
    """
    library = builtin_library_read(path)
    existing = {exercise.code: exercise for exercise in Exercise.objects.builtin().filter(code__in=list(library))}
    created = changed = 0
    for code, fields in library.items():
        exercise = existing.get(code) or Exercise(practice=None, code=code)
        values = {name: fields[name] for name in BUILTIN_FIELDS}
        if exercise.pk and all(getattr(exercise, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(exercise, name, value)
        dosage_save(exercise)
        created, changed = (created + 1, changed) if not existing.get(code) else (created, changed + 1)
    return created, changed


def exercise_save(*, exercise: Exercise, acting_user) -> Exercise:
    """Create or change a practice-own exercise; the built-in library stays as it is."""
    if exercise.pk is None:
        exercise.practice_id = acting_user.practice_id
        exercise.created_by = acting_user
    if exercise.practice_id is None or exercise.practice_id != acting_user.practice_id:
        raise PermissionError("Only a practice's own exercises can be changed.")
    with transaction.atomic():
        dosage_save(exercise)
        # Its kind and tags decide whether current programs strengthen: the record's safety rules read that.
        in_use = ProgramItem.objects.filter(exercise=exercise, program__status=ProgramStatus.ACTIVE)
        program_facts_refresh(
            episode_ids=set(in_use.values_list("program__episode_id", flat=True)), acting_user=acting_user
        )
        return exercise


def template_save(*, template: ProgramTemplate, acting_user, changed_items=(), deleted_items=()) -> ProgramTemplate:
    """Create or change a practice's program template and its items."""
    if template.pk is None:
        template.practice_id = acting_user.practice_id
    with transaction.atomic():
        save_validated(template)
        items_save(changed=changed_items, deleted=deleted_items, acting_user=acting_user)
        return template


def template_add_exercises(*, template: ProgramTemplate, exercises, acting_user) -> list[TemplateItem]:
    """Append library exercises to a template with their default dosage."""
    with transaction.atomic():
        position = next_position(template.items)
        return [
            dosage_save(
                TemplateItem(template=template, exercise=exercise, position=position + offset, **exercise.dosage())
            )
            for offset, exercise in enumerate(exercises)
        ]
