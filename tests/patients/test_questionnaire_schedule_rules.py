"""Which moments of a questionnaire schedule are due on a date: a table at the boundaries of each moment."""

import datetime

import pytest

from patients.choices import ScheduleMoment
from patients.rules.questionnaires import EpisodeDates, SchedulePlan, schedule_moments_due, schedule_next_moment

START = datetime.date(2026, 3, 2)  # a Monday
DAY = datetime.timedelta(days=1)
EPISODE = EpisodeDates(started_on=START)


def due(plan, today, *, episode=EPISODE, done=(), still_open=False):
    moments = schedule_moments_due(plan, episode, today=today, done=set(done), questionnaire_open=still_open)
    return [(moment.key, moment.send, moment.due_on) for moment in moments]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (START - DAY, []),  # the episode has not started
        (START, [("intake", True, START + 7 * DAY)]),
        (START + 30 * DAY, [("intake", True, START + 37 * DAY)]),  # set up later: sent now, due a week from now
    ],
)
def test_intake_is_due_from_the_episode_start(today, expected):
    assert due(SchedulePlan(at_intake=True), today) == expected


@pytest.mark.parametrize(
    ("weeks", "today", "expected_key"),
    [
        (2, START - DAY, None),  # before the first date
        (2, START, "interval:2026-03-02"),  # the first date itself
        (2, START + 13 * DAY, "interval:2026-03-02"),  # the day before the next: still the first
        (2, START + 14 * DAY, "interval:2026-03-16"),  # exactly N weeks later
        (2, START + 41 * DAY, "interval:2026-03-30"),  # runs missed: only the latest, none made up
        (1, START + 7 * DAY, "interval:2026-03-09"),  # the shortest repeat
        (26, START + 181 * DAY, "interval:2026-03-02"),  # the longest repeat, one day short
        (26, START + 182 * DAY, "interval:2026-08-31"),
    ],
)
def test_every_n_weeks_counts_from_the_first_date(weeks, today, expected_key):
    plan = SchedulePlan(every_weeks=weeks, weeks_from=START, due_days=5)
    expected = [] if expected_key is None else [(expected_key, True, today + 5 * DAY)]
    assert due(plan, today) == expected


def test_a_repeat_handled_once_is_not_due_again_the_same_period():
    plan = SchedulePlan(every_weeks=2, weeks_from=START)
    assert due(plan, START + 3 * DAY, done={"interval:2026-03-02"}) == []


EVALUATION_ON = START + 20 * DAY
WITH_EVALUATION = EpisodeDates(started_on=START, evaluations=((41, EVALUATION_ON),))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (EVALUATION_ON - 8 * DAY, []),  # one day too early
        (EVALUATION_ON - 7 * DAY, [("evaluation:41", True, EVALUATION_ON)]),  # exactly N days before
        (EVALUATION_ON - DAY, [("evaluation:41", True, EVALUATION_ON)]),  # booked late: still sent, due on its day
        (EVALUATION_ON, []),  # the day itself is too late
    ],
)
def test_before_an_evaluation_from_n_days_before_until_the_day_before(today, expected):
    assert due(SchedulePlan(evaluation_days=7), today, episode=WITH_EVALUATION) == expected


def test_each_evaluation_has_its_own_moment():
    episode = EpisodeDates(started_on=START, evaluations=((41, EVALUATION_ON), (42, EVALUATION_ON + 2 * DAY)))
    today = EVALUATION_ON - DAY
    moments = due(SchedulePlan(evaluation_days=7), today, episode=episode, done={"evaluation:41"})
    assert moments == [("evaluation:42", True, EVALUATION_ON + 2 * DAY)]


DISCHARGED = EpisodeDates(started_on=START, discharged_on=START + 60 * DAY, evaluations=((41, START + 65 * DAY),))
EVERYTHING = SchedulePlan(
    at_intake=True, every_weeks=1, weeks_from=START, evaluation_days=28, at_discharge=True, discharge_due_days=10
)


def test_after_discharge_only_the_discharge_moment_is_due():
    today = START + 60 * DAY
    assert due(EVERYTHING, today, episode=DISCHARGED) == [("discharge", True, today + 10 * DAY)]
    assert due(EVERYTHING, today, episode=DISCHARGED, done={"discharge"}) == []
    assert due(SchedulePlan(every_weeks=1, weeks_from=START), today, episode=DISCHARGED) == []


def test_a_discharge_dated_back_is_due_from_today():
    today = START + 63 * DAY
    assert due(SchedulePlan(at_discharge=True), today, episode=DISCHARGED) == [("discharge", True, today + 14 * DAY)]


def test_discharge_is_never_due_while_the_episode_runs():
    assert due(SchedulePlan(at_discharge=True), START + 100 * DAY) == []


def test_an_open_questionnaire_is_not_stacked_the_moment_is_skipped():
    assert due(SchedulePlan(at_intake=True), START, still_open=True) == [("intake", False, START + 7 * DAY)]


def test_moments_on_the_same_day_send_one_and_skip_the_rest():
    plan = SchedulePlan(at_intake=True, every_weeks=2, weeks_from=START, evaluation_days=7)
    episode = EpisodeDates(started_on=START, evaluations=((41, START + 3 * DAY),))
    moments = due(plan, START, episode=episode)
    assert [(key, send) for key, send, _ in moments] == [
        ("evaluation:41", True),
        ("intake", False),
        ("interval:2026-03-02", False),
    ]


@pytest.mark.parametrize(
    ("plan", "episode", "today", "done", "expected"),
    [
        (SchedulePlan(at_intake=True), EPISODE, START, set(), (ScheduleMoment.INTAKE, START)),
        (SchedulePlan(at_intake=True, at_discharge=True), EPISODE, START, {"intake"}, (ScheduleMoment.DISCHARGE, None)),
        (SchedulePlan(at_intake=True), EPISODE, START, {"intake"}, None),
        (
            SchedulePlan(every_weeks=2, weeks_from=START),
            EPISODE,
            START,
            {"interval:2026-03-02"},
            (ScheduleMoment.INTERVAL, START + 14 * DAY),
        ),
        (
            SchedulePlan(every_weeks=2, weeks_from=START + 3 * DAY),
            EPISODE,
            START,
            set(),
            (ScheduleMoment.INTERVAL, START + 3 * DAY),
        ),
        (
            SchedulePlan(every_weeks=4, weeks_from=START, evaluation_days=7),
            WITH_EVALUATION,
            START + DAY,
            {"interval:2026-03-02"},
            (ScheduleMoment.EVALUATION, EVALUATION_ON - 7 * DAY),
        ),
        (EVERYTHING, DISCHARGED, START + 61 * DAY, set(), None),
    ],
)
def test_next_moment_shown_on_the_episode_page(plan, episode, today, done, expected):
    moment = schedule_next_moment(plan, episode, today=today, done=done)
    assert (moment and (moment.kind, moment.send_on)) == expected
