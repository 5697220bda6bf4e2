"""Pages that add to a plan: interventions, biofeedback sessions, referrals and dry-needling referrals."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, FormView, UpdateView

from clinic.choices import AccessAction, RecordPart
from clinic.views.mixins import LoggedReadMixin, ServiceActionView, ServiceFormMixin
from patients.choices import ConsentKind, InterventionKind, PelvicFloorClass, ReferralTopic
from patients.forms.interventions import INTERVENTION_FORMS
from patients.forms.plan_records import BiofeedbackSessionForm, NeedlingReferralForm, ReferralForm
from patients.models import Intervention, NeedlingReferral
from patients.rules import plans as rules
from patients.selectors.plans import episode_intake_conditions
from patients.selectors.record import valid_consent
from patients.services import biofeedback as biofeedback_services
from patients.services import plans as plan_services
from patients.services import referrals as referral_services
from patients.views.mixins import PlanMixin


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


class InterventionCreateView(InterventionFormMixin):
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


class BiofeedbackCreateView(OpenPlanMixin, ServiceFormMixin, CreateView):
    page_title = _("Record a biofeedback session")
    form_class = BiofeedbackSessionForm
    template_name = "patients/biofeedbacksession_form.html"
    log_part = RecordPart.BIOFEEDBACK
    success_message = _("The biofeedback session was recorded.")

    def get_context_data(self, **kwargs):
        consent = valid_consent(self.episode.patient, ConsentKind.BIOFEEDBACK_PROBE)
        return super().get_context_data(probe_consent=consent, **kwargs)

    def perform(self, form):
        return biofeedback_services.biofeedback_session_record(
            plan=self.plan, fields=form.cleaned_data, acting_user=self.request.user
        )


class ReferralCreateView(OpenPlanMixin, ServiceFormMixin, CreateView):
    page_title = _("Refer to a doctor or colleague")
    form_class = ReferralForm
    template_name = "patients/referral_form.html"
    log_part = RecordPart.REFERRAL
    success_message = _("The referral was recorded.")

    def get_initial(self):
        topic = self.request.GET.get("topic")
        return {"topic": topic} if topic in ReferralTopic.values else {}

    def perform(self, form):
        return referral_services.referral_create(
            plan=self.plan, fields=form.cleaned_data, acting_user=self.request.user
        )


class NeedlingFormMixin(OpenPlanMixin, ServiceFormMixin):
    page_title = _("Dry-needling referral")
    form_class = NeedlingReferralForm
    template_name = "patients/needlingreferral_form.html"
    log_part = RecordPart.NEEDLING_REFERRAL

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "practice": self.episode.patient.practice}

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.get_form())
        answers = {name: form[name].value() for name in form.question_names}
        shown = {name: value == "yes" or value is True for name, value in answers.items()}
        return super().get_context_data(warnings=rules.needling_warnings(shown), **kwargs)

    def get_success_url(self):
        if self.object.is_sent:
            return reverse("patients:needling_detail", args=[self.episode.pk, self.object.pk])
        return self.plan_url()

    @property
    def success_message(self):
        return _("The referral was sent.") if self.object.is_sent else _("The referral was saved as a draft.")

    def perform(self, form):
        data = form.cleaned_data
        return referral_services.needling_referral_save(
            plan=self.plan,
            referral=self.object,
            fields=data,
            send="send" in self.request.POST,
            justification=data["justification"],
            acting_user=self.request.user,
        )


class NeedlingCreateView(NeedlingFormMixin, CreateView):
    def get_initial(self):
        conditions = episode_intake_conditions(self.episode)
        return {
            name: conditions[name]
            for name in ("uses_anticoagulants", "bleeding_disorder", "pregnant")
            if name in conditions
        }


class NeedlingUpdateView(NeedlingFormMixin, UpdateView):
    log_action = AccessAction.UPDATE

    def get_object(self, queryset=None):
        referral = get_object_or_404(
            NeedlingReferral.objects.for_user(self.request.user).filter(plan__episode=self.episode),
            pk=self.kwargs["pk"],
        )
        if referral.is_sent:
            raise Http404(_("A sent referral can no longer be changed."))
        return referral


class NeedlingDetailView(PlanMixin, LoggedReadMixin, DetailView):
    """A sent or draft needling referral, with the after-care text to print for the patient."""

    template_name = "patients/needlingreferral_detail.html"
    log_part = RecordPart.NEEDLING_REFERRAL

    def get_queryset(self):
        return (
            NeedlingReferral.objects.for_user(self.request.user)
            .filter(plan__episode=self.episode)
            .select_related("qualified_therapist", "created_by")
            .prefetch_related("overrides")
        )
