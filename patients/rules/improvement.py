"""Whether a measure improved: a change counts only when it reaches the measure's minimal important change (MID).

A practice may set its own MIDs (patients.models.MeasureMid); without one the published figure below holds.
Every function here is pure: values in, a class or a number out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from patients.choices import ChangeClass, MeasureKind


@dataclass(frozen=True)
class Mid:
    """The smallest change of a score that patients notice.

    `points` on the measure's own scale; `percent`, where set, is a relative change of the first value
    that counts as well (pain: "2 points or 30 %", whichever is reached first). For an anchored measure
    (PGI-I) `points` is the worst answer that still counts as better.
    """

    points: Decimal
    percent: Decimal | None = None


@dataclass(frozen=True)
class MidDefault:
    mid: Mid
    source: str


# The published figures a practice starts from, with where each comes from.
DEFAULT_MIDS = {
    MeasureKind.NRS_PAIN: MidDefault(
        Mid(Decimal("2"), Decimal("30")),
        # A fall of about 2 points or of about 30 % of the first score is what patients call "much better".
        "Farrar JT et al., Pain 2001;94:149–158",
    ),
    MeasureKind.PSK: MidDefault(
        Mid(Decimal("1.3")),
        # Patient-Specific Functional Scale, 0–10: 1.3 for a small change felt (2.3 medium, 2.7 large).
        "Abbott JH, Schmitt JS, J Orthop Sports Phys Ther 2014;44(8):560–564",
    ),
    MeasureKind.PGI_I: MidDefault(
        Mid(Decimal("3")),
        # 3 "a little better" is the smallest change felt; the ICIQ MID studies use it as their anchor.
        "Anchor of the ICIQ-UI SF MID studies (SIMS/OPAL, Int Urogynecol J 2023;34:3033)",
    ),
    MeasureKind.ICIQ_UI_SF: MidDefault(
        Mid(Decimal("1.8")),
        # Conservative treatment 1.7–1.9 points; self-management 1.46 (Nyström et al., BMC Women's Health
        # 2024); after surgery 4–5 (Sirls et al., Neurourol Urodyn 2015). Physiotherapy is conservative.
        "SIMS/OPAL trials, Int Urogynecol J 2023;34:3033",
    ),
    MeasureKind.PFDI_20: MidDefault(
        Mid(Decimal("24")),
        # Total 0–300: anchor-based estimates of 22.9–25.0 (median 24.2); POPDI-6 about 11. For the
        # urinary scales Barber et al., Am J Obstet Gynecol 2009;200:580.e1–7 give 11 points (UDI).
        "Karjalainen PK et al., Int Urogynecol J 2021;32:3169–3176",
    ),
}

# For every measure the app records a lower score is better; a higher-is-better scale would be +1 here.
BETTER_DIRECTION = dict.fromkeys(MeasureKind.values, -1)
# Measures that rate the change itself (1 very much better … 7 very much worse) rather than a state.
ANCHORED = frozenset({MeasureKind.PGI_I})
PGI_I_NO_CHANGE = 4


def default_mids() -> dict[str, Mid]:
    return {kind: default.mid for kind, default in DEFAULT_MIDS.items()}


def required_change(kind: str, baseline, mid: Mid) -> Decimal:
    """Return the smallest change from `baseline` that counts: the points, or the percentage if reached first."""
    baseline = Decimal(str(baseline))
    needed = mid.points
    if mid.percent is not None and baseline:
        needed = min(needed, abs(baseline) * mid.percent / 100)
    return needed


def change_class(kind: str, baseline, latest, mid: Mid | None = None) -> ChangeClass:
    """Return improved (by at least the MID), unchanged (within it) or worse (by at least the MID).

    "Better" goes the measure's own way (BETTER_DIRECTION).

    For PGI-I the latest answer alone counts: at or better than the anchor (3, "a little better") is
    improved, as far the other side of "no change" (4) is worse.
    """
    mid = mid or DEFAULT_MIDS[kind].mid
    latest = Decimal(str(latest))
    if kind in ANCHORED:
        if latest <= mid.points:
            return ChangeClass.IMPROVED
        if latest >= 2 * PGI_I_NO_CHANGE - mid.points:
            return ChangeClass.WORSE
        return ChangeClass.UNCHANGED
    return score_change(
        baseline, latest, needed=required_change(kind, baseline, mid), higher_is_better=BETTER_DIRECTION[kind] > 0
    )


def score_change(baseline, latest, *, needed, higher_is_better: bool) -> ChangeClass:
    """Return improved, unchanged or worse for any score: a change counts from `needed` points, its MID.

    Also the rule of a practice's own questionnaire, whose MID and direction are in its definition.
    """
    gain = (Decimal(str(latest)) - Decimal(str(baseline))) * (1 if higher_is_better else -1)
    if gain >= needed:
        return ChangeClass.IMPROVED
    if -gain >= needed:
        return ChangeClass.WORSE
    return ChangeClass.UNCHANGED


def improvement_line(kind: str, baseline, mid: Mid | None = None) -> Decimal:
    """Return the score from which a measure counts as improved: baseline − MID (the anchor for PGI-I)."""
    mid = mid or DEFAULT_MIDS[kind].mid
    if kind in ANCHORED:
        return mid.points
    return Decimal(str(baseline)) + BETTER_DIRECTION[kind] * required_change(kind, baseline, mid)


@dataclass(frozen=True)
class MeasureChange:
    """The first and the latest value of one measure in an episode, and what the change means."""

    kind: str
    first: Decimal
    first_on: object
    latest: Decimal
    latest_on: object
    change: ChangeClass | None

    @property
    def label(self):
        return MeasureKind(self.kind).label


def measure_changes(points: Iterable[tuple[str, object, object]], mids: dict[str, Mid]) -> list[MeasureChange]:
    """Return per measure kind (in the order of MeasureKind) its first and latest value and their class.

    `points` are (kind, day, value); a kind measured once has no class, except PGI-I, which rates the
    change by itself.
    """
    series: dict[str, list] = {}
    for kind, day, value in sorted(points, key=lambda point: point[1]):
        if value is not None:
            series.setdefault(kind, []).append((day, Decimal(str(value))))
    changes = []
    for kind in MeasureKind.values:
        if kind not in series:
            continue
        (first_on, first), (latest_on, latest) = series[kind][0], series[kind][-1]
        judged = len(series[kind]) > 1 or kind in ANCHORED
        change = change_class(kind, first, latest, mids.get(kind)) if judged else None
        changes.append(MeasureChange(kind, first, first_on, latest, latest_on, change))
    return changes
