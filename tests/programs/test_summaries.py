"""The therapist's summaries against values worked out by hand."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from programs.models import BladderEntry, BowelEntry, ExerciseLog, HomeProgram
from programs.selectors import adherence_by_week, bladder_by_day, bowel_by_day, week_by_day, week_start
from programs.services.logs import bladder_entry_create, bowel_entry_create
from tests.factories import HomeProgramFactory, PatientFactory, ProgramItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(therapist):
    return PatientFactory(practice=therapist.practice, responsible_therapist=therapist)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def bladder(patient, user, when, moment="day", **fields):
    bladder_entry_create(
        entry=BladderEntry(recorded_at=when, moment=moment, **fields), patient=patient, acting_user=user
    )


def test_bladder_metrics_per_diary_day(patient, therapist):
    day = timezone.localdate() - datetime.timedelta(days=3)
    after = day + datetime.timedelta(days=1)
    bladder(patient, therapist, at(day, 7), "first_morning", voided_ml=400)  # closes the day before
    bladder(patient, therapist, at(day, 10), voided_ml=200, fluid_ml=250, fluid_kind="water")
    bladder(patient, therapist, at(day, 13), voided_ml=300, leakage="drops", leak_cause="cough_sneeze")
    bladder(patient, therapist, at(day, 18), voided_ml=250, fluid_ml=500, fluid_kind="coffee_tea")
    bladder(patient, therapist, at(day, 23), voided_ml=150)
    bladder(patient, therapist, at(after, 3), "night", voided_ml=300)
    bladder(patient, therapist, at(after, 7, 30), "first_morning", voided_ml=350)

    rows = {row["diary_day"]: row for row in bladder_by_day(patient)}
    metrics = rows[day]
    assert metrics["voids"] == 6
    assert metrics["total_ml"] == 1550
    assert round(metrics["mean_ml"]) == 258
    assert metrics["max_ml"] == 350
    assert metrics["leaks"] == 1
    assert metrics["fluid_ml"] == 750
    assert metrics["night_voids"] == 1
    assert metrics["nocturnal_ml"] == 650
    assert metrics["npi"] == 42
    assert rows[day - datetime.timedelta(days=1)]["total_ml"] == 400


def test_bowel_metrics_per_day_and_over_the_period(patient, therapist):
    day = timezone.localdate() - datetime.timedelta(days=2)
    after = day + datetime.timedelta(days=1)
    for when, bristol, straining in [(at(day, 8), 1, True), (at(day, 18), 4, False), (at(after, 8), 6, False)]:
        bowel_entry_create(
            entry=BowelEntry(recorded_at=when, bristol=bristol, straining=straining),
            patient=patient,
            acting_user=therapist,
        )
    bowel_entry_create(entry=BowelEntry(recorded_at=at(after, 20), bristol=4), patient=patient, acting_user=therapist)

    rows, totals = bowel_by_day(patient)
    by_day = {row["diary_day"]: row for row in rows}
    assert (by_day[day]["stools"], by_day[day]["hard"], by_day[day]["straining"]) == (2, 1, 1)
    assert (by_day[after]["stools"], by_day[after]["loose"]) == (2, 1)
    assert totals["per_day"] == 2.0
    assert (totals["hard_percent"], totals["loose_percent"], totals["straining_percent"]) == (25, 25, 25)


def test_adherence_and_pain_per_week(patient, therapist):
    today = timezone.localdate()
    last_week = week_start(today) - datetime.timedelta(weeks=1)
    program = HomeProgramFactory(
        episode__patient=patient,
        starts_on=last_week,
        published_at=at(last_week, 8) - datetime.timedelta(days=1),
    )
    twice = ProgramItemFactory(program=program, times_per_day=2)
    once = ProgramItemFactory(program=program, times_per_day=1)

    def log(item, day, pain=None):
        return ExerciseLog(item=item, patient=patient, done_on=day, pain=pain, submission=uuid.uuid4())

    days = [last_week + datetime.timedelta(days=n) for n in range(7)]
    ExerciseLog.objects.bulk_create(
        [log(twice, day) for day in days[:5] for _ in range(2)]  # 10 of 14
        + [log(once, day) for day in days]  # 7 of 7 ...
        + [log(once, days[0], pain=2), log(once, days[1], pain=4)]  # ... and 2 extra that do not count
    )

    weeks = {week.week: week for week in adherence_by_week(patient, weeks=3, today=today)}
    assert weeks[last_week].prescribed == 21
    assert weeks[last_week].sessions == 19
    assert weeks[last_week].percent == 81  # (10 + 7) / 21
    assert weeks[last_week].mean_pain == 3
    assert weeks[last_week].max_pain == 4
    this_week = weeks[week_start(today)]
    # the days of this week that have passed; today, with nothing done yet, is not a miss
    assert this_week.prescribed == 3 * today.weekday()
    assert this_week.percent == (0 if today.weekday() else None)
    assert weeks[last_week - datetime.timedelta(weeks=1)].percent is None


def test_a_superseded_version_counts_until_the_next_one_was_published(patient):
    today = timezone.localdate()
    last_week = week_start(today) - datetime.timedelta(weeks=1)
    old = HomeProgramFactory(
        episode__patient=patient, status="superseded", starts_on=last_week, published_at=at(last_week, 8)
    )
    ProgramItemFactory(program=old, times_per_day=1)
    new = HomeProgramFactory(
        episode=old.episode, version=2, starts_on=last_week, published_at=at(last_week + datetime.timedelta(days=3), 8)
    )
    ProgramItemFactory(program=new, times_per_day=1)
    week = {w.week: w for w in adherence_by_week(patient, weeks=2, today=today)}[last_week]
    assert week.prescribed == 3 + 4


def test_mean_and_highest_pain_of_a_week_take_every_rated_log_of_every_item(patient):
    today = timezone.localdate()
    last_week = week_start(today) - datetime.timedelta(weeks=1)
    program = HomeProgramFactory(episode__patient=patient, starts_on=last_week, published_at=at(last_week, 8))
    first, second = ProgramItemFactory(program=program), ProgramItemFactory(program=program)
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            item=item,
            patient=patient,
            done_on=last_week + datetime.timedelta(days=day),
            pain=pain,
            submission=uuid.uuid4(),
        )
        for item, day, pain in [(first, 0, 1), (first, 1, None), (second, 2, 6), (second, 3, 2), (second, 4, None)]
    )
    weeks = {week.week: week for week in adherence_by_week(patient, weeks=2, today=today)}
    assert weeks[last_week].sessions == 5
    assert weeks[last_week].mean_pain == 3  # (1 + 6 + 2) / 3: logs without a rating do not count
    assert weeks[last_week].max_pain == 6
    assert weeks[week_start(today)].mean_pain is None
    assert weeks[week_start(today)].max_pain is None


def test_bowel_totals_of_an_empty_period(patient):
    rows, totals = bowel_by_day(patient)
    assert rows == []
    assert (totals["stools"], totals["days"], totals["per_day"], totals["hard_percent"]) == (0, 0, None, None)


def test_the_patients_week_counts_as_the_weekly_summary_and_shows_each_day(patient, therapist):
    today = timezone.localdate()
    last_week = week_start(today) - datetime.timedelta(weeks=1)
    program = HomeProgramFactory(
        episode__patient=patient, starts_on=last_week, published_at=at(last_week, 8) - datetime.timedelta(days=1)
    )
    twice = ProgramItemFactory(program=program, times_per_day=2)
    once = ProgramItemFactory(program=program, times_per_day=1)
    old = HomeProgramFactory(episode=program.episode, version=0, status="superseded", starts_on=last_week)
    dropped = ProgramItemFactory(program=old, position=0)
    days = [last_week + datetime.timedelta(days=n) for n in range(7)]
    ExerciseLog.objects.bulk_create(
        ExerciseLog(item=item, patient=patient, done_on=day, submission=uuid.uuid4())
        for item, day in [(twice, days[0]), (twice, days[0]), (twice, days[3]), (once, days[6]), (dropped, days[1])]
    )
    other = ProgramItemFactory(program__episode__patient__practice=patient.practice)
    ExerciseLog.objects.create(
        item=other, patient=other.program.episode.patient, done_on=days[2], submission=uuid.uuid4()
    )

    week, rows = week_by_day(
        HomeProgram.objects.filter(episode__patient=patient),
        ExerciseLog.objects.filter(patient=patient),
        days=days,
        today=today,
    )

    summary = {w.week: w for w in adherence_by_week(patient, weeks=2, today=today)}[last_week]
    assert (week.sessions, week.prescribed, week.percent) == (summary.sessions, summary.prescribed, summary.percent)
    assert (week.sessions, week.prescribed, week.percent) == (5, 21, 19)  # (3 + 1) of 14 + 7
    # in program order; the item of the replaced version shows because it was done, without a prescription
    assert [(item, [cell.done for cell in cells]) for item, cells in rows] == [
        (twice, [2, 0, 0, 1, 0, 0, 0]),
        (once, [0, 0, 0, 0, 0, 0, 1]),
        (dropped, [0, 1, 0, 0, 0, 0, 0]),
    ]
    assert [cell.due for cell in rows[0][1]] == [2] * 7


def test_the_patients_week_reads_three_queries_however_far_back(patient, django_assert_num_queries):
    program = HomeProgramFactory(episode__patient=patient)
    ProgramItemFactory.create_batch(3, program=program)
    today = timezone.localdate()
    for weeks_ago in (0, 52):
        start = week_start(today) - datetime.timedelta(weeks=weeks_ago)
        with django_assert_num_queries(3):
            week_by_day(
                HomeProgram.objects.filter(episode__patient=patient),
                ExerciseLog.objects.filter(patient=patient),
                days=[start + datetime.timedelta(days=n) for n in range(7)],
                today=today,
            )


@time_machine.travel(datetime.datetime(2026, 11, 25, 14, 0, tzinfo=datetime.UTC))
def test_on_a_wednesday_the_week_counts_the_days_passed_and_each_day_shows_done_of_prescribed(patient):
    monday = datetime.date(2026, 11, 23)
    program = HomeProgramFactory(
        episode__patient=patient, starts_on=monday - datetime.timedelta(days=7), published_at=at(monday, 8)
    )
    item = ProgramItemFactory(program=program, times_per_day=3, days_per_week=7)
    ExerciseLog.objects.bulk_create(
        ExerciseLog(item=item, patient=patient, done_on=monday + datetime.timedelta(days=day), submission=uuid.uuid4())
        for day in (0, 0, 0, 1, 1, 2)
    )
    week, rows = week_by_day(
        HomeProgram.objects.filter(episode__patient=patient),
        ExerciseLog.objects.filter(patient=patient),
        days=[monday + datetime.timedelta(days=n) for n in range(7)],
        today=monday + datetime.timedelta(days=2),
    )
    # Monday and Tuesday in full (6), of Wednesday the one session done so far: not 21 for the whole week
    assert (week.sessions, week.prescribed, week.percent) == (6, 7, 86)
    assert [(cell.done, cell.due) for cell in rows[0][1]] == [
        (3, 3),
        (2, 3),
        (1, 3),
        (0, None),
        (0, None),
        (0, None),
        (0, None),
    ]
