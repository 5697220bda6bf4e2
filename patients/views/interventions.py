"""Pages that add to an open plan: its interventions and biofeedback sessions."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, FormView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import ServiceActionView, ServiceFormMixin
from patients.choices import ConsentKind, InterventionKind, PelvicFloorClass
from patients.forms.biofeedback import BiofeedbackSessionForm
from patients.forms.interventions import INTERVENTION_FORMS
from patients.models import Intervention
from patients.rules import plans as rules
from patients.selectors.record import valid_consent
from patients.services import biofeedback as biofeedback_services
from patients.services import plans as plan_services
from patients.views.mixins import OpenPlanMixin, PlanMixin


class InterventionFormMixin(OpenPlanMixin, ServiceFormMixin, FormView):
    template_name = "patients/intervention_form.html"

    @property
    def page_title(self):
        return InterventionKind(self.kind).label

    def get_form_class(self):
        return INTERVENTION_FORMS[self.kind]

    def chosen_focuses(self, form):
        """Return the PFMT focuses as sent, or as saved before the form was sent."""
        if self.kind != InterventionKind.PFMT:
            return []
        if form.is_bound:
            return form.data.getlist("focus")
        return self.intervention.pfmt_focuses if self.intervention else []

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.get_form())
        pelvic_floor_class = self.plan.pelvic_floor_class
        return super().get_context_data(
            warnings=rules.relaxation_first_warnings(
                pelvic_floor_class=pelvic_floor_class, pfmt_focuses=self.chosen_focuses(form)
            ),
            overridden_codes=set(self.plan.overrides.values_list("code", flat=True)),
            strength_would_block=self.kind == InterventionKind.PFMT
            and pelvic_floor_class == PelvicFloorClass.OVERACTIVE,
            **kwargs,
        )

    def perform(self, form):
        return plan_services.intervention_save(
            plan=self.plan,
            kind=self.kind,
            parameters=form.parameters(),
            notes=form.cleaned_data["notes"],
            justification=form.cleaned_data["justification"],
            acting_user=self.request.user,
            intervention=self.intervention,
        )


class InterventionCreateView(OnceOnlyFormMixin, InterventionFormMixin):
    success_message = _("The intervention was added to the plan.")
    intervention = None

    @cached_property
    def kind(self):
        if self.kwargs["kind"] not in InterventionKind.values:
            raise Http404
        return self.kwargs["kind"]


class InterventionUpdateView(InterventionFormMixin):
    log_action = AccessAction.UPDATE
    success_message = _("The intervention was changed.")

    @cached_property
    def intervention(self):
        return get_object_or_404(
            Intervention.objects.for_user(self.request.user).filter(plan__episode=self.episode), pk=self.kwargs["pk"]
        )

    @property
    def kind(self):
        return self.intervention.kind

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "intervention": self.intervention}


class InterventionRemoveView(PlanMixin, ServiceActionView):
    """Take an intervention out of the plan (POST only); the plan's history keeps it."""

    def get_queryset(self):
        return Intervention.objects.for_user(self.request.user).filter(plan__episode=self.episode)

    def perform(self):
        plan_services.intervention_remove(intervention=self.object, acting_user=self.request.user)
        return _("The intervention was removed from the plan.")

    def get_success_url(self):
        return self.plan_url()


class BiofeedbackCreateView(OnceOnlyFormMixin, OpenPlanMixin, ServiceFormMixin, CreateView):
    page_title = _("Record a biofeedback session")
    form_class = BiofeedbackSessionForm
    template_name = "patients/biofeedbacksession_form.html"
    log_part = RecordPart.BIOFEEDBACK
    success_message = _("The biofeedback session was recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "episode": self.episode}

    def get_initial(self):
        """Start from today and from the modality the plan prescribes, which is what is usually recorded."""
        planned = self.plan.interventions.filter(kind=InterventionKind.BIOFEEDBACK).first()
        modality = planned.parameters.get("modality") if planned else None
        return {"session_on": timezone.localdate(), **({"modality": modality} if modality else {})}

    def get_context_data(self, **kwargs):
        consent = valid_consent(self.episode.patient, ConsentKind.BIOFEEDBACK_PROBE)
        return super().get_context_data(probe_consent=consent, **kwargs)

    def perform(self, form):
        return biofeedback_services.biofeedback_session_record(
            plan=self.plan, fields=form.cleaned_data, acting_user=self.request.user
        )
