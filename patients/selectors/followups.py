"""The therapist's follow-up worklists, each computed in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Q, Window
from django.utils import timezone

from patients.choices import AppointmentStatus, EpisodeStatus, MeasureKind, PlanStatus
from patients.models import (
    Appointment,
    CareEpisode,
    EpisodeSignals,
    OutcomeMeasure,
    Patient,
    RedFlagScreening,
    TreatmentPlan,
)
from patients.rules.followups import (
    HIGH_PAIN,
    NO_EXERCISE_DAYS,
    NO_IMPROVEMENT_AFTER,
    TRACKED_MEASURES,
    MeasurePoint,
    measures_not_improved,
)
from patients.rules.record import red_flag_blocks_treatment

WORKLIST_LIMIT = 25
# The dashboard is an overview: the first few of each worklist and of the open episodes, with their
# counts; the agenda and the patient list show more.
DASHBOARD_LIMIT = 10
EPISODES_LIMIT = 25
# The dashboard shows a working day of half-hour slots, and the next few appointments of the week;
# the agenda shows them all.
TODAY_LIMIT = 25
LATER_LIMIT = 10
# More than a week of half-hour slots from 8 to 18: the agenda's cap, not a page size.
AGENDA_LIMIT = 150


@dataclass
class Worklist:
    """Items to act on, their total count and whether more exist than are shown."""

    items: list = field(default_factory=list)
    count: int = 0

    @property
    def truncated(self):
        return self.count > len(self.items)


def first_of(queryset, limit) -> Worklist:
    """Return the first `limit` rows of the queryset and how many there are, in one query."""
    rows = list(queryset.annotate(worklist_total=Window(Count("pk")))[:limit])
    return Worklist(items=rows, count=rows[0].worklist_total if rows else 0)


class CaseloadEpisode(NamedTuple):
    patient_id: int
    status: str
    started_on: datetime.date
    last_name: str
    first_name: str


@dataclass(frozen=True)
class Caseload:
    """The therapist's open care episodes of patients still in care, read once for every worklist.

    The worklists then look up their rows by these ids, which the database answers from the foreign-key
    indexes instead of joining every patient of the practice once per worklist.
    """

    episodes: dict[int, CaseloadEpisode]

    @property
    def episode_ids(self):
        return list(self.episodes)

    @property
    def patient_ids(self):
        return sorted({episode.patient_id for episode in self.episodes.values()})

    def by_name(self):
        """Return the episode ids ordered by the patient's name, as a therapist looks them up."""
        return sorted(
            self.episodes,
            key=lambda pk: (self.episodes[pk].last_name.casefold(), self.episodes[pk].first_name.casefold(), pk),
        )


def caseload_of(user) -> Caseload:
    """Return the therapist's caseload (one query)."""
    episodes = CareEpisode.objects.for_user(user).open().filter(therapist=user, patient__archived_at__isnull=True)
    rows = episodes.values_list("pk", "patient_id", "status", "started_on", "patient__last_name", "patient__first_name")
    return Caseload({pk: CaseloadEpisode(*rest) for pk, *rest in rows})


