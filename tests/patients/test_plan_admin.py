import pytest
from django.urls import reverse

from clinic.models import User
from tests.factories import (
    BiofeedbackSessionFactory,
    GPLetterFactory,
    NeedlingReferralFactory,
    PlanGoalFactory,
    ReferralFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db


def test_superuser_can_review_plans_and_their_records_in_the_django_admin(client):
    plan = TreatmentPlanFactory()
    PlanGoalFactory(plan=plan)
    BiofeedbackSessionFactory(plan=plan)
    ReferralFactory(plan=plan)
    NeedlingReferralFactory(plan=plan)
    GPLetterFactory(episode=plan.episode)
    client.force_login(User.objects.create_superuser("root@example.org", "a-long-admin-password", first_name="R"))
    for model in ("treatmentplan", "biofeedbacksession", "referral", "needlingreferral", "gpletter", "safetyoverride"):
        assert client.get(reverse(f"admin:patients_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:patients_treatmentplan_change", args=[plan.pk])).status_code == 200
    assert client.get(reverse("admin:patients_treatmentplan_history", args=[plan.pk])).status_code == 200
