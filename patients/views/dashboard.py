"""The therapist's caseload."""

from django.views.generic import TemplateView

from clinic.access_log import RecordPart, record_access
from clinic.models import AccessAction
from patients.models import CareEpisode
from patients.rules import red_flags_open
from patients.views.base import TherapistRequiredMixin
from patients.worklists import therapist_worklists

LIST_LIMIT = 50


class DashboardView(TherapistRequiredMixin, TemplateView):
    """The therapist's caseload: today's and this week's appointments, the worklists and open episodes."""

    template_name = "patients/dashboard.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(request, action=AccessAction.READ, part=RecordPart.CASELOAD)
        return response

    def get_context_data(self, **kwargs):
        user = self.request.user
        open_episodes = (
            CareEpisode.objects.for_user(user)
            .open()
            .filter(therapist=user, patient__archived_at__isnull=True)
            .select_related("patient", "screening")
            .order_by("patient__last_name", "patient__first_name", "pk")
        )
        episodes = list(open_episodes[: LIST_LIMIT + 1])
        return super().get_context_data(
            episodes=[
                (episode, red_flags_open(getattr(episode, "screening", None))) for episode in episodes[:LIST_LIMIT]
            ],
            more_episodes=len(episodes) > LIST_LIMIT,
            **therapist_worklists(user),
            **kwargs,
        )
