"""Table-driven tests of the follow-up signals."""

import datetime

import pytest

from patients.choices import AppointmentStatus, MeasureKind, PainSignal
from patients.rules.followups import (
    MeasurePoint,
    appointment_overdue,
    daily_pain,
    days_without_log,
    log_nudge_due,
    measures_not_improved,
    no_exercise_logged,
    pain_signal,
    pain_signal_until,
    plan_review_overdue,
    remeasure_due_from,
)

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 3, 10)
HOUR = datetime.timedelta(hours=1)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("status", "ends_at", "expected"),
    [
        (AppointmentStatus.PLANNED, NOW - HOUR, True),
        (AppointmentStatus.PLANNED, NOW, True),
        (AppointmentStatus.PLANNED, NOW + HOUR, False),
        (AppointmentStatus.DONE, NOW - HOUR, False),
        (AppointmentStatus.MISSED, NOW - HOUR, False),
        (AppointmentStatus.CANCELLED, NOW - HOUR, False),
    ],
)
def test_appointment_overdue(status, ends_at, expected):
    assert appointment_overdue(status=status, ends_at=ends_at, now=NOW) is expected


@pytest.mark.parametrize(
    ("review_on", "closed", "expected"),
    [
        (days_ago(1), False, True),
        (TODAY, False, False),
        (days_ago(-3), False, False),
        (days_ago(10), True, False),
        (None, False, False),
    ],
)
def test_plan_review_overdue(review_on, closed, expected):
    assert plan_review_overdue(review_on=review_on, today=TODAY, closed=closed) is expected


@pytest.mark.parametrize(
    ("last_logged_on", "program_started_on", "expected_days", "expected_signal"),
    [
        (None, None, None, False),
        (days_ago(2), None, None, False),
        (None, days_ago(6), 6, False),
        (None, days_ago(7), 7, True),
        (days_ago(7), days_ago(30), 7, True),
        (days_ago(6), days_ago(30), 6, False),
        (days_ago(20), days_ago(3), 3, False),
        (TODAY, days_ago(30), 0, False),
    ],
)
def test_no_exercise_logged(last_logged_on, program_started_on, expected_days, expected_signal):
    args = {"last_logged_on": last_logged_on, "program_started_on": program_started_on, "today": TODAY}
    assert days_without_log(**args) == expected_days
    assert no_exercise_logged(**args) is expected_signal


@pytest.mark.parametrize(
    ("enabled", "last_logged_on", "expected"),
    [
        (True, days_ago(3), True),
        (True, days_ago(2), False),
        (False, days_ago(10), False),
        (True, None, True),
    ],
)
def test_log_nudge_due(enabled, last_logged_on, expected):
    assert (
        log_nudge_due(enabled=enabled, last_logged_on=last_logged_on, program_started_on=days_ago(20), today=TODAY)
        is expected
    )


NRS, PSK, ICIQ, PGI = MeasureKind.NRS_PAIN, MeasureKind.PSK, MeasureKind.ICIQ_UI_SF, MeasureKind.PGI_I


def series(kind, *pairs):
    return [MeasurePoint(kind, days_ago(age), value) for age, value in pairs]


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # under four weeks between intake and the latest value: too early to judge
        (series(NRS, (27, 6), (0, 6)), []),
        # four weeks, pain the same as at intake
        (series(NRS, (28, 6), (0, 6)), [NRS]),
        # pain worse
        (series(NRS, (35, 5), (0, 7)), [NRS]),
        # pain better
        (series(NRS, (35, 6), (0, 4)), []),
        # only one value: nothing to compare
        (series(NRS, (40, 6)), []),
        # the latest value is less than four weeks after intake
        (series(NRS, (20, 6), (0, 6)), []),
        # PSK not better, ICIQ lower
        (series(PSK, (42, 7), (1, 7)) + series(ICIQ, (42, 12), (1, 9)), [PSK]),
        # ICIQ the same
        (series(ICIQ, (42, 12), (1, 12)), [ICIQ]),
        # everything better, PGI-I ignored
        (series(NRS, (42, 6), (1, 3)) + series(PSK, (42, 7), (1, 4)) + series(PGI, (42, 4), (1, 6)), []),
        # intake is the first value even when the points come unsorted
        (series(NRS, (0, 5), (42, 5), (20, 3)), [NRS]),
        # improved in between but back to the intake value
        (series(NRS, (50, 6), (30, 2), (0, 6)), [NRS]),
    ],
)
def test_measures_not_improved(points, expected):
    assert measures_not_improved(points) == expected


FOUR_WEEKS = datetime.timedelta(weeks=4)


def scores(*pains, last=0):
    """Daily pain ending `last` days ago, one score a day, oldest first (None: no score that day)."""
    first = len(pains) - 1 + last
    return [(days_ago(first - n), pain) for n, pain in enumerate(pains) if pain is not None]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], ""),
        (scores(9), ""),  # a single bad day
        (scores(2, 2, 9, 2, 2), ""),  # one bad day among good ones
        (scores(8, 8, 8, 8, 8, 8, 8), PainSignal.PERSISTENT),  # seven distinct days at 7 or more
        (scores(8, 8, 8, 8, 8, 8), ""),  # six are not yet persistent
        (scores(8, None, 8, 8, None, 8, 8, 9, 7), PainSignal.PERSISTENT),  # gaps between the days count
        (scores(8, 8, 8, 8, 8, 8, 8, 3), ""),  # better again on the latest day
        (scores(2, 4, 6), PainSignal.RISING),  # worsening while staying below 7
        (scores(3, 5, 4, 6, 5, 7), PainSignal.RISING),  # up and down, but up over the days
        (scores(2, 3), ""),  # two days are no trend
        (scores(4, 5, 4), ""),  # a rise of less than 2 points
        (scores(8, 6, 4), ""),  # improving
        (scores(6, 6, 6, 6), ""),  # unchanged
        (scores(2, 4, 6, last=15), ""),  # too long ago
    ],
)
def test_pain_signal_for_persisting_or_rising_pain(days, expected):
    assert pain_signal(days, on=TODAY) == expected


def test_the_pain_signal_lapses_as_its_days_leave_the_window():
    days = scores(2, 4, 6, last=3)  # the latest score three days ago
    assert pain_signal_until(days, today=TODAY) == (PainSignal.RISING, days[0][0] + datetime.timedelta(days=13))
    assert pain_signal_until(scores(2, 2), today=TODAY) == ("", None)


def test_daily_pain_keeps_the_worst_score_of_each_day():
    morning, evening = (TODAY, 3), (TODAY, 6)
    assert daily_pain([morning, evening, (days_ago(1), None), (days_ago(2), 1)]) == [(days_ago(2), 1), (TODAY, 6)]


@pytest.mark.parametrize(
    ("started", "measured", "expected"),
    [
        (days_ago(10), None, days_ago(10) + datetime.timedelta(weeks=4)),
        (days_ago(60), days_ago(3), days_ago(3) + datetime.timedelta(weeks=4)),
        (days_ago(60), days_ago(90), days_ago(60) + datetime.timedelta(weeks=4)),
    ],
)
def test_remeasure_is_due_four_weeks_after_the_latest_measure_or_the_start(started, measured, expected):
    assert remeasure_due_from(started_on=started, last_measured_on=measured) == expected
