"""Look up the consents that hold now."""

from django.utils import timezone

from patients.models import Consent


def valid_consent(patient, kind):
    """Return the patient's consent of this kind that holds now, or None."""
    return Consent.objects.filter(patient=patient, kind=kind).valid_on(timezone.now()).order_by("-given_at").first()
