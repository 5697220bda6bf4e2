"""The worklists that read plans and home programs: plans past review, silent patients, high pain."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from patients.choices import EpisodeStatus, PainSignal, PlanStatus
from patients.selectors.followups import therapist_worklists
from programs.services.programs import program_end
from tests.factories import (
    AppointmentFactory,
    CareEpisodeFactory,
    ExerciseLogFactory,
    HomeProgramFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    ProgramItemFactory,
    RedFlagScreeningFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db

# Session, two-step check, access-log chain (PostgreSQL adds its advisory lock), today, later this week,
# open episodes, the caseload, one query per worklist, and the shown rows of the two worklists whose rule
# runs in Python.
DASHBOARD_QUERIES = 20

TODAY = timezone.localdate


def days_ago(days):
    return TODAY() - datetime.timedelta(days=days)


def episode_of(therapist, **kwargs):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    return CareEpisodeFactory(patient=patient, started_on=days_ago(60), **kwargs)


def program_of(episode, *, started_days_ago=20):
    return ProgramItemFactory(program=HomeProgramFactory(episode=episode, starts_on=days_ago(started_days_ago)))


def test_plans_past_review_hold_open_plans_of_the_therapist_only(therapist, other_therapist):
    late = TreatmentPlanFactory(episode=episode_of(therapist), started_on=days_ago(50), review_on=days_ago(2))
    TreatmentPlanFactory(episode=episode_of(therapist), started_on=days_ago(10), review_on=days_ago(-30))
    TreatmentPlanFactory(
        episode=episode_of(therapist),
        started_on=days_ago(50),
        review_on=days_ago(5),
        status=PlanStatus.CLOSED,
        activated_at=timezone.now(),
        closed_at=timezone.now(),
    )
    TreatmentPlanFactory(
        episode=episode_of(therapist, status=EpisodeStatus.DISCHARGED), started_on=days_ago(50), review_on=days_ago(5)
    )
    TreatmentPlanFactory(episode=episode_of(other_therapist), started_on=days_ago(50), review_on=days_ago(2))

    worklist = therapist_worklists(therapist)["plans_past_review"]

    assert [item.episode for item in worklist.items] == [late.episode]
    assert worklist.count == 1


def test_no_exercise_lists_running_programs_without_a_log_for_7_days(therapist, other_therapist):
    silent = program_of(episode_of(therapist))
    ExerciseLogFactory(item=silent, done_on=days_ago(9))
    never = program_of(episode_of(therapist), started_days_ago=8)
    active = program_of(episode_of(therapist))
    ExerciseLogFactory(item=active, done_on=days_ago(9))
    ExerciseLogFactory(item=active, done_on=days_ago(1))
    program_of(episode_of(therapist), started_days_ago=3)
    ended = program_of(episode_of(therapist))
    program_end(episode=ended.program.episode, ended_on=days_ago(1), acting_user=therapist)
    program_of(episode_of(other_therapist))

    worklist = therapist_worklists(therapist)["no_exercise"]

    assert [item.episode for item in worklist.items] == [silent.program.episode, never.program.episode]
    assert [(item.last_exercise_on, item.days) for item in worklist.items] == [(days_ago(9), 9), (None, 8)]


def test_pain_is_listed_when_it_persists_or_rises_over_days_from_logs_and_nrs_together(therapist):
    persisting = program_of(episode_of(therapist))
    for day in range(1, 8):
        ExerciseLogFactory(item=persisting, pain=8, done_on=days_ago(day))
    one_afternoon = program_of(episode_of(therapist))
    for _ in range(5):  # five logs on one day are one bad day
        ExerciseLogFactory(item=one_afternoon, pain=9, done_on=days_ago(1))
    rising = program_of(episode_of(therapist))
    ExerciseLogFactory(item=rising, pain=2, done_on=days_ago(6))
    ExerciseLogFactory(item=rising, pain=4, done_on=days_ago(3))
    OutcomeMeasureFactory(episode=rising.program.episode, measured_on=days_ago(0), score=6)  # the therapist's NRS
    improving = program_of(episode_of(therapist))
    for day, pain in ((5, 8), (3, 6), (1, 4)):
        ExerciseLogFactory(item=improving, pain=pain, done_on=days_ago(day))

    worklist = therapist_worklists(therapist)["high_pain"]

    shown = {item.patient.pk: item for item in worklist.items}
    assert set(shown) == {persisting.program.episode.patient_id, rising.program.episode.patient_id}
    assert shown[persisting.program.episode.patient_id].pain_signal == PainSignal.PERSISTENT
    assert shown[rising.program.episode.patient_id].pain_signal == PainSignal.RISING
    assert shown[rising.program.episode.patient_id].pain_scores() == [2, 4, 6]


def test_remeasure_lists_episodes_in_treatment_without_a_measure_for_four_weeks(therapist):
    due = episode_of(therapist)
    OutcomeMeasureFactory(episode=due, measured_on=days_ago(40), score=6)
    fresh = episode_of(therapist)
    OutcomeMeasureFactory(episode=fresh, measured_on=days_ago(10), score=6)
    never = episode_of(therapist)
    episode_of(therapist, status=EpisodeStatus.INTAKE)

    worklist = therapist_worklists(therapist)["remeasure"]

    assert [item.episode for item in worklist.items] == [never, due]
    assert worklist.items[1].remeasure_kinds()[0][0] == "nrs_pain"


def full_caseload(therapist, patients, *, first=0):
    """Patients of the therapist who land on every worklist; `first` keeps later batches from double-booking."""
    now = timezone.now()
    for number in range(first, first + patients):
        episode = episode_of(therapist)
        AppointmentFactory(episode=episode, starts_at=now - datetime.timedelta(days=2, minutes=40 * number))
        AppointmentFactory(episode=episode, starts_at=now + datetime.timedelta(hours=1, minutes=40 * number))
        RedFlagScreeningFactory(episode=episode, fever_or_malaise=True, decision="")
        OutcomeMeasureFactory(episode=episode, measured_on=episode.started_on, score=5)
        OutcomeMeasureFactory(episode=episode, measured_on=TODAY(), score=8)
        TreatmentPlanFactory(episode=episode, started_on=days_ago(50), review_on=days_ago(1))
        item = program_of(episode)
        for day in range(2, 9):
            ExerciseLogFactory(item=item, pain=8, done_on=days_ago(day))


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("patients:dashboard")).status_code == 200
    return len(captured)


def test_dashboard_costs_the_same_queries_for_5_and_50_patients(client, therapist):
    client.force_login(therapist)
    full_caseload(therapist, 5)
    client.get(reverse("patients:dashboard"))
    at_5 = dashboard_queries(client)
    full_caseload(therapist, 45, first=5)
    assert dashboard_queries(client) == at_5 <= DASHBOARD_QUERIES


@pytest.mark.parametrize("patients", [5, 50])
def test_dashboard_shows_every_worklist_in_a_fixed_number_of_queries(
    client, therapist, patients, django_assert_max_num_queries
):
    full_caseload(therapist, patients)
    client.force_login(therapist)
    client.get(reverse("patients:dashboard"))
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("patients:dashboard"))
    for worklist in ("overdue", "red_flags", "no_improvement", "plans_past_review", "high_pain"):
        assert response.context[worklist].count == patients, worklist
    page = response.content.decode()
    assert reverse("patients:screening", args=[response.context["red_flags"].items[0].episode.pk]) in page
    assert reverse("patients:plan_detail", args=[response.context["plans_past_review"].items[0].episode.pk]) in page
    assert reverse("programs:patient_overview", args=[response.context["high_pain"].items[0].patient.pk]) in page
    assert response.context["high_pain"].items[0].patient.get_absolute_url() in page
