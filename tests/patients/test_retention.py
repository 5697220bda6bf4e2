"""The WGBO retention period: 20 years after treatment ended, shown on the patient page."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from patients.rules.record import add_years, kept_until
from tests.factories import CareEpisodeFactory, PatientFactory


def episode(discharged_on=None):
    return SimpleNamespace(discharged_on=discharged_on)


D = datetime.date


@pytest.mark.parametrize(
    ("archived_on", "episodes", "expected"),
    [
        (None, [], None),
        (None, [episode()], None),
        (None, [episode(D(2024, 3, 1)), episode()], None),
        (None, [episode(D(2024, 3, 1))], D(2044, 3, 1)),
        (None, [episode(D(2024, 3, 1)), episode(D(2025, 6, 30))], D(2045, 6, 30)),
        (D(2026, 1, 5), [episode(D(2025, 6, 30))], D(2046, 1, 5)),
        (D(2023, 1, 5), [episode(D(2025, 6, 30))], D(2045, 6, 30)),
        (D(2026, 1, 5), [], D(2046, 1, 5)),
        (D(2026, 1, 5), [episode()], D(2046, 1, 5)),
    ],
)
def test_record_is_kept_20_years_after_the_last_episode_or_archiving(archived_on, episodes, expected):
    assert kept_until(archived_on=archived_on, episodes=episodes) == expected


def test_a_leap_day_moves_to_28_february():
    assert add_years(D(2024, 2, 29), 20) == D(2044, 2, 29)
    assert add_years(D(2024, 2, 29), 21) == D(2045, 2, 28)


@pytest.mark.django_db
def test_patient_page_shows_until_when_the_record_is_kept(client, therapist):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    CareEpisodeFactory(patient=patient, started_on=D(2024, 1, 1), discharged_on=D(2024, 5, 1), status="discharged")
    client.force_login(therapist)

    response = client.get(reverse("patients:patient_detail", args=[patient.pk]))

    assert response.context["kept_until"] == D(2044, 5, 1)
    assert "01-05-2044" in response.text


@pytest.mark.django_db
def test_archiving_in_the_ui_keeps_the_record(client, therapist):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    client.force_login(therapist)

    client.post(reverse("patients:patient_archive", args=[patient.pk]))

    patient.refresh_from_db()
    assert patient.is_archived
    page = client.get(reverse("patients:patient_detail", args=[patient.pk]))
    assert page.context["kept_until"] == add_years(timezone.localdate(), 20)
