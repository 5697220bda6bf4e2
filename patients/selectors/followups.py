"""The therapist's caseload and follow-up worklists: one read of the caseload's stored signals, and the agenda.

The signals themselves are kept current when their facts are written (patients.services.signals);
here they are only compared with today, so the caseload costs the same for 25 patients as for 250.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.functional import cached_property

from patients.choices import AppointmentStatus, EpisodeStatus, MeasureKind, PainSignal, PlanStatus
from patients.models import Appointment, CareEpisode, Patient, QuestionnaireAssignment
from patients.rules.followups import NO_EXERCISE_DAYS, REMEASURE_KINDS

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


def listed(items, limit) -> Worklist:
    return Worklist(items=items[:limit], count=len(items))


# What a caseload row shows of an episode and its patient.
EPISODE_ROW_COLUMNS = (
    "pk",
    "main_complaint",
    "status",
    "started_on",
    "patient_id",
    "patient__first_name",
    "patient__last_name",
)
# What the worklists read of each flagged episode besides: its screening, plan and stored signals.
CASELOAD_COLUMNS = (
    *EPISODE_ROW_COLUMNS,
    "screening__screened_on",
    "screening__decision",
    "plan__status",
    "signals__red_flag_awaiting",
    "signals__red_flag_blocks",
    "signals__plan_review_on",
    "signals__not_improved",
    "signals__no_improvement_from",
    "signals__remeasure_from",
    "signals__last_measured_on",
    "signals__measured_kinds",
    "signals__program_starts_on",
    "signals__program_ends_on",
    "signals__last_exercise_on",
    "signals__exercise_silent_since",
    "signals__pain_signal",
    "signals__pain_signal_until",
    "signals__pain_days",
)


@dataclass
class CaseloadEntry:
    """One open episode of the caseload with its signals, as the worklists and the episode list show it.

    Plain values: a caseload holds hundreds of these, and only the few shown become model instances.
    """

    episode_id: int
    main_complaint: str
    status: str
    started_on: datetime.date
    patient_id: int
    first_name: str
    last_name: str
    screened_on: datetime.date | None = None
    decision: str | None = None
    plan_status: str | None = None
    red_flag_awaiting: bool | None = None
    red_flag_blocks: bool | None = None
    plan_review_on: datetime.date | None = None
    not_improved: list | None = None
    no_improvement_from: datetime.date | None = None
    remeasure_from: datetime.date | None = None
    last_measured_on: datetime.date | None = None
    measured_kinds: list | None = None
    program_starts_on: datetime.date | None = None
    program_ends_on: datetime.date | None = None
    last_exercise_on: datetime.date | None = None
    exercise_silent_since: datetime.date | None = None
    pain_signal: str | None = None
    pain_signal_until: datetime.date | None = None
    pain_days: list | None = None
    days: int = 0

    @cached_property
    def patient(self):
        return Patient(pk=self.patient_id, first_name=self.first_name, last_name=self.last_name)

    @cached_property
    def episode(self):
        episode = CareEpisode(
            pk=self.episode_id,
            main_complaint=self.main_complaint,
            status=self.status,
            started_on=self.started_on,
            patient=self.patient,
        )
        episode.red_flag_open = bool(self.red_flag_blocks)
        return episode

    @property
    def name_key(self):
        return (self.last_name.casefold(), self.first_name.casefold(), self.episode_id)

    def not_improved_labels(self):
        return [MeasureKind(kind).label for kind in self.not_improved or []]

    def remeasure_kinds(self):
        """Return (kind, label) of the measures to take again: those taken before, or each the therapist records."""
        kinds = [kind for kind in self.measured_kinds or () if kind in REMEASURE_KINDS] or list(REMEASURE_KINDS)
        return [(kind, MeasureKind(kind).label) for kind in kinds]

    def plan_status_label(self):
        return PlanStatus(self.plan_status).label if self.plan_status else ""

    def pain_label(self):
        return PainSignal(self.pain_signal).label if self.pain_signal else ""

    def pain_scores(self):
        return [pain for _day, pain in self.pain_days or []]


def caseload(user):
    """Return the therapist's open episodes of patients still in care (a queryset, scoped)."""
    return CareEpisode.objects.for_user(user).open().filter(therapist=user, patient__archived_at__isnull=True)


