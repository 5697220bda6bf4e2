"""The patient's whole record as data (GDPR art. 15 and 20): one dict, rendered as JSON or as PDF.

Every part is read with one query whatever its size, so an export costs the same number of
queries for a patient with one note as for one with a thousand.
"""

import datetime
import decimal
import json

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from clinic.pdf import render_pdf
from patients import extensions
from patients.extensions import DataPart
from patients.forms.interventions import parameter_rows
from patients.models import (
    Appointment,
    Assessment,
    BiofeedbackSession,
    Birth,
    CalendarFeed,
    CareEpisode,
    Classification,
    Consent,
    Conversation,
    Discharge,
    EpisodeSignals,
    FollowupSettings,
    GPLetter,
    Intake,
    Intervention,
    Message,
    MessageNotice,
    NeedlingReferral,
    NoteAddendum,
    OutcomeMeasure,
    PainMap,
    PainMapRequest,
    PainRegion,
    Patient,
    PlanGoal,
    QuestionnaireAnswer,
    QuestionnaireAnswerChoice,
    QuestionnaireAssignment,
    QuestionnaireSchedule,
    RedFlagScreening,
    Referral,
    ReminderFailure,
    ReminderSent,
    SafetyOverride,
    ScheduledSend,
    SessionNote,
    TreatmentPlan,
)

EXPORT_FORMAT = "bekkenfysio-patient-record/1"
# Internal keys that say nothing about the patient, or that would open the account to someone else.
HIDDEN_FIELDS = {"submission", "token", "version"}


def _episode_part(key, title, model, single=False):
    return DataPart(key, title, model, "episode__patient", CareEpisode, "episode", single)


def _plan_part(key, title, model):
    return DataPart(key, title, model, "plan__episode__patient", TreatmentPlan, "plan")


# The record's own parts; apps above it register theirs (patients.extensions).
RECORD_PARTS = [
    DataPart("consents", gettext_lazy("Consents"), Consent, "patient"),
    DataPart("episodes", gettext_lazy("Care episodes"), CareEpisode, "patient"),
    _episode_part("screening", gettext_lazy("Red-flag screening"), RedFlagScreening, single=True),
    _episode_part("intake", gettext_lazy("Intake"), Intake, single=True),
    _episode_part("assessments", gettext_lazy("Assessments"), Assessment),
    _episode_part("classifications", gettext_lazy("Classifications"), Classification),
    _episode_part("measures", gettext_lazy("Outcome measures"), OutcomeMeasure),
    DataPart(
        "questionnaires",
        gettext_lazy("Questionnaires"),
        QuestionnaireAssignment,
        "episode__patient",
        CareEpisode,
        "episode",
        linked_names=(("questionnaire", "version__title_"),),
    ),
    DataPart(
        "questionnaire_answers",
        gettext_lazy("Questionnaire answers"),
        QuestionnaireAnswer,
        "assignment__episode__patient",
        QuestionnaireAssignment,
        "assignment",
        linked_names=(("question", "item__text_"), ("answer", "option__label_")),
    ),
    DataPart(
        "questionnaire_answer_choices",
        gettext_lazy("Answers chosen to a question with several answers"),
        QuestionnaireAnswerChoice,
        "answer__assignment__episode__patient",
        QuestionnaireAnswer,
        "answer",
        linked_names=(("answer", "option__label_"),),
    ),
    DataPart(
        "questionnaire_schedules",
        gettext_lazy("Questionnaire schedules"),
        QuestionnaireSchedule,
        "episode__patient",
        CareEpisode,
        "episode",
        linked_names=(("questionnaire", "version__title_"),),
    ),
    DataPart(
        "questionnaire_schedule_sends",
        gettext_lazy("Scheduled questionnaire moments"),
        ScheduledSend,
        "schedule__episode__patient",
        QuestionnaireSchedule,
        "schedule",
    ),
    _episode_part("pain_maps", gettext_lazy("Pain maps"), PainMap),
    _episode_part("pain_map_requests", gettext_lazy("Pain maps asked of the patient"), PainMapRequest),
    _episode_part("notes", gettext_lazy("Session notes"), SessionNote),
    _episode_part("plan", gettext_lazy("Treatment plan"), TreatmentPlan, single=True),
    _episode_part("gp_letters", gettext_lazy("Letters to the GP"), GPLetter),
    _episode_part("appointments", gettext_lazy("Appointments"), Appointment),
    _episode_part("discharge", gettext_lazy("Discharge"), Discharge, single=True),
    DataPart(
        "signals",
        gettext_lazy("Follow-up signals"),
        EpisodeSignals,
        "episode__patient",
        CareEpisode,
        "episode",
        single=True,
        exported=False,
    ),
    DataPart("follow_up_settings", gettext_lazy("Follow-up settings"), FollowupSettings, "patient"),
    DataPart("reminders_sent", gettext_lazy("Reminders sent"), ReminderSent, "patient"),
    # Delivery state until the mail server takes the reminder, not part of what the practice knows of the patient.
    DataPart("reminders_not_sent", gettext_lazy("Reminders not sent"), ReminderFailure, "patient", exported=False),
    # The calendar address is a key to the appointments, not part of what the practice knows of the patient.
    DataPart("calendar_feed", gettext_lazy("Calendar address"), CalendarFeed, "patient", exported=False),
    DataPart("births", gettext_lazy("Births"), Birth, "intake__episode__patient", Intake, "intake"),
    DataPart(
        "pain_regions", gettext_lazy("Painful regions"), PainRegion, "pain_map__episode__patient", PainMap, "pain_map"
    ),
    DataPart("addenda", gettext_lazy("Addenda"), NoteAddendum, "note__episode__patient", SessionNote, "note"),
    _episode_part("conversation", gettext_lazy("Secure messages"), Conversation, single=True),
    DataPart(
        "messages", gettext_lazy("Messages"), Message, "conversation__episode__patient", Conversation, "conversation"
    ),
    DataPart(
        "message_notices",
        gettext_lazy("Message notices sent"),
        MessageNotice,
        "conversation__episode__patient",
        Conversation,
        "conversation",
    ),
    _plan_part("goals", gettext_lazy("Goals"), PlanGoal),
    _plan_part("interventions", gettext_lazy("Interventions"), Intervention),
    _plan_part("referrals", gettext_lazy("Referrals"), Referral),
    _plan_part("needling_referrals", gettext_lazy("Dry-needling referrals"), NeedlingReferral),
    _plan_part("biofeedback_sessions", gettext_lazy("Biofeedback sessions"), BiofeedbackSession),
    _plan_part("safety_overrides", gettext_lazy("Safety warnings overridden"), SafetyOverride),
]


