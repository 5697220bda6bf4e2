"""The therapist's follow-up worklists, each computed in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from patients.models import (
    Appointment,
    AppointmentStatus,
    CareEpisode,
    EpisodeStatus,
    MeasureKind,
    OutcomeMeasure,
    RedFlagScreening,
)
from patients.signals_rules import NO_IMPROVEMENT_AFTER, TRACKED_MEASURES, MeasurePoint, measures_not_improved

WORKLIST_LIMIT = 25


@dataclass
class Worklist:
    """Items to act on, their total count and whether more exist than are shown."""

    items: list = field(default_factory=list)
    count: int = 0

    @property
    def truncated(self):
        return self.count > len(self.items)


def week_bounds(today: datetime.date):
    """Return Monday and Sunday of the week of `today`."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def therapist_appointments(user):
    """Return the appointments this therapist holds, scoped and with patient and episode loaded."""
    return Appointment.objects.for_user(user).filter(therapist=user).with_people()


def agenda_today(user, today: datetime.date):
    """Return today's appointments of the therapist, cancelled ones left out (one query)."""
    return list(therapist_appointments(user).on_days(today, today).exclude(status=AppointmentStatus.CANCELLED))


def agenda_week(user, today: datetime.date):
    """Return this week's appointments of the therapist, cancelled ones left out (one query)."""
    monday, sunday = week_bounds(today)
    return list(therapist_appointments(user).on_days(monday, sunday).exclude(status=AppointmentStatus.CANCELLED))


def overdue_appointments(user, now: datetime.datetime) -> Worklist:
    """Return planned appointments of the therapist that ended without being closed (two queries)."""
    overdue = therapist_appointments(user).overdue(now).order_by("starts_at")
    return Worklist(items=list(overdue[:WORKLIST_LIMIT]), count=overdue.count())


def red_flags_awaiting(user) -> Worklist:
    """Return screenings of the therapist's open episodes with a red flag awaiting a decision or the GP (one query)."""
    screenings = list(
        RedFlagScreening.objects.for_user(user)
        .awaiting_decision()
        .filter(episode__therapist=user)
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .select_related("episode__patient")
        .order_by("screened_on", "pk")
    )
    return Worklist(items=screenings[:WORKLIST_LIMIT], count=len(screenings))


@dataclass(frozen=True)
class NoImprovement:
    episode: CareEpisode
    kinds: list

    @property
    def labels(self):
        return [MeasureKind(kind).label for kind in self.kinds]


def no_improvement(user, today: datetime.date) -> Worklist:
    """Return the therapist's episodes 4 weeks or more under way whose measures are not better (two queries)."""
    episodes = {
        episode.pk: episode
        for episode in CareEpisode.objects.for_user(user)
        .filter(
            therapist=user,
            status=EpisodeStatus.IN_TREATMENT,
            started_on__lte=today - NO_IMPROVEMENT_AFTER,
            patient__archived_at__isnull=True,
        )
        .select_related("patient")
    }
    points: dict[int, list[MeasurePoint]] = {}
    rows = OutcomeMeasure.objects.filter(episode_id__in=episodes, kind__in=TRACKED_MEASURES).values_list(
        "episode_id", "kind", "measured_on", "total"
    )
    for episode_id, kind, measured_on, total in rows.order_by():
        points.setdefault(episode_id, []).append(MeasurePoint(kind, measured_on, total))
    flagged = []
    for episode_id, episode in episodes.items():
        kinds = measures_not_improved(points.get(episode_id, []), started_on=episode.started_on, today=today)
        if kinds:
            flagged.append(NoImprovement(episode, kinds))
    flagged.sort(key=lambda item: (item.episode.started_on, item.episode.pk))
    return Worklist(items=flagged[:WORKLIST_LIMIT], count=len(flagged))


def therapist_worklists(user, now: datetime.datetime | None = None) -> dict:
    """Return every follow-up worklist of the therapist, for the agenda and the dashboard."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "today": agenda_today(user, today),
        "week": agenda_week(user, today),
        "overdue": overdue_appointments(user, now),
        "red_flags": red_flags_awaiting(user),
        "no_improvement": no_improvement(user, today),
    }
