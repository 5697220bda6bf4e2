"""Every page of the record opens for its therapist and is refused to everybody else."""

import pytest
from django.urls import reverse

from clinic.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def page_urls(record):
    episode = record["episode"]
    patient = episode.patient
    return [
        reverse("patients:dashboard"),
        reverse("patients:patient_list"),
        reverse("patients:patient_create"),
        reverse("patients:patient_detail", args=[patient.pk]),
        reverse("patients:patient_update", args=[patient.pk]),
        reverse("patients:episode_create", args=[patient.pk]),
        reverse("patients:consent_create", args=[patient.pk]),
        reverse("patients:episode_detail", args=[episode.pk]),
        reverse("patients:episode_update", args=[episode.pk]),
        reverse("patients:screening", args=[episode.pk]),
        reverse("patients:intake", args=[episode.pk]),
        reverse("patients:assessment_create", args=[episode.pk]),
        reverse("patients:assessment_detail", args=[record["assessment"].pk]),
        reverse("patients:assessment_update", args=[record["assessment"].pk]),
        reverse("patients:classification_create", args=[episode.pk]),
        *[
            reverse("patients:measure_create", args=[episode.pk, kind])
            for kind in ["nrs_pain", "psk", "pgi_i", "iciq_ui_sf"]
        ],
        reverse("patients:note_create", args=[episode.pk]),
        reverse("patients:note_update", args=[record["draft"].pk]),
        reverse("patients:addendum_create", args=[record["signed"].pk]),
    ]


def test_every_page_opens_for_the_therapist_and_is_logged(client, therapist, full_record):
    client.force_login(therapist)
    for url in page_urls(full_record):
        before = AccessLogEntry.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        if url != reverse("patients:patient_create"):
            assert AccessLogEntry.objects.count() == before + 1, url
