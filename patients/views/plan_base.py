"""What every treatment-plan page shares: the therapist role, the episode in scope and the access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from clinic.access_log import record_access
from clinic.choices import AccessAction, AccessOutcome, RecordPart, Role
from clinic.permissions import RoleRequiredMixin
from patients.models import CareEpisode, TreatmentPlan
from patients.views.base import add_service_error


class EpisodePlanMixin(RoleRequiredMixin):
    """Find the episode of the URL in the user's scope (404 outside it); log every look and change, refused ones too."""

    allowed_roles = (Role.THERAPIST,)
    log_part = RecordPart.TREATMENT_PLAN
    log_action = AccessAction.CREATE
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            if request.user.is_authenticated:
                action = AccessAction.READ if request.method == "GET" else self.log_action
                record_access(
                    request, action=action, part=self.log_part, outcome=AccessOutcome.DENIED, detail=request.path
                )
            raise

    def get_episode_queryset(self):
        """Return the user's episodes with what the plan pages read of them."""
        return CareEpisode.objects.for_user(self.request.user).select_related(
            "patient", "patient__practice", "screening", "intake"
        )

    @cached_property
    def episode(self):
        return get_object_or_404(self.get_episode_queryset(), pk=self.kwargs["episode_pk"])

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

    def log(self, action, outcome=AccessOutcome.SUCCESS, detail=""):
        record_access(
            self.request,
            action=action,
            part=self.log_part,
            patient=self.episode.patient,
            outcome=outcome,
            detail=detail,
        )

    def plan_url(self):
        return reverse("patients:plan_detail", args=[self.episode.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(episode=self.episode, patient=self.episode.patient, **kwargs)


class ServiceFormMixin(EpisodePlanMixin):
    """Show the form (logged as a read) and save a valid one through one service call, logging the outcome."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.log(AccessAction.READ)
        return response

    def perform(self, form):
        raise NotImplementedError

    def get_success_url(self):
        return self.plan_url()

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        self.log(self.log_action)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        self.log(self.log_action, outcome=AccessOutcome.FAILED)
        return super().form_invalid(form)
