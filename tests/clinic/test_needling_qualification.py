"""The dry-needling qualification on a therapist's account, kept by the practice admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clinic.choices import Role
from tests.factories import PatientUserFactory

pytestmark = pytest.mark.django_db


def account_post(user, **overrides):
    return {"first_name": user.first_name, "last_name": user.last_name, "role": user.role, **overrides}


def test_practice_admin_marks_a_therapist_as_needling_qualified(client, practice_admin, therapist):
    client.force_login(practice_admin)
    target = reverse("clinic:account_update", args=[therapist.pk])
    response = client.post(target, account_post(therapist, is_needling_qualified="on"))
    assert response.status_code == 302
    therapist.refresh_from_db()
    assert therapist.is_needling_qualified
    client.post(target, account_post(therapist))
    therapist.refresh_from_db()
    assert not therapist.is_needling_qualified


def test_only_a_therapist_can_be_needling_qualified(client, practice_admin, practice):
    patient = PatientUserFactory(practice=practice)
    client.force_login(practice_admin)
    response = client.post(
        reverse("clinic:account_update", args=[patient.pk]), account_post(patient, is_needling_qualified="on")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    patient.refresh_from_db()
    assert not patient.is_needling_qualified
    patient.is_needling_qualified = True
    with pytest.raises(ValidationError):
        patient.full_clean()
    assert patient.role == Role.PATIENT


def test_practice_admin_keeps_the_registration_number_that_signs_a_therapists_letters(
    client, practice_admin, therapist
):
    client.force_login(practice_admin)
    target = reverse("clinic:account_update", args=[therapist.pk])
    client.post(target, account_post(therapist, registration_number="BIG 19012345601"))
    therapist.refresh_from_db()
    assert therapist.registration_number == "BIG 19012345601"
    patient = PatientUserFactory(practice=practice_admin.practice)
    form = client.get(reverse("clinic:account_update", args=[patient.pk])).context["form"]
    assert "registration_number" not in form.fields
