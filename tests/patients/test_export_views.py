"""Downloading the whole record, and the patient's overview of who opened it."""

import datetime
import io
import json

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.access_log import record_access
from clinic.choices import AccessAction, AccessOutcome, RecordPart
from clinic.models import AccessLogEntry
from tests.factories import (
    CareEpisodeFactory,
    PatientFactory,
    PatientUserFactory,
    SessionNoteFactory,
    TherapistFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(patient_user, therapist):
    record = PatientFactory(
        practice=therapist.practice, responsible_therapist=therapist, user=patient_user, last_name="Visser"
    )
    SessionNoteFactory(episode=CareEpisodeFactory(patient=record, therapist=therapist), subjective="Minder verlies")
    return record


def log_read(user, patient):
    """Write one read of the patient's record by `user`, as a page view would."""
    request = RequestFactory().get("/")
    request.user = user
    return record_access(request, action=AccessAction.READ, part=RecordPart.PATIENT, patient=patient, user=user)


def exports(patient):
    return AccessLogEntry.objects.filter(patient=patient, action=AccessAction.EXPORT, outcome=AccessOutcome.SUCCESS)


def test_patient_downloads_own_record_as_json_and_the_download_is_logged(client, patient_user, patient):
    client.force_login(patient_user)

    response = client.get(reverse("portal:record_export_json"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    record = json.loads(response.content)
    assert record["patient"]["last_name"] == "Visser"
    assert record["episodes"][0]["notes"][0]["subjective"] == "Minder verlies"
    entry = exports(patient).get()
    assert (entry.user, entry.part, entry.detail) == (patient_user, RecordPart.WHOLE_RECORD, "json")


def test_patient_downloads_own_record_as_pdf_and_the_download_is_logged(client, patient_user, patient):
    client.force_login(patient_user)

    response = client.get(reverse("portal:record_export_pdf"))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert exports(patient).get().detail == "pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert patient.last_name in text
    assert "Sorteernaam" not in text


RECORD_EXPORTS = ["patients:record_export_json", "patients:record_export_pdf", "patients:record_export_fhir"]


@pytest.mark.parametrize("name", RECORD_EXPORTS)
def test_therapist_exports_a_patients_record_and_it_is_logged(client, therapist, patient, name):
    client.force_login(therapist)

    response = client.get(reverse(name, args=[patient.pk]))

    assert response.status_code == 200
    assert exports(patient).get().user == therapist


@pytest.mark.parametrize("name", RECORD_EXPORTS)
def test_therapist_of_other_practice_gets_404_and_nothing_is_exported(client, other_therapist, patient, name):
    client.force_login(other_therapist)

    response = client.get(reverse(name, args=[patient.pk]))

    assert response.status_code == 404
    assert not exports(patient).exists()
    assert AccessLogEntry.objects.filter(user=other_therapist, outcome=AccessOutcome.DENIED).exists()


@pytest.mark.parametrize("name", RECORD_EXPORTS)
def test_practice_admin_may_not_export_a_record(client, practice_admin, patient, name):
    client.force_login(practice_admin)

    assert client.get(reverse(name, args=[patient.pk])).status_code == 403
    assert not exports(patient).exists()


def test_patient_without_a_record_gets_404(client, practice):
    client.force_login(PatientUserFactory(practice=practice))

    assert client.get(reverse("portal:record_export_json")).status_code == 404
    assert client.get(reverse("portal:record_export_fhir")).status_code == 404
    assert client.get(reverse("portal:record")).status_code == 404


def test_patient_sees_who_opened_their_record_with_name_and_role(client, patient_user, patient, therapist):
    colleague = TherapistFactory(practice=therapist.practice, first_name="Ruud", last_name="Smit")
    log_read(colleague, patient)
    other = PatientFactory(practice=therapist.practice, last_name="Bakker")
    log_read(TherapistFactory(practice=therapist.practice, last_name="Anders"), other)
    client.force_login(patient_user)

    response = client.get(reverse("portal:record"))

    assert response.status_code == 200
    assert "Ruud Smit" in response.text
    assert "Therapeut" in response.text  # the role, in the default language
    assert "Anders" not in response.text
    assert all(entry.patient_id == patient.pk for entry in response.context["entries"])


def test_patient_chooses_the_period_of_the_overview(client, patient_user, patient, therapist):
    log_read(TherapistFactory(practice=therapist.practice, last_name="Vroeger"), patient)
    client.force_login(patient_user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    later = client.get(reverse("portal:record"), {"start": tomorrow.isoformat()})
    today = client.get(reverse("portal:record"), {"end": timezone.localdate().isoformat()})

    assert "Vroeger" not in later.text
    assert "Vroeger" in today.text


def test_period_ending_before_it_starts_is_explained(client, patient_user, patient):
    client.force_login(patient_user)
    today = timezone.localdate()

    response = client.get(
        reverse("portal:record"),
        {"start": today.isoformat(), "end": (today - datetime.timedelta(days=3)).isoformat()},
    )

    assert response.context["filter"].form.errors["end"]


@pytest.mark.parametrize("rows", [5, 50])
def test_overview_queries_do_not_grow_with_entries(
    client, patient_user, patient, therapist, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        log_read(therapist, patient)
    client.force_login(patient_user)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("portal:record"))

    assert len(response.context["entries"]) == min(rows, 25)


def test_a_long_overview_pages_on_without_counting_every_entry(client, patient_user, patient, therapist):
    for _ in range(27):
        log_read(therapist, patient)
    client.force_login(patient_user)

    with CaptureQueriesContext(connection) as captured:
        first = client.get(reverse("portal:record"))
    second = client.get(reverse("portal:record"), {"page": 2})

    assert len(first.context["entries"]) == 25 and "?page=2" in first.text
    assert len(second.context["entries"]) == 2 and "Pagina 2" in second.text
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize("params", [{"start": "0001-01-01"}, {"end": "9999-12-31"}, {"start": "x" * 5000}])
def test_a_period_no_one_can_mean_is_explained_on_the_page(client, patient_user, patient, params):
    client.force_login(patient_user)

    response = client.get(reverse("portal:record"), params)

    assert response.status_code == 200
    field = next(iter(params))
    assert response.context["filter"].form.errors[field]
    assert "is-invalid" in response.text


def test_empty_overview_names_the_period_and_says_own_visits_are_not_listed(client, patient_user, patient):
    client.force_login(patient_user)

    response = client.get(reverse("portal:record"), {"start": "2026-01-05", "end": "2026-02-10"})
    without_period = client.get(reverse("portal:record"))

    assert "Niemand anders heeft uw dossier geopend van 5 januari 2026 tot en met 10 februari 2026." in response.text
    assert "Uw eigen bezoeken aan deze pagina's staan niet in de lijst." in response.text
    assert "Niemand anders heeft uw dossier tot nu toe geopend." in without_period.text
