"""The worklists that read plans and home programs: plans past review, silent patients, high pain."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from patients.choices import EpisodeStatus, PlanStatus
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

    assert worklist.items == [late]
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


def test_high_pain_needs_three_of_the_last_five_recent_logs(therapist):
    hurting = program_of(episode_of(therapist))
    for pain in (8, 7, 2, 9):
        ExerciseLogFactory(item=hurting, pain=pain, done_on=days_ago(1))
    recovered = program_of(episode_of(therapist))
    for pain in (8, 8, 8):
        ExerciseLogFactory(item=recovered, pain=pain, done_on=days_ago(3))
    for _ in range(5):
        ExerciseLogFactory(item=recovered, pain=1, done_on=days_ago(1))
    long_ago = program_of(episode_of(therapist))
    for _ in range(3):
        ExerciseLogFactory(item=long_ago, pain=9, done_on=days_ago(20))

    worklist = therapist_worklists(therapist)["high_pain"]

    assert [item.patient for item in worklist.items] == [hurting.program.episode.patient]
    assert sorted(worklist.items[0].high) == [7, 8, 9]


def full_caseload(therapist, patients, *, first=0):
    """Patients of the therapist who land on every worklist; `first` keeps later batches from double-booking."""
    now = timezone.now()
    for number in range(first, first + patients):
        episode = episode_of(therapist)
        AppointmentFactory(episode=episode, starts_at=now - datetime.timedelta(days=2, minutes=40 * number))
        AppointmentFactory(episode=episode, starts_at=now + datetime.timedelta(hours=1, minutes=40 * number))
        RedFlagScreeningFactory(episode=episode, fever_or_malaise=True, decision="")
        OutcomeMeasureFactory(episode=episode, measured_on=episode.started_on, score=5)
        OutcomeMeasureFactory(episode=episode, measured_on=TODAY(), score=6)
        TreatmentPlanFactory(episode=episode, started_on=days_ago(50), review_on=days_ago(1))
        item = program_of(episode)
        ExerciseLogFactory(item=item, pain=8, done_on=days_ago(8))
        ExerciseLogFactory(item=item, pain=8, done_on=days_ago(9))
        ExerciseLogFactory(item=item, pain=9, done_on=days_ago(10))


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
    for worklist in ("overdue", "red_flags", "no_improvement", "plans_past_review", "no_exercise", "high_pain"):
        assert response.context[worklist].count == patients, worklist
    page = response.content.decode()
    assert reverse("patients:screening", args=[response.context["red_flags"].items[0].episode_id]) in page
    assert reverse("patients:plan_detail", args=[response.context["plans_past_review"].items[0].episode_id]) in page
    assert reverse("programs:patient_overview", args=[response.context["high_pain"].items[0].patient.pk]) in page
    assert response.context["high_pain"].items[0].patient.get_absolute_url() in page
