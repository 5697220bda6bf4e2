"""Who may open and change which part of the record: wrong role 403, out of scope 404, nothing written."""

import pytest
from django.urls import reverse

from clinic.models import AccessLogEntry
from patients.models import (
    Assessment,
    CareEpisode,
    Classification,
    Consent,
    Intake,
    NoteAddendum,
    OutcomeMeasure,
    Patient,
    RedFlagScreening,
    SessionNote,
)
from tests.factories import PatientFactory, PatientUserFactory

pytestmark = pytest.mark.django_db

RECORD_MODELS = [
    Patient,
    CareEpisode,
    RedFlagScreening,
    Intake,
    Consent,
    Assessment,
    Classification,
    OutcomeMeasure,
    SessionNote,
    NoteAddendum,
]


def record_urls(record):
    """Return (url, POST data) for every page and action that touches this record."""
    episode = record["episode"]
    patient = episode.patient
    assessment = record["assessment"]
    return [
        (reverse("patients:patient_detail", args=[patient.pk]), None),
        (reverse("patients:patient_update", args=[patient.pk]), {"first_name": "X"}),
        (reverse("patients:patient_archive", args=[patient.pk]), {}),
        (reverse("patients:patient_unarchive", args=[patient.pk]), {}),
        (reverse("patients:patient_invite", args=[patient.pk]), {}),
        (reverse("patients:episode_create", args=[patient.pk]), {"main_complaint": "X", "started_on": "2026-01-01"}),
        (reverse("patients:consent_create", args=[patient.pk]), {"kind": "internal_rectal", "given_by": "X"}),
        (reverse("patients:consent_withdraw", args=[record["consent"].pk]), {}),
        (reverse("patients:episode_detail", args=[episode.pk]), None),
        (reverse("patients:episode_update", args=[episode.pk]), {"main_complaint": "X"}),
        (reverse("patients:screening", args=[episode.pk]), {"screened_on": "2026-01-01"}),
        (reverse("patients:intake", args=[episode.pk]), {"taken_on": "2026-01-01"}),
        (reverse("patients:assessment_create", args=[episode.pk]), {"assessed_on": "2026-01-01"}),
        (reverse("patients:assessment_detail", args=[assessment.pk]), None),
        (reverse("patients:assessment_update", args=[assessment.pk]), {"assessed_on": "2026-01-01"}),
        (reverse("patients:classification_create", args=[episode.pk]), {"pelvic_floor_class": "normal"}),
        (reverse("patients:measure_create", args=[episode.pk, "nrs_pain"]), {"measured_on": "2026-01-01", "score": 3}),
        (reverse("patients:note_create", args=[episode.pk]), {"session_on": "2026-01-01", "subjective": "X"}),
        (reverse("patients:note_update", args=[record["draft"].pk]), {"session_on": "2026-01-01", "plan": "X"}),
        (reverse("patients:note_sign", args=[record["draft"].pk]), {}),
        (reverse("patients:addendum_create", args=[record["signed"].pk]), {"text": "X"}),
    ]


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in RECORD_MODELS}


@pytest.fixture
def other_patient_user(practice):
    return PatientUserFactory(practice=practice, email="other-patient@noord.test")


@pytest.mark.parametrize(
    ("intruder", "status"),
    [("other_therapist", 404), ("practice_admin", 403), ("patient_user", 403), ("other_patient_user", 403)],
)
def test_record_is_refused_and_unchanged(client, request, full_record, intruder, status):
    episode = full_record["episode"]
    if intruder == "patient_user":
        episode.patient.user = request.getfixturevalue("patient_user")
        episode.patient.save()
    client.force_login(request.getfixturevalue(intruder))
    before = snapshot()
    for url, data in record_urls(full_record):
        if data is None or "archive" not in url and "invite" not in url and "withdraw" not in url and "sign" not in url:
            assert client.get(url).status_code in (status, 405), url
        if data is not None:
            assert client.post(url, data).status_code == status, url
    assert snapshot() == before
    assert not AccessLogEntry.objects.filter(patient=episode.patient).exists()
    refusals = AccessLogEntry.objects.filter(user=request.getfixturevalue(intruder), outcome="denied")
    assert refusals.exists()
    assert all(entry.practice_id == entry.user.practice_id for entry in refusals)


@pytest.mark.parametrize("url_name", ["patients:dashboard", "patients:patient_list", "patients:patient_create"])
@pytest.mark.parametrize("role", ["practice_admin", "patient_user"])
def test_therapist_pages_refuse_other_roles(client, request, url_name, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(url_name)).status_code == 403


def test_other_practice_patient_does_not_appear_in_list_or_search(client, therapist, other_therapist):
    PatientFactory(practice=other_therapist.practice, last_name="Zuidema")
    client.force_login(therapist)
    response = client.get(reverse("patients:patient_list"), {"q": "Zuidema"})
    assert list(response.context["object_list"]) == []


def test_measure_of_unknown_kind_is_404(client, therapist, episode):
    client.force_login(therapist)
    assert client.get(reverse("patients:measure_create", args=[episode.pk, "pfdi"])).status_code == 404
