"""What the record is told of the home programs: the facts its follow-up signals and safety rules read.

The record (patients) sits below this app and never reads its tables; every write here that changes
those facts hands them down in the same transaction, so the caseload is never behind the data.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber

from patients.rules.followups import HIGH_PAIN_RECENT_LOGS
from patients.services.signals import ProgramFacts, episode_signals_record
from programs.choices import ProgramStatus
from programs.models import ExerciseLog, HomeProgram, ProgramItem
from programs.rules import is_strengthening


def _latest_logs(patient_ids) -> dict[int, list]:
    """Return (day, pain) of each patient's latest logs, newest first (one query on the patient-latest index)."""
    ranked = (
        ExerciseLog.objects.filter(patient_id__in=patient_ids)
        .annotate(
            rank=Window(RowNumber(), partition_by=F("patient_id"), order_by=[F("done_at").desc(), F("id").desc()])
        )
        .filter(rank__lte=HIGH_PAIN_RECENT_LOGS)
        .order_by("patient_id", "rank")
        .values_list("patient_id", "done_on", "pain")
    )
    latest = defaultdict(list)
    for patient_id, done_on, pain in ranked:
        latest[patient_id].append((done_on, pain))
    return latest


def _strengthening(program_ids) -> dict[int, list]:
    """Return the titles of each current program's strengthening exercises (one query)."""
    items = (
        ProgramItem.objects.filter(program_id__in=program_ids)
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
    """Tell the record the current program, last log, latest pain and strengthening items of these episodes.

    Set-based (five queries whatever the number of episodes), so the demo data's thousands of episodes
    cost the same statements as one patient's log. Returns the number of episodes told.
    """
    programs = list(
        HomeProgram.objects.filter(episode_id__in=list(episode_ids))
        .order_by()
        .values("pk", "episode_id", "episode__patient_id", "status", "starts_on", "ends_on")
    )
    patient_of = {row["episode_id"]: row["episode__patient_id"] for row in programs}
    current = {row["episode_id"]: row for row in programs if row["status"] == ProgramStatus.ACTIVE}
    patient_ids = sorted(set(patient_of.values()))
    last_logged = dict(
        ExerciseLog.objects.filter(patient_id__in=patient_ids)
        .values("patient_id")
        .annotate(last=Max("done_on"))
        .values_list("patient_id", "last")
        .order_by()
    )
    latest = _latest_logs(patient_ids)
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
                latest_logs=latest.get(patient_id, []),
            )
        )
    return episode_signals_record(facts=facts, acting_user=acting_user)


def patient_facts_refresh(*, patient, acting_user=None) -> int:
    """Tell the record the facts of every episode of the patient that has a home program."""
    episode_ids = HomeProgram.objects.filter(episode__patient=patient).values_list("episode_id", flat=True).distinct()
    return program_facts_refresh(episode_ids=list(episode_ids), acting_user=acting_user)
