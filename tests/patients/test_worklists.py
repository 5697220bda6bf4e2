"""The therapist's worklists: the right patients, and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from patients.choices import AppointmentStatus, MeasureKind
from patients.selectors.followups import therapist_worklists
from tests.factories import (
    AppointmentFactory,
    CareEpisodeFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    RedFlagScreeningFactory,
)

pytestmark = pytest.mark.django_db


def caseload_patient(therapist, *, started_days_ago=42, intake_pain=6, latest_pain=6, red_flag=False, overdue=True):
    """One patient of the therapist with an overdue appointment, pain measures and optionally a red flag."""
    today = timezone.localdate()
    episode = CareEpisodeFactory(
        patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist),
        started_on=today - datetime.timedelta(days=started_days_ago),
    )
    if overdue:
        AppointmentFactory(
            episode=episode, starts_at=timezone.now() - datetime.timedelta(days=2, minutes=40 * episode.pk)
        )
    OutcomeMeasureFactory(episode=episode, measured_on=episode.started_on, score=intake_pain)
    OutcomeMeasureFactory(episode=episode, measured_on=today, score=latest_pain)
    if red_flag:
        RedFlagScreeningFactory(
            episode=episode, fever_or_malaise=True, decision="gp_clearance", gp_contact_advised=True
        )
    return episode


def test_worklists_hold_the_right_episodes(therapist, other_therapist):
    stuck = caseload_patient(therapist, intake_pain=6, latest_pain=7, red_flag=True)
    better = caseload_patient(therapist, intake_pain=6, latest_pain=2, overdue=False)
    caseload_patient(therapist, started_days_ago=14, latest_pain=9, overdue=False)
    cleared = caseload_patient(therapist, overdue=False, latest_pain=1)
    RedFlagScreeningFactory(
        episode=cleared,
        fever_or_malaise=True,
        decision="gp_clearance",
        gp_contact_advised=True,
        gp_cleared_on=timezone.localdate(),
    )
    closed = AppointmentFactory(
        episode=better, starts_at=timezone.now() - datetime.timedelta(days=1), status=AppointmentStatus.DONE
    )
    caseload_patient(other_therapist, red_flag=True)

    lists = therapist_worklists(therapist)

    assert [appointment.episode for appointment in lists["overdue"].items] == [stuck]
    assert closed not in lists["overdue"].items
    assert [item.episode for item in lists["no_improvement"].items] == [stuck]
    assert lists["no_improvement"].items[0].not_improved == [MeasureKind.NRS_PAIN]
    assert [s.episode for s in lists["red_flags"].items] == [stuck]
    assert lists["red_flags"].count == 1


@pytest.mark.parametrize("patients", [5, 50])
def test_worklists_take_a_fixed_number_of_queries(therapist, django_assert_num_queries, patients):
    for number in range(patients):
        caseload_patient(therapist, red_flag=number % 2 == 0, latest_pain=7 if number % 3 else 3)
        AppointmentFactory(
            episode__patient__practice=therapist.practice,
            therapist=therapist,
            starts_at=timezone.now() + datetime.timedelta(minutes=40 * number),
        )
    # The caseload with its stored signals, the overdue appointments, the two questionnaire lists and the
    # overdue messages to the GP.
    with django_assert_num_queries(5):
        lists = therapist_worklists(therapist)
        for worklist in ("overdue", "red_flags", "no_improvement", "remeasure", "plans_past_review", "high_pain"):
            for item in lists[worklist].items:
                str(item.episode.patient)
    assert lists["overdue"].count == patients
    assert lists["red_flags"].count == (patients + 1) // 2


def test_dashboard_lists_the_caseload_by_name_with_its_count_and_open_red_flags(client, therapist, other_therapist):
    names = ["de Vries", "Bakker", "van Dijk", "Aalders"]
    episodes = {
        name: CareEpisodeFactory(
            patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist, last_name=name)
        )
        for name in names
    }
    RedFlagScreeningFactory(episode=episodes["Bakker"], fever_or_malaise=True, decision="")
    CareEpisodeFactory(patient=PatientFactory(practice=other_therapist.practice, last_name="Aaaa"))
    client.force_login(therapist)

    listed = client.get(reverse("patients:dashboard")).context["episodes"]

    assert [episode.patient.last_name for episode in listed.items] == ["Aalders", "Bakker", "van Dijk", "de Vries"]
    assert listed.count == 4
    assert [episode.red_flag_open for episode in listed.items] == [False, True, False, False]
