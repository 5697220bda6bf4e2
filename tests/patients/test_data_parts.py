"""Every model that holds patient data is registered, so that the export and the destruction cover it."""

from django.apps import apps

from patients import extensions
from patients.models import Patient

# The access log outlives the record on purpose: its entries keep the patient's id and label as logged.
KEPT_ON_PURPOSE = {"clinic.AccessLogEntry"}
PROJECT_APPS = {"clinic", "patients", "programs"}


def reaches_patient(model, seen=()):
    """Return whether a chain of foreign keys and one-to-ones leads from the model to Patient."""
    if model is Patient:
        return True
    for field in model._meta.concrete_fields:
        target = field.related_model if field.is_relation and field.many_to_one or field.one_to_one else None
        if target is not None and target not in seen and reaches_patient(target, (*seen, model)):
            return True
    return False


def models_with_patient_data():
    return {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not model.__name__.startswith("Historical")  # the plan's history, removed with the plan
        and model._meta.label not in KEPT_ON_PURPOSE
        and reaches_patient(model)
    }


def test_every_model_holding_patient_data_is_a_registered_part():
    registered = {part.model._meta.label for part in extensions.data_parts}
    # The patient's own row is the root of the record: the export and the destruction handle it last.
    assert models_with_patient_data() - registered - {"patients.Patient"} == set()


def test_the_check_finds_the_models_of_both_apps():
    found = models_with_patient_data()
    assert {"patients.Patient", "patients.NoteAddendum", "programs.ExerciseLog", "programs.ProgramItem"} <= found
    assert "programs.Exercise" not in found and "clinic.User" not in found
