"""The letter text composed from the record."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from patients.choices import LetterKind, ReferralTopic
from patients.documents.letters import compose_letter
from tests.factories import (
    AssessmentFactory,
    BiofeedbackSessionFactory,
    DischargeFactory,
    IntakeFactory,
    InterventionFactory,
    NeedlingReferralFactory,
    OutcomeMeasureFactory,
    PlanGoalFactory,
    RedFlagScreeningFactory,
    ReferralFactory,
    TreatmentPlanFactory,
)

DAY = datetime.date(2026, 3, 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "opening"),
    [
        (LetterKind.REFERRAL_ANSWER, "Thank you for referring"),
        (LetterKind.INTERIM, "An interim report on the pelvic physiotherapy"),
        (LetterKind.FINAL, "has ended"),
    ],
)
def test_each_treatment_message_is_composed_from_the_record(kind, opening):
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
    assert ("8.5 → 4.5 µV" in body) == (kind != LetterKind.FINAL)
    assert "Advice to the GP\nWe advised the patient to consult you about pain medication." in body
    assert ("Klachtenvrij" in body) == (kind == LetterKind.FINAL)


@pytest.mark.django_db
def test_letter_about_pain_medication_names_the_nsaid_cautions_from_the_intake():
    plan = TreatmentPlanFactory(gp_consult_advised=False)
    IntakeFactory(episode=plan.episode, uses_anticoagulants=True, kidney_problems=True)
    letter = {"episode": plan.episode, "kind": LetterKind.INTERIM, "author": plan.created_by}
    with translation.override("en"):
        _subject, without_referral = compose_letter(**letter)
        ReferralFactory(plan=plan, topic=ReferralTopic.PAIN_MEDICATION)
        _subject, body = compose_letter(**letter)
    assert "NSAIDs" not in without_referral
    caution = "Of note for NSAIDs (ibuprofen, naproxen), from our intake: the patient uses anticoagulants, has kidney"
    assert caution + " problems." in body


@pytest.mark.django_db
def test_the_final_report_gives_each_goals_result_the_pgi_i_with_its_meaning_and_the_measures_first_to_latest():
    plan = TreatmentPlanFactory()
    episode = plan.episode
    AssessmentFactory(
        episode=episode,
        internal_route="vaginal",
        resting_tone="high",
        oxford_power=2,
        cough_reflex="delayed",
        trigger_points="m. obturatorius links",
    )
    PlanGoalFactory(plan=plan, description="Droog bij hoesten", achieved=True)
    PlanGoalFactory(plan=plan, description="Pijnvrij fietsen", achieved=False)
    DischargeFactory(episode=episode, discharged_on=DAY, goals_met="partly", pgi_i=2)
    OutcomeMeasureFactory(episode=episode, score=7, total=Decimal("7.0"), measured_on=DAY)
    OutcomeMeasureFactory(episode=episode, score=3, total=Decimal("3.0"), measured_on=DAY + datetime.timedelta(days=1))
    with translation.override("nl"):
        _subject, body = compose_letter(episode=episode, kind=LetterKind.FINAL, author=plan.created_by)
        _subject, answer = compose_letter(episode=episode, kind=LetterKind.REFERRAL_ANSWER, author=plan.created_by)
    assert "inwendig onderzoek: vaginaal" in answer and "inwendig onderzoek" not in body
    assert "rusttonus: hoog" in answer and "kracht 2" in answer and "timing vertraagd" in answer
    assert "triggerpoints en gevoelige punten: m. obturatorius links" in answer
    assert (
        "Droog bij hoesten" in body and "(bereikt)" in body and "Pijnvrij fietsen" in body and "(niet bereikt)" in body
    )
    assert "beëindigd op 2 maart 2026" in body
    assert "2 van 7 op de PGI-I: veel beter" in body
    assert "7 → 3 (2 maart 2026 → 3 maart 2026)" in body and ",0" not in body


@pytest.mark.django_db
def test_the_letter_names_the_screening_the_planned_sessions_the_needling_referral_and_the_signers_registration():
    plan = TreatmentPlanFactory(planned_sessions=9)
    plan.created_by.registration_number = "BIG 19012345601"
    RedFlagScreeningFactory(episode=plan.episode, screened_on=DAY)
    NeedlingReferralFactory(plan=plan)
    with translation.override("en"):
        _subject, body = compose_letter(episode=plan.episode, kind=LetterKind.REFERRAL_ANSWER, author=plan.created_by)
    assert "Red-flag screening of 2 March 2026: no red flags." in body
    assert "We plan 9 sessions." in body
    assert "Referred for dry needling to M. de Wit, Bekkenpraktijk Oost (m. obturator internus links)." in body
    assert body.endswith("BIG 19012345601")
