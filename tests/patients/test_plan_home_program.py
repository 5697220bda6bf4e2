"""The plan's "relaxation first" rule also looks at the strengthening items of the current home program."""

import pytest

from patients.choices import PelvicFloorClass, SafetyCode
from patients.models import TreatmentPlan
from patients.selectors.plans import home_program_strengthening, plan_warnings
from programs.services.record import program_facts_refresh
from tests.factories import ExerciseFactory, HomeProgramFactory, ProgramItemFactory, TreatmentPlanFactory

pytestmark = pytest.mark.django_db


def plan_with_program(pelvic_floor_class, *, kind="strength", tags=(), status="active"):
    plan = TreatmentPlanFactory(pelvic_floor_class=pelvic_floor_class)
    program = HomeProgramFactory(episode=plan.episode, status=status)
    exercise = ExerciseFactory(practice=plan.episode.patient.practice, kind=kind, contraindications=list(tags))
    ProgramItemFactory(program=program, exercise=exercise, hold_seconds=0, relax_seconds=0)
    # What the programs' services do on every write of a program.
    program_facts_refresh(episode_ids=[plan.episode_id])
    return plan


def codes(plan):
    return [warning.code for warning in plan_warnings(plan)]


@pytest.mark.parametrize(
    ("pelvic_floor_class", "kind", "tags", "status", "warned"),
    [
        (PelvicFloorClass.OVERACTIVE, "strength", (), "active", True),
        (PelvicFloorClass.OVERACTIVE, "endurance", (), "active", True),
        (PelvicFloorClass.OVERACTIVE, "habit", ("strengthening",), "active", True),
        (PelvicFloorClass.OVERACTIVE, "relax", (), "active", False),
        (PelvicFloorClass.OVERACTIVE, "strength", (), "draft", False),
        (PelvicFloorClass.UNDERACTIVE, "strength", (), "active", False),
    ],
)
def test_relaxation_first_follows_the_current_home_program(pelvic_floor_class, kind, tags, status, warned):
    plan = plan_with_program(pelvic_floor_class, kind=kind, tags=tags, status=status)
    assert (SafetyCode.RELAXATION_FIRST in codes(plan)) is warned


def test_an_episode_without_program_has_no_strengthening():
    assert home_program_strengthening(TreatmentPlanFactory().episode) == []


def test_the_plan_names_the_strengthening_exercises_of_the_home_program():
    plan = plan_with_program(PelvicFloorClass.OVERACTIVE, kind="strength")
    (warning,) = [warning for warning in plan_warnings(plan) if warning.code == SafetyCode.RELAXATION_FIRST]
    assert home_program_strengthening(plan.episode)[0] in str(warning.message)


@pytest.mark.parametrize(
    ("pelvic_floor_class", "queries"), [(PelvicFloorClass.UNDERACTIVE, 0), (PelvicFloorClass.OVERACTIVE, 1)]
)
def test_the_home_program_is_read_only_when_the_floor_is_overactive(
    pelvic_floor_class, queries, django_assert_num_queries
):
    plan = plan_with_program(pelvic_floor_class)
    plan = (
        TreatmentPlan.objects.select_related("episode__patient", "episode__intake", "episode__screening")
        .prefetch_related("interventions", "needling_referrals")
        .get(pk=plan.pk)
    )
    with django_assert_num_queries(queries):
        plan_warnings(plan)
