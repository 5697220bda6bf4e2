"""Clinical rules of the record as pure functions: findings in, warnings or suggestions out."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.choices import (
    ConsentKind,
    CoughReflex,
    InternalRoute,
    MeasureKind,
    PelvicFloorClass,
    PfmtFocus,
    ReferralType,
    Relaxation,
    RestingTone,
    SafetyCode,
    ScreeningDecision,
)
from patients.models.screening import RED_FLAGS

# --- red-flag screening -----------------------------------------------------------------------


def positive_red_flags(screening):
    """Return the questions of the red flags answered yes."""
    return [question for name, question in RED_FLAGS if getattr(screening, name)]


def red_flags_open(screening):
    """Return whether a red flag still stands in the way of treatment."""
    if screening is None or not positive_red_flags(screening):
        return False
    if screening.decision == ScreeningDecision.GP_CLEARANCE:
        return screening.gp_cleared_on is None
    return True


def red_flag_warnings(screening):
    """Return what the therapist must know or still do about the red flags of this screening."""
    if screening is None:
        return []
    found = positive_red_flags(screening)
    if not found:
        return []
    warnings = [format_lazy(_("Red flag found: {}."), question) for question in found]
    if not screening.gp_contact_advised:
        warnings.append(_("Advise the patient to contact the GP and record that advice."))
    decision = screening.decision
    if not decision:
        warnings.append(_("Record a decision: continue after GP clearance, refer, or stop."))
    elif decision == ScreeningDecision.GP_CLEARANCE and screening.gp_cleared_on is None:
        warnings.append(_("Waiting for the GP's clearance: do not start treatment yet."))
    elif decision == ScreeningDecision.REFER:
        warnings.append(_("The patient was referred: treatment does not start."))
    elif decision == ScreeningDecision.STOP:
        warnings.append(_("Treatment was stopped after the screening."))
    return warnings


def treatment_may_start(*, referral_type, screening):
    """Return whether treatment may start: direct access needs a screening; red flags need GP clearance."""
    if screening is None:
        return referral_type != ReferralType.DIRECT_ACCESS
    if screening.decision in (ScreeningDecision.REFER, ScreeningDecision.STOP):
        return False
    return not red_flags_open(screening)


# --- consent for internal examination ---------------------------------------------------------

CONSENT_FOR_ROUTE = {
    InternalRoute.VAGINAL: ConsentKind.INTERNAL_VAGINAL,
    InternalRoute.RECTAL: ConsentKind.INTERNAL_RECTAL,
}


def missing_consent_for_route(route, valid_consent_kinds):
    """Return the consent kind an internal examination by this route lacks, or None when allowed."""
    needed = CONSENT_FOR_ROUTE.get(route)
    if needed is None or needed in valid_consent_kinds:
        return None
    return needed


# --- ICS classification suggestion ------------------------------------------------------------


@dataclass(frozen=True)
class ClassificationSuggestion:
    """A suggested pelvic floor class (None when the findings do not point anywhere) and why."""

    pelvic_floor_class: str | None
    reasons: list = field(default_factory=list)


def suggest_classification(assessment):
    """Suggest an ICS class from resting tone, contraction, relaxation and cough reflex; the therapist decides."""
    tone = assessment.resting_tone
    power = assessment.oxford_power
    relaxation = assessment.relaxation
    cough = assessment.cough_reflex
    if not tone and power is None and not relaxation and not cough:
        return ClassificationSuggestion(
            None, [_("Record resting tone, contraction, relaxation and cough reflex to get a suggestion.")]
        )

    overactive = []
    if tone == RestingTone.HIGH:
        overactive.append(_("Resting tone is high."))
    if relaxation in (Relaxation.PARTIAL, Relaxation.ABSENT):
        overactive.append(_("The floor does not fully relax after a contraction."))
    if overactive:
        return ClassificationSuggestion(PelvicFloorClass.OVERACTIVE, overactive)

    if power == 0 and cough == CoughReflex.ABSENT:
        return ClassificationSuggestion(
            PelvicFloorClass.NON_FUNCTIONING,
            [_("No voluntary contraction (Oxford 0)."), _("No reflex contraction on a cough.")],
        )

    underactive = []
    if tone == RestingTone.LOW:
        underactive.append(_("Resting tone is low."))
    if power is not None and power <= 2:
        underactive.append(format_lazy(_("Voluntary contraction is weak (Oxford {})."), power))
    if cough in (CoughReflex.DELAYED, CoughReflex.ABSENT):
        underactive.append(_("The reflex contraction on a cough is delayed or absent."))
    if underactive:
        return ClassificationSuggestion(PelvicFloorClass.UNDERACTIVE, underactive)

    if tone == RestingTone.NORMAL and power is not None and relaxation == Relaxation.COMPLETE and cough:
        return ClassificationSuggestion(
            PelvicFloorClass.NORMAL,
            [_("Normal resting tone, a good contraction, full relaxation and a reflex contraction on a cough.")],
        )
    return ClassificationSuggestion(None, [_("The findings recorded so far do not point to one class.")])


# --- outcome measures -------------------------------------------------------------------------


def measure_total(kind, *, score=None, psk_scores=(), iciq_items=()):
    """Return the value a measure is shown and charted by: the score, the PSK mean or the ICIQ sum."""
    if kind in (MeasureKind.NRS_PAIN, MeasureKind.PGI_I):
        return None if score is None else Decimal(score)
    if kind == MeasureKind.PSK:
        given = [value for value in psk_scores if value is not None]
        if not given:
            return None
        return (Decimal(sum(given)) / len(given)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if kind == MeasureKind.ICIQ_UI_SF:
        if any(value is None for value in iciq_items) or len(iciq_items) != 3:
            return None
        return Decimal(sum(iciq_items))
    raise ValueError(f"Unknown measure kind: {kind}")


# --- treatment plan safety --------------------------------------------------------------------

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


def relaxation_first_warnings(*, pelvic_floor_class, pfmt_focuses=(), home_program_strengthening=False):
    """Return the "relaxation first" warning for strengthening an overactive pelvic floor."""
    if pelvic_floor_class != PelvicFloorClass.OVERACTIVE:
        return []
    if PfmtFocus.STRENGTH not in pfmt_focuses and not home_program_strengthening:
        return []
    return [
        SafetyWarning(
            SafetyCode.RELAXATION_FIRST,
            _(
                "Relaxation first: this pelvic floor is overactive. Pause strengthening until it can relax, "
                "and start with downtraining."
            ),
            blocking=True,
        )
    ]


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


def unresolved_blocks(warnings, overridden_codes):
    """Return the blocking warnings that still stop the action: not overridable, or not yet justified."""
    return [
        warning
        for warning in warnings
        if warning.blocking and (not warning.overridable or warning.code not in overridden_codes)
    ]
