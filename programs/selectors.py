"""What the pages read of programs, logs and diaries: aggregated in the database, in a bounded number of queries."""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.charts import line_chart
from programs.choices import DiaryMoment, Leakage, ProgramStatus
from programs.models import BladderEntry, BowelEntry, ExerciseLog, HomeProgram, ProgramItem
from programs.rules import adherence_percent, bladder_diary_means, nocturnal_polyuria_index, round_half_up


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _overlap_days(start, end, first, last):
    return max(0, (min(end, last) - max(start, first)).days + 1)


@dataclass
class _Version:
    """A published program version with the dosage of its items, as adherence needs them."""

    episode_id: int
    version: int
    starts_on: datetime.date
    ends_on: datetime.date | None
    published_at: datetime.datetime
    items: list = field(default_factory=list)


def _version_of(program) -> _Version:
    """Return a published program whose items are already loaded as the version adherence reads."""
    items = [(item.pk, item.times_per_day, item.days_per_week) for item in program.items.all()]
    return _Version(
        program.episode_id, program.version, program.starts_on, program.ends_on, program.published_at, items
    )


def _published_versions(patient) -> list[_Version]:
    """Return every published version of the patient's programs with its items, in one query."""
    rows = (
        HomeProgram.objects.filter(episode__patient=patient)
        .exclude(status=ProgramStatus.DRAFT)
        .order_by("episode_id", "version", "items__pk")
        .values_list(
            "pk",
            "episode_id",
            "version",
            "starts_on",
            "ends_on",
            "published_at",
            "items__pk",
            "items__times_per_day",
            "items__days_per_week",
        )
    )
    versions = {}
    for pk, episode_id, version, starts_on, ends_on, published_at, item_id, times_per_day, days_per_week in rows:
        if pk not in versions:
            versions[pk] = _Version(episode_id, version, starts_on, ends_on, published_at)
        if item_id is not None:
            versions[pk].items.append((item_id, times_per_day, days_per_week))
    return list(versions.values())


def _active_spans(programs, today):
    """Yield (program, first day, last day) each published version was the current one."""
    by_episode = {}
    for program in sorted(programs, key=lambda p: (p.episode_id, p.version)):
        by_episode.setdefault(program.episode_id, []).append(program)
    for versions in by_episode.values():
        for index, program in enumerate(versions):
            first = max(program.starts_on, timezone.localtime(program.published_at).date())
            last = program.ends_on or today
            if index + 1 < len(versions):
                replaced_on = timezone.localtime(versions[index + 1].published_at).date()
                last = min(last, replaced_on - datetime.timedelta(days=1))
            yield program, first, min(last, today)


@dataclass
class WeekAdherence:
    week: datetime.date
    sessions: int = 0
    prescribed: int = 0
    percent: int | None = None
    mean_pain: float | None = None
    max_pain: int | None = None
    done_by_item: dict = field(default_factory=dict)
    prescribed_by_item: dict = field(default_factory=dict)


def _prescribed(versions: list[_Version], weeks, today, done_today):
    """Yield (week, item id, sessions due) for every item of a version current during part of a week.

    The days that have passed count in full; today is not over, so of today only the sessions already
    done (`done_today`, per item) count, and an open session of today is not a missed one.
    """
    yesterday = today - datetime.timedelta(days=1)
    for version, first, last in _active_spans(versions, today):
        for week in weeks:
            end = week + datetime.timedelta(days=6)
            days = _overlap_days(first, min(last, yesterday), week, end)
            counts_today = first <= today <= last and week <= today <= end
            for item_id, times_per_day, days_per_week in version.items if days or counts_today else ():
                due = times_per_day * math.ceil(days_per_week * days / 7)
                if counts_today:
                    due += min(done_today.get(item_id, 0), times_per_day)
                yield week, item_id, due


def _current_days(versions: list[_Version], today) -> dict:
    """Return per item the first and last day its version was current."""
    return {
        item_id: (first, last)
        for version, first, last in _active_spans(versions, today)
        for item_id, *_ in version.items
    }


