"""Keeping each care episode's follow-up signals current, in the transaction of the write that changes them.

Every service that writes a fact a signal reads (the screening, the plan, a measure, the episode
itself) calls `episode_signals_refresh` for the episodes it touched; the programs app does the same
with the facts of the home program it hands down. A refresh is set-based: a fixed number of queries
whatever the number of episodes, so the demo data's thousands cost what one patient's write costs.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone

from clinic.querysets import many_ids
from patients.choices import EpisodeStatus, LetterStatus, MeasureKind, PlanStatus
from patients.models import (
    Assessment,
    CareEpisode,
    EpisodeSignals,
    GPLetter,
    OutcomeMeasure,
    RedFlagScreening,
    TreatmentPlan,
)
from patients.rules.followups import (
    NO_IMPROVEMENT_AFTER,
    PAIN_WINDOW,
    TRACKED_MEASURES,
    MeasurePoint,
    daily_pain,
    exercise_silent_since,
    measures_not_improved,
    pain_signal_until,
    remeasure_due_from,
)
from patients.rules.letters import MessageFacts, gp_messages_due
from patients.rules.record import positive_red_flags, red_flag_awaiting_gp, red_flag_blocks_treatment
from patients.selectors.record import mids_by_practice


@dataclass(frozen=True)
class ProgramFacts:
    """What the home programs tell the record about one care episode.

    `log_pain` holds (day, highest pain logged that day) of the patient's recent logs;
    `strengthening_exercises` holds {"nl": title, "en": title} of the current program's strengthening items.
    """

    episode_id: int
    program_starts_on: datetime.date | None = None
    program_ends_on: datetime.date | None = None
    last_exercise_on: datetime.date | None = None
    strengthening_exercises: list = field(default_factory=list)
    log_pain: list = field(default_factory=list)


PROGRAM_FIELDS = ["program_starts_on", "program_ends_on", "last_exercise_on", "strengthening_exercises", "log_pain"]
UPDATED_FIELDS = [
    "red_flag_awaiting",
    "red_flag_blocks",
    "plan_review_on",
    "not_improved",
    "no_improvement_from",
    "remeasure_from",
    "last_measured_on",
    "measured_kinds",
    "gp_message_due",
    "gp_message_due_on",
    *PROGRAM_FIELDS,
    "exercise_silent_since",
    "pain_signal",
    "pain_signal_until",
    "pain_days",
    "updated_at",
]
SCREENING_FIELDS = [
    "episode_id",
    "screened_on",
    "decision",
    "gp_contact_advised",
    "gp_cleared_on",
    *RedFlagScreening.RED_FLAG_FIELDS,
]


def _day(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _record_facts(ids):
    """Return what the record itself says of these episodes: episodes, screenings, plans, measures, MIDs (5 queries)."""
    ids = many_ids(ids)
    columns = ("pk", "started_on", "status", "discharged_on", "patient__referral_type")
    episodes = {
        row["pk"]: row
        for row in CareEpisode.objects.filter(pk__in=ids).values(*columns, practice_id=F("patient__practice_id"))
    }
    screenings = {
        row.episode_id: row for row in RedFlagScreening.objects.filter(episode_id__in=ids).only(*SCREENING_FIELDS)
    }
    plans = dict(
        TreatmentPlan.objects.filter(episode_id__in=ids)
        .exclude(status=PlanStatus.CLOSED)
        .values_list("episode_id", "review_on")
    )
    measures: dict[int, list[MeasurePoint]] = {}
    rows = OutcomeMeasure.objects.filter(episode_id__in=ids, kind__in=TRACKED_MEASURES).order_by()
    for episode_id, kind, measured_on, total in rows.values_list("episode_id", "kind", "measured_on", "total"):
        if total is not None:
            measures.setdefault(episode_id, []).append(MeasurePoint(kind, measured_on, total))
    mids = mids_by_practice({row["practice_id"] for row in episodes.values()})
    for row in episodes.values():
        row["mids"] = mids[row["practice_id"]]
    return episodes, screenings, plans, measures


def _message_facts(ids):
    """Return per episode its first assessment's day, its plan's revision and its last messages (3 queries)."""
    ids = many_ids(ids)
    assessed = dict(
        Assessment.objects.filter(episode_id__in=ids)
        .order_by()
        .values("episode_id")
        .annotate(first=Min("assessed_on"))
        .values_list("episode_id", "first")
    )
    revised = {}
    versions = (
        TreatmentPlan.history.filter(episode_id__in=ids, version__gt=1)
        .order_by()
        .values("episode_id", "version")
        .annotate(first=Min("history_date"))
        .values_list("episode_id", "version", "first")
    )
    # The current version is the highest: a revision only ever counts up.
    for episode_id, _version, first in sorted(versions, key=lambda row: (row[0], row[1])):
        revised[episode_id] = timezone.localdate(first)
    sent = {}
    letters = (
        GPLetter.objects.filter(episode_id__in=ids, status=LetterStatus.SENT)
        .order_by()
        .values("episode_id", "kind")
        .annotate(last=Max("sent_at"))
        .values_list("episode_id", "kind", "last")
    )
    for episode_id, kind, last in letters:
        sent.setdefault(episode_id, {})[kind] = timezone.localdate(last)
    return assessed, revised, sent


def _apply_messages(row, *, episode, screening, first_assessed_on, plan_revised_on, sent_on):
    """Set the message to the GP this episode owes first, by the rule of patients.rules.letters."""
    in_treatment = episode["status"] == EpisodeStatus.IN_TREATMENT
    facts = MessageFacts(
        referral_type=episode["patient__referral_type"],
        screened_on=screening.screened_on if screening is not None else None,
        red_flag_advice=screening is not None and (screening.gp_contact_advised or bool(positive_red_flags(screening))),
        first_assessed_on=first_assessed_on,
        plan_revised_on=plan_revised_on,
        no_improvement_from=row.no_improvement_from if in_treatment else None,
        discharged_on=episode["discharged_on"],
        sent_on=sent_on,
    )
    due = gp_messages_due(facts)
    row.gp_message_due = due[0].kind if due else ""
    row.gp_message_due_on = due[0].due_on if due else None


def _apply(row, *, episode, screening, review_on, points, today):
    """Set the signals of one episode from its facts, by the rules of patients.rules."""
    row.red_flag_awaiting = red_flag_awaiting_gp(screening)
    row.red_flag_blocks = red_flag_blocks_treatment(screening)
    row.plan_review_on = review_on
    row.not_improved = measures_not_improved(points, mids=episode["mids"], started_on=episode["started_on"])
    row.no_improvement_from = episode["started_on"] + NO_IMPROVEMENT_AFTER if row.not_improved else None
    row.last_measured_on = max((point.measured_on for point in points), default=None)
    row.measured_kinds = [kind for kind in TRACKED_MEASURES if any(point.kind == kind for point in points)]
    row.remeasure_from = remeasure_due_from(started_on=episode["started_on"], last_measured_on=row.last_measured_on)
    row.exercise_silent_since = exercise_silent_since(
        last_logged_on=row.last_exercise_on, program_started_on=row.program_starts_on
    )
    nrs = [(point.measured_on, int(point.total)) for point in points if point.kind == MeasureKind.NRS_PAIN]
    days = daily_pain([*((_day(day), pain) for day, pain in row.log_pain), *nrs])
    row.pain_signal, row.pain_signal_until = pain_signal_until(days, today=today)
    row.pain_days = [[day.isoformat(), pain] for day, pain in days if day > today - PAIN_WINDOW]


@transaction.atomic
def episode_signals_refresh(
    *, episode_ids: Iterable[int] = (), program_facts: Iterable[ProgramFacts] = (), acting_user=None
) -> int:
    """Recompute and store the signals of these episodes (and of those the program facts are about); return how many.

    `acting_user` is who wrote the facts (None for a command or the demo data).
    """
    program_facts = {facts.episode_id: facts for facts in program_facts}
    ids = sorted(set(episode_ids) | set(program_facts))
    if not ids:
        return 0
    today = timezone.localdate()
    stored = {row.episode_id: row for row in EpisodeSignals.objects.filter(episode_id__in=many_ids(ids))}
    episodes, screenings, plans, measures = _record_facts(ids)
    assessed, revised, sent = _message_facts(ids)
    rows = []
    for episode_id in ids:
        if episode_id not in episodes:
            continue
        row = stored.get(episode_id) or EpisodeSignals(episode_id=episode_id)
        facts = program_facts.get(episode_id)
        if facts is not None:
            for name in PROGRAM_FIELDS:
                value = getattr(facts, name)
                setattr(row, name, [[day.isoformat(), pain] for day, pain in value] if name == "log_pain" else value)
        _apply(
            row,
            episode=episodes[episode_id],
            screening=screenings.get(episode_id),
            review_on=plans.get(episode_id),
            points=measures.get(episode_id, []),
            today=today,
        )
        _apply_messages(
            row,
            episode=episodes[episode_id],
            screening=screenings.get(episode_id),
            first_assessed_on=assessed.get(episode_id),
            plan_revised_on=revised.get(episode_id),
            sent_on=sent.get(episode_id, {}),
        )
        rows.append(row)
    EpisodeSignals.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["episode"], update_fields=UPDATED_FIELDS, batch_size=2000
    )
    return len(rows)
