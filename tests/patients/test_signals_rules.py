"""Table-driven tests of the follow-up signals."""

import datetime

import pytest

from patients.choices import AppointmentStatus, MeasureKind
from patients.rules.followups import (
    MeasurePoint,
    appointment_overdue,
    days_without_log,
    log_nudge_due,
    measures_not_improved,
    no_exercise_logged,
    pain_high_on_recent_logs,
    plan_review_overdue,
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
    ("started_days_ago", "points", "expected"),
    [
        # under four weeks in treatment: too early to judge
        (27, series(NRS, (27, 6), (0, 6)), []),
        # four weeks, pain the same as at intake
        (28, series(NRS, (28, 6), (0, 6)), [NRS]),
        # pain worse
        (35, series(NRS, (35, 5), (0, 7)), [NRS]),
        # pain better
        (35, series(NRS, (35, 6), (0, 4)), []),
        # only one value: nothing to compare
        (40, series(NRS, (40, 6)), []),
        # the latest value is less than four weeks after intake
        (40, series(NRS, (20, 6), (0, 6)), []),
        # PSK not better, ICIQ lower
        (42, series(PSK, (42, 7), (1, 7)) + series(ICIQ, (42, 12), (1, 9)), [PSK]),
        # ICIQ the same
        (42, series(ICIQ, (42, 12), (1, 12)), [ICIQ]),
        # everything better, PGI-I ignored
        (42, series(NRS, (42, 6), (1, 3)) + series(PSK, (42, 7), (1, 4)) + series(PGI, (42, 4), (1, 6)), []),
        # intake is the first value even when the points come unsorted
        (42, series(NRS, (0, 5), (42, 5), (20, 3)), [NRS]),
        # improved in between but back to the intake value
        (50, series(NRS, (50, 6), (30, 2), (0, 6)), [NRS]),
    ],
)
def test_measures_not_improved(started_days_ago, points, expected):
    assert measures_not_improved(points, started_on=days_ago(started_days_ago), today=TODAY) == expected


@pytest.mark.parametrize(
    ("recent_pain", "expected"),
    [
        ([], False),
        ([7, 8], False),
        ([7, 8, 9], True),
        ([7, 2, 8, None, 7], True),
        ([6, 6, 6, 6, 6], False),
        ([2, 3, 4, 5, 6, 7, 7, 7], False),
        ([None, 10, 10, None, 10], True),
    ],
)
def test_pain_high_on_recent_logs(recent_pain, expected):
    assert pain_high_on_recent_logs(recent_pain) is expected