def adherence_by_week(patient, *, weeks=6, today=None) -> list[WeekAdherence]:
    """Return adherence % and pain per week, newest first, for the last `weeks` weeks."""
    today = today or timezone.localdate()
    first_week = week_start(today) - datetime.timedelta(weeks=weeks - 1)
    result = {
        week: WeekAdherence(week=week) for week in (first_week + datetime.timedelta(weeks=n) for n in range(weeks))
    }
    logs = ExerciseLog.objects.filter(patient=patient, done_on__gte=first_week, done_on__lte=today)
    per_item = logs.values("item_id", week=TruncWeek("done_on")).annotate(
        done=Count("pk"),
        done_today=Count("pk", filter=Q(done_on=today)),
        pain_sum=Sum("pain"),
        pain_count=Count("pain"),
        top=Max("pain"),
    )
    # One query for the counts per item and the pain per week: a week's mean pain is the sum of its pain
    # ratings over their number, as AVG would take it.
    pain_sum, pain_count = defaultdict(int), defaultdict(int)
    done_today = {}
    for row in per_item.order_by():
        done_today[row["item_id"]] = row["done_today"]
        week = result[_as_date(row["week"])]
        week.done_by_item[row["item_id"]] = row["done"]
        week.sessions += row["done"]
        if row["pain_count"]:
            pain_sum[week.week] += row["pain_sum"]
            pain_count[week.week] += row["pain_count"]
            week.max_pain = max(row["top"], week.max_pain or 0)
    for week, item_id, sessions in _prescribed(_published_versions(patient), result, today, done_today):
        result[week].prescribed_by_item[item_id] = sessions
    for week in result.values():
        if pain_count[week.week]:
            week.mean_pain = pain_sum[week.week] / pain_count[week.week]
        week.prescribed = sum(week.prescribed_by_item.values())
        week.percent = adherence_percent(done_by_item=week.done_by_item, prescribed_by_item=week.prescribed_by_item)
    return sorted(result.values(), key=lambda w: w.week, reverse=True)


def week_by_day(programs, logs, *, days, today):
    """Return the adherence of the week of `days` and, per item prescribed or done in it, the sessions each day.

    `programs` and `logs` are the caller's scoped querysets of one patient. Three queries, for any week:
    the programs, their items with exercises, and the week's logs counted per item and day.
    """
    # Unordered: _active_spans sorts them itself.
    programs = (
        programs.exclude(status=ProgramStatus.DRAFT)
        .order_by()
        .prefetch_related(Prefetch("items", queryset=ProgramItem.objects.select_related("exercise")))
    )
    week = WeekAdherence(week=days[0])
    versions = [_version_of(program) for program in programs]
    done = {
        (row["item_id"], row["done_on"]): row["n"]
        for row in logs.filter(done_on__range=(days[0], days[-1]))
        .values("item_id", "done_on")
        .annotate(n=Count("pk"))
        .order_by()
    }
    done_today = {item_id: count for (item_id, day), count in done.items() if day == today}
    for _week, item_id, sessions in _prescribed(versions, [days[0]], today, done_today):
        week.prescribed_by_item[item_id] = sessions
    for (item_id, day), count in done.items():
        if day <= today:
            week.sessions += count
            week.done_by_item[item_id] = week.done_by_item.get(item_id, 0) + count
    week.prescribed = sum(week.prescribed_by_item.values())
    week.percent = adherence_percent(done_by_item=week.done_by_item, prescribed_by_item=week.prescribed_by_item)
    shown = week.prescribed_by_item.keys() | {item_id for item_id, _day in done}
    items = sorted(
        (item for program in programs for item in program.items.all() if item.pk in shown),
        key=lambda item: (item.program_id, item.position, item.pk),
    )
    current = _current_days(versions, today)
    return week, [(item, [_day_cell(item, day, done, current) for day in days]) for item in items]


@dataclass
class DayCell:
    """One day of one exercise in the patient's week: sessions done, and due (None on a day it was not due)."""

    done: int
    due: int | None


