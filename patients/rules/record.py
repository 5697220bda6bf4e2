"""Rules of the record as pure functions: the screening, consent, the classification, measures and retention."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.choices import (
    PAIN_REGIONS,
    RED_FLAGS,
    ConsentKind,
    CoughReflex,
    DateCheck,
    InternalRoute,
    MeasureKind,
    PainCharacter,
    PelvicFloorClass,
    ReferralType,
    Relaxation,
    RestingTone,
    ScreeningDecision,
)

# --- red-flag screening -----------------------------------------------------------------------


def positive_red_flags(screening):
    """Return the questions of the red flags answered yes."""
    return [question for name, question in RED_FLAGS if getattr(screening, name)]


def red_flag_blocks_treatment(screening):
    """Return whether a red flag stands in the way of treatment: found, and not cleared by the GP."""
    if screening is None or not positive_red_flags(screening):
        return False
    if screening.decision == ScreeningDecision.GP_CLEARANCE:
        return screening.gp_cleared_on is None
    return True


def red_flag_awaiting_gp(screening):
    """Return whether a red flag waits for the therapist's decision or for the GP's clearance.

    A referral or a stop ends the wait: nothing more is expected on this screening. The caseload's
    query (`RedFlagScreeningQuerySet.awaiting_gp`) asks the same question of many screenings at once.
    """
    if screening is None or not positive_red_flags(screening):
        return False
    decision = screening.decision
    return not decision or (decision == ScreeningDecision.GP_CLEARANCE and screening.gp_cleared_on is None)


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
    return not red_flag_blocks_treatment(screening)


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
    """A suggested pelvic floor class (None when the findings point nowhere), why, and what speaks against it."""

    pelvic_floor_class: str | None
    reasons: list = field(default_factory=list)
    against: list = field(default_factory=list)

    @property
    def mixed(self):
        """Whether recorded findings point away from the suggested class, so the therapist weighs them."""
        return bool(self.against)


def suggest_classification(assessment):
    """Suggest an ICS class from resting tone, contraction, relaxation and cough reflex; the therapist decides.

    Besides the findings that support the class it names those that point the other way: a suggestion
    that hides them reads surer than the findings are.
    """
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
    underactive = []
    if tone == RestingTone.LOW:
        underactive.append(_("Resting tone is low."))
    if power is not None and power <= 2:
        underactive.append(format_lazy(_("Voluntary contraction is weak (Oxford {})."), power))
    if cough in (CoughReflex.DELAYED, CoughReflex.ABSENT):
        underactive.append(_("The reflex contraction on a cough is delayed or absent."))
    # What speaks against weakness; full relaxation does not, a weak floor relaxes fully too.
    contracts_well = []
    if power is not None and power >= 3:
        contracts_well.append(format_lazy(_("Voluntary contraction is at least moderate (Oxford {})."), power))
    if cough == CoughReflex.PRESENT:
        contracts_well.append(_("The floor contracts reflexively on a cough."))

    if overactive:
        return ClassificationSuggestion(PelvicFloorClass.OVERACTIVE, overactive, underactive)
    if power == 0 and cough == CoughReflex.ABSENT:
        return ClassificationSuggestion(
            PelvicFloorClass.NON_FUNCTIONING,
            [_("No voluntary contraction (Oxford 0)."), _("No reflex contraction on a cough.")],
        )
    if underactive:
        return ClassificationSuggestion(PelvicFloorClass.UNDERACTIVE, underactive, contracts_well)
    if tone == RestingTone.NORMAL and power is not None and relaxation == Relaxation.COMPLETE and cough:
        return ClassificationSuggestion(
            PelvicFloorClass.NORMAL,
            [_("Normal resting tone, a good contraction, full relaxation and a reflex contraction on a cough.")],
        )
    return ClassificationSuggestion(None, [_("The findings recorded so far do not point to one class.")])


# --- outcome measures -------------------------------------------------------------------------


def measure_total(kind, *, score=None, psk_scores=(), iciq_items=(), pfdi_subscales=()):
    """Return the value a measure is shown and charted by: the score, the PSK mean, the ICIQ or PFDI-20 sum."""
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
    if kind == MeasureKind.PFDI_20:
        if any(value is None for value in pfdi_subscales) or len(pfdi_subscales) != 3:
            return None
        return sum((Decimal(value) for value in pfdi_subscales), Decimal(0))
    raise ValueError(f"Unknown measure kind: {kind}")


def record_date_check(day, *, episode_started_on, referral_date=None):
    """Return REFUSE for a finding dated before the referral, ASK for one dated before the episode, else None.

    Before the referral the patient was not in our care, so such a date is a typing error; between
    the referral and the episode's start it can be a measurement taken at the first contact.
    """
    if referral_date is not None and day < referral_date:
        return DateCheck.REFUSE
    if day < episode_started_on:
        return DateCheck.ASK
    return None


# --- how long the record is kept (WGBO: 20 years from the end of treatment) --------------------

RETENTION_YEARS = 20


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return the same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def kept_until(*, archived_on: datetime.date | None, episodes) -> datetime.date | None:
    """Return the first day the record may be destroyed, or None while treatment goes on.

    The period runs from the end of the last care episode, or from archiving if that came later.
    """
    ends = [episode.discharged_on for episode in episodes if episode.discharged_on]
    still_open = any(episode.discharged_on is None for episode in episodes)
    if archived_on:
        ends.append(archived_on)
    elif still_open or not ends:
        return None
    return add_years(max(ends), RETENTION_YEARS)


# --- pain maps -----------------------------------------------------------------------------------


def pain_map_regions(body_view):
    """Return the region codes the figure of this body view offers, front view first."""
    figures = PAIN_REGIONS.get(body_view, {})
    return [code for codes in figures.values() for code in codes]


def pain_map_problems(body_view, regions):
    """Return {region code: problem} of (code, intensity, character) entries the figure cannot hold."""
    offered = set(pain_map_regions(body_view))
    problems = {}
    seen = set()
    for code, intensity, character in regions:
        if code not in offered:
            problems[code] = _("This region is not on this figure.")
        elif code in seen:
            problems[code] = _("Each region is marked once.")
        elif intensity is None or not 0 <= intensity <= 10:
            problems[code] = _("Give the intensity from 0 to 10.")
        elif character not in PainCharacter.values:
            problems[code] = _("Say how the pain feels.")
        seen.add(code)
    return problems
