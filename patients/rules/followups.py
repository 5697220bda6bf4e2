"""Follow-up signals as pure functions: plain values in, whether (or why) someone needs attention out.

The worklists and the reminder command ask these functions; they never query the database.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from patients.choices import AppointmentStatus, ChangeClass, MeasureKind, PainSignal
from patients.rules.improvement import ANCHORED, Mid, change_class

# Re-evaluate when there is no improvement within 4–6 weeks: the signal starts at 4 weeks.
NO_IMPROVEMENT_AFTER = datetime.timedelta(weeks=4)
NO_EXERCISE_DAYS = 7
LOG_NUDGE_DAYS = 3
# Pain that matters to the worklist: 7 or more on the NRS, lasting longer than 1–2 weeks, or worsening.
HIGH_PAIN = 7
PAIN_WINDOW = datetime.timedelta(days=14)
PERSISTENT_PAIN_DAYS = 7
RISING_PAIN_DAYS = 3
# A change of 2 points on the NRS is one patients notice.
PAIN_RISE = 2
# Measure again four weeks after the last measurement: improvement is judged after 4–6 weeks.
REMEASURE_AFTER = datetime.timedelta(weeks=4)

# The measures whose change the signal judges, each by its minimal important change (rules.improvement).
TRACKED_MEASURES = (
    MeasureKind.NRS_PAIN,
    MeasureKind.PSK,
    MeasureKind.ICIQ_UI_SF,
    MeasureKind.PFDI_20,
    MeasureKind.PGI_I,
)
# The measures to take again when none was taken: PGI-I rates a change, so it is not asked at the start.
REMEASURE_KINDS = (MeasureKind.NRS_PAIN, MeasureKind.PSK, MeasureKind.ICIQ_UI_SF)


@dataclass(frozen=True)
class MeasurePoint:
    """One outcome measure reduced to what the signals need."""

    kind: str
    measured_on: datetime.date
    total: float


def appointment_overdue(*, status: str, ends_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Return whether a planned appointment has ended without being marked done, missed or cancelled."""
    return status == AppointmentStatus.PLANNED and ends_at <= now


def plan_review_overdue(*, review_on: datetime.date | None, today: datetime.date, closed: bool) -> bool:
    """Return whether an open treatment plan has passed its review date."""
    return not closed and review_on is not None and review_on < today


def days_without_log(
    *, last_logged_on: datetime.date | None, program_started_on: datetime.date | None, today: datetime.date
) -> int | None:
    """Return the whole days since the last log (or the program's start); None without a program."""
    if program_started_on is None:
        return None
    since = max(filter(None, (last_logged_on, program_started_on)))
    return max((today - since).days, 0)


def no_exercise_logged(
    *,
    last_logged_on: datetime.date | None,
    program_started_on: datetime.date | None,
    today: datetime.date,
    days: int = NO_EXERCISE_DAYS,
) -> bool:
    """Return whether a patient with a running program has logged no exercise for `days` days."""
    silent = days_without_log(last_logged_on=last_logged_on, program_started_on=program_started_on, today=today)
    return silent is not None and silent >= days


def log_nudge_due(
    *,
    enabled: bool,
    last_logged_on: datetime.date | None,
    program_started_on: datetime.date | None,
    today: datetime.date,
    days: int = LOG_NUDGE_DAYS,
) -> bool:
    """Return whether to nudge a patient whose therapist asked for it and who logged nothing for `days` days."""
    return enabled and no_exercise_logged(
        last_logged_on=last_logged_on, program_started_on=program_started_on, today=today, days=days
    )


