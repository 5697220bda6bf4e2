"""The therapist's caseload."""

from django.utils import timezone
from django.views.generic import TemplateView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart
from clinic.views.mixins import TherapistRequiredMixin
from patients.selectors.followups import dashboard


class DashboardView(TherapistRequiredMixin, TemplateView):
    """The therapist's caseload: today's and this week's appointments, the worklists and open episodes."""

    template_name = "patients/dashboard.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(request, action=AccessAction.READ, part=RecordPart.CASELOAD)
        return response

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(now=now, **dashboard(self.request.user, now), **kwargs)
