"""The patient list, the patient page, the episode page and the dashboard cost the same queries at 5 or 50 rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AppointmentFactory,
    BladderEntryFactory,
    CareEpisodeFactory,
    ConsentFactory,
    ExerciseLogFactory,
    HomeProgramFactory,
    NoteAddendumFactory,
    OutcomeMeasureFactory,
    PatientFactory,
    ProgramItemFactory,
    RedFlagScreeningFactory,
    SessionNoteFactory,
    TreatmentPlanFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db

# The patient page also carries the plans, next appointments, home programs and their adherence and diary
# summaries: 6 queries more than the record alone, whatever the number of rows; PostgreSQL adds one
# for the access-log chain's advisory lock.
MAX_QUERIES = 23


def count_queries(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("rows", [5, 50])
def test_patient_list_queries_do_not_grow(client, therapist, rows, django_assert_max_num_queries):
    for _ in range(rows):
        CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist))
    client.force_login(therapist)
    count_queries(client, reverse("patients:patient_list") + "?q=a&status=in_treatment", django_assert_max_num_queries)


def build_big_record(patient, rows):
    episodes = [CareEpisodeFactory(patient=patient) for _ in range(max(1, rows // 10))]
    episode = episodes[0]
    RedFlagScreeningFactory(episode=episode, fever_or_malaise=True, decision="")
    TreatmentPlanFactory(episode=episode)
    item = ProgramItemFactory(program=HomeProgramFactory(episode=episode))
    for number in range(rows):
        OutcomeMeasureFactory(episode=episode)
        note = SessionNoteFactory(episode=episode, signed_at=timezone.now())
        NoteAddendumFactory(note=note)
        ConsentFactory(patient=patient)
        AppointmentFactory(
            episode=episode, starts_at=next_weekday_at(8) + datetime.timedelta(days=number, hours=patient.pk % 8)
        )
        ExerciseLogFactory(item=item, pain=number % 10)
        BladderEntryFactory(patient=patient)
    return episode


@pytest.mark.parametrize("rows", [5, 50])
def test_patient_and_episode_pages_queries_do_not_grow(client, therapist, patient, rows, django_assert_max_num_queries):
    episode = build_big_record(patient, rows)
    client.force_login(therapist)
    count_queries(client, patient.get_absolute_url(), django_assert_max_num_queries)
    count_queries(client, episode.get_absolute_url(), django_assert_max_num_queries)


def test_queries_are_the_same_for_5_and_50_rows(client, therapist, django_assert_max_num_queries):
    client.force_login(therapist)
    counts = {}
    for rows in (5, 50):
        patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
        episode = build_big_record(patient, rows)
        counts[rows] = (
            count_queries(client, patient.get_absolute_url(), django_assert_max_num_queries),
            count_queries(client, episode.get_absolute_url(), django_assert_max_num_queries),
        )
    assert counts[5] == counts[50]


@pytest.mark.parametrize("rows", [5, 50])
def test_dashboard_queries_do_not_grow(client, therapist, rows, django_assert_max_num_queries):
    for _ in range(rows):
        episode = CareEpisodeFactory(
            patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
        )
        RedFlagScreeningFactory(episode=episode, saddle_anaesthesia=True, decision="")
    client.force_login(therapist)
    response_count = count_queries(client, reverse("patients:dashboard"), django_assert_max_num_queries)
    # Every worklist of the caseload is on the dashboard: a fixed 19, whatever the number of patients.
    assert response_count <= 19
