"""What every page of the clinical record shares: the therapist role, scoping and the access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property

from clinic.access_log import record_access
from clinic.choices import AccessAction, AccessOutcome, Role
from clinic.permissions import RoleRequiredMixin
from patients.models import CareEpisode


class TherapistRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.THERAPIST,)


class AccessLoggedMixin(TherapistRequiredMixin):
    """Write one access-log entry for every page shown and every change tried, refused ones too."""

    log_part = ""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            if request.user.is_authenticated:
                # A refused POST is logged as an attempted change: what it would have done is not known.
                action = AccessAction.READ if request.method == "GET" else AccessAction.UPDATE
                record_access(
                    request, action=action, part=self.log_part, outcome=AccessOutcome.DENIED, detail=request.path
                )
            raise

    def get_log_patient(self):
        return self.object.patient if self.object else None

    def log(self, action, outcome=AccessOutcome.SUCCESS, detail=""):
        record_access(
            self.request,
            action=action,
            part=self.log_part,
            patient=self.get_log_patient(),
            outcome=outcome,
            detail=detail,
        )


class LoggedReadMixin(AccessLoggedMixin):
    """Log a read of the record each time the page is shown."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.get_log_patient() is not None:
            self.log(AccessAction.READ)
        return response


class EpisodeChildMixin(AccessLoggedMixin):
    """Find the care episode in the URL through the user's scope (404 outside it), after the role check."""

    @cached_property
    def episode(self):
        return get_object_or_404(
            CareEpisode.objects.for_user(self.request.user).select_related("patient"), pk=self.kwargs["episode_pk"]
        )

    def get_log_patient(self):
        return self.episode.patient

    def get_context_data(self, **kwargs):
        return super().get_context_data(episode=self.episode, patient=self.episode.patient, **kwargs)

    def get_success_url(self):
        return self.episode.get_absolute_url()


def add_service_error(form, error: ValidationError):
    """Show a service's refusal next to the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ServiceFormMixin(LoggedReadMixin):
    """Save a valid form through one service call; log the attempt and its outcome."""

    log_action = AccessAction.CREATE
    success_message = ""

    def perform(self, form):
        raise NotImplementedError

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
