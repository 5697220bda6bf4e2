"""Writes of questionnaires: the built-in definitions, a practice's own and its official wording, sending, answering,
and the schedules that send one at chosen moments of an episode."""

import datetime
import functools
import tomllib
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.services import save_validated
from patients.choices import (
    AssignmentStatus,
    EpisodeStatus,
    MeasureKind,
    MeasureSource,
    PfdiSubscale,
    ScheduleMoment,
)
from patients.models import (
    CareEpisode,
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireAnswerChoice,
    QuestionnaireAssignment,
    QuestionnaireItem,
    QuestionnaireOption,
    QuestionnaireSchedule,
    QuestionnaireVersion,
    ScheduledSend,
)
from patients.rules.questionnaires import (
    ItemRule,
    Score,
    ScoringRule,
    definition_problems,
    red_flag_answers,
    schedule_moments_due,
    score_answers,
)
from patients.selectors.questionnaires import episode_dates, schedule_plan
from patients.services.measures import measure_record
from patients.services.reminders import questionnaire_notice_send

BUILTIN_QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "data" / "builtin_questionnaires.toml"
VERSION_FIELDS = QuestionnaireVersion.DEFINITION_FIELDS
ITEM_FIELDS = (
    "code",
    "text_nl",
    "text_en",
    "official_text_nl",
    "official_text_en",
    "subscale",
    "scored",
    "required",
    "multiple",
    "measure_field",
)
OPTION_FIELDS = ("score", "label_nl", "label_en", "official_label_nl", "official_label_en", "red_flag")
# Where a PFDI-20 subscale score is recorded on the outcome measure.
PFDI_SUBSCALE_FIELDS = {
    PfdiSubscale.POPDI_6: "pfdi_popdi_6",
    PfdiSubscale.CRADI_8: "pfdi_cradi_8",
    PfdiSubscale.UDI_6: "pfdi_udi_6",
}


# --- definitions --------------------------------------------------------------------------------


def _scale_options(item: dict) -> list[dict]:
    low, high = item["scale"]
    options = []
    for score in range(low, high + 1):
        words = {"nl": "", "en": ""}
        if score == low:
            words = {"nl": item["low_nl"], "en": item["low_en"]}
        elif score == high:
            words = {"nl": item["high_nl"], "en": item["high_en"]}
        options.append(
            {
                "score": score,
                "label_nl": f"{score} · {words['nl']}" if words["nl"] else str(score),
                "label_en": f"{score} · {words['en']}" if words["en"] else str(score),
            }
        )
    return options


def _definition_from_file(fields: dict, answer_sets: dict) -> dict:
    """Return a data file's questionnaire in the shape version_definition() gives."""
    items = []
    for item in fields["items"]:
        if "scale" in item:
            options = _scale_options(item)
        else:
            rows = answer_sets[item["answers"]]["options"] if "answers" in item else item["options"]
            options = [{"score": score, "label_nl": nl, "label_en": en} for score, nl, en in rows]
        red_from = item.get("red_flag_from")
        items.append(
            {
                **{name: item.get(name, "") for name in ("code", "text_nl", "text_en", "subscale", "measure_field")},
                "official_text_nl": "",
                "official_text_en": "",
                "scored": item.get("scored", True),
                "required": item.get("required", False),
                "multiple": item.get("multiple", False),
                "options": [
                    {
                        "official_label_nl": "",
                        "official_label_en": "",
                        **option,
                        "red_flag": red_from is not None and option["score"] >= red_from,
                    }
                    for option in options
                ],
            }
        )
    version = {name: fields.get(name, "") for name in VERSION_FIELDS}
    version.update(
        factor=Decimal(fields["factor"]),
        score_min=Decimal(fields["score_min"]),
        score_max=Decimal(fields["score_max"]),
        missing_allowed=fields["missing_allowed"],
        higher_is_better=fields["higher_is_better"],
        mid=Decimal(fields["mid"]) if "mid" in fields else None,
    )
    return {"version": version, "items": items}


