"""The plan's writes: drafts, revisions with history, activation, interventions and overrides."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from patients.choices import InterventionKind, PfmtFocus, PlanStatus, SafetyCode
from patients.models import PlanGoal, SafetyOverride, TreatmentPlan
from patients.selectors.plans import rows_as_of
from patients.services import plans as services
from tests.factories import (
    CareEpisodeFactory,
    ClassificationFactory,
    InterventionFactory,
    PlanGoalFactory,
    RedFlagScreeningFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Read the services' messages and reasons in English."""
    with translation.override("en"):
        yield


TODAY = datetime.date(2026, 3, 2)


def plan_fields(**overrides):
    return {
        "pelvic_floor_class": "overactive",
        "analysis": "Overactieve bekkenbodem met pijn bij zitten.",
        "started_on": TODAY,
        "review_on": TODAY + datetime.timedelta(weeks=6),
        "planned_sessions": 8,
        "gp_consult_advised": False,
        **overrides,
    }


def goal(**overrides):
    return {
        "instance": None,
        "delete": False,
        "description": "Zitten zonder pijn",
        "measure": "NRS",
        "target": "NRS 2 of lager",
        "review_on": None,
        "achieved": False,
        **overrides,
    }


def test_a_new_plan_is_a_draft_with_its_goals_and_history(therapist):
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)
    plan = services.plan_create(episode=episode, fields=plan_fields(), goals=[goal()], acting_user=therapist)
    assert plan.status == PlanStatus.DRAFT
    assert plan.goals.get().review_on == plan.review_on
    record = plan.history.get()
    assert record.history_user == therapist
    assert record.history_change_reason == "Plan written"


def test_an_episode_has_one_plan(therapist):
    plan = TreatmentPlanFactory(episode__therapist=therapist)
    with pytest.raises(ValidationError):
        services.plan_create(episode=plan.episode, fields=plan_fields(), goals=[goal()], acting_user=therapist)
    assert TreatmentPlan.objects.count() == 1


def test_a_review_date_before_the_start_is_refused_and_nothing_is_saved(therapist):
    episode = CareEpisodeFactory()
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            episode=episode,
            fields=plan_fields(review_on=TODAY - datetime.timedelta(days=1)),
            goals=[],
            acting_user=therapist,
        )
    assert "review date" in str(error.value)
    assert not TreatmentPlan.objects.exists()


def test_a_goal_without_a_measure_is_refused_and_nothing_is_saved(therapist):
    episode = CareEpisodeFactory()
    with pytest.raises(ValidationError):
        services.plan_create(episode=episode, fields=plan_fields(), goals=[goal(measure="")], acting_user=therapist)
    assert not TreatmentPlan.objects.exists()
    assert not PlanGoal.objects.exists()


def test_editing_a_draft_keeps_the_version(therapist):
    plan = TreatmentPlanFactory()
    services.plan_update(
        plan=plan, fields=plan_fields(planned_sessions=10), goals=[], reason="", justification="", acting_user=therapist
    )
    plan.refresh_from_db()
    assert (plan.version, plan.status, plan.planned_sessions) == (1, PlanStatus.DRAFT, 10)


def test_revising_an_active_plan_needs_a_reason(therapist):
    plan = TreatmentPlanFactory(active=True)
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            plan=plan, fields=plan_fields(), goals=[], reason=" ", justification="", acting_user=therapist
        )
    assert "reason" in error.value.error_dict


def test_revising_an_active_plan_keeps_the_earlier_version_readable(therapist):
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)
    plan = services.plan_create(
        episode=episode,
        fields=plan_fields(pelvic_floor_class="underactive", planned_sessions=6),
        goals=[goal(description="Droog bij hoesten")],
        acting_user=therapist,
    )
    plan = services.plan_activate(plan=plan, justification="", acting_user=therapist)
    before = plan.history.first()
    services.plan_update(
        plan=plan,
        fields=plan_fields(planned_sessions=12, pelvic_floor_class="underactive"),
        goals=[goal(instance=plan.goals.get(), delete=True), goal(description="Hardlopen zonder verlies")],
        reason="Na evaluatie: doel aangepast",
        justification="",
        acting_user=therapist,
    )
    plan.refresh_from_db()
    assert (plan.version, plan.status, plan.planned_sessions) == (2, PlanStatus.REVISED, 12)
    assert plan.history.count() == 3
    latest = plan.history.first()
    assert latest.history_user == therapist
    assert latest.history_change_reason == "Na evaluatie: doel aangepast"
    assert {"planned_sessions", "status"} <= {change.field for change in latest.diff_against(before).changes}
    assert [g.description for g in rows_as_of(PlanGoal, plan, plan.history.last().history_date)] == [
        "Droog bij hoesten"
    ]
    assert [g.description for g in rows_as_of(PlanGoal, plan, before.history_date)] == ["Droog bij hoesten"]
    assert [g.description for g in rows_as_of(PlanGoal, plan, latest.history_date)] == ["Hardlopen zonder verlies"]


