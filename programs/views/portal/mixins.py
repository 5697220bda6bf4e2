"""What every page of the portal shares: the patient role, and the record of the login rather than of the URL."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from clinic.choices import AccessOutcome
from clinic.views.mixins import PatientRequiredMixin
from patients.models import Patient


class PortalMixin(PatientRequiredMixin):
    """A patient's own page; the patient record is the one linked to the logged-in account, never one from the URL."""

    @cached_property
    def patient(self):
        """Return the record of the logged-in patient; 404 for an account that has none."""
        return get_object_or_404(Patient.objects.for_user(self.request.user).select_related("practice"))

    def log(self, action, outcome=AccessOutcome.SUCCESS, detail="", on_behalf_of=""):
        """Log only what others may learn from: a patient's own looks at their own record are not NEN 7513 entries.

        Refusals are logged as for every page (AccessLoggedMixin.dispatch).
        """
        if outcome != AccessOutcome.SUCCESS:
            super().log(action, outcome, detail, on_behalf_of)
