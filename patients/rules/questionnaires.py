"""Scoring of questionnaires as pure functions: a definition's rule and the patient's answers in, the result out.

Missing items: an item marked required must be answered, or the scale it belongs to is not scored.
The other items of a scale may be left out up to the definition's `missing_allowed` percentage of
the scale's scored items; a mean is then taken over the answered ones (PFDI-20: a subscale is scored
when at most half of its items are missing, and the total only when all three subscales are scored).
A mean × factor is rounded to one decimal (half up) per scale, and a total of subscales is the sum of
those rounded subscale scores, so that what the patient and the therapist see adds up.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from patients.choices import ScoringMethod

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class ItemRule:
    """What scoring needs to know of one item."""

    code: str
    subscale: str = ""
    scored: bool = True
    required: bool = False


@dataclass(frozen=True)
class ScoringRule:
    """A questionnaire version's scoring rule."""

    method: str
    items: tuple[ItemRule, ...]
    factor: Decimal = Decimal(1)
    missing_allowed: int = 0


@dataclass
class Score:
    """The result of one set of answers: the total (None when it cannot be scored) and the subscales."""

    total: Decimal | None
    subscales: dict[str, Decimal | None] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def scored(self):
        return self.total is not None


def _scale_answers(items, answers):
    """Return the scale's answered scores, or None when a required item or too many others are missing."""
    given = [answers.get(item.code) for item in items]
    if any(item.required and value is None for item, value in zip(items, given, strict=True)):
        return None
    return [value for value in given if value is not None]


def _may_score(items, answered, missing_allowed):
    missing = len(items) - len(answered)
    return bool(answered) and missing * 100 <= missing_allowed * len(items)


def _mean(values, factor):
    return (Decimal(sum(values)) * Decimal(factor) / len(values)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def score_answers(rule: ScoringRule, answers: dict[str, int | None]) -> Score:
    """Score the answers ({item code: option score, or None when unanswered}) by the rule."""
    scored = [item for item in rule.items if item.scored]
    missing = [item.code for item in scored if answers.get(item.code) is None]
    if rule.method == ScoringMethod.SUBSCALE_MEANS:
        subscales = {}
        for code in dict.fromkeys(item.subscale for item in scored):
            items = [item for item in scored if item.subscale == code]
            answered = _scale_answers(items, answers)
            ok = answered is not None and _may_score(items, answered, rule.missing_allowed)
            subscales[code] = _mean(answered, rule.factor) if ok else None
        complete = subscales and all(value is not None for value in subscales.values())
        total = sum(subscales.values(), Decimal(0)) if complete else None
        return Score(total=total, subscales=subscales, missing=missing)
    answered = _scale_answers(scored, answers)
    if answered is None or not _may_score(scored, answered, rule.missing_allowed):
        return Score(total=None, missing=missing)
    if rule.method == ScoringMethod.SUM:
        return Score(total=Decimal(sum(answered)), missing=missing)
    if rule.method == ScoringMethod.MEAN:
        return Score(total=_mean(answered, rule.factor), missing=missing)
    raise ValueError(f"Unknown scoring method: {rule.method}")


def score_in_range(score: Score, *, low, high) -> bool:
    """Return whether a scored total lies within the questionnaire's stated range."""
    return score.total is None or low <= score.total <= high


def red_flag_answers(answers) -> list:
    """Return the answers that are themselves a warning: options the definition marks as a red flag."""
    return [answer for answer in answers if any(option.red_flag for option in answer.chosen_options)]


def _highest(definition) -> Decimal | None:
    """Return the highest score the rule can give, or None when the rule does not say it simply."""
    version = definition["version"]
    scored = [item for item in definition["items"] if item["scored"] and item["options"]]
    if not scored:
        return None
    tops = [max(option["score"] for option in item["options"]) for item in scored]
    if version["method"] == ScoringMethod.SUM:
        return Decimal(sum(tops))
    if version["method"] == ScoringMethod.MEAN:
        return Decimal(max(tops)) * Decimal(version["factor"])
    return None


def definition_problems(definition: dict) -> list[str]:
    """Return what makes a questionnaire's definition unusable, in words for the practice admin; empty if none."""
    version, items = definition["version"], definition["items"]
    problems = []
    low, high = Decimal(version["score_min"]), Decimal(version["score_max"])
    if high <= low:
        problems.append(_("The highest score must be above the lowest."))
    if not items:
        problems.append(_("Add at least one question."))
    codes = [item["code"] for item in items]
    for code in sorted({code for code in codes if codes.count(code) > 1}):
        problems.append(_("The code “%(code)s” is used for more than one question.") % {"code": code})
    if items and not any(item["scored"] for item in items):
        problems.append(_("At least one question must count in the score."))
    for item in items:
        name = item["code"] or item["text_nl"]
        if not item["options"]:
            problems.append(_("Question “%(code)s” has no answers.") % {"code": name})
        if item["multiple"] and item["scored"]:
            problems.append(
                _("Question “%(code)s” allows several answers, so it cannot count in the score.") % {"code": name}
            )
        if item["scored"] and version["method"] == ScoringMethod.SUBSCALE_MEANS and not item["subscale"]:
            problems.append(_("Question “%(code)s” needs a subscale for this scoring.") % {"code": name})
        if item["scored"] and version["method"] == ScoringMethod.SUM:
            outside = [option["score"] for option in item["options"] if not low <= option["score"] <= high]
            if outside:
                problems.append(
                    _("Question “%(code)s”: the score %(score)s lies outside the range %(low)s–%(high)s.")
                    % {"code": name, "score": outside[0], "low": low, "high": high}
                )
    highest = _highest(definition)
    if highest is not None and high > low and highest > high:
        problems.append(
            _("By this rule the score can reach %(highest)s, above the highest score %(high)s.")
            % {"highest": highest.normalize(), "high": high.normalize()}
        )
    return problems