def flagged_caseload(user, today: datetime.date) -> list[CaseloadEntry]:
    """Return the caseload's episodes on at least one worklist today, with their signals (one query).

    Only the flagged few are read: the stored signals are compared with today in the database.
    """
    in_treatment = Q(status=EpisodeStatus.IN_TREATMENT)
    program_runs = Q(signals__program_ends_on__isnull=True) | Q(signals__program_ends_on__gte=today)
    flagged = (
        Q(signals__red_flag_awaiting=True)
        | Q(signals__plan_review_on__lt=today)
        | (in_treatment & Q(signals__no_improvement_from__lte=today))
        | (in_treatment & Q(signals__remeasure_from__lte=today))
        | (Q(signals__exercise_silent_since__lte=today - datetime.timedelta(days=NO_EXERCISE_DAYS)) & program_runs)
        | Q(signals__pain_signal_until__gte=today)
    )
    rows = caseload(user).filter(flagged).order_by().values_list(*CASELOAD_COLUMNS)
    return [CaseloadEntry(*row) for row in rows]


def week_bounds(today: datetime.date):
    """Return Monday and Sunday of the week of `today`."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def therapist_appointments(user):
    """Return the appointments this therapist holds, scoped, with what their lists show."""
    return Appointment.objects.for_user(user).filter(therapist=user).listed()


def appointments_on(user, first_day: datetime.date, last_day: datetime.date, limit) -> Worklist:
    """Return the therapist's appointments on these days in time order, cancelled ones left out (one query)."""
    appointments = (
        therapist_appointments(user)
        .on_days(first_day, last_day)
        .exclude(status=AppointmentStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    return first_of(appointments, limit)


def appointment_days(user, first_day: datetime.date, last_day: datetime.date) -> list[tuple[datetime.date, int]]:
    """Return each day from first_day to last_day with the number of the therapist's appointments (one query)."""
    counts = dict(
        Appointment.objects.for_user(user)
        .filter(therapist=user)
        .on_days(first_day, last_day)
        .exclude(status=AppointmentStatus.CANCELLED)
        .annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day")
        .annotate(number=Count("pk"))
        .values_list("day", "number")
    )
    days = (first_day + datetime.timedelta(days=offset) for offset in range((last_day - first_day).days + 1))
    return [(day, counts.get(day, 0)) for day in days]


def overdue_appointments(user, now: datetime.datetime, limit=WORKLIST_LIMIT) -> Worklist:
    """Return planned appointments of the therapist that ended without being closed (one query)."""
    return first_of(therapist_appointments(user).overdue(now).order_by("starts_at", "pk"), limit)


# How long a questionnaire answer that is itself a warning stays on the worklist after it came in.
WARNING_ANSWER_DAYS = 7


def caseload_questionnaires(user):
    """Return the questionnaires of the therapist's caseload, with what their worklist rows show."""
    return (
        QuestionnaireAssignment.objects.for_user(user)
        .filter(episode__in=caseload(user))
        .select_related("episode__patient", "version")
    )


def questionnaire_worklists(user, now: datetime.datetime, limit) -> dict:
    """Return the answers that are a warning (in the last days) and the overdue questionnaires (two queries)."""
    today = timezone.localdate(now)
    since = now - datetime.timedelta(days=WARNING_ANSWER_DAYS)
    return {
        "questionnaire_warnings": first_of(
            caseload_questionnaires(user)
            .filter(red_flag=True, submitted_at__gte=since)
            .order_by("-submitted_at", "pk"),
            limit,
        ),
        "overdue_questionnaires": first_of(
            caseload_questionnaires(user).overdue(today).order_by("due_on", "pk"), limit
        ),
    }


def overdue_gp_messages(user, today: datetime.date, limit=WORKLIST_LIMIT) -> Worklist:
    """Return the therapist's episodes whose message to the GP is past its due date, discharged ones too (one query).

    What is due, and by when, is stored with the episode's signals when the record changes
    (patients.rules.letters); here it is only compared with today.
    """
    episodes = (
        CareEpisode.objects.for_user(user)
        .filter(therapist=user, patient__archived_at__isnull=True, signals__gp_message_due_on__lt=today)
        .select_related("patient", "signals")
        .order_by("signals__gp_message_due_on", "pk")
    )
    return first_of(episodes, limit)


def therapist_worklists(user, now: datetime.datetime | None = None, limit=WORKLIST_LIMIT) -> dict:
    """Return every follow-up worklist of the therapist, each with its first `limit` items (three queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    caseload = flagged_caseload(user, today)
    in_treatment = [entry for entry in caseload if entry.episode.status == EpisodeStatus.IN_TREATMENT]
    silent_before = today - datetime.timedelta(days=NO_EXERCISE_DAYS)
    silent = [
        entry
        for entry in caseload
        if entry.exercise_silent_since
        and entry.exercise_silent_since <= silent_before
        and (entry.program_ends_on is None or entry.program_ends_on >= today)
    ]
    for entry in silent:
        entry.days = (today - entry.exercise_silent_since).days
    pain, seen = [], set()
    for entry in sorted(caseload, key=lambda entry: entry.name_key):
        if entry.pain_signal_until and entry.pain_signal_until >= today and entry.patient_id not in seen:
            seen.add(entry.patient_id)
            pain.append(entry)

    def when(entry, name):
        return (getattr(entry, name), entry.episode_id)

    return {
        "overdue": overdue_appointments(user, now, limit),
        "gp_messages": overdue_gp_messages(user, today, limit),
        "red_flags": listed(
            sorted((entry for entry in caseload if entry.red_flag_awaiting), key=lambda e: when(e, "screened_on")),
            limit,
        ),
        "no_improvement": listed(
            sorted(
                (e for e in in_treatment if e.no_improvement_from and e.no_improvement_from <= today),
                key=lambda e: when(e, "no_improvement_from"),
            ),
            limit,
        ),
        "remeasure": listed(
            sorted(
                (e for e in in_treatment if e.remeasure_from and e.remeasure_from <= today),
                key=lambda e: when(e, "remeasure_from"),
            ),
            limit,
        ),
        "plans_past_review": listed(
            sorted(
                (e for e in caseload if e.plan_review_on and e.plan_review_on < today),
                key=lambda e: when(e, "plan_review_on"),
            ),
            limit,
        ),
        "no_exercise": listed(sorted(silent, key=lambda e: (-e.days, e.episode_id)), limit),
        "high_pain": listed(pain, limit),
        **questionnaire_worklists(user, now, limit),
    }


def open_episodes(user, limit) -> Worklist:
    """Return the caseload's first episodes by patient name and how many there are, red flags marked (one query)."""
    rows = (
        caseload(user)
        .order_by("patient__sort_name", "pk")
        .annotate(total=Window(Count("pk")))
        .values_list(*EPISODE_ROW_COLUMNS, "signals__red_flag_blocks", "total")[:limit]
    )
    rows = list(rows)
    episodes = [CaseloadEntry(*values, red_flag_blocks=blocks).episode for *values, blocks, _total in rows]
    return Worklist(items=episodes, count=rows[0][-1] if rows else 0)


def dashboard(user, now: datetime.datetime) -> dict:
    """Return what the therapist's dashboard shows: today, the rest of the week, the worklists, open episodes."""
    today = timezone.localdate(now)
    _monday, sunday = week_bounds(today)
    return {
        "today": appointments_on(user, today, today, TODAY_LIMIT),
        "later": appointments_on(user, today + datetime.timedelta(days=1), sunday, LATER_LIMIT),
        "episodes": open_episodes(user, EPISODES_LIMIT),
        **therapist_worklists(user, now, DASHBOARD_LIMIT),
    }
