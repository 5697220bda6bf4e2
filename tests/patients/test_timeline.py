import pytest

from patients.timeline import patient_timeline

pytestmark = pytest.mark.django_db


def test_timeline_holds_every_part_of_the_record_newest_first(full_record):
    entries = patient_timeline(full_record["episode"].patient)
    kinds = {entry.kind for entry in entries}
    assert {"Behandelepisode", "Intake", "Onderzoek", "Sessienotitie", "Uitkomstmaat", "Toestemming gegeven"} <= kinds
    days = [entry.day for entry in entries]
    assert days == sorted(days, reverse=True)
