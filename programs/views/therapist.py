"""The therapist's view of a patient's home programs, adherence and diaries."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart, Role
from clinic.permissions import RoleRequiredMixin
from patients.models import CareEpisode, Patient
from programs.models import BladderEntry, BowelEntry, HomeProgram
from programs.selectors import patient_summary_context


class PatientProgramsView(RoleRequiredMixin, TemplateView):
    """Programs per episode, adherence and pain per week, and the diary metrics per day."""

    allowed_roles = (Role.THERAPIST,)
    template_name = "programs/patient_overview.html"

    def get(self, request, *args, **kwargs):
        self.patient = get_object_or_404(Patient.objects.for_user(request.user), pk=kwargs["patient_pk"])
        response = super().get(request, *args, **kwargs)
        record_access(request, action=AccessAction.READ, part=RecordPart.HOME_PROGRAM_OVERVIEW, patient=self.patient)
        return response

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            patient=self.patient,
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