def builtin_questionnaires_read(path=BUILTIN_QUESTIONNAIRES) -> dict[str, tuple[dict, dict]]:
    """Return the built-in questionnaires of the data file, {code: (questionnaire fields, definition)}."""
    with open(path, "rb") as data:
        content = tomllib.load(data)
    answer_sets = content.get("answers", {})
    return {
        code: (
            {"measure_kind": fields["measure_kind"], "licensed": fields["licensed"]},
            _definition_from_file(fields, answer_sets),
        )
        for code, fields in content["questionnaire"].items()
    }


def version_definition(version: QuestionnaireVersion) -> dict:
    """Return everything a version holds as plain data: to compare with a data file, or to copy."""
    items = version.items.prefetch_related("options")
    return {
        "version": {name: getattr(version, name) for name in VERSION_FIELDS},
        "items": [
            {
                **{name: getattr(item, name) for name in ITEM_FIELDS},
                "options": [{name: getattr(option, name) for name in OPTION_FIELDS} for option in item.options.all()],
            }
            for item in items
        ],
    }


def definition_check(definition: dict):
    """Refuse a definition that cannot be answered or scored as written, with every problem named."""
    problems = definition_problems(definition)
    if problems:
        raise ValidationError(problems)


def version_create(*, questionnaire: Questionnaire, definition: dict, acting_user=None) -> QuestionnaireVersion:
    """Write a definition as the questionnaire's next version; earlier versions, and answers on them, stay."""
    definition_check(definition)
    latest = questionnaire.versions.order_by("-number").first()
    version = save_validated(
        QuestionnaireVersion(
            questionnaire=questionnaire,
            number=(latest.number + 1) if latest else 1,
            created_by=acting_user,
            **definition["version"],
        )
    )
    for position, fields in enumerate(definition["items"], start=1):
        item_fields = {name: value for name, value in fields.items() if name != "options"}
        item = save_validated(QuestionnaireItem(version=version, position=position, **item_fields))
        QuestionnaireOption.objects.bulk_create(
            QuestionnaireOption(item=item, position=number, **option)
            for number, option in enumerate(fields["options"], start=1)
        )
    return version


@transaction.atomic
def builtin_questionnaires_sync(*, path=BUILTIN_QUESTIONNAIRES) -> tuple[int, int]:
    """Bring the built-in questionnaires in line with their data file; return (created, new versions).

    A definition that changed becomes a new version: what was sent on the old one keeps its wording and scoring.
    """
    created = changed = 0
    for code, (fields, definition) in builtin_questionnaires_read(path).items():
        questionnaire, new = Questionnaire.objects.get_or_create(practice=None, code=code, defaults=fields)
        latest = questionnaire.versions.order_by("-number").first()
        if latest is not None and version_definition(latest) == definition:
            continue
        version_create(questionnaire=questionnaire, definition=definition)
        created, changed = (created + 1, changed) if new else (created, changed + 1)
    return created, changed


@transaction.atomic
def version_revise(*, version: QuestionnaireVersion, definition: dict, acting_user) -> QuestionnaireVersion:
    """Save a practice admin's change to a questionnaire as a new version of the practice's own.

    A built-in questionnaire is first taken over as the practice's own copy (same code, same measure):
    the official wording entered under one practice's licence is never shown to another practice.
    """
    questionnaire = version.questionnaire
    if questionnaire.is_builtin:
        questionnaire = Questionnaire.objects.filter(
            practice=acting_user.practice, code=questionnaire.code
        ).first() or (
            save_validated(
                Questionnaire(
                    practice=acting_user.practice,
                    code=questionnaire.code,
                    measure_kind=questionnaire.measure_kind,
                    licensed=questionnaire.licensed,
                )
            )
        )
    elif questionnaire.practice_id != acting_user.practice_id:
        raise PermissionError("Only a practice's own questionnaires can be changed.")
    if version_definition(questionnaire.versions.order_by("-number").first() or version) == definition:
        raise ValidationError(_("Nothing was changed, so no new version was made."))
    return version_create(questionnaire=questionnaire, definition=definition, acting_user=acting_user)


