"""Destroying a record on the patient's written request: superusers only, logged, access log intact."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.models import AccessLogEntry
from patients.models import Patient, TreatmentPlan
from patients.services.destruction import HISTORIES, destruction_order, patient_destroy
from tests.factories import PatientFactory, PatientUserFactory, UserFactory
from tests.patients.test_export import full_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, practice=None, role="", email="root@example.org")


@pytest.fixture
def patient(practice):
    patient = full_record(PatientFactory(practice=practice, user=PatientUserFactory(practice=practice)))
    request = RequestFactory().get("/")
    request.user = patient.responsible_therapist
    record_access(request, action=AccessAction.READ, part=RecordPart.PATIENT, patient=patient)
    return patient


def rows_of(patient_id):
    counts = {
        part.model.__name__: part.model.objects.filter(**{f"{part.to_patient}_id": patient_id}).count()
        for part in destruction_order()
    }
    episodes = {"episode__patient_id": patient_id}
    counts["plan history"] = TreatmentPlan.history.model.objects.filter(
        episode_id__in=[row["episode_id"] for row in TreatmentPlan.objects.filter(**episodes).values("episode_id")]
    ).count()
    return counts


def test_superuser_destroys_the_record_and_the_access_log_still_verifies(patient, superuser):
    other = full_record(PatientFactory(practice=patient.practice))
    patient_id, label, account = patient.pk, str(patient), patient.user
    assert any(rows_of(patient_id).values())

    patient_destroy(patient=patient, request_reference="Brief 2026-014", acting_user=superuser)

    assert not Patient.objects.filter(pk=patient_id).exists()
    assert not any(rows_of(patient_id).values())
    assert all(rows_of(other.pk).values())
    entries = AccessLogEntry.objects.filter(patient_id=patient_id)
    assert entries.filter(action=AccessAction.READ).exists()
    destroyed = entries.get(action=AccessAction.DELETE)
    assert (destroyed.user, destroyed.patient_label) == (superuser, label)
    assert "Brief 2026-014" in destroyed.detail
    account.refresh_from_db()
    assert not account.is_active and not account.has_usable_password()
    call_command("verify_access_log", stdout=StringIO())


def test_destruction_removes_the_plans_version_history(patient, superuser):
    plan_ids = list(TreatmentPlan.objects.filter(episode__patient=patient).values_list("pk", flat=True))

    patient_destroy(patient=patient, request_reference="Brief 1", acting_user=superuser)

    for model in HISTORIES:
        key = "id__in" if model is TreatmentPlan else "plan_id__in"
        assert not model.history.model.objects.filter(**{key: plan_ids}).exists()


@pytest.mark.parametrize("role", ["therapist", "practice_admin"])
def test_only_a_superuser_may_destroy_a_record(patient, request, role):
    with pytest.raises(PermissionDenied):
        patient_destroy(patient=patient, request_reference="Brief 1", acting_user=request.getfixturevalue(role))

    assert Patient.objects.filter(pk=patient.pk).exists()
    assert not AccessLogEntry.objects.filter(action=AccessAction.DELETE).exists()


def test_destruction_needs_the_reference_of_the_written_request(patient, superuser):
    with pytest.raises(ValidationError):
        patient_destroy(patient=patient, request_reference=" ", acting_user=superuser)

    assert Patient.objects.filter(pk=patient.pk).exists()


def test_command_without_confirm_only_shows_what_it_would_remove(patient, superuser):
    out = StringIO()

    call_command(
        "destroy_patient_record", patient=patient.pk, request_reference="Brief 1", by=superuser.email, stdout=out
    )

    assert "--confirm" in out.getvalue()
    assert Patient.objects.filter(pk=patient.pk).exists()


def test_command_with_confirm_destroys_the_record(patient, superuser):
    call_command(
        "destroy_patient_record",
        patient=patient.pk,
        request_reference="Brief 1",
        by=superuser.email,
        confirm=True,
        stdout=StringIO(),
    )

    assert not Patient.objects.filter(pk=patient.pk).exists()


def test_command_refuses_someone_who_is_not_a_superuser(patient, therapist):
    with pytest.raises(CommandError):
        call_command(
            "destroy_patient_record", patient=patient.pk, request_reference="Brief 1", by=therapist.email, confirm=True
        )

    assert Patient.objects.filter(pk=patient.pk).exists()


def test_django_admin_offers_no_delete_of_a_patient(admin_client, patient):
    response = admin_client.post(reverse("admin:patients_patient_delete", args=[patient.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Patient.objects.filter(pk=patient.pk).exists()
