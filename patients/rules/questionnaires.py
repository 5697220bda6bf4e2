"""Questionnaires as pure functions: scoring (a definition's rule and the answers in, the result out) and the
timing of a schedule (the schedule, the episode's dates and what was already sent in, the moments due out).

Missing items: an item marked required must be answered, or the scale it belongs to is not scored.
The other items of a scale may be left out up to the definition's `missing_allowed` percentage of
the scale's scored items; a mean is then taken over the answered ones (PFDI-20: a subscale is scored
when at most half of its items are missing, and the total only when all three subscales are scored).
A mean × factor is rounded to one decimal (half up) per scale, and a total of subscales is the sum of
those rounded subscale scores, so that what the patient and the therapist see adds up.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from patients.choices import ScheduleMoment, ScoringMethod

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


# --- schedules ----------------------------------------------------------------------------------
#
# A schedule sends one questionnaire at chosen moments of an episode: at intake, every N weeks from a
# date, N days before each evaluation appointment, and at discharge. Each moment has a key that is
# unique within its schedule ("intake", "interval:2026-12-10", "evaluation:<appointment id>",
# "discharge"), recorded once it is handled, so that no moment is ever sent twice. A moment that is
# handled while the same questionnaire is still open in the episode is skipped, not stacked; of
# moments that fall on the same day one is sent and the others are skipped for that same reason.
# Missed interval moments are not made up: only the latest one that has come is due. After discharge
# only the discharge moment is.

MOMENT_ORDER = list(ScheduleMoment.values)


@dataclass(frozen=True)
class SchedulePlan:
    """What a schedule asks for: its moments and how many days the patient gets to answer."""

    at_intake: bool = False
    every_weeks: int | None = None
    weeks_from: datetime.date | None = None
    evaluation_days: int | None = None
    at_discharge: bool = False
    due_days: int = 7
    discharge_due_days: int = 14


@dataclass(frozen=True)
class EpisodeDates:
    """What the timing reads of the episode: its dates and its planned evaluations as (appointment id, date)."""

    started_on: datetime.date
    discharged_on: datetime.date | None = None
    evaluations: tuple[tuple[int, datetime.date], ...] = ()


@dataclass(frozen=True)
class Moment:
    """One moment of a schedule: when it is sent, the due date it gets, and whether it is sent or skipped."""

    key: str
    kind: str
    send_on: datetime.date | None
    due_on: datetime.date | None = None
    send: bool = True

    @property
    def label(self):
        return ScheduleMoment(self.kind).label


def _latest_interval(plan: SchedulePlan, today: datetime.date) -> datetime.date | None:
    if not plan.every_weeks or plan.weeks_from is None or plan.weeks_from > today:
        return None
    periods = (today - plan.weeks_from).days // (7 * plan.every_weeks)
    return plan.weeks_from + datetime.timedelta(weeks=periods * plan.every_weeks)


def _arrived(plan: SchedulePlan, episode: EpisodeDates, today: datetime.date) -> list[Moment]:
    """Return every moment whose time has come on `today`, sent or not."""
    days = datetime.timedelta
    if episode.discharged_on is not None:
        if not plan.at_discharge:
            return []
        due_on = max(episode.discharged_on, today) + days(plan.discharge_due_days)
        return [Moment("discharge", ScheduleMoment.DISCHARGE, episode.discharged_on, due_on)]
    arrived = []
    if plan.evaluation_days:
        for appointment_id, on in episode.evaluations:
            send_on = on - days(plan.evaluation_days)
            if send_on <= today < on:
                arrived.append(Moment(f"evaluation:{appointment_id}", ScheduleMoment.EVALUATION, send_on, on))
    if plan.at_intake and episode.started_on <= today:
        arrived.append(Moment("intake", ScheduleMoment.INTAKE, episode.started_on, today + days(plan.due_days)))
    interval = _latest_interval(plan, today)
    if interval is not None and interval >= episode.started_on:
        arrived.append(
            Moment(f"interval:{interval.isoformat()}", ScheduleMoment.INTERVAL, interval, today + days(plan.due_days))
        )
    return arrived


def schedule_moments_due(
    plan: SchedulePlan, episode: EpisodeDates, *, today: datetime.date, done: set[str], questionnaire_open: bool
) -> list[Moment]:
    """Return the moments to handle today: at most one sent, the rest skipped, none that was handled before."""
    due = [moment for moment in _arrived(plan, episode, today) if moment.key not in done]
    due.sort(key=lambda moment: (MOMENT_ORDER.index(moment.kind), moment.send_on))
    return [
        moment if index == 0 and not questionnaire_open else Moment(**{**moment.__dict__, "send": False})
        for index, moment in enumerate(due)
    ]


def schedule_next_moment(
    plan: SchedulePlan, episode: EpisodeDates, *, today: datetime.date, done: set[str]
) -> Moment | None:
    """Return the schedule's next moment still to come, today's included; discharge (no date) when nothing else is."""
    if episode.discharged_on is not None:
        return None
    days = datetime.timedelta
    coming = []
    if plan.at_intake and "intake" not in done:
        coming.append(Moment("intake", ScheduleMoment.INTAKE, max(episode.started_on, today)))
    if plan.every_weeks and plan.weeks_from is not None:
        on = _latest_interval(plan, today) or plan.weeks_from
        if on < today or f"interval:{on.isoformat()}" in done:
            on += days(weeks=plan.every_weeks)
        coming.append(Moment(f"interval:{on.isoformat()}", ScheduleMoment.INTERVAL, on))
    if plan.evaluation_days:
        for appointment_id, on in episode.evaluations:
            key = f"evaluation:{appointment_id}"
            if today < on and key not in done:
                send_on = max(on - days(plan.evaluation_days), today)
                coming.append(Moment(key, ScheduleMoment.EVALUATION, send_on, on))
    if coming:
        return min(coming, key=lambda moment: (moment.send_on, MOMENT_ORDER.index(moment.kind)))
    if plan.at_discharge:
        return Moment("discharge", ScheduleMoment.DISCHARGE, None)
    return None
