"""Clinical rules of the record as pure functions: findings in, warnings or suggestions out."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.models.assessment import CoughReflex, InternalRoute, PelvicFloorClass, Relaxation, RestingTone
from patients.models.consent import ConsentKind
from patients.models.measures import MeasureKind
from patients.models.patient import ReferralType
from patients.models.screening import RED_FLAGS, ScreeningDecision

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
