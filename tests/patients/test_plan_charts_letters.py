"""The letter text composed from the record."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from patients.choices import LetterKind, ReferralTopic
from patients.documents.letters import compose_letter
from tests.factories import (
    BiofeedbackSessionFactory,
    IntakeFactory,
    InterventionFactory,
    PlanGoalFactory,
    ReferralFactory,
    TreatmentPlanFactory,
)

DAY = datetime.date(2026, 3, 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "opening"),
    [
        (LetterKind.INTAKE, "started pelvic physiotherapy with us"),
        (LetterKind.PROGRESS, "Here is an update"),
        (LetterKind.DISCHARGE, "has ended"),
    ],
)
def test_each_letter_kind_is_composed_from_the_record(kind, opening):
    plan = TreatmentPlanFactory(closing_summary="Klachtenvrij na negen behandelingen.", gp_consult_advised=True)
    plan.episode.patient.gp_name = "Dr. Kok"
    PlanGoalFactory(plan=plan, description="Droog bij hoesten", achieved=True)
    InterventionFactory(plan=plan)
    BiofeedbackSessionFactory(plan=plan, resting_tone_uv=Decimal("8.5"), peak_uv=30)
    BiofeedbackSessionFactory(plan=plan, resting_tone_uv=Decimal("4.5"), peak_uv=30)
    with translation.override("en"):
        subject, body = compose_letter(episode=plan.episode, kind=kind, author=plan.created_by)
    assert str(plan.episode.patient) in subject
    assert body.startswith("Dear Dr. Kok,")
    assert opening in body
    assert "Droog bij hoesten" in body and "(achieved)" in body
    assert "8.5 → 4.5 µV" in body
    assert "consult you about pain medication" in body
    assert ("Klachtenvrij" in body) == (kind == LetterKind.DISCHARGE)


@pytest.mark.django_db
def test_letter_about_pain_medication_names_the_nsaid_cautions_from_the_intake():
    plan = TreatmentPlanFactory(gp_consult_advised=False)
    IntakeFactory(episode=plan.episode, uses_anticoagulants=True, kidney_problems=True)
    letter = {"episode": plan.episode, "kind": LetterKind.PROGRESS, "author": plan.created_by}
    with translation.override("en"):
        _subject, without_referral = compose_letter(**letter)
        ReferralFactory(plan=plan, topic=ReferralTopic.PAIN_MEDICATION)
        _subject, body = compose_letter(**letter)
    assert "NSAIDs" not in without_referral
    caution = "Of note for NSAIDs (ibuprofen, naproxen), from our intake: the patient uses anticoagulants, has kidney"
    assert caution + " problems." in body
