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
from patients.models import (
    Appointment,
    Assessment,
    BiofeedbackSession,
    CareEpisode,
    Classification,
    Consent,
    Discharge,
    GPLetter,
    Intake,
    Intervention,
    NeedlingReferral,
    NoteAddendum,
    OutcomeMeasure,
    Patient,
    PlanGoal,
    RedFlagScreening,
    Referral,
    SafetyOverride,
    SessionNote,
    TreatmentPlan,
)
from programs.models import BladderEntry, BowelEntry, ExerciseLog, HomeProgram

# Deleted in this order, each part before what it points to; (model, lookup to the patient).
PARTS = [
    (ExerciseLog, "patient"),
    (BladderEntry, "patient"),
    (BowelEntry, "patient"),
    (HomeProgram, "episode__patient"),
    (Appointment, "episode__patient"),
    (NoteAddendum, "note__episode__patient"),
    (SessionNote, "episode__patient"),
    (BiofeedbackSession, "plan__episode__patient"),
    (SafetyOverride, "plan__episode__patient"),
    (NeedlingReferral, "plan__episode__patient"),
    (Referral, "plan__episode__patient"),
    (PlanGoal, "plan__episode__patient"),
    (Intervention, "plan__episode__patient"),
    (TreatmentPlan, "episode__patient"),
    (GPLetter, "episode__patient"),
    (Classification, "episode__patient"),
    (Assessment, "episode__patient"),
    (OutcomeMeasure, "episode__patient"),
    (Discharge, "episode__patient"),
    (RedFlagScreening, "episode__patient"),
    (Intake, "episode__patient"),
    (CareEpisode, "patient"),
    (Consent, "patient"),
]
# The plan's version history holds copies of the plan, its goals and interventions.
HISTORIES = [TreatmentPlan, PlanGoal, Intervention]


def destruction_counts(patient: Patient) -> dict[str, int]:
    """Return how many rows of each part of the record destruction would remove."""
    return {
        str(model._meta.verbose_name_plural): model.objects.filter(**{lookup: patient}).count()
        for model, lookup in PARTS
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
    for model, lookup in PARTS:
        model.objects.filter(**{lookup: patient}).delete()
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
