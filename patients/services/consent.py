"""Writes of informed consent."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.models import Consent


def consent_record(*, patient, acting_user: User, fields: dict) -> Consent:
    """Record a consent the patient (or their representative) gave."""
    return save_validated(Consent(patient=patient, recorded_by=acting_user), fields)


def consent_withdraw(*, consent: Consent, acting_user) -> Consent:
    """Record that the consent was withdrawn now; it stays in the record."""
    if consent.is_withdrawn:
        raise ValidationError(_("This consent was already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawal_recorded_by = acting_user
    return save_validated(consent)
