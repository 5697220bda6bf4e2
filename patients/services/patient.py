"""Writes of the patient's own details, archiving and the patient account."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.choices import Role
from clinic.models import User
from clinic.services import save_validated, user_invite
from patients.models import Patient
from patients.services.signals import episode_signals_refresh


def _check_therapist_of_practice(therapist, practice):
    if therapist.role != Role.THERAPIST or therapist.practice_id != practice.pk:
        raise ValidationError({"responsible_therapist": _("Choose a therapist of this practice.")})


@transaction.atomic
def patient_create(*, practice, acting_user: User, fields: dict) -> Patient:
    """Register a new patient in the practice."""
    patient = Patient(practice=practice)
    therapist = fields.get("responsible_therapist")
    if therapist is not None:
        _check_therapist_of_practice(therapist, practice)
    return save_validated(patient, fields)


@transaction.atomic
def patient_update(*, patient: Patient, acting_user: User, fields: dict) -> Patient:
    """Change a patient's details."""
    therapist = fields.get("responsible_therapist")
    if therapist is not None:
        _check_therapist_of_practice(therapist, patient.practice)
    save_validated(patient, fields)
    # How the patient came decides which message the GP is owed.
    episode_signals_refresh(episode_ids=patient.episodes.values_list("pk", flat=True), acting_user=acting_user)
    return patient


def patient_archive(*, patient: Patient, archived: bool, acting_user: User) -> Patient:
    """Archive a patient (or bring one back); records are kept, never deleted from the app."""
    patient.archived_at = timezone.now() if archived else None
    patient.save(update_fields=["archived_at", "updated_at"])
    return patient


@transaction.atomic
def patient_invite_account(*, patient: Patient, base_url: str, acting_user: User) -> User:
    """Create a patient account for this patient and e-mail an invitation to choose a password."""
    if patient.user_id:
        raise ValidationError(_("This patient already has an account."))
    if not patient.email:
        raise ValidationError(_("Record the patient's e-mail address first."))
    if User.objects.filter(email__iexact=patient.email).exists():
        raise ValidationError(_("An account with this e-mail address already exists."))
    account = user_invite(
        practice=patient.practice,
        email=patient.email,
        first_name=patient.first_name,
        last_name=patient.last_name,
        role=Role.PATIENT,
        base_url=base_url,
        acting_user=acting_user,
    )
    patient.user = account
    patient.save(update_fields=["user", "updated_at"])
    return account