def _linked(part):
    """Return {key: lookup} of the names read through a link, in the reader's language."""
    language = "nl" if (get_language() or "").startswith("nl") else "en"
    return {key: lookup + language for key, lookup in part.linked_names}


def exported_parts():
    """Return the parts of the record an export holds, those of the apps above it included."""
    return [part for part in extensions.data_parts if part.exported]


def patient_parts():
    return [part for part in exported_parts() if part.parent_model is None]


def child_parts(model):
    return [part for part in exported_parts() if part.parent_model is model]


def _is_person(field):
    return field.is_relation and field.many_to_one and field.related_model is get_user_model()


def _fetch(part, patient):
    """Return the part's rows as dicts of plain values, in the model's own order (one query)."""
    names = [field.attname for field in part.model._meta.concrete_fields if field.name not in HIDDEN_FIELDS]
    names.extend(_linked(part).values())
    return list(part.model.objects.filter(**{part.to_patient: patient}).values(*names))


def _person_names(rows_by_part):
    """Return {user id: "name (role)"} for every person named in the rows (one query)."""
    ids = set()
    for part, rows in rows_by_part.items():
        for field in filter(_is_person, part.model._meta.concrete_fields):
            ids.update(row[field.attname] for row in rows if row.get(field.attname))
    users = get_user_model().objects.filter(pk__in=ids).only("first_name", "last_name", "email", "role")
    return {user.pk: f"{user} ({user.get_role_display()})" if user.role else str(user) for user in users}


def _clean(part, row, names):
    """Give a row readable keys: people by name, links to the parent dropped."""
    result = {}
    for field in part.model._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS or field.name == part.parent or field.name == "patient":
            continue
        value = row[field.attname]
        if _is_person(field):
            result[field.name] = names.get(value, "") if value else None
        else:
            result[field.attname] = value
    for key, lookup in _linked(part).items():
        result[key] = row[lookup]
    return result


def _nest(model, row_id, rows_by_part, names):
    """Attach the children of one row, recursively, grouped by their part."""
    children = {}
    for part in child_parts(model):
        own = [row for row in rows_by_part[part] if row[f"{part.parent}_id"] == row_id]
        built = [{**_clean(part, row, names), **_nest(part.model, row["id"], rows_by_part, names)} for row in own]
        children[part.key] = (built[0] if built else None) if part.single else built
    return children


