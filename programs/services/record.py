"""What the record is told of the home programs: the facts its follow-up signals and safety rules read.

The record (patients) sits below this app and never reads its tables; every write here that changes
those facts hands them down in the same transaction, so the caseload is never behind the data.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Max
from django.utils import timezone

from clinic.querysets import many_ids
from patients.choices import EpisodeStatus
from patients.models import CareEpisode
from patients.rules.followups import PAIN_WINDOW
from patients.services.signals import ProgramFacts, episode_signals_refresh
from programs.choices import ProgramStatus
from programs.models import ExerciseLog, HomeProgram, ProgramItem
from programs.rules import is_strengthening


def _log_pain(patient_ids, today) -> dict[int, list]:
    """Return (day, highest pain logged that day) of each patient's logs of the pain window (one query)."""
    rows = (
        ExerciseLog.objects.filter(
            patient_id__in=many_ids(patient_ids),
            done_on__gt=today - PAIN_WINDOW,
            done_on__lte=today,
            pain__isnull=False,
        )
        .values("patient_id", "done_on")
        .annotate(highest=Max("pain"))
        .order_by("patient_id", "done_on")
        .values_list("patient_id", "done_on", "highest")
    )
    pain = defaultdict(list)
    for patient_id, day, highest in rows:
        pain[patient_id].append((day, highest))
    return pain


def _strengthening(program_ids) -> dict[int, list]:
    """Return the titles of each current program's strengthening exercises (one query)."""
    items = (
        ProgramItem.objects.filter(program_id__in=many_ids(program_ids))
        .order_by("program_id", "position", "pk")
        .values_list(
            "program_id", "exercise__kind", "exercise__contraindications", "exercise__title_nl", "exercise__title_en"
        )
    )
    titles = defaultdict(list)
    for program_id, kind, tags, title_nl, title_en in items:
        if is_strengthening(kind, tags):
            titles[program_id].append({"nl": title_nl, "en": title_en})
    return titles


def program_facts_refresh(*, episode_ids: Iterable[int], acting_user=None) -> int:
    """Tell the record the current program, last log, recent pain and strengthening items of these episodes.

    Set-based (a fixed number of queries whatever the number of episodes), so the demo data's thousands of episodes
    cost the same statements as one patient's log. Returns the number of episodes told.
    """
    programs = list(
        HomeProgram.objects.filter(episode_id__in=many_ids(episode_ids))
        .order_by()
        .values("pk", "episode_id", "episode__patient_id", "status", "starts_on", "ends_on")
    )
    patient_of = {row["episode_id"]: row["episode__patient_id"] for row in programs}
    current = {row["episode_id"]: row for row in programs if row["status"] == ProgramStatus.ACTIVE}
    patient_ids = sorted(set(patient_of.values()))
    last_logged = dict(
        ExerciseLog.objects.filter(patient_id__in=many_ids(patient_ids))
        .values("patient_id")
        .annotate(last=Max("done_on"))
        .values_list("patient_id", "last")
        .order_by()
    )
    log_pain = _log_pain(patient_ids, timezone.localdate())
    strengthening = _strengthening([row["pk"] for row in current.values()])
    facts = []
    for episode_id, patient_id in patient_of.items():
        program = current.get(episode_id)
        facts.append(
            ProgramFacts(
                episode_id=episode_id,
                program_starts_on=program["starts_on"] if program else None,
                program_ends_on=program["ends_on"] if program else None,
                last_exercise_on=last_logged.get(patient_id),
                strengthening_exercises=strengthening.get(program["pk"], []) if program else [],
                log_pain=log_pain.get(patient_id, []),
            )
        )
    return episode_signals_refresh(program_facts=facts, acting_user=acting_user)


def patient_facts_refresh(*, patient, acting_user=None) -> int:
    """Tell the record the facts of every episode of the patient that has a home program."""
    episode_ids = HomeProgram.objects.filter(episode__patient=patient).values_list("episode_id", flat=True).distinct()
    return program_facts_refresh(episode_ids=list(episode_ids), acting_user=acting_user)


def followup_signals_refresh_all(*, acting_user=None) -> int:
    """Recompute the follow-up signals of every open care episode, for data written without the services.

    Run after `migrate` (ProgramsConfig connects it) and by `manage.py refresh_followup_signals`, e.g.
    after restoring a backup or loading data in bulk; every other write keeps the signals current itself.
    """
    open_episodes = CareEpisode.objects.exclude(status=EpisodeStatus.DISCHARGED).values_list("pk", flat=True)
    told = program_facts_refresh(episode_ids=list(open_episodes), acting_user=acting_user)
    return told + episode_signals_refresh(
        episode_ids=list(open_episodes.exclude(programs__isnull=False)), acting_user=acting_user
    )
