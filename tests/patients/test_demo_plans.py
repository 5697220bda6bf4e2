import pytest

from patients.demo_plans import seed_demo_plans
from patients.models import PlanStatus, SafetyCode, SafetyOverride, TreatmentPlan
from tests.factories import TherapistFactory

pytestmark = pytest.mark.django_db


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