@transaction.atomic
def questionnaire_create(*, code: str, definition: dict, acting_user) -> QuestionnaireVersion:
    """Add a practice's own questionnaire; its score stays with the questionnaire, not in an outcome measure."""
    if (
        Questionnaire.objects.for_user(acting_user).filter(code=code).exists()
        or Questionnaire.objects.filter(practice=None, code=code).exists()
    ):
        raise ValidationError({"code": _("A questionnaire with this code already exists.")})
    definition_check(definition)
    questionnaire = save_validated(Questionnaire(practice=acting_user.practice, code=code))
    return version_create(questionnaire=questionnaire, definition=definition, acting_user=acting_user)


# --- scoring ------------------------------------------------------------------------------------


def scoring_rule(version: QuestionnaireVersion, items=None) -> ScoringRule:
    """Return the pure scoring rule of a stored version."""
    items = items if items is not None else version.items.all()
    return ScoringRule(
        method=version.method,
        factor=version.factor,
        missing_allowed=version.missing_allowed,
        items=tuple(
            ItemRule(code=item.code, subscale=item.subscale, scored=item.scored, required=item.required)
            for item in items
        ),
    )


def assignment_score(assignment: QuestionnaireAssignment) -> tuple[Score, list[QuestionnaireAnswer]]:
    """Score the answers given so far; return the score and the answers."""
    items = list(assignment.version.items.all())
    answers = list(assignment.answers.select_related("item", "option").prefetch_related("choices__option"))
    given = {answer.item.code: answer.option.score if answer.option else None for answer in answers}
    return score_answers(scoring_rule(assignment.version, items), given), answers


def _measure_fields(kind, score: Score, answers) -> dict:
    if kind == MeasureKind.PFDI_20:
        return {PFDI_SUBSCALE_FIELDS[code]: value for code, value in score.subscales.items()}
    return {
        answer.item.measure_field: answer.option.score
        for answer in answers
        if answer.item.measure_field and answer.option is not None
    }


# --- sending and answering ----------------------------------------------------------------------


def _refuse_unless_open(assignment: QuestionnaireAssignment):
    if not assignment.episode.is_open and not assignment.after_discharge:
        raise ValidationError(_("This care episode has ended; the questionnaire can no longer be answered."))
    if not assignment.is_open:
        raise ValidationError(_("This questionnaire has already been submitted; answers cannot be changed."))


@transaction.atomic
def questionnaire_send(
    *, episode, version: QuestionnaireVersion, due_on, acting_user, after_discharge: bool = False
) -> QuestionnaireAssignment:
    """Send a questionnaire to the episode's patient, to answer at home by the due date, and e-mail them of it.

    Only a schedule's discharge moment sends in a discharged episode (`after_discharge`).
    """
    if not episode.is_open and not after_discharge:
        raise ValidationError(_("A questionnaire cannot be sent in a discharged care episode."))
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    assignment = save_validated(
        QuestionnaireAssignment(
            episode=episode, version=version, due_on=due_on, sent_by=acting_user, after_discharge=after_discharge
        )
    )
    transaction.on_commit(functools.partial(questionnaire_notice_send, assignment_id=assignment.pk), robust=True)
    return assignment


@transaction.atomic
def answer_save(*, assignment: QuestionnaireAssignment, item: QuestionnaireItem, option=None, options=(), acting_user):
    """Keep the patient's answer to one question as they go; no option leaves an optional question out.

    A question that allows several answers takes `options`, any number of them; the others take one `option`.
    """
    assignment = QuestionnaireAssignment.objects.select_for_update().select_related("episode").get(pk=assignment.pk)
    _refuse_unless_open(assignment)
    chosen = list(options) if item.multiple else ([option] if option is not None else [])
    if (option is not None and item.multiple) or (options and not item.multiple):
        raise ValidationError(_("That answer does not belong to this question."))
    if item.version_id != assignment.version_id or any(choice.item_id != item.pk for choice in chosen):
        raise ValidationError(_("That answer does not belong to this question."))
    if not chosen and item.required:
        raise ValidationError(_("This question needs an answer."))
    answer, _created = QuestionnaireAnswer.objects.update_or_create(
        assignment=assignment, item=item, defaults={"option": None if item.multiple else option}
    )
    if item.multiple:
        answer.choices.all().delete()
        QuestionnaireAnswerChoice.objects.bulk_create(
            QuestionnaireAnswerChoice(answer=answer, option=choice) for choice in dict.fromkeys(chosen)
        )
    if assignment.status == AssignmentStatus.SENT:
        save_validated(assignment, {"status": AssignmentStatus.STARTED})
    return answer


