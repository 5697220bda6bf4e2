"""Writes of the treatment plan: create, revise, activate and close; goals, interventions and overrides."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from clinic.concurrency import refuse_if_changed
from clinic.models import User
from clinic.services import save_validated
from patients.choices import EpisodeStatus, PlanStatus
from patients.models import CareEpisode, Intervention, PlanGoal, SafetyOverride, TreatmentPlan
from patients.rules import plans as rules
from patients.selectors.plans import plan_warnings
from patients.services.signals import episode_signals_refresh

PLAN_FIELDS = ("pelvic_floor_class", "analysis", "started_on", "review_on", "planned_sessions", "gp_consult_advised")
GOAL_FIELDS = ("description", "measure", "target", "review_on", "achieved")


def require_justification(
    *, plan: TreatmentPlan, warnings, justification: str, acting_user: User, needling_referral=None
):
    """Refuse when a blocking warning stands unjustified; keep the justification of each one overridden."""
    overrides = plan.overrides.all()
    if needling_referral is not None:
        overrides = overrides.filter(needling_referral=needling_referral)
    overridden = set(overrides.values_list("code", flat=True))
    blocks = rules.unresolved_blocks(warnings, overridden)
    final = [str(warning.message) for warning in blocks if not warning.overridable]
    if final:
        raise ValidationError(final)
    if not blocks:
        return []
    if not justification.strip():
        raise ValidationError(
            {"justification": _("A blocking warning stands: change your choice, or write why you go ahead.")}
        )
    overrides = []
    for warning in blocks:
        override = SafetyOverride(
            plan=plan,
            needling_referral=needling_referral,
            code=warning.code,
            warning=str(warning.message),
            justification=justification.strip(),
            overridden_by=acting_user,
        )
        save_validated(override)
        overrides.append(override)
    return overrides


def record_revision(*, plan: TreatmentPlan, reason: str, acting_user: User):
    """Count a change to an activated plan as a new version; its history keeps who, what, when and why."""
    if plan.is_closed:
        raise ValidationError(_("A closed plan cannot be changed."))
    if plan.status == PlanStatus.ACTIVE:
        plan.status = PlanStatus.REVISED
    if not plan.is_draft:
        plan.version += 1
    return save_validated(plan, acting_user=acting_user, reason=reason)


def _save_goals(*, plan: TreatmentPlan, goals: list, acting_user: User, reason: str):
    """Create, change or remove goals as the form sent them (`instance` None for a new one)."""
    for goal_data in goals:
        goal = goal_data.get("instance")
        if goal_data.get("delete"):
            if goal is not None:
                goal._history_user = acting_user
                goal._change_reason = str(reason)
                goal.delete()
            continue
        goal = goal or PlanGoal(plan=plan)
        for name in GOAL_FIELDS:
            setattr(goal, name, goal_data[name])
        goal.review_on = goal.review_on or plan.review_on
        save_validated(goal, acting_user=acting_user, reason=reason)


@transaction.atomic
def plan_create(*, episode: CareEpisode, fields: dict, goals: list, acting_user: User):
    """Write the draft plan of a care episode with its goals."""
    if episode.status == EpisodeStatus.DISCHARGED:
        raise ValidationError(_("The episode was discharged: a new plan cannot be written."))
    if TreatmentPlan.objects.filter(episode=episode).exists():
        raise ValidationError(_("This episode already has a plan: revise it instead."))
    plan = TreatmentPlan(episode=episode, created_by=acting_user, **{name: fields[name] for name in PLAN_FIELDS})
    # The plan's first history record is written after its goals, so that this version shows them.
    plan.skip_history_when_saving = True
    save_validated(plan, acting_user=acting_user)
    _save_goals(plan=plan, goals=goals, acting_user=acting_user, reason=_("Plan written"))
    del plan.skip_history_when_saving
    save_validated(plan, acting_user=acting_user, reason=_("Plan written"))
    episode_signals_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: TreatmentPlan,
    fields: dict,
    goals: list,
    reason: str,
    justification: str,
    acting_user: User,
    seen_version: str | None = None,
):
    """Change the plan and its goals; a plan in force needs a reason, and its earlier version stays readable.

    A save based on a version someone else has changed since (`seen_version`) is refused.
    """
    plan = TreatmentPlan.objects.select_for_update().get(pk=plan.pk)
    refuse_if_changed(plan, seen_version)
    if not plan.is_draft and not reason.strip():
        raise ValidationError({"reason": _("Say why the plan is revised.")})
    for name in PLAN_FIELDS:
        setattr(plan, name, fields[name])
    warnings = rules.relaxation_first_warnings(
        pelvic_floor_class=plan.pelvic_floor_class, pfmt_focuses=rules.pfmt_focuses(plan.interventions.all())
    )
    require_justification(plan=plan, warnings=warnings, justification=justification, acting_user=acting_user)
    reason = reason.strip() or _("Draft changed")
    _save_goals(plan=plan, goals=goals, acting_user=acting_user, reason=reason)
    record_revision(plan=plan, reason=reason, acting_user=acting_user)
    episode_signals_refresh(episode_ids=[plan.episode_id], acting_user=acting_user)
    return plan


@transaction.atomic
def plan_activate(*, plan: TreatmentPlan, justification: str, acting_user: User):
    """Put a draft plan into force once no red flag stands and every blocking warning is justified."""
    plan = TreatmentPlan.objects.select_for_update().select_related("episode__patient").get(pk=plan.pk)
    if not plan.is_draft:
        raise ValidationError(_("Only a draft plan can be activated."))
    if not plan.goals.exists():
        raise ValidationError(_("Add at least one goal before activating the plan."))
    require_justification(plan=plan, warnings=plan_warnings(plan), justification=justification, acting_user=acting_user)
    plan.status = PlanStatus.ACTIVE
    plan.activated_at = timezone.now()
    return save_validated(plan, acting_user=acting_user, reason=_("Plan activated"))


@transaction.atomic
def plan_close(*, plan: TreatmentPlan, closing_summary: str, acting_user: User):
    """Close a plan in force with the outcome reached."""
    plan = TreatmentPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_in_force:
        raise ValidationError(_("Only a plan in force can be closed."))
    if not closing_summary.strip():
        raise ValidationError({"closing_summary": _("Record the outcome of the treatment.")})
    plan.status = PlanStatus.CLOSED
    plan.closed_at = timezone.now()
    plan.closing_summary = closing_summary.strip()
    save_validated(plan, acting_user=acting_user, reason=_("Plan closed"))
    episode_signals_refresh(episode_ids=[plan.episode_id], acting_user=acting_user)
    return plan


@transaction.atomic
def intervention_save(
    *,
    plan: TreatmentPlan,
    kind: str,
    parameters: dict,
    notes: str,
    justification: str = "",
    acting_user: User,
    intervention: Intervention | None = None,
):
    """Add or change an intervention; strengthening an overactive floor needs a written justification."""
    plan = TreatmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_closed:
        raise ValidationError(_("A closed plan cannot be changed."))
    is_new = intervention is None
    intervention = intervention or Intervention(plan=plan)
    intervention.kind = kind
    intervention.parameters = parameters
    intervention.notes = notes
    others = plan.interventions.exclude(pk=intervention.pk) if intervention.pk else plan.interventions.all()
    warnings = rules.relaxation_first_warnings(
        pelvic_floor_class=plan.pelvic_floor_class, pfmt_focuses=rules.pfmt_focuses([*others, intervention])
    )
    require_justification(plan=plan, warnings=warnings, justification=justification, acting_user=acting_user)
    label = intervention.get_kind_display()
    reason = format_lazy(_("Intervention added: {}") if is_new else _("Intervention changed: {}"), label)
    save_validated(intervention, acting_user=acting_user, reason=reason)
    record_revision(plan=plan, reason=reason, acting_user=acting_user)
    return intervention


@transaction.atomic
def intervention_remove(*, intervention: Intervention, acting_user: User):
    """Take an intervention out of the plan; the plan's history keeps it."""
    plan = TreatmentPlan.objects.select_for_update().get(pk=intervention.plan_id)
    if plan.is_closed:
        raise ValidationError(_("A closed plan cannot be changed."))
    reason = format_lazy(_("Intervention removed: {}"), intervention.get_kind_display())
    intervention._history_user = acting_user
    intervention._change_reason = str(reason)
    intervention.delete()
    return record_revision(plan=plan, reason=reason, acting_user=acting_user)
