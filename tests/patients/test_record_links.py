"""The patient and episode pages lead to the plan, the follow-ups and the home program in one click."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from patients.choices import GoalsMet
from tests.factories import (
    AppointmentFactory,
    BladderEntryFactory,
    CareEpisodeFactory,
    ConsentFactory,
    ExerciseLogFactory,
    HomeProgramFactory,
    ProgramItemFactory,
    TreatmentPlanFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(patient):
    return CareEpisodeFactory(patient=patient)


def test_episode_page_shows_plan_next_appointment_and_program(client, therapist, episode):
    TreatmentPlanFactory(episode=episode, active=True)
    appointment = AppointmentFactory(episode=episode, starts_at=next_weekday_at(10))
    program = ProgramItemFactory(program=HomeProgramFactory(episode=episode, title="Ontspannen eerst")).program
    client.force_login(therapist)

    page = client.get(episode.get_absolute_url()).content.decode()

    assert reverse("patients:plan_detail", args=[episode.pk]) in page
    assert reverse("patients:episode_appointments", args=[episode.pk]) in page
    assert appointment.starts_at.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in page
    assert reverse("programs:program_detail", args=[program.pk]) in page
    assert "Ontspannen eerst" in page
    assert reverse("programs:patient_overview", args=[episode.patient.pk]) in page


def test_episode_without_plan_or_program_offers_to_start_them(client, therapist, episode):
    client.force_login(therapist)
    page = client.get(episode.get_absolute_url()).content.decode()
    assert reverse("patients:plan_create", args=[episode.pk]) in page
    assert reverse("programs:program_create", args=[episode.pk]) in page
    assert reverse("patients:appointment_create", args=[episode.pk]) in page


def test_patient_page_shows_plans_appointments_programs_and_their_summary(client, therapist, episode):
    TreatmentPlanFactory(episode=episode, active=True)
    AppointmentFactory(episode=episode, starts_at=next_weekday_at(11))
    program = ProgramItemFactory(program=HomeProgramFactory(episode=episode)).program
    client.force_login(therapist)

    page = client.get(episode.patient.get_absolute_url()).content.decode()

    assert reverse("patients:plan_detail", args=[episode.pk]) in page
    assert reverse("patients:episode_appointments", args=[episode.pk]) in page
    assert reverse("programs:program_detail", args=[program.pk]) in page
    assert reverse("programs:patient_overview", args=[episode.patient.pk]) in page
    assert 'id="adherence-title"' in page


def test_discharge_leads_to_the_episode_page_that_offers_the_discharge_letter(client, therapist, episode):
    ConsentFactory(patient=episode.patient, kind="gp_data_sharing")
    program = HomeProgramFactory(episode=episode, starts_on=timezone.localdate() - datetime.timedelta(days=10))
    client.force_login(therapist)

    response = client.post(
        reverse("patients:episode_discharge", args=[episode.pk]),
        {"discharged_on": timezone.localdate().isoformat(), "goals_met": GoalsMet.MET, "pgi_i": 2},
    )

    assert response.status_code == 302
    assert response.url == episode.get_absolute_url() + "#followups"
    program.refresh_from_db()
    assert program.ends_on == timezone.localdate()
    page = client.get(response.url).content.decode()
    assert reverse("patients:letter_create", args=[episode.pk]) in page
    assert '<input type="hidden" name="kind" value="final">' in page
    letter = client.post(reverse("patients:letter_create", args=[episode.pk]), {"kind": "final"})
    assert letter.status_code == 302
    assert episode.gp_letters.get().kind == "final"


def test_episode_and_patient_pages_chart_adherence_and_the_bladder_diary(client, therapist, episode):
    item = ProgramItemFactory(
        program=HomeProgramFactory(
            episode=episode,
            starts_on=timezone.localdate() - datetime.timedelta(days=20),
            published_at=timezone.now() - datetime.timedelta(days=20),
        )
    )
    ExerciseLogFactory(item=item, done_on=timezone.localdate() - datetime.timedelta(days=1))
    BladderEntryFactory(patient=episode.patient, leakage="drops")
    client.force_login(therapist)
    for url in (episode.get_absolute_url(), episode.patient.get_absolute_url()):
        page = client.get(url).content.decode()
        assert 'id="chart-progress-adherence-title"' in page
        assert 'id="chart-progress-bladder-title"' in page
