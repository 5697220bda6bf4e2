"""Every part of the record that the pages write to the access log has a readable, translated name."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from clinic.access_log import part_label
from clinic.choices import RecordPart
from clinic.models import AccessLogEntry
from tests.factories import (
    BladderEntryFactory,
    CareEpisodeFactory,
    HomeProgramFactory,
    PatientFactory,
    TreatmentPlanFactory,
)

pytestmark = pytest.mark.django_db


def test_plan_program_follow_up_and_diary_pages_log_named_parts(client, therapist, practice_admin):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist)
    episode = CareEpisodeFactory(patient=patient)
    TreatmentPlanFactory(episode=episode)
    program = HomeProgramFactory(episode=episode)
    BladderEntryFactory(patient=patient)
    client.force_login(therapist)
    for url in (
        reverse("patients:plan_detail", args=[episode.pk]),
        reverse("patients:letter_list", args=[episode.pk]),
        reverse("patients:episode_appointments", args=[episode.pk]),
        reverse("programs:program_detail", args=[program.pk]),
        reverse("programs:patient_overview", args=[patient.pk]),
    ):
        assert client.get(url).status_code == 200

    parts = set(AccessLogEntry.objects.values_list("part", flat=True))

    assert {
        RecordPart.TREATMENT_PLAN,
        RecordPart.GP_LETTER,
        RecordPart.FOLLOW_UP,
        RecordPart.HOME_PROGRAM,
        RecordPart.HOME_PROGRAM_OVERVIEW,
    } <= parts
    assert parts <= set(RecordPart.values)
    client.force_login(practice_admin)
    page = client.get(reverse("clinic:access_log")).content.decode()
    for part in parts:
        assert escape(str(part_label(part))) in page


def test_labels_are_translated():
    with translation.override("nl"):
        assert str(part_label(RecordPart.GP_LETTER)) != "Letter to the GP"
        assert str(part_label(RecordPart.HOME_PROGRAM)) != "Home program"
