"""The treatment plan of an episode: its page, writing and revising it, activation, closing and history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from clinic.choices import AccessAction, AccessOutcome
from clinic.concurrency import OnceOnlyFormMixin, VersionCheckedFormMixin
from clinic.views.mixins import LoggedReadMixin, ServiceFormMixin, add_service_error
from patients.choices import InterventionKind, ReferralTopic
from patients.forms.interventions import parameter_rows
from patients.forms.plans import GoalFormSet, PlanActivateForm, PlanCloseForm, PlanForm, goals_from_formset
from patients.models import (
    BiofeedbackSession,
    GPLetter,
    Intervention,
    NeedlingReferral,
    PlanGoal,
    Referral,
    SafetyOverride,
    TreatmentPlan,
)
from patients.rules import plans as rules
from patients.selectors.plans import biofeedback_charts, episode_warnings, plan_warnings, rows_as_of
from patients.services import plans as services
from patients.views.mixins import PlanMixin

# A subquery rather than a join and GROUP BY over the episode's wide row.
LETTER_COUNT = Coalesce(
    Subquery(
        GPLetter.objects.filter(episode=OuterRef("pk"))
        .order_by()
        .values("episode")
        .annotate(count=Count("pk"))
        .values("count")
    ),
    0,
)

# Records many plans have none of: the episode's query asks which exist, so that only those are read.
PLAN_RECORDS_OFTEN_EMPTY = {
    "biofeedback_sessions": BiofeedbackSession.objects.all(),
    "referrals": Referral.objects.all(),
    "overrides": SafetyOverride.objects.select_related("overridden_by"),
    "needling_referrals": NeedlingReferral.objects.select_related("qualified_therapist"),
}
RECORDS_EXIST = {
    f"has_{name}": Exists(queryset.model.objects.filter(plan=OuterRef("plan")))
    for name, queryset in PLAN_RECORDS_OFTEN_EMPTY.items()
}

DOCTOR_REFERRAL_TOPICS = [
    ReferralTopic.PESSARY,
    ReferralTopic.MEDICATION,
    ReferralTopic.LOCAL_OESTROGEN,
    ReferralTopic.SURGERY,
    ReferralTopic.PAIN_MEDICATION,
]


class PlanDetailView(PlanMixin, LoggedReadMixin, TemplateView):
    """The plan with its warnings, goals, interventions, biofeedback trend and referrals."""

    template_name = "patients/treatmentplan_detail.html"

    def get_parent_queryset(self):
        # The plan, which of its records exist and the number of letters come with the episode, in one query.
        return super().get_parent_queryset().select_related("plan").annotate(letter_count=LETTER_COUNT, **RECORDS_EXIST)

    def find_plan(self):
        plan = getattr(self.episode, "plan", None)
        if plan is not None:
            records = [
                Prefetch(name, queryset if getattr(self.episode, f"has_{name}") else queryset.none())
                for name, queryset in PLAN_RECORDS_OFTEN_EMPTY.items()
            ]
            prefetch_related_objects([plan], "goals", "interventions", *records)
        return plan

    def get_context_data(self, **kwargs):
        plan = self.find_plan()
        context = super().get_context_data(plan=plan, **kwargs)
        if plan is None:
            context["warnings"] = episode_warnings(self.episode)
            return context
        warnings = plan_warnings(plan)
        overrides = list(plan.overrides.all())
        overridden = {override.code for override in overrides}
        sessions = list(plan.biofeedback_sessions.all())
        context.update(
            warnings=warnings,
            overrides=overrides,
            overridden_codes=overridden,
            interventions=[(item, parameter_rows(item)) for item in plan.interventions.all()],
            intervention_kinds=InterventionKind.choices,
            doctor_topics=[(topic.value, topic.label) for topic in DOCTOR_REFERRAL_TOPICS],
            sessions=sessions,
            charts=biofeedback_charts(sessions),
            letter_count=self.episode.letter_count,
        )
        return context


class PlanFormMixin(PlanMixin, ServiceFormMixin):
    """The plan form with its goals formset; warnings that apply are shown beside it."""

    form_class = PlanForm
    template_name = "patients/treatmentplan_form.html"

    def get_formset(self):
        instance = self.plan_instance()
        return GoalFormSet(self.request.POST or self.kept_data, instance=instance, prefix="goals")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        instance = self.plan_instance()
        instance.episode = self.episode
        if instance.pk is None:
            return super().get_context_data(warnings=episode_warnings(self.episode), **kwargs)
        overridden = set(instance.overrides.values_list("code", flat=True))
        return super().get_context_data(warnings=plan_warnings(instance), overridden_codes=overridden, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formset = self.get_formset()
        if form.is_valid() and formset.is_valid():
            return self.form_valid(form, formset)
        self.log(self.log_action, outcome=AccessOutcome.FAILED)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def form_valid(self, form, formset):
        try:
            self.object = self.perform(form, formset)
        except ValidationError as error:
            add_service_error(form, error)
            self.log(self.log_action, outcome=AccessOutcome.FAILED)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        self.log(self.log_action)
        messages.success(self.request, self.success_message)
        return redirect(self.plan_url())


class PlanCreateView(OnceOnlyFormMixin, PlanFormMixin, FormView):
    page_title = _("Write the plan")
    success_message = _("The plan was saved as a draft.")

    def get(self, request, *args, **kwargs):
        if self.find_plan() is not None:
            return redirect(self.plan_url())
        return super().get(request, *args, **kwargs)

    def plan_instance(self):
        return TreatmentPlan(episode_id=self.episode.pk)

    def get_initial(self):
        classification = self.episode.classifications.first()
        initial = {"started_on": self.episode.started_on}
        if classification is not None:
            initial.update(
                pelvic_floor_class=classification.pelvic_floor_class, analysis=classification.complaint_pattern
            )
        return initial

    def perform(self, form, formset):
        return services.plan_create(
            episode=self.episode,
            fields=form.cleaned_data,
            goals=goals_from_formset(formset),
            acting_user=self.request.user,
        )


class PlanUpdateView(VersionCheckedFormMixin, PlanFormMixin, FormView):
    """Change a draft, or revise a plan in force with a reason; the earlier version stays readable."""

    log_action = AccessAction.UPDATE
    success_message = _("The plan was saved.")

    def plan_instance(self):
        return self.plan

    def get_versioned_object(self):
        return self.plan

    @property
    def page_title(self):
        return _("Edit the draft plan") if self.plan.is_draft else _("Revise the plan")

    def get_form_kwargs(self):
        if self.plan.is_closed:
            raise Http404(_("A closed plan cannot be changed."))
        return {**super().get_form_kwargs(), "instance": self.plan, "revising": not self.plan.is_draft}

    def perform(self, form, formset):
        seen_version = self.seen_version(form)
        data = form.cleaned_data
        return services.plan_update(
            plan=self.plan,
            seen_version=seen_version,
            fields=data,
            goals=goals_from_formset(formset),
            reason=data.get("reason", ""),
            justification=data.get("justification", ""),
            acting_user=self.request.user,
        )


class PlanActivateView(PlanMixin, ServiceFormMixin, FormView):
    """Show every warning that applies and activate the plan once nothing blocks it."""

    page_title = _("Activate the plan")
    form_class = PlanActivateForm
    template_name = "patients/treatmentplan_activate.html"
    log_action = AccessAction.UPDATE
    success_message = _("The plan is active.")

    def get_context_data(self, **kwargs):
        plan = self.plan
        warnings = plan_warnings(plan)
        overrides = list(plan.overrides.select_related("overridden_by"))
        blocks = rules.unresolved_blocks(warnings, {override.code for override in overrides})
        return super().get_context_data(
            plan=plan,
            warnings=warnings,
            open_blocks=blocks,
            final_blocks=[warning for warning in blocks if not warning.overridable],
            overrides=overrides,
            overridden_codes={override.code for override in overrides},
            **kwargs,
        )

    def perform(self, form):
        return services.plan_activate(
            plan=self.plan, justification=form.cleaned_data["justification"], acting_user=self.request.user
        )


class PlanCloseView(PlanMixin, ServiceFormMixin, FormView):
    page_title = _("Close the plan")
    form_class = PlanCloseForm
    template_name = "patients/treatmentplan_close.html"
    log_action = AccessAction.UPDATE
    success_message = _("The plan is closed.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def perform(self, form):
        return services.plan_close(
            plan=self.plan, closing_summary=form.cleaned_data["closing_summary"], acting_user=self.request.user
        )


class PlanHistoryView(PlanMixin, LoggedReadMixin, TemplateView):
    """Every saved version of the plan: who changed what, when and why."""

    template_name = "patients/treatmentplan_history.html"
    paginate_by = 25
    read_detail = "history"

    def get_context_data(self, **kwargs):
        records = self.plan.history.select_related("history_user").order_by("-history_date", "-history_id")
        page = Paginator(records, self.paginate_by).get_page(self.request.GET.get("page"))
        records = list(page)
        rows = []
        for index, record in enumerate(records):
            previous = records[index + 1] if index + 1 < len(records) else record.prev_record
            changed = []
            if previous is not None:
                delta = record.diff_against(previous)
                changed = [TreatmentPlan._meta.get_field(change.field).verbose_name for change in delta.changes]
            rows.append((record, changed))
        return super().get_context_data(plan=self.plan, page_obj=page, rows=rows, **kwargs)


class PlanVersionView(PlanMixin, LoggedReadMixin, TemplateView):
    """The plan as it stood at one saved moment, with its goals and interventions of that moment."""

    template_name = "patients/treatmentplan_version.html"

    @property
    def read_detail(self):
        return f"version {self.record.history_id}"

    @cached_property
    def record(self):
        record = self.plan.history.filter(history_id=self.kwargs["history_id"]).select_related("history_user").first()
        if record is None:
            raise Http404
        return record

    def get_context_data(self, **kwargs):
        record = self.record
        moment = record.history_date
        goals = rows_as_of(PlanGoal, self.plan, moment)
        interventions = [(item, parameter_rows(item)) for item in rows_as_of(Intervention, self.plan, moment)]
        return super().get_context_data(
            plan=self.plan, record=record, goals=goals, interventions=interventions, **kwargs
        )