def _day_cell(item, day, done, current):
    first, last = current.get(item.pk, (None, None))
    due = item.times_per_day if first is not None and first <= day <= last else None
    return DayCell(done.get((item.pk, day), 0), due)


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def bladder_by_day(patient, *, days=14):
    """Return per diary day: voids, 24-hour and nocturnal volume, leaks, fluid, night voids and NPi."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    nocturnal = Q(moment__in=[DiaryMoment.NIGHT, DiaryMoment.FIRST_MORNING])
    rows = list(
        BladderEntry.objects.filter(patient=patient, diary_day__gte=since)
        .values("diary_day")
        .annotate(
            voids=Count("voided_ml"),
            total_ml=Sum("voided_ml"),
            mean_ml=Avg("voided_ml"),
            max_ml=Max("voided_ml"),
            leaks=Count("pk", filter=~Q(leakage=Leakage.NONE)),
            pads=Count("pk", filter=Q(pad_change=True)),
            fluid_ml=Sum("fluid_ml"),
            night_voids=Count("voided_ml", filter=Q(moment=DiaryMoment.NIGHT)),
            nocturnal_ml=Sum("voided_ml", filter=nocturnal),
        )
        .order_by("-diary_day")
    )
    for row in rows:
        row["mean_ml"] = round_half_up(row["mean_ml"])
        row["npi"] = nocturnal_polyuria_index(nocturnal_ml=row["nocturnal_ml"], total_ml=row["total_ml"])
    return rows


def bowel_by_day(patient, *, days=14):
    """Return per day: stools, how many were hard (Bristol 1–2) or loose (6–7), straining and soiling."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = list(
        BowelEntry.objects.filter(patient=patient, diary_day__gte=since)
        .values("diary_day")
        .annotate(
            stools=Count("pk"),
            hard=Count("pk", filter=Q(bristol__lte=2)),
            loose=Count("pk", filter=Q(bristol__gte=6)),
            straining=Count("pk", filter=Q(straining=True)),
            soiling=Count("pk", filter=Q(soiling=True)),
        )
        .order_by("-diary_day")
    )
    # The period's totals are the sums of its days.
    totals = {key: sum(row[key] for row in rows) for key in ("stools", "hard", "loose", "straining")}
    totals["days"] = len(rows)
    stools = totals["stools"]
    totals["per_day"] = round(stools / totals["days"], 1) if totals["days"] else None
    for key in ("hard", "loose", "straining"):
        totals[f"{key}_percent"] = round(100 * totals[key] / stools) if stools else None
    return rows, totals


def progress_charts(weeks, bladder_days) -> list:
    """Chart adherence % per week and the bladder diary's voids and leak episodes per day."""
    adherence = line_chart(
        "adherence",
        _("Adherence per week (%)"),
        [(_("Adherence"), [(week.week, week.percent) for week in weeks])],
        high=100,
        step=25,
        unit="%",
    )
    diary = line_chart(
        "bladder",
        _("Bladder diary per day"),
        [
            (_("Voids"), [(_as_date(day["diary_day"]), day["voids"]) for day in bladder_days]),
            (_("Leak episodes"), [(_as_date(day["diary_day"]), day["leaks"]) for day in bladder_days]),
        ],
    )
    return [chart for chart in (adherence, diary) if chart]


def patient_summary_context(patient):
    """Return the context `programs/_patient_summary.html` needs, for any page that shows it."""
    bowel_days, bowel_totals = bowel_by_day(patient)
    weeks, bladder_days = adherence_by_week(patient), bladder_by_day(patient)
    return {
        "weeks": weeks,
        "bladder_days": bladder_days,
        "bladder_means": bladder_diary_means(bladder_days),
        "bowel_days": bowel_days,
        "bowel_totals": bowel_totals,
        "progress_charts": progress_charts(weeks, bladder_days),
    }


def programs_in_use(user, **owner) -> list:
    """Return the current and draft home programs of one episode or patient, with their number of exercises."""
    programs = (
        HomeProgram.objects.for_user(user)
        .filter(status__in=[ProgramStatus.ACTIVE, ProgramStatus.DRAFT], **owner)
        .annotate(item_count=Count("items"))
        .select_related("episode")
        .order_by("-episode__started_on", "episode_id", "-version")
    )
    return list(programs)


def current_items(user, today):
    """Return the items of the patient's current programs, in program order."""
    return (
        ProgramItem.objects.for_user(user)
        .filter(program__status=ProgramStatus.ACTIVE, program__starts_on__lte=today)
        .filter(Q(program__ends_on__isnull=True) | Q(program__ends_on__gte=today))
        .order_by("program_id", "position", "pk")
    )


def sessions_on(day):
    """Count an item's sessions logged on `day`: a subquery on the (item, done_on) index, not a join over all logs."""
    logs = ExerciseLog.objects.filter(item=OuterRef("pk"), done_on=day).order_by().values("item")
    return Coalesce(Subquery(logs.annotate(count=Count("pk")).values("count")), 0)
