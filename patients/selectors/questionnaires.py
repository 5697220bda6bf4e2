"""Questionnaire schedules as the timing rule and the episode page read them."""

import datetime

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from patients.choices import AppointmentKind, AssignmentStatus, EpisodeStatus
from patients.models import (
    Appointment,
    CareEpisode,
    QuestionnaireAnswer,
    QuestionnaireAnswerChoice,
    QuestionnaireAssignment,
    QuestionnaireItem,
    QuestionnaireSchedule,
    QuestionnaireVersion,
    ScheduledSend,
)
from patients.models.questionnaires import text_language
from patients.rules.improvement import score_change
from patients.rules.questionnaires import EpisodeDates, Moment, SchedulePlan, schedule_next_moment


def _version_stamp(pk, created_at) -> str:
    """Name a questionnaire version in a cache key: versions are never changed once written, only added.

    Its time of writing is in it with its id, so that a database restored from a backup, which hands out the
    same ids again, never meets what was cached before.
    """
    return f"{pk}-{created_at.timestamp()}"


def current_version_choices(user) -> list[tuple[int, str]]:
    """Return (version id, title) of each questionnaire the user's practice sends now, in code order.

    The send and schedule forms are opened far more often than the list changes, so it is cached under the
    newest version of all practices: a new questionnaire or version anywhere gives a new key, in every app
    server, whatever cache it has.
    """
    newest = QuestionnaireVersion.objects.order_by("-pk").values_list("pk", "created_at").first()
    key = f"questionnaire-choices:{user.practice_id}:{_version_stamp(*newest) if newest else 'none'}"
    rows = cache.get(key)
    if rows is None:
        versions = QuestionnaireVersion.objects.for_user(user).current().order_by("questionnaire__code")
        rows = list(versions.values("pk", "title_nl", "title_en"))
        cache.set(key, rows, timeout=24 * 3600)
    title = f"title_{text_language()}"
    return [(row["pk"], row[title]) for row in rows]


def schedule_plan(schedule: QuestionnaireSchedule) -> SchedulePlan:
    """Return the pure timing rule's view of a stored schedule."""
    return SchedulePlan(
        at_intake=schedule.at_intake,
        every_weeks=schedule.every_weeks,
        weeks_from=schedule.weeks_from,
        evaluation_days=schedule.evaluation_days,
        at_discharge=schedule.at_discharge,
        due_days=schedule.due_days,
        discharge_due_days=schedule.discharge_due_days,
    )


def episode_dates(episode: CareEpisode) -> EpisodeDates:
    """Return the episode's dates and its planned evaluation appointments as the timing rule reads them."""
    evaluations = (
        Appointment.objects.filter(episode=episode, kind=AppointmentKind.EVALUATION).planned().only("pk", "starts_at")
    )
    return EpisodeDates(
        started_on=episode.started_on,
        discharged_on=episode.discharged_on if episode.status == EpisodeStatus.DISCHARGED else None,
        evaluations=tuple((row.pk, timezone.localdate(row.starts_at)) for row in evaluations),
    )


def episode_schedules(
    user, episode: CareEpisode, today: datetime.date | None = None
) -> list[tuple[QuestionnaireSchedule, Moment | None]]:
    """Return the episode's active schedules, each with its next moment (three queries whatever their number)."""
    schedules = list(
        QuestionnaireSchedule.objects.for_user(user)
        .filter(episode=episode)
        .active()
        .select_related("version")
        .prefetch_related(Prefetch("sends", queryset=ScheduledSend.objects.only("pk", "schedule_id", "key")))
    )
    if not schedules:
        return []
    dates = episode_dates(episode)
    today = today or timezone.localdate()
    return [
        (
            schedule,
            schedule_next_moment(
                schedule_plan(schedule), dates, today=today, done={send.key for send in schedule.sends.all()}
            ),
        )
        for schedule in schedules
    ]


def episode_questionnaires(user, episode: CareEpisode) -> list[QuestionnaireAssignment]:
    """Return the questionnaires sent in the episode, newest first, in one query.

    A later result of a practice's own questionnaire gets `change` against its first one, by the MID and the
    direction of its definition: its score is no outcome measure, so the measures' judgement does not reach it.
    """
    assignments = list(
        QuestionnaireAssignment.objects.for_user(user)
        .filter(episode=episode)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .select_related("version__questionnaire")
    )
    first_results = {}
    for assignment in reversed(assignments):
        assignment.change = None
        version, questionnaire = assignment.version, assignment.version.questionnaire
        if assignment.total is None or questionnaire.measure_kind or version.mid is None:
            continue
        if questionnaire.code not in first_results:
            first_results[questionnaire.code] = assignment.total
            continue
        assignment.change = score_change(
            first_results[questionnaire.code],
            assignment.total,
            needed=version.mid,
            higher_is_better=version.higher_is_better,
        )
    return assignments


ITEM_COLUMNS = [field.attname for field in QuestionnaireItem._meta.concrete_fields]


def version_items(version: QuestionnaireVersion) -> list[QuestionnaireItem]:
    """Return the version's questions in order, from the cache once read.

    A version is never changed once written (a change, the official wording too, is a new version), so its
    questions are kept without ever going stale.
    """
    key = f"questionnaire-items:{_version_stamp(version.pk, version.created_at)}"
    rows = cache.get(key)
    if rows is None:
        rows = list(QuestionnaireItem.objects.filter(version=version).values(*ITEM_COLUMNS))
        cache.set(key, rows, timeout=7 * 24 * 3600)
    return [QuestionnaireItem(**row) for row in rows]


def answer_rows(assignment: QuestionnaireAssignment, items=None) -> list[tuple]:
    """Return (question, answer or None) for every question of the version, with the chosen options (1–3 queries).

    `items`, the version's questions where the caller holds them already, saves one. The answers' several
    choices are read only for a version that has a question taking several answers.
    """
    items = version_items(assignment.version) if items is None else list(items)
    choices = QuestionnaireAnswerChoice.objects.select_related("option")
    if not any(item.multiple for item in items):
        choices = choices.none()
    answers = QuestionnaireAnswer.objects.filter(assignment=assignment).select_related("option")
    by_item = {answer.item_id: answer for answer in answers.prefetch_related(Prefetch("choices", queryset=choices))}
    return [(item, by_item.get(item.pk)) for item in items]
