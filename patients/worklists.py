"""The therapist's follow-up worklists, each computed in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from patients.models import (
    Appointment,
    AppointmentStatus,
    CareEpisode,
    EpisodeStatus,
    MeasureKind,
    OutcomeMeasure,
    Patient,
    PlanStatus,
    RedFlagScreening,
    TreatmentPlan,
)
from patients.signals_rules import (
    HIGH_PAIN,
    HIGH_PAIN_RECENT_LOGS,
    HIGH_PAIN_WITHIN,
    NO_IMPROVEMENT_AFTER,
    TRACKED_MEASURES,
    MeasurePoint,
    days_without_log,
    measures_not_improved,
    no_exercise_logged,
    pain_high_on_recent_logs,
)
from programs.models import ExerciseLog, HomeProgram

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


def plans_past_review(user, today: datetime.date) -> Worklist:
    """Return the therapist's open plans whose review date has passed, oldest first (two queries)."""
    plans = (
        TreatmentPlan.objects.for_user(user)
        .filter(episode__therapist=user, review_on__lt=today, episode__patient__archived_at__isnull=True)
        .exclude(status=PlanStatus.CLOSED)
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .select_related("episode__patient")
        .order_by("review_on", "pk")
    )
    return Worklist(items=list(plans[:WORKLIST_LIMIT]), count=plans.count())


def running_programs(user, today: datetime.date):
    """Return the current home programs of the therapist's open episodes, with the patient's last log date."""
    last_log = ExerciseLog.objects.filter(patient=OuterRef("episode__patient")).order_by("-done_on")
    return (
        HomeProgram.objects.for_user(user)
        .current()
        .filter(
            episode__therapist=user,
            episode__patient__archived_at__isnull=True,
            starts_on__lte=today,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .annotate(last_logged_on=Subquery(last_log.values("done_on")[:1]))
        .select_related("episode__patient")
    )


@dataclass(frozen=True)
class SilentPatient:
    program: HomeProgram
    last_logged_on: datetime.date | None
    days: int

    @property
    def patient(self):
        return self.program.episode.patient


def no_exercise_logged_lately(user, today: datetime.date) -> Worklist:
    """Return the therapist's patients with a running program who logged no exercise for 7 days (one query)."""
    silent = []
    for program in running_programs(user, today):
        if no_exercise_logged(last_logged_on=program.last_logged_on, program_started_on=program.starts_on, today=today):
            days = days_without_log(
                last_logged_on=program.last_logged_on, program_started_on=program.starts_on, today=today
            )
            silent.append(SilentPatient(program, program.last_logged_on, days))
    silent.sort(key=lambda item: (-item.days, item.program.pk))
    return Worklist(items=silent[:WORKLIST_LIMIT], count=len(silent))


@dataclass(frozen=True)
class HighPain:
    patient: object
    pains: list

    @property
    def high(self):
        return [pain for pain in self.pains if pain is not None and pain >= HIGH_PAIN]


def high_pain(user, today: datetime.date) -> Worklist:
    """Return the therapist's patients who logged pain of 7 or more on several of their recent logs (one query).

    Only the latest logs of the last two weeks count, ranked per patient in the database.
    """
    caseload = CareEpisode.objects.for_user(user).open().filter(therapist=user, patient__archived_at__isnull=True)
    logs = (
        ExerciseLog.objects.for_user(user)
        .filter(patient__in=caseload.values("patient"), done_on__gte=today - HIGH_PAIN_WITHIN)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("patient_id")], order_by=[F("done_at").desc(), F("pk").desc()])
        )
        .filter(rank__lte=HIGH_PAIN_RECENT_LOGS)
        .order_by("patient_id", "rank")
        # Plain values: a caseload's recent logs are many rows, and only a few patients end up listed.
        .values_list("patient_id", "pain", "patient__first_name", "patient__last_name")
    )
    pains: dict[int, list] = {}
    names: dict[int, tuple] = {}
    for patient_id, pain, first_name, last_name in logs:
        pains.setdefault(patient_id, []).append(pain)
        names[patient_id] = (first_name, last_name)
    flagged = [
        HighPain(Patient(pk=patient_id, first_name=names[patient_id][0], last_name=names[patient_id][1]), scores)
        for patient_id, scores in pains.items()
        if pain_high_on_recent_logs(scores)
    ]
    flagged.sort(key=lambda item: (item.patient.last_name, item.patient.first_name, item.patient.pk))
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
        "plans_past_review": plans_past_review(user, today),
        "no_exercise": no_exercise_logged_lately(user, today),
        "high_pain": high_pain(user, today),
    }
