"""The patient's secure messages with the practice, one conversation per care episode, phone first."""

from django.http import Http404
from django.utils.functional import cached_property
from django.views.generic import FormView

from patients.models import CareEpisode
from patients.views.messages import ConversationMixin
from programs.views.portal.mixins import PortalMixin


class PortalMessagesView(ConversationMixin, PortalMixin, FormView):
    """The conversation of one of the patient's episodes (an open one unless the address names another)."""

    template_name = "programs/portal_messages.html"

    @cached_property
    def episodes(self):
        """Return the patient's own episodes, open ones first, the latest first."""
        episodes = CareEpisode.objects.for_user(self.request.user).select_related("patient")
        return sorted(episodes, key=lambda episode: (not episode.is_open, -episode.started_on.toordinal(), -episode.pk))

    @cached_property
    def episode(self):
        wanted = self.kwargs.get("episode_pk")
        if wanted is None:
            return self.episodes[0] if self.episodes else None
        found = next((episode for episode in self.episodes if episode.pk == wanted), None)
        if found is None:
            raise Http404
        return found

    def get_log_patient(self):
        return self.patient

    def post(self, request, *args, **kwargs):
        if self.episode is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(patient=self.patient, episode=self.episode, episodes=self.episodes, **kwargs)