@transaction.atomic
def assignment_submit(*, assignment: QuestionnaireAssignment, acting_user) -> QuestionnaireAssignment:
    """Submit the answers, once: score them and record the score as a patient-reported outcome measure."""
    assignment = (
        QuestionnaireAssignment.objects.select_for_update()
        .select_related("episode", "version__questionnaire")
        .get(pk=assignment.pk)
    )
    _refuse_unless_open(assignment)
    score, answers = assignment_score(assignment)
    answered = {answer.item_id for answer in answers}
    unanswered = [item for item in assignment.version.items.all() if item.required and item.pk not in answered]
    if unanswered:
        raise ValidationError(_("Please answer every question marked as required first."))
    now = timezone.now()
    kind = assignment.version.questionnaire.measure_kind
    measure = None
    if kind and score.scored:
        measure = measure_record(
            episode=assignment.episode,
            kind=kind,
            acting_user=acting_user,
            fields={"measured_on": timezone.localdate(now), **_measure_fields(kind, score, answers)},
            source=MeasureSource.PATIENT_REPORTED,
        )
    return save_validated(
        assignment,
        {
            "status": AssignmentStatus.SUBMITTED,
            "submitted_at": now,
            "total": score.total,
            "red_flag": bool(red_flag_answers(answers)),
            "measure": measure,
        },
    )


def assignment_withdraw(*, assignment: QuestionnaireAssignment, acting_user) -> QuestionnaireAssignment:
    """Take back a questionnaire that was not submitted yet; the patient no longer sees it."""
    if not assignment.is_open:
        raise ValidationError(_("Only a questionnaire that is not submitted yet can be withdrawn."))
    return save_validated(assignment, {"status": AssignmentStatus.WITHDRAWN})


# --- schedules ----------------------------------------------------------------------------------


def _sent_versions(questionnaire: Questionnaire, practice_id: int):
    """The versions a schedule of this questionnaire sends: its own, or the practice's copy of a built-in one.

    Once the practice entered its licensed official wording, the copy (same code) replaces the built-in one;
    a schedule set up before keeps going, on the practice's wording.
    """
    return QuestionnaireVersion.objects.filter(
        Q(questionnaire__practice_id=practice_id) | Q(questionnaire__practice__isnull=True),
        questionnaire__code=questionnaire.code,
    )


def _newest_version(versions) -> QuestionnaireVersion:
    return versions.order_by(F("questionnaire__practice_id").asc(nulls_last=True), "-number").first()


@transaction.atomic
def schedule_run(*, schedule: QuestionnaireSchedule, acting_user=None, today: datetime.date | None = None) -> int:
    """Send what the schedule has due today, each moment once; return how many questionnaires were sent.

    The schedule's row is locked, so a run beside this one waits and then finds the moments handled;
    each moment's row is claimed before sending, and its unique key stops a second claim in any case.
    """
    today = today or timezone.localdate()
    schedule = (
        QuestionnaireSchedule.objects.select_for_update()
        .select_related("episode__patient", "version__questionnaire", "created_by")
        .filter(pk=schedule.pk, stopped_at__isnull=True)
        .first()
    )
    if schedule is None:
        return 0
    episode = schedule.episode
    versions = _sent_versions(schedule.version.questionnaire, episode.patient.practice_id)
    still_open = QuestionnaireAssignment.objects.filter(episode=episode, version__in=versions).answerable().exists()
    moments = schedule_moments_due(
        schedule_plan(schedule),
        episode_dates(episode),
        today=today,
        done=set(schedule.sends.values_list("key", flat=True)),
        questionnaire_open=still_open,
    )
    sent = 0
    for moment in moments:
        try:
            with transaction.atomic():
                claim = ScheduledSend.objects.create(schedule=schedule, key=moment.key, kind=moment.kind)
        except IntegrityError:
            continue
        if moment.send:
            claim.assignment = questionnaire_send(
                episode=episode,
                version=_newest_version(versions),
                due_on=moment.due_on,
                acting_user=acting_user or schedule.created_by,
                after_discharge=moment.kind == ScheduleMoment.DISCHARGE,
            )
            claim.save(update_fields=["assignment"])
            sent += 1
    return sent


