"""Destroying a patient's record on their written request (WGBO art. 7:455), leaving the access log intact.

The record is otherwise never deleted: the app archives it. Only a superuser runs this, through
`manage.py destroy_patient_record`, and the destruction itself is written to the access log first;
the log's entries keep the patient's id and name as they were logged, so its hash chains still verify.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from patients import extensions
from patients.models import Intervention, Patient, PlanGoal, TreatmentPlan


def destruction_order():
    """Return every part of patient data, each before the parts it points to, so that no delete is refused.

    The order follows the foreign keys between the registered models: a row is removed before the row
    it refers to (an exercise log before its program item, a note before its episode).
    """
    parts = list(extensions.data_parts)
    models = {part.model for part in parts}

    def points_to(model):
        return {
            field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in models and field.related_model is not model
        }

    ordered = []
    while len(ordered) < len(parts):
        # A part may go once nothing still to be deleted points to it.
        remaining = [part for part in parts if part not in ordered]
        ready = [
            part
            for part in remaining
            if not any(part.model in points_to(other.model) for other in remaining if other is not part)
        ]
        if not ready:
            raise RuntimeError("The parts of patient data refer to each other in a circle.")
        ordered.extend(ready)
    return ordered


# The plan's version history holds copies of the plan, its goals and interventions.
HISTORIES = [TreatmentPlan, PlanGoal, Intervention]


def destruction_counts(patient: Patient) -> dict[str, int]:
    """Return how many rows of each part of the record destruction would remove."""
    return {
        str(part.model._meta.verbose_name_plural): part.model.objects.filter(**{part.to_patient: patient}).count()
        for part in destruction_order()
    }


@transaction.atomic
def patient_destroy(*, patient: Patient, request_reference: str, acting_user) -> dict[str, int]:
    """Remove every clinical row of the patient; log it first. Superusers only."""
    if not acting_user.is_superuser:
        raise PermissionDenied(_("Only a superuser can destroy a record."))
    if not request_reference.strip():
        raise ValidationError(_("Give the reference of the patient's written request."))
    record_access(
        None,
        action=AccessAction.DELETE,
        part=RecordPart.WHOLE_RECORD,
        patient=patient,
        user=acting_user,
        detail=f"destroyed on written request {request_reference.strip()}",
    )
    episode_ids = list(patient.episodes.values_list("pk", flat=True))
    plan_ids = list(TreatmentPlan.objects.filter(episode_id__in=episode_ids).values_list("pk", flat=True))
    removed = destruction_counts(patient)
    for part in destruction_order():
        part.model.objects.filter(**{part.to_patient: patient}).delete()
    TreatmentPlan.history.model.objects.filter(episode_id__in=episode_ids).delete()
    for model in HISTORIES[1:]:
        model.history.model.objects.filter(plan_id__in=plan_ids).delete()
    account = patient.user
    patient.delete()
    if account is not None:
        # The account stays because the access log names it; it can no longer log in.
        account.is_active = False
        account.set_unusable_password()
        account.save(update_fields=["is_active", "password"])
    return removed
