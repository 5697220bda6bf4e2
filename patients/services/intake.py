"""Writes of the intake and its obstetric history."""

from django.db import transaction

from clinic.services import save_validated
from patients.models import Birth, Intake


@transaction.atomic
def intake_save(*, episode, births: list[dict], removed_births=(), acting_user, fields: dict) -> Intake:
    """Record or correct the episode's intake together with the births told."""
    try:
        intake = episode.intake
    except Intake.DoesNotExist:
        intake = Intake(episode=episode, taken_by=acting_user)
    save_validated(intake, fields)
    for birth in removed_births:
        if birth.intake_id == intake.pk:
            birth.delete()
    for data in births:
        birth = data.pop("id", None) or Birth(intake=intake)
        if birth.intake_id != intake.pk:
            continue
        save_validated(birth, data)
    return intake
