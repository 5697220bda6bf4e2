"""The letter text composed from the record."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from patients.choices import LetterKind
from patients.documents.letters import compose_letter
from tests.factories import (
    BiofeedbackSessionFactory,
    InterventionFactory,
    PlanGoalFactory,
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
