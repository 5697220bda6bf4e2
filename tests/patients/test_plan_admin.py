"""Treatment plans and their parts in the Django admin: reviewed and edited by a superuser, never deleted."""

import pytest
from django.urls import reverse

from patients.models import GPLetter, TreatmentPlan
from tests.factories import (
    BiofeedbackSessionFactory,
    GPLetterFactory,
    InterventionFactory,
    NeedlingReferralFactory,
    PatientFactory,
    PlanGoalFactory,
    ReferralFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = TreatmentPlanFactory(episode__patient=PatientFactory(first_name="Sanne", last_name="Visser"))
    PlanGoalFactory(plan=plan, description="Continent when coughing")
    InterventionFactory(plan=plan)
    BiofeedbackSessionFactory(plan=plan)
    ReferralFactory(plan=plan)
    NeedlingReferralFactory(plan=plan)
    GPLetterFactory(episode=plan.episode)
    return plan


def test_plan_changelists_name_the_plan_and_the_patient(admin_client, plan):
    plans = admin_client.get(reverse("admin:patients_treatmentplan_changelist"), {"q": "Visser"}).text
    assert reverse("admin:patients_treatmentplan_change", args=[plan.pk]) in plans
    assert plan.episode.main_complaint in plans
    for model in ("biofeedbacksession", "referral", "needlingreferral"):
        assert "Sanne Visser" in admin_client.get(reverse(f"admin:patients_{model}_changelist")).text, model
    letters = admin_client.get(reverse("admin:patients_gpletter_changelist")).text
    assert reverse("admin:patients_gpletter_change", args=[GPLetter.objects.get(episode=plan.episode).pk]) in letters


def test_plan_page_shows_goals_and_interventions_without_delete_boxes(admin_client, plan):
    page = admin_client.get(reverse("admin:patients_treatmentplan_change", args=[plan.pk]))
    assert 'value="Continent when coughing"' in page.text
    assert 'name="interventions-0-kind"' in page.text
    assert f'name="episode" value="{plan.episode_id}"' in page.text
    assert 'name="_save"' in page.text
    assert "-DELETE" not in page.text


def test_plan_history_lists_each_saved_version(admin_client, plan):
    plan.analysis = "Overactive pelvic floor, reviewed"
    plan.save()
    page = admin_client.get(reverse("admin:patients_treatmentplan_history", args=[plan.pk]))
    versions = list(plan.history.values_list("history_id", flat=True))
    assert len(versions) == 2
    for history_id in versions:
        assert reverse("admin:patients_treatmentplan_simple_history", args=[plan.pk, history_id]) in page.text


def test_plan_is_not_deleted_in_the_admin(admin_client, plan):
    delete = reverse("admin:patients_treatmentplan_delete", args=[plan.pk])
    assert admin_client.get(delete).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert TreatmentPlan.objects.filter(pk=plan.pk).exists()
