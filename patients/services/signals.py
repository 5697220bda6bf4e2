"""Keeping an episode's follow-up signals current from the facts of its home program."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from patients.models import EpisodeSignals
from patients.rules.followups import HIGH_PAIN_RECENT_LOGS, exercise_silent_since, high_pain_until


@dataclass(frozen=True)
class ProgramFacts:
    """What the home programs tell the record about one care episode.

    `latest_logs` are (day, pain) of the patient's latest exercise logs, newest first;
    `strengthening_exercises` are {"nl": title, "en": title} of the current program's strengthening items.
    """

    episode_id: int
    program_starts_on: datetime.date | None = None
    program_ends_on: datetime.date | None = None
    last_exercise_on: datetime.date | None = None
    strengthening_exercises: list = field(default_factory=list)
    latest_logs: list = field(default_factory=list)


def _signals_of(facts: ProgramFacts) -> EpisodeSignals:
    logs = facts.latest_logs[:HIGH_PAIN_RECENT_LOGS]
    return EpisodeSignals(
        episode_id=facts.episode_id,
        program_starts_on=facts.program_starts_on,
        program_ends_on=facts.program_ends_on,
        last_exercise_on=facts.last_exercise_on,
        exercise_silent_since=exercise_silent_since(
            last_logged_on=facts.last_exercise_on, program_started_on=facts.program_starts_on
        ),
        strengthening_exercises=facts.strengthening_exercises,
        recent_pain=[pain for _day, pain in logs],
        high_pain_until=high_pain_until(logs),
    )


UPDATED_FIELDS = [
    "program_starts_on",
    "program_ends_on",
    "last_exercise_on",
    "exercise_silent_since",
    "strengthening_exercises",
    "recent_pain",
    "high_pain_until",
    "updated_at",
]


@transaction.atomic
def episode_signals_record(*, facts: Iterable[ProgramFacts], acting_user=None) -> int:
    """Store the signals that follow from these facts, one row per episode, in one statement; return the count.

    Called by the programs app inside the transaction of the write that changed the facts, so the
    caseload never shows a signal older than the data. `acting_user` is who wrote (None for a command).
    """
    rows = [_signals_of(one) for one in facts]
    EpisodeSignals.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["episode"], update_fields=UPDATED_FIELDS, batch_size=2000
    )
    return len(rows)
