import datetime

import pytest
from django.urls import reverse

from patients.selectors.record import TIMELINE_LATEST, patient_timeline
from tests.factories import SessionNoteFactory

pytestmark = pytest.mark.django_db


def timeline_of(patient, **kwargs):
    episodes = list(patient.episodes.select_related("screening"))
    return patient_timeline(patient, episodes=episodes, consents=list(patient.consents.all()), **kwargs)


def test_timeline_holds_every_part_of_the_record_newest_first(full_record):
    entries, cut = timeline_of(full_record["episode"].patient)
    kinds = {entry.kind for entry in entries}
    assert {
        "Behandelepisode",
        "Screening op alarmsignalen",
        "Intake",
        "Onderzoek",
        "Classificatie",
        "Sessienotitie",
        "Uitkomstmaat",
        "Toestemming gegeven",
        "Ontslag",
    } <= kinds
    days = [entry.day for entry in entries]
    assert days == sorted(days, reverse=True)
    assert not cut


def test_timeline_keeps_the_latest_entries_and_says_older_ones_were_left_out(full_record):
    whole, _cut = timeline_of(full_record["episode"].patient)
    latest, cut = timeline_of(full_record["episode"].patient, latest=3)
    assert latest == whole[:3]
    assert cut


def test_patient_page_shows_the_latest_entries_and_links_to_the_whole_timeline(client, therapist, episode):
    for number in range(TIMELINE_LATEST + 5):
        SessionNoteFactory(episode=episode, session_on=episode.started_on + datetime.timedelta(days=number))
    client.force_login(therapist)
    url = reverse("patients:patient_detail", args=[episode.patient.pk])
    page = client.get(url).content.decode()
    assert page.count("<time ") == TIMELINE_LATEST
    assert '?timeline=all#timeline-heading"' in page
    whole = client.get(url + "?timeline=all").content.decode()
    assert whole.count("<time ") == TIMELINE_LATEST + 5 + 1  # the notes and the episode's start
    assert "#timeline-heading" not in whole