def week_bounds(today: datetime.date):
    """Return Monday and Sunday of the week of `today`."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def therapist_appointments(user):
    """Return the appointments this therapist holds, scoped and with patient and episode loaded."""
    return Appointment.objects.for_user(user).filter(therapist=user).with_people()


def appointments_on(user, first_day: datetime.date, last_day: datetime.date, limit) -> Worklist:
    """Return the therapist's appointments on these days in time order, cancelled ones left out (one query)."""
    appointments = (
        therapist_appointments(user)
        .on_days(first_day, last_day)
        .exclude(status=AppointmentStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    return first_of(appointments, limit)


def overdue_appointments(user, now: datetime.datetime, limit=WORKLIST_LIMIT) -> Worklist:
    """Return planned appointments of the therapist that ended without being closed (one query)."""
    return first_of(therapist_appointments(user).overdue(now).order_by("starts_at", "pk"), limit)


def red_flags_awaiting(user, limit=WORKLIST_LIMIT) -> Worklist:
    """Return screenings of the therapist's open episodes with a red flag awaiting a decision or the GP (one query)."""
    screenings = list(
        RedFlagScreening.objects.for_user(user)
        .awaiting_gp()
        .filter(episode__therapist=user)
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .select_related("episode__patient")
        .order_by("screened_on", "pk")
    )
    return Worklist(items=screenings[:limit], count=len(screenings))


@dataclass(frozen=True)
class NoImprovement:
    episode: CareEpisode
    kinds: list

    @property
    def labels(self):
        return [MeasureKind(kind).label for kind in self.kinds]


def no_improvement(user, caseload: Caseload, today: datetime.date, limit=WORKLIST_LIMIT) -> Worklist:
    """Return the therapist's episodes 4 weeks or more under way whose measures are not better (one or two queries).

    The rule runs over plain values of the whole caseload; only the episodes shown are loaded whole.
    """
    started = {
        pk: episode.started_on
        for pk, episode in caseload.episodes.items()
        if episode.status == EpisodeStatus.IN_TREATMENT and episode.started_on <= today - NO_IMPROVEMENT_AFTER
    }
    points: dict[int, list[MeasurePoint]] = {}
    rows = (
        OutcomeMeasure.objects.for_user(user).filter(episode_id__in=list(started), kind__in=TRACKED_MEASURES).order_by()
    )
    for episode_id, kind, measured_on, total in rows.values_list("episode_id", "kind", "measured_on", "total"):
        points.setdefault(episode_id, []).append(MeasurePoint(kind, measured_on, total))
    stuck = {}
    for episode_id, started_on in started.items():
        kinds = measures_not_improved(points.get(episode_id, []), started_on=started_on, today=today)
        if kinds:
            stuck[episode_id] = kinds
    shown = sorted(stuck, key=lambda pk: (started[pk], pk))[:limit]
    loaded = CareEpisode.objects.for_user(user).select_related("patient").in_bulk(shown) if shown else {}
    return Worklist(items=[NoImprovement(loaded[pk], stuck[pk]) for pk in shown], count=len(stuck))


def plans_past_review(user, caseload: Caseload, today: datetime.date, limit=WORKLIST_LIMIT) -> Worklist:
    """Return the open plans of the caseload whose review date has passed, oldest first (one query)."""
    plans = (
        TreatmentPlan.objects.for_user(user)
        .filter(episode_id__in=caseload.episode_ids, review_on__lt=today)
        .exclude(status=PlanStatus.CLOSED)
        .select_related("episode__patient")
        .order_by("review_on", "pk")
    )
    return first_of(plans, limit)


def no_exercise_logged_lately(user, caseload: Caseload, today: datetime.date, limit=WORKLIST_LIMIT) -> Worklist:
    """Return the caseload's episodes whose current program has had no log for 7 days, longest first (one query).

    The programs app keeps `EpisodeSignals` current when a log or a program is written.
    """
    silent = (
        EpisodeSignals.objects.for_user(user)
        .filter(
            episode_id__in=caseload.episode_ids,
            exercise_silent_since__lte=today - datetime.timedelta(days=NO_EXERCISE_DAYS),
        )
        .filter(Q(program_ends_on__isnull=True) | Q(program_ends_on__gte=today))
        .select_related("episode__patient")
        .order_by("exercise_silent_since", "pk")
    )
    worklist = first_of(silent, limit)
    for signals in worklist.items:
        signals.days = (today - signals.exercise_silent_since).days
    return worklist


@dataclass(frozen=True)
class HighPain:
    patient: object
    pains: list

    @property
    def high(self):
        return [pain for pain in self.pains if pain is not None and pain >= HIGH_PAIN]


def high_pain(user, caseload: Caseload, today: datetime.date, limit=WORKLIST_LIMIT) -> Worklist:
    """Return the caseload's patients with pain of 7 or more on several of their recent logs, by name (one query)."""
    flagged = (
        EpisodeSignals.objects.for_user(user)
        .filter(episode_id__in=caseload.episode_ids, high_pain_until__gte=today)
        .values_list(
            "episode__patient_id", "episode__patient__first_name", "episode__patient__last_name", "recent_pain"
        )
    )
    by_patient = {}
    for pk, first_name, last_name, pains in flagged:
        by_patient.setdefault(pk, HighPain(Patient(pk=pk, first_name=first_name, last_name=last_name), pains))
    items = sorted(
        by_patient.values(), key=lambda item: (item.patient.last_name, item.patient.first_name, item.patient.pk)
    )
    return Worklist(items=items[:limit], count=len(items))


def therapist_worklists(
    user, now: datetime.datetime | None = None, limit=WORKLIST_LIMIT, caseload: Caseload | None = None
) -> dict:
    """Return every follow-up worklist of the therapist, each with its first `limit` items."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    caseload = caseload or caseload_of(user)
    return {
        "overdue": overdue_appointments(user, now, limit),
        "red_flags": red_flags_awaiting(user, limit),
        "no_improvement": no_improvement(user, caseload, today, limit),
        "plans_past_review": plans_past_review(user, caseload, today, limit),
        "no_exercise": no_exercise_logged_lately(user, caseload, today, limit),
        "high_pain": high_pain(user, caseload, today, limit),
    }


def open_episodes(user, caseload: Caseload, limit) -> Worklist:
    """Return the caseload's first episodes by patient name, each marked when a red flag is open (one query)."""
    shown = caseload.by_name()[:limit]
    loaded = CareEpisode.objects.for_user(user).select_related("patient", "screening").in_bulk(shown) if shown else {}
    episodes = [loaded[pk] for pk in shown]
    for episode in episodes:
        episode.red_flag_open = red_flag_blocks_treatment(getattr(episode, "screening", None))
    return Worklist(items=episodes, count=len(caseload.episodes))


def dashboard(user, now: datetime.datetime) -> dict:
    """Return what the therapist's dashboard shows: today, the rest of the week, the worklists, open episodes."""
    today = timezone.localdate(now)
    _monday, sunday = week_bounds(today)
    caseload = caseload_of(user)
    return {
        "today": appointments_on(user, today, today, TODAY_LIMIT),
        "later": appointments_on(user, today + datetime.timedelta(days=1), sunday, LATER_LIMIT),
        "episodes": open_episodes(user, caseload, EPISODES_LIMIT),
        **therapist_worklists(user, now, DASHBOARD_LIMIT, caseload),
    }