def patient_record_export(patient: Patient) -> dict:
    """Return everything the practice holds about the patient, nested as the record is."""
    rows_by_part = {part: _fetch(part, patient) for part in exported_parts()}
    patient_row = Patient.objects.filter(pk=patient.pk).values()[0]
    names = _person_names(rows_by_part)
    responsible = get_user_model().objects.filter(pk=patient_row["responsible_therapist_id"]).first()
    details = {
        field.attname: patient_row[field.attname]
        for field in Patient._meta.concrete_fields
        # The sort name is derived from the name for the lists' order: not something the practice holds.
        if field.name not in {"practice", "responsible_therapist", "user", "sort_name"}
    }
    details["practice"] = patient.practice.name
    details["responsible_therapist"] = str(responsible) if responsible else None
    record = {"format": EXPORT_FORMAT, "exported_at": timezone.now(), "patient": details}
    for part in patient_parts():
        record[part.key] = [
            {**_clean(part, row, names), **_nest(part.model, row["id"], rows_by_part, names)}
            for row in rows_by_part[part]
        ]
    return record


def record_json(record: dict) -> bytes:
    """Return the record as indented UTF-8 JSON."""
    return json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


# --- the readable version ------------------------------------------------------------------------


# Kept for the JSON (a key for another program), left out of the page a person reads: a row's own
# number, a link given as a number, an order number (the order of the rows says it).
UNREAD_FIELDS = {"id", "position"}


def _number(value):
    """Return a number as the reader writes it: 10 rather than 1E+1 or 10.0, 6,5 in Dutch."""
    if value == value.to_integral_value():
        return formats.number_format(int(value), use_l10n=True)
    return formats.number_format(value.normalize(), use_l10n=True)


def _display(field, value):
    """Return a value as a reader would say it."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if value in choices:
        return capfirst(str(choices[value]))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, decimal.Decimal | float):
        return _number(decimal.Decimal(str(value)))
    return str(value)


def _linked_label(model, lookup):
    """Return the name of what a link reads, e.g. "exercise" for item__exercise__title_nl."""
    for name in lookup.split("__")[:-1]:
        model = model._meta.get_field(name).related_model
    return str(model._meta.verbose_name)


def _readable_parameters(row):
    intervention = Intervention(kind=row["kind"], parameters=row["parameters"] or {})
    return [(str(label), str(value)) for label, value in parameter_rows(intervention)]


# Fields kept as data (JSON) whose content a reader gets as lines of their own, each labelled.
READABLE_DATA = {(Intervention, "parameters"): _readable_parameters}


def _labelled(model, row, linked=()):
    """Return (label, shown value) of a row's filled-in fields, in the model's order."""
    fields = {field.name: field for field in model._meta.concrete_fields}
    fields.update({field.attname: field for field in model._meta.concrete_fields})
    linked = dict(linked)
    lines = []
    for key, value in row.items():
        field = fields.get(key)
        if (model, key) in READABLE_DATA:
            lines.extend(READABLE_DATA[model, key](row))
            continue
        if key in UNREAD_FIELDS or (field is not None and field.is_relation and key == field.attname):
            continue
        if isinstance(value, dict | list):
            continue
        if key in linked:
            label = _linked_label(model, linked[key])
        else:
            label = str(field.verbose_name) if field is not None else key.replace("_", " ")
        shown = _display(field, value)
        if shown:
            lines.append((label, shown))
    return lines


def _sections(model, row):
    """Return the row's child parts as (title, [(fields, sections)]) for the template."""
    sections = []
    for part in child_parts(model):
        value = row.get(part.key)
        rows = [value] if isinstance(value, dict) else value or []
        sections.append((part.title, [_readable(part, child) for child in rows]))
    return sections


def _readable(part, row):
    return {"fields": _labelled(part.model, row, part.linked_names), "sections": _sections(part.model, row)}


def record_html(record: dict) -> str:
    """Return the record as a page for reading and printing, with labels and readable values."""
    parts = [(part.title, [_readable(part, row) for row in record[part.key]]) for part in patient_parts()]
    details = record["patient"]
    context = {
        "record": record,
        "patient_name": f"{details['first_name']} {details['last_name']}",
        "patient_fields": _labelled(Patient, record["patient"]),
        "parts": parts,
    }
    return render_to_string("patients/record_export_pdf.html", context)


def record_pdf(record: dict, *, base_url: str) -> bytes:
    """Return the record as a PDF."""
    return render_pdf(record_html(record), base_url=base_url)
