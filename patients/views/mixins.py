"""What the record's pages add to the view mixins of clinic.views.mixins: the patient, episode or plan of the URL."""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from clinic.choices import RecordPart
from clinic.views.mixins import ParentMixin, TherapistRequiredMixin
from patients.models import CareEpisode, Patient, TreatmentPlan


class PatientChildMixin(TherapistRequiredMixin, ParentMixin):
    """A therapist's page about one patient (`patient_pk` in the URL), found through the user's scope."""

    parent_kwarg = "patient_pk"

    def get_parent_queryset(self):
        return Patient.objects.for_user(self.request.user)

    @property
    def patient(self):
        return self.parent

    def get_log_patient(self):
        return self.patient

    def get_context_data(self, **kwargs):
        return super().get_context_data(patient=self.patient, **kwargs)


class EpisodeChildMixin(TherapistRequiredMixin, ParentMixin):
    """A therapist's page within one care episode (`episode_pk` in the URL), found through the user's scope."""

    parent_kwarg = "episode_pk"
    # What the page reads of the episode with it, in the same query.
    episode_related = ("patient",)

    def get_parent_queryset(self):
        return CareEpisode.objects.for_user(self.request.user).select_related(*self.episode_related)

    @property
    def episode(self):
        return self.parent

    def get_log_patient(self):
        return self.episode.patient

    def get_context_data(self, **kwargs):
        return super().get_context_data(episode=self.episode, patient=self.episode.patient, **kwargs)

    def get_success_url(self):
        return self.episode.get_absolute_url()


class PlanMixin(EpisodeChildMixin):
    """A page of the episode's treatment plan, or of what hangs off it; 404 while the episode has none."""

    log_part = RecordPart.TREATMENT_PLAN
    episode_related = ("patient", "patient__practice", "screening", "intake", "signals")

    def find_plan(self):
        """Return the episode's plan, or None when it has none yet."""
        return TreatmentPlan.objects.for_user(self.request.user).filter(episode=self.episode).first()

    @cached_property
    def plan(self):
        plan = self.find_plan()
        if plan is None:
            raise Http404(_("This episode has no treatment plan yet."))
        plan.episode = self.episode
        return plan

    def plan_url(self):
        return reverse("patients:plan_detail", args=[self.episode.pk])

    def get_success_url(self):
        return self.plan_url()


class OpenPlanMixin(PlanMixin):
    """Offer the form only while the plan is open (after the role check); a closed plan is not changed."""

    def refuse_closed_plan(self):
        if self.plan.is_closed:
            raise Http404(_("A closed plan cannot be changed."))

    def get(self, request, *args, **kwargs):
        self.refuse_closed_plan()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.refuse_closed_plan()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)
