"""Writes of the library: a practice's own exercises and its program templates."""

from django.db import transaction

from clinic.services import save_validated
from programs.choices import ProgramStatus
from programs.models import Exercise, ProgramItem, ProgramTemplate, TemplateItem
from programs.services.programs import dosage_save, items_save, next_position
from programs.services.record import program_facts_refresh


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