def measures_not_improved(
    points: Iterable[MeasurePoint], *, mids: dict[str, Mid] | None = None, started_on: datetime.date | None = None
) -> list[str]:
    """Return the measure kinds not improved by at least their MID, four weeks or more on.

    Intake is the first value of each kind; it is compared with the latest value taken at least four
    weeks after it, by `change_class` with the practice's MID (`mids`, the published one otherwise).
    PGI-I rates the change itself: its latest answer counts once it was given four weeks or more after
    the episode's start (`started_on`). The episode itself must also be four weeks under way
    (`NO_IMPROVEMENT_AFTER` from its start) for the signal.
    """
    mids = mids or {}
    by_kind: dict[str, list[MeasurePoint]] = {}
    for point in sorted(points, key=lambda p: p.measured_on):
        if point.kind in TRACKED_MEASURES:
            by_kind.setdefault(point.kind, []).append(point)
    stuck = []
    for kind in TRACKED_MEASURES:
        series = by_kind.get(kind, [])
        if kind in ANCHORED:
            if not series or started_on is None or series[-1].measured_on - started_on < NO_IMPROVEMENT_AFTER:
                continue
        elif len(series) < 2 or series[-1].measured_on - series[0].measured_on < NO_IMPROVEMENT_AFTER:
            continue
        if change_class(kind, series[0].total, series[-1].total, mids.get(kind)) != ChangeClass.IMPROVED:
            stuck.append(kind)
    return stuck


def exercise_silent_since(
    *, last_logged_on: datetime.date | None, program_started_on: datetime.date | None
) -> datetime.date | None:
    """Return the day from which a patient with a current program has logged nothing; None without a program.

    Stored when a log or a program is written, so that "silent for N days" is a comparison with today.
    """
    if program_started_on is None:
        return None
    return max(filter(None, (last_logged_on, program_started_on)))


def remeasure_due_from(*, started_on: datetime.date, last_measured_on: datetime.date | None) -> datetime.date:
    """Return the day from which an episode in treatment is due to be measured again.

    Four weeks after the latest tracked measure, or after the start when none was taken: "no
    improvement" cannot be judged without a measurement, so the worklist asks for one.
    """
    return max(filter(None, (started_on, last_measured_on))) + REMEASURE_AFTER


def daily_pain(points: Iterable[tuple[datetime.date, int | None]]) -> list[tuple[datetime.date, int]]:
    """Return the highest pain of each day that has a score, oldest day first (logs and NRS together)."""
    highest: dict[datetime.date, int] = {}
    for day, pain in points:
        if pain is not None:
            highest[day] = max(pain, highest.get(day, pain))
    return sorted(highest.items())


def _rise(days: Sequence[tuple[datetime.date, int]]) -> float:
    """Return the rise of the least-squares line through the daily pain, from the first day to the last."""
    xs = [(day - days[0][0]).days for day, _pain in days]
    ys = [pain for _day, pain in days]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if not spread:
        return 0.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return slope * (xs[-1] - xs[0])


def pain_signal(days: Sequence[tuple[datetime.date, int]], *, on: datetime.date) -> str:
    """Return PainSignal.PERSISTENT, PainSignal.RISING or "" for the daily pain of the 14 days up to `on`.

    Persistent: pain of 7 or more on at least 7 distinct days of the window, and still that high on the
    latest day scored. Rising: at least 3 days scored and pain going up over them by 2 points or more
    (the trend line, not one bad day), ending higher than it began. One bad day raises nothing, and
    neither does pain that is going down.
    """
    window = [(day, pain) for day, pain in days if on - PAIN_WINDOW < day <= on]
    if not window:
        return ""
    high_days = [day for day, pain in window if pain >= HIGH_PAIN]
    if len(high_days) >= PERSISTENT_PAIN_DAYS and window[-1][1] >= HIGH_PAIN:
        return PainSignal.PERSISTENT
    if len(window) >= RISING_PAIN_DAYS and window[-1][1] > window[0][1] and _rise(window) >= PAIN_RISE:
        return PainSignal.RISING
    return ""


def pain_signal_until(
    days: Sequence[tuple[datetime.date, int]], *, today: datetime.date
) -> tuple[str, datetime.date | None]:
    """Return today's pain signal and the last day it holds if nothing new is scored ("", None without one).

    Stored when pain is written, so that the signal lapses by the calendar alone as old days leave the window.
    """
    kind = pain_signal(days, on=today)
    if not kind:
        return "", None
    until = today
    for offset in range(1, PAIN_WINDOW.days + 1):
        day = today + datetime.timedelta(days=offset)
        if not pain_signal(days, on=day):
            break
        until = day
    return kind, until


def reminder_day_before_due(*, starts_on: datetime.date, today: datetime.date, status: str) -> bool:
    """Return whether a planned appointment is tomorrow, so today is the day to remind."""
    return status == AppointmentStatus.PLANNED and starts_on == today + datetime.timedelta(days=1)
