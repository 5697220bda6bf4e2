"""The therapist's view of a patient's home programs, adherence and diaries, and diary lines written for them."""

from django.urls import reverse
from django.views.generic import TemplateView

from clinic.choices import RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin
from patients.models import CareEpisode
from patients.views.mixins import PatientChildMixin
from programs.models import BladderEntry, BowelEntry, HomeProgram
from programs.selectors import patient_summary_context
from programs.views.diary import DiaryEntryCreateMixin


class PatientProgramsView(PatientChildMixin, LoggedReadMixin, TemplateView):
    """Programs per episode, adherence and pain per week, and the diary metrics per day."""

    template_name = "programs/patient_overview.html"
    log_part = RecordPart.HOME_PROGRAM_OVERVIEW

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            episodes=CareEpisode.objects.for_user(user).filter(patient=self.patient),
            programs=HomeProgram.objects.for_user(user)
            .filter(episode__patient=self.patient)
            .select_related("episode")
            .order_by("-episode__started_on", "episode_id", "-version")[:30],
            **patient_summary_context(self.patient),
            recent_bladder=BladderEntry.objects.for_user(user).filter(patient=self.patient)[:20],
            recent_bowel=BowelEntry.objects.for_user(user).filter(patient=self.patient)[:10],
            **kwargs,
        )


class TherapistDiaryEntryCreateView(OnceOnlyFormMixin, PatientChildMixin, DiaryEntryCreateMixin):
    """The therapist writes a diary line the patient reported, e.g. from a paper diary."""

    log_on_behalf_of = True

    def get_success_url(self):
        return reverse("programs:patient_overview", args=[self.patient.pk])
