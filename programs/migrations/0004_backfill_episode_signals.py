"""Hand the record the follow-up facts of the home programs that exist already (from now on every write does).

Written against the historical models, as a migration must be; the rules are those of
patients.rules.followups at the time of writing.
"""

import datetime

from django.db import migrations

HIGH_PAIN, HIGH_PAIN_TIMES, HIGH_PAIN_RECENT_LOGS = 7, 3, 5
HIGH_PAIN_WITHIN = datetime.timedelta(days=14)
STRENGTHENING_KINDS = ("strength", "endurance", "speed")


def backfill(apps, schema_editor):
    HomeProgram = apps.get_model("programs", "HomeProgram")
    ProgramItem = apps.get_model("programs", "ProgramItem")
    ExerciseLog = apps.get_model("programs", "ExerciseLog")
    EpisodeSignals = apps.get_model("patients", "EpisodeSignals")
    programs = list(HomeProgram.objects.values("pk", "episode_id", "episode__patient_id", "status", "starts_on", "ends_on"))
    current = {row["episode_id"]: row for row in programs if row["status"] == "active"}
    strengthening = {}
    for program_id, kind, tags, title_nl, title_en in ProgramItem.objects.filter(
        program_id__in=[row["pk"] for row in current.values()]
    ).values_list("program_id", "exercise__kind", "exercise__contraindications", "exercise__title_nl", "exercise__title_en"):
        if kind in STRENGTHENING_KINDS or "strengthening" in (tags or []):
            strengthening.setdefault(program_id, []).append({"nl": title_nl, "en": title_en})
    rows = []
    for episode_id, patient_id in {row["episode_id"]: row["episode__patient_id"] for row in programs}.items():
        logs = list(
            ExerciseLog.objects.filter(patient_id=patient_id).order_by("-done_at", "-id").values_list("done_on", "pain")[
                :HIGH_PAIN_RECENT_LOGS
            ]
        )
        last = max((day for day, _pain in logs), default=None)
        program = current.get(episode_id)
        start = program["starts_on"] if program else None
        high = [day for day, pain in logs if pain is not None and pain >= HIGH_PAIN]
        rows.append(
            EpisodeSignals(
                episode_id=episode_id,
                program_starts_on=start,
                program_ends_on=program["ends_on"] if program else None,
                last_exercise_on=last,
                exercise_silent_since=max(filter(None, (last, start))) if start else None,
                strengthening_exercises=strengthening.get(program["pk"], []) if program else [],
                recent_pain=[pain for _day, pain in logs],
                high_pain_until=high[HIGH_PAIN_TIMES - 1] + HIGH_PAIN_WITHIN if len(high) >= HIGH_PAIN_TIMES else None,
            )
        )
    EpisodeSignals.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0009_episode_signals"),
        ("programs", "0003_exerciselog_patient_latest"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
