"""The therapist's caseload."""

from django.utils import timezone
from django.views.generic import TemplateView

from clinic.choices import RecordPart
from clinic.views.mixins import LoggedReadMixin, TherapistRequiredMixin
from patients.selectors.followups import DASHBOARD_LIMIT, dashboard
from patients.selectors.messages import unanswered_messages


class DashboardView(TherapistRequiredMixin, LoggedReadMixin, TemplateView):
    """The therapist's caseload: today's and this week's appointments, the worklists and open episodes."""

    template_name = "patients/dashboard.html"
    log_part = RecordPart.CASELOAD
    shows_many_patients = True

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(
            now=now,
            unanswered=unanswered_messages(self.request.user, DASHBOARD_LIMIT),
            **dashboard(self.request.user, now),
            **kwargs,
        )