def test_an_open_red_flag_stops_activation_even_with_a_justification(therapist):
    plan = TreatmentPlanFactory()
    PlanGoalFactory(plan=plan)
    RedFlagScreeningFactory(
        episode=plan.episode, unexplained_bleeding=True, gp_contact_advised=True, decision="gp_clearance"
    )
    with pytest.raises(ValidationError) as error:
        services.plan_activate(plan=plan, justification="Ik neem het risico", acting_user=therapist)
    assert "red flag" in str(error.value)
    plan.refresh_from_db()
    assert plan.is_draft
    assert not SafetyOverride.objects.exists()


def test_a_red_flag_cleared_by_the_gp_no_longer_stops_activation(therapist):
    plan = TreatmentPlanFactory()
    PlanGoalFactory(plan=plan)
    RedFlagScreeningFactory(
        episode=plan.episode,
        unexplained_bleeding=True,
        gp_contact_advised=True,
        decision="gp_clearance",
        gp_cleared_on=TODAY,
    )
    services.plan_activate(plan=plan, justification="", acting_user=therapist)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE and plan.activated_at


def test_a_plan_without_goals_is_not_activated(therapist):
    plan = TreatmentPlanFactory()
    with pytest.raises(ValidationError):
        services.plan_activate(plan=plan, justification="", acting_user=therapist)


def test_strengthening_an_overactive_floor_needs_a_justification_which_is_kept(therapist):
    plan = TreatmentPlanFactory(pelvic_floor_class="overactive")
    ClassificationFactory(episode=plan.episode, pelvic_floor_class="overactive")
    parameters = {"focus": [PfmtFocus.STRENGTH], "position": "lying", "hold_seconds": 5, "rest_seconds": 10}
    with pytest.raises(ValidationError) as error:
        services.intervention_save(
            plan=plan, kind=InterventionKind.PFMT, parameters=parameters, notes="", acting_user=therapist
        )
    assert "justification" in error.value.error_dict
    assert not plan.interventions.exists()

    services.intervention_save(
        plan=plan,
        kind=InterventionKind.PFMT,
        parameters=parameters,
        notes="",
        justification="Ook stressincontinentie; eerst ontspannen, daarna licht aanspannen.",
        acting_user=therapist,
    )
    override = SafetyOverride.objects.get()
    assert override.code == SafetyCode.RELAXATION_FIRST
    assert override.overridden_by == therapist
    assert plan.interventions.get().pfmt_focuses == [PfmtFocus.STRENGTH]


def test_an_override_lets_activation_pass_and_is_not_asked_twice(therapist):
    plan = TreatmentPlanFactory(pelvic_floor_class="overactive")
    PlanGoalFactory(plan=plan)
    InterventionFactory(plan=plan, kind=InterventionKind.PFMT, parameters={"focus": ["strength"]})
    with pytest.raises(ValidationError):
        services.plan_activate(plan=plan, justification="", acting_user=therapist)
    services.plan_activate(plan=plan, justification="Gecombineerd beeld, besproken met patiënt.", acting_user=therapist)
    assert SafetyOverride.objects.count() == 1


def test_changing_an_intervention_of_an_active_plan_makes_a_new_version(therapist):
    plan = TreatmentPlanFactory(active=True)
    services.intervention_save(
        plan=plan, kind=InterventionKind.DOWNTRAINING, parameters={"focus": ["heat"]}, notes="", acting_user=therapist
    )
    plan.refresh_from_db()
    assert (plan.version, plan.status) == (2, PlanStatus.REVISED)
    assert plan.history.first().history_change_reason.startswith("Intervention added")
    services.intervention_remove(intervention=plan.interventions.get(), acting_user=therapist)
    plan.refresh_from_db()
    assert plan.version == 3 and not plan.interventions.exists()


def test_closing_needs_an_outcome_and_a_closed_plan_is_not_changed(therapist):
    plan = TreatmentPlanFactory(active=True)
    with pytest.raises(ValidationError):
        services.plan_close(plan=plan, closing_summary="", acting_user=therapist)
    services.plan_close(plan=plan, closing_summary="Doelen bereikt.", acting_user=therapist)
    plan.refresh_from_db()
    assert plan.is_closed
    with pytest.raises(ValidationError):
        services.intervention_save(
            plan=plan, kind=InterventionKind.TENS, parameters={}, notes="", acting_user=therapist
        )
