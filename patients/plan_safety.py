"""Gather from the record what the plan's safety rules need, and ask the rules."""

from django.core.exceptions import ObjectDoesNotExist

from patients import rules
from patients.choices import PelvicFloorClass
from programs.choices import ProgramStatus
from programs.models import ProgramItem
from programs.rules import is_strengthening


def _one_to_one(episode, name):
    try:
        return getattr(episode, name)
    except ObjectDoesNotExist:
        return None


def intake_conditions(intake):
    """Return the conditions from the intake that matter for NSAIDs and dry needling."""
    if intake is None:
        return {}
    return {
        "uses_anticoagulants": intake.uses_anticoagulants,
        "bleeding_disorder": intake.bleeding_disorder,
        "stomach_problems": intake.stomach_problems,
        "kidney_problems": intake.kidney_problems,
        "heart_problems": intake.heart_problems,
        "pregnant": intake.is_pregnant,
        "breastfeeding": intake.breastfeeding,
    }


def episode_intake_conditions(episode):
    return intake_conditions(_one_to_one(episode, "intake"))


def episode_red_flag_open(episode):
    """Return whether a red flag of the episode's screening still stands in the way of treatment."""
    screening = _one_to_one(episode, "screening")
    if screening is None or not rules.positive_red_flags(screening):
        return False
    return not rules.treatment_may_start(referral_type=episode.patient.referral_type, screening=screening)


def pfmt_focuses(interventions):
    return {focus for intervention in interventions for focus in intervention.pfmt_focuses}


def home_program_strengthening(episode):
    """Return whether the episode's current home program holds strengthening exercises (one query)."""
    items = ProgramItem.objects.filter(program__episode=episode, program__status=ProgramStatus.ACTIVE).values_list(
        "exercise__kind", "exercise__contraindications"
    )
    return any(is_strengthening(kind, tags) for kind, tags in items)


def episode_warnings(episode):
    """Return the warnings that follow from the record alone: an open red flag and the NSAID cautions."""
    return [
        *rules.red_flag_plan_warnings(red_flag_open=episode_red_flag_open(episode)),
        *rules.nsaid_cautions(episode_intake_conditions(episode)),
    ]


def plan_warnings(plan):
    """Return every safety warning that applies to the plan, the blocking ones first, each code once."""
    # The home program matters to the rule only for an overactive floor: read it only then.
    overactive = plan.pelvic_floor_class == PelvicFloorClass.OVERACTIVE
    warnings = [
        *episode_warnings(plan.episode),
        *rules.relaxation_first_warnings(
            pelvic_floor_class=plan.pelvic_floor_class,
            pfmt_focuses=pfmt_focuses(plan.interventions.all()),
            home_program_strengthening=overactive and home_program_strengthening(plan.episode),
        ),
    ]
    for referral in plan.needling_referrals.all():
        warnings += rules.needling_warnings(referral.answers())
    unique = {}
    for warning in warnings:
        unique.setdefault(warning.code, warning)
    return sorted(unique.values(), key=lambda warning: not warning.blocking)
