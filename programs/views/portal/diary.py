"""The patient's diary in the portal: quick buttons, the latest lines, and a new line."""

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from clinic.concurrency import OnceOnlyFormMixin
from programs.models import BladderEntry, BowelEntry
from programs.views.diary import DiaryEntryCreateMixin
from programs.views.portal.mixins import PortalMixin


class PortalDiaryView(PortalMixin, TemplateView):
    """The patient's diary: quick buttons and the lines of the last days."""

    template_name = "programs/portal_diary.html"

    def get_context_data(self, **kwargs):
        since = timezone.localdate() - timezone.timedelta(days=2)
        user = self.request.user
        return super().get_context_data(
            bladder=BladderEntry.objects.for_user(user).filter(diary_day__gte=since)[:50],
            bowel=BowelEntry.objects.for_user(user).filter(diary_day__gte=since)[:20],
            **kwargs,
        )


class PortalDiaryEntryCreateView(OnceOnlyFormMixin, PortalMixin, DiaryEntryCreateMixin):
    """The patient writes a line of their own diary."""

    def get_success_url(self):
        return reverse("portal:diary")
