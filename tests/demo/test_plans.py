import pytest

from demo.plans import seed_demo_plans
from patients.choices import InterventionKind, PlanStatus, SafetyCode
from patients.models import Patient, SafetyOverride, TreatmentPlan
from tests.factories import ClassificationFactory, IntakeFactory, TherapistFactory

# Seeding and fuzzing take seconds a test: they run with `make test-slow` and in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_plans_show_an_overactive_case_with_needling_and_biofeedback_and_a_justified_override(practice):
    TherapistFactory(practice=practice)
    needling_therapist = TherapistFactory(practice=practice)
    overactive, override = seed_demo_plans(practice=practice)
    assert overactive.status == override.status == PlanStatus.ACTIVE
    referral = overactive.needling_referrals.get()
    assert referral.is_sent and referral.qualified_therapist == needling_therapist
    assert overactive.biofeedback_sessions.count() == 5
    assert overactive.episode.gp_letters.count() == 1
    codes = set(SafetyOverride.objects.filter(plan=override).values_list("code", flat=True))
    assert codes == {SafetyCode.RELAXATION_FIRST}
    needling_therapist.refresh_from_db()
    assert needling_therapist.is_needling_qualified


def test_demo_plans_can_be_seeded_twice(practice):
    TherapistFactory(practice=practice)
    seed_demo_plans(practice=practice)
    assert seed_demo_plans(practice=practice) == []
    assert TreatmentPlan.objects.count() == 2


def test_demo_plans_use_the_practice_episodes_and_plan_every_classified_one(practice):
    therapist = TherapistFactory(practice=practice)
    TherapistFactory(practice=practice)
    first, second = (
        ClassificationFactory(
            episode__patient__practice=practice, episode__therapist=therapist, pelvic_floor_class="overactive"
        ).episode
        for _ in range(2)
    )
    underactive = ClassificationFactory(
        episode__patient__practice=practice, episode__therapist=therapist, pelvic_floor_class="underactive"
    ).episode
    IntakeFactory(episode=underactive, psk_activity_1="Hardlopen", psk_score_1=8)
    patients = Patient.objects.count()
    plans = seed_demo_plans(practice=practice)
    assert [plan.episode for plan in plans] == [first, second, underactive]
    assert first.plan.needling_referrals.get().is_sent
    assert second.plan.overrides.get().code == SafetyCode.RELAXATION_FIRST
    assert underactive.plan.goals.get().description.startswith("Hardlopen")
    assert underactive.plan.interventions.first().kind == InterventionKind.PFMT
    assert seed_demo_plans(practice=practice) == []
    assert Patient.objects.count() == patients
