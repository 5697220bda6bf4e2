"""The plan's referrals: to a doctor or colleague, and for dry needling with its after-care."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from clinic.choices import AccessAction, RecordPart
from clinic.concurrency import OnceOnlyFormMixin
from clinic.views.mixins import LoggedReadMixin, ServiceFormMixin
from patients.choices import ReferralTopic
from patients.forms.referrals import NeedlingReferralForm, ReferralForm
from patients.models import NeedlingReferral
from patients.models.referrals import NEEDLING_QUESTIONS
from patients.rules import plans as rules
from patients.selectors.plans import episode_intake_conditions
from patients.services import referrals as referral_services
from patients.views.mixins import OpenPlanMixin, PlanMixin


class ReferralCreateView(OnceOnlyFormMixin, OpenPlanMixin, ServiceFormMixin, CreateView):
    page_title = _("Refer to a doctor or colleague")
    form_class = ReferralForm
    template_name = "patients/referral_form.html"
    log_part = RecordPart.REFERRAL
    success_message = _("The referral was recorded.")

    def get_initial(self):
        topic = self.request.GET.get("topic")
        return {"topic": topic} if topic in ReferralTopic.values else {}

    def get_context_data(self, **kwargs):
        """Show the NSAID cautions of the intake when pain medication is the subject of the referral."""
        form = kwargs.setdefault("form", self.get_form())
        about_pain_medication = form["topic"].value() == ReferralTopic.PAIN_MEDICATION
        warnings = rules.nsaid_cautions(episode_intake_conditions(self.episode)) if about_pain_medication else []
        return super().get_context_data(warnings=warnings, **kwargs)

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


class NeedlingCreateView(OnceOnlyFormMixin, NeedlingFormMixin, CreateView):
    def get_initial(self):
        conditions = episode_intake_conditions(self.episode)
        return {name: conditions[name] for name in NEEDLING_QUESTIONS if conditions.get(name) is not None}


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
