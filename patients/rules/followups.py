"""Follow-up signals as pure functions: plain values in, whether (or why) someone needs attention out.

The worklists and the reminder command ask these functions; they never query the database.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from patients.choices import AppointmentStatus, MeasureKind

# Re-evaluate when there is no improvement within 4–6 weeks: the signal starts at 4 weeks.
NO_IMPROVEMENT_AFTER = datetime.timedelta(weeks=4)
NO_EXERCISE_DAYS = 7
LOG_NUDGE_DAYS = 3
HIGH_PAIN = 7
HIGH_PAIN_TIMES = 3
HIGH_PAIN_RECENT_LOGS = 5
# Pain logged longer ago than this no longer counts as recent.
HIGH_PAIN_WITHIN = datetime.timedelta(days=14)

# For every tracked measure a lower value is better: less pain, fewer limits, less leakage.
TRACKED_MEASURES = (MeasureKind.NRS_PAIN, MeasureKind.PSK, MeasureKind.ICIQ_UI_SF)


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
    points: Iterable[MeasurePoint], *, started_on: datetime.date, today: datetime.date
) -> list[str]:
    """Return the measure kinds not better than at intake, once the episode is 4 weeks under way.

    Intake is the first value of each kind; it is compared with the latest value taken at least four
    weeks after it. NRS and PSK must be lower than at intake, and so must the ICIQ total.
    """
    if today - started_on < NO_IMPROVEMENT_AFTER:
        return []
    by_kind: dict[str, list[MeasurePoint]] = {}
    for point in sorted(points, key=lambda p: p.measured_on):
        if point.kind in TRACKED_MEASURES:
            by_kind.setdefault(point.kind, []).append(point)
    stuck = []
    for kind in TRACKED_MEASURES:
        series = by_kind.get(kind, [])
        if len(series) < 2:
            continue
        intake, latest = series[0], series[-1]
        if latest.measured_on - intake.measured_on >= NO_IMPROVEMENT_AFTER and latest.total >= intake.total:
            stuck.append(kind)
    return stuck


def pain_high_on_recent_logs(
    recent_pain: Sequence[int | None],
    *,
    threshold: int = HIGH_PAIN,
    times: int = HIGH_PAIN_TIMES,
    window: int = HIGH_PAIN_RECENT_LOGS,
) -> bool:
    """Return whether pain of `threshold` or more was logged `times` times in the last `window` logs.

    `recent_pain` holds the pain of the most recent logs first; logs without a pain score count as no pain.
    """
    return sum(1 for pain in recent_pain[:window] if pain is not None and pain >= threshold) >= times


def exercise_silent_since(
    *, last_logged_on: datetime.date | None, program_started_on: datetime.date | None
) -> datetime.date | None:
    """Return the day from which a patient with a current program has logged nothing; None without a program.

    Stored when a log or a program is written, so that "silent for N days" is a comparison with today.
    """
    if program_started_on is None:
        return None
    return max(filter(None, (last_logged_on, program_started_on)))


def high_pain_until(
    latest_logs: Sequence[tuple[datetime.date, int | None]],
    *,
    threshold: int = HIGH_PAIN,
    times: int = HIGH_PAIN_TIMES,
    window: int = HIGH_PAIN_RECENT_LOGS,
    within: datetime.timedelta = HIGH_PAIN_WITHIN,
) -> datetime.date | None:
    """Return the last day on which `pain_high_on_recent_logs` holds for these logs, or None if it never does.

    `latest_logs` are (day, pain) of the patient's latest logs, newest first. As days pass without a new
    log, the oldest of them fall out of the recent window one by one: the signal lasts as long as the
    log that makes up the `times`-th high score is still recent.
    """
    high = [day for day, pain in latest_logs[:window] if pain is not None and pain >= threshold]
    if len(high) < times:
        return None
    return high[times - 1] + within


def reminder_day_before_due(*, starts_on: datetime.date, today: datetime.date, status: str) -> bool:
    """Return whether a planned appointment is tomorrow, so today is the day to remind."""
    return status == AppointmentStatus.PLANNED and starts_on == today + datetime.timedelta(days=1)
