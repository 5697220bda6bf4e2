"""The patient draws the pain map the therapist asked for, before the visit."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from clinic.choices import RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import ServiceFormMixin
from patients.choices import PainMapSource
from patients.forms.pain_map import PainMapForm
from patients.selectors.pain_map import open_pain_map_request
from patients.services import pain_map_record
from programs.views.portal.mixins import PortalMixin


class PortalPainMapView(OnceOnlyFormMixin, PortalMixin, ServiceFormMixin, FormView):
    """Draw where it hurts on the figure the therapist chose; without a waiting request, back to the start page."""

    template_name = "programs/portal_pain_map.html"
    form_class = PainMapForm
    log_part = RecordPart.PAIN_MAP
    success_message = gettext_lazy("Thank you. Your therapist will see your pain map at the next visit.")

    @cached_property
    def pain_map_request(self):
        return open_pain_map_request(self.request.user)

    def get_log_patient(self):
        return self.patient

    def nothing_asked(self):
        messages.info(self.request, _("No pain map is asked of you at the moment."))
        return redirect("portal:home")

    def get(self, request, *args, **kwargs):
        if self.pain_map_request is None:
            return self.nothing_asked()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.pain_map_request is None:
            return self.nothing_asked()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body_view": self.pain_map_request.body_view, "by_therapist": False}

    def perform(self, form):
        return pain_map_record(
            episode=self.pain_map_request.episode,
            body_view=self.pain_map_request.body_view,
            source=PainMapSource.PATIENT,
            recorded_on=timezone.localdate(),
            regions=form.cleaned_data["regions"],
            acting_user=self.request.user,
        )

    def get_success_url(self):
        return reverse("portal:home")
