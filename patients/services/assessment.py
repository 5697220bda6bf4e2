"""Writes of the assessment, with the consent check for internal examination, and the classification."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.choices import EpisodeStatus
from patients.models import Assessment, Classification, Consent
from patients.rules.record import missing_consent_for_route, suggest_classification, treatment_may_start
from patients.services.episode import episode_advance, screening_of
from patients.services.signals import episode_signals_refresh


def check_internal_examination_consent(assessment):
    """Refuse an internal examination unless the patient's consent for that route was valid on the day."""
    day_end = timezone.make_aware(datetime.datetime.combine(assessment.assessed_on, datetime.time.max))
    valid_kinds = set(
        Consent.objects.filter(patient_id=assessment.episode.patient_id)
        .valid_on(day_end)
        .values_list("kind", flat=True)
    )
    missing = missing_consent_for_route(assessment.internal_route, valid_kinds)
    if missing:
        raise ValidationError(
            {
                "internal_route": _(
                    "There is no valid consent for this examination (%(kind)s). Record the patient's consent first."
                )
                % {"kind": missing.label}
            }
        )


def _save_assessment(assessment, fields):
    for name, value in fields.items():
        setattr(assessment, name, value)
    check_internal_examination_consent(assessment)
    save_validated(assessment)
    # The first assessment makes the reply to a referral due.
    episode_signals_refresh(episode_ids=[assessment.episode_id])
    return assessment


@transaction.atomic
def assessment_create(*, episode, acting_user: User, fields: dict) -> Assessment:
    """Record the findings of a physical examination."""
    return _save_assessment(Assessment(episode=episode, therapist=acting_user), fields)


@transaction.atomic
def assessment_update(*, assessment: Assessment, acting_user: User, fields: dict) -> Assessment:
    """Correct the findings of a physical examination."""
    return _save_assessment(assessment, fields)


@transaction.atomic
def classification_record(*, episode, acting_user: User, fields: dict) -> Classification:
    """Record the therapist's ICS class, keeping beside it what the app suggested from the assessment."""
    classification = Classification(episode=episode, therapist=acting_user)
    assessment = fields.get("assessment")
    if assessment is not None and assessment.episode_id != episode.pk:
        raise ValidationError({"assessment": _("Choose an assessment of this care episode.")})
    if assessment is not None:
        classification.suggested_class = suggest_classification(assessment).pelvic_floor_class or ""
    save_validated(classification, fields)
    if treatment_may_start(referral_type=episode.patient.referral_type, screening=screening_of(episode)):
        episode_advance(episode, to=EpisodeStatus.IN_TREATMENT, after=(EpisodeStatus.SCREENING, EpisodeStatus.INTAKE))
    return classification
