"""Safety rules of the treatment plan as pure functions: facts of the record in, warnings out."""

import datetime
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.choices import PelvicFloorClass, PfmtFocus, SafetyCode

PLAN_REVIEW_AFTER = datetime.timedelta(weeks=6)


@dataclass(frozen=True)
class SafetyWarning:
    """A warning shown where the therapist decides; a blocking one stops the action unless justified."""

    code: str
    message: str
    blocking: bool = False
    overridable: bool = True


def default_review_date(started_on):
    """Return the plan's default review date: six weeks after the start."""
    return started_on + PLAN_REVIEW_AFTER


def red_flag_plan_warnings(*, red_flag_open):
    """Return the warning that stops a plan from being activated while a red flag stands."""
    if not red_flag_open:
        return []
    return [
        SafetyWarning(
            SafetyCode.RED_FLAG_OPEN,
            _("A red flag on this episode is unresolved: the plan cannot be activated until the GP has cleared it."),
            blocking=True,
            overridable=False,
        )
    ]


def relaxation_first_warnings(*, pelvic_floor_class, pfmt_focuses=(), strengthening_exercises=()):
    """Return the "relaxation first" warning when an overactive pelvic floor is given strengthening.

    Strengthening is pelvic floor training with a strength focus in the plan, or strengthening
    exercises in the home program (`strengthening_exercises`: their titles, named in the warning).
    """
    if pelvic_floor_class != PelvicFloorClass.OVERACTIVE:
        return []
    titles = [str(title) for title in strengthening_exercises]
    if PfmtFocus.STRENGTH not in pfmt_focuses and not titles:
        return []
    message = _(
        "Relaxation first: this pelvic floor is overactive. Pause strengthening until it can relax, "
        "and start with downtraining."
    )
    if titles:
        message = format_lazy(
            "{} {}", message, format_lazy(_("Strengthening in the home program: {}."), ", ".join(titles))
        )
    return [SafetyWarning(SafetyCode.RELAXATION_FIRST, message, blocking=True)]


def pfmt_focuses(interventions):
    """Return every focus of the pelvic floor training among the plan's interventions."""
    return {focus for intervention in interventions for focus in intervention.pfmt_focuses}


def intake_conditions(intake):
    """Return the conditions from the intake that matter for NSAIDs and dry needling."""
    if intake is None:
        return {}
    return {
        "uses_anticoagulants": intake.uses_anticoagulants,
        "bleeding_disorder": intake.bleeding_disorder,
        "fear_of_needles": intake.fear_of_needles,
        "stomach_problems": intake.stomach_problems,
        "kidney_problems": intake.kidney_problems,
        "heart_problems": intake.heart_problems,
        "pregnant": intake.is_pregnant,
        "breastfeeding": intake.breastfeeding,
    }


NEEDLING_CONTRAINDICATIONS = [
    ("uses_anticoagulants", SafetyCode.NEEDLING_ANTICOAGULANTS, _("The patient uses anticoagulants.")),
    ("bleeding_disorder", SafetyCode.NEEDLING_BLEEDING_DISORDER, _("The patient has a bleeding disorder.")),
    ("pregnant", SafetyCode.NEEDLING_PREGNANCY, _("The patient is pregnant.")),
    ("fear_of_needles", SafetyCode.NEEDLING_FEAR, _("The patient is afraid of needles.")),
]


def needling_unanswered(answers):
    """Return the names of the contraindication questions not yet answered (None)."""
    return [name for name, _code, _message in NEEDLING_CONTRAINDICATIONS if answers.get(name) is None]


def needling_warnings(answers):
    """Return one blocking warning for every contraindication to dry needling answered yes."""
    return [
        SafetyWarning(code, format_lazy(_("Contraindication to dry needling: {}"), message), blocking=True)
        for name, code, message in NEEDLING_CONTRAINDICATIONS
        if answers.get(name)
    ]


def needle_fear_cautions(conditions):
    """Return the early caution, before any needling referral, that the patient said they fear needles."""
    if not conditions.get("fear_of_needles"):
        return []
    return [
        SafetyWarning(
            SafetyCode.NEEDLE_FEAR_AT_INTAKE,
            _("The patient said at intake they are afraid of needles: discuss this before choosing dry needling."),
        )
    ]


NSAID_CAUTIONS = [
    ("uses_anticoagulants", SafetyCode.NSAID_ANTICOAGULANTS, _("uses anticoagulants")),
    ("stomach_problems", SafetyCode.NSAID_STOMACH, _("has stomach problems")),
    ("kidney_problems", SafetyCode.NSAID_KIDNEY, _("has kidney problems")),
    ("heart_problems", SafetyCode.NSAID_HEART, _("has heart problems")),
    ("pregnant", SafetyCode.NSAID_PREGNANCY, _("is pregnant")),
    ("breastfeeding", SafetyCode.NSAID_BREASTFEEDING, _("is breastfeeding")),
]


def nsaid_cautions(conditions):
    """Return the NSAID cautions that apply to the conditions recorded at intake (never blocking)."""
    return [
        SafetyWarning(
            code,
            format_lazy(_("NSAIDs (ibuprofen, naproxen): the patient {}. Pain medication is the GP's decision."), text),
        )
        for name, code, text in NSAID_CAUTIONS
        if conditions.get(name)
    ]


def nsaid_caution_conditions(conditions):
    """Return what the intake recorded that calls for care with NSAIDs, in words for a letter to the GP."""
    return [text for name, _code, text in NSAID_CAUTIONS if conditions.get(name)]


def unresolved_blocks(warnings, overridden_codes):
    """Return the blocking warnings that still stop the action: not overridable, or not yet justified."""
    return [
        warning
        for warning in warnings
        if warning.blocking and (not warning.overridable or warning.code not in overridden_codes)
    ]