@transaction.atomic
def schedule_create(
    *,
    episode: CareEpisode,
    version: QuestionnaireVersion,
    at_intake: bool = False,
    every_weeks: int | None = None,
    weeks_from: datetime.date | None = None,
    evaluation_days: int | None = None,
    at_discharge: bool = False,
    due_days: int = 7,
    discharge_due_days: int = 14,
    acting_user,
) -> QuestionnaireSchedule:
    """Set up a schedule for one questionnaire in the episode, and send at once what is due today (at intake)."""
    episode = CareEpisode.objects.select_for_update().get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError(_("A questionnaire cannot be sent in a discharged care episode."))
    if every_weeks is None:
        weeks_from = None
    elif weeks_from is None:
        raise ValidationError({"weeks_from": _("Give the date of the first repeat.")})
    elif weeks_from < timezone.localdate():
        raise ValidationError({"weeks_from": _("The first repeat cannot be in the past.")})
    active = QuestionnaireSchedule.objects.filter(episode=episode, stopped_at__isnull=True)
    if active.filter(version__questionnaire__code=version.questionnaire.code).exists():
        raise ValidationError(
            {"version": _("This questionnaire already has a schedule in this episode; stop it first.")}
        )
    schedule = save_validated(
        QuestionnaireSchedule(
            episode=episode,
            version=version,
            at_intake=at_intake,
            every_weeks=every_weeks,
            weeks_from=weeks_from,
            evaluation_days=evaluation_days,
            at_discharge=at_discharge,
            due_days=due_days,
            discharge_due_days=discharge_due_days,
            created_by=acting_user,
        )
    )
    schedule_run(schedule=schedule, acting_user=acting_user)
    return schedule


def schedule_stop(*, schedule: QuestionnaireSchedule, acting_user) -> QuestionnaireSchedule:
    """Stop a schedule: nothing more is sent by it; what it sent stays, and can be withdrawn on its own."""
    if not schedule.is_active:
        raise ValidationError(_("This schedule has already stopped."))
    return save_validated(schedule, {"stopped_at": timezone.now(), "stopped_by": acting_user})


def episode_schedules_run(*, episode: CareEpisode, acting_user) -> int:
    """Run the episode's active schedules now, within the caller's transaction: at booking an evaluation."""
    return sum(
        schedule_run(schedule=schedule, acting_user=acting_user)
        for schedule in QuestionnaireSchedule.objects.filter(episode=episode).active()
    )


def episode_schedules_discharge(*, episode: CareEpisode, acting_user) -> int:
    """At discharge, inside its transaction: send the discharge moments, then end the episode's schedules."""
    sent = 0
    for schedule in QuestionnaireSchedule.objects.filter(episode=episode).active():
        sent += schedule_run(schedule=schedule, acting_user=acting_user)
        schedule_stop(schedule=schedule, acting_user=acting_user)
    return sent


def schedules_run(today: datetime.date | None = None) -> int:
    """The daily run: send what the active schedules of open episodes have due, each schedule on its own.

    Safe to run more than once a day, or beside another run: a moment handled is never handled again.
    """
    today = today or timezone.localdate()
    schedules = (
        QuestionnaireSchedule.objects.active()
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    return sum(schedule_run(schedule=QuestionnaireSchedule(pk=pk), today=today) for pk in schedules)
