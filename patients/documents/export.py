"""The patient's whole record as data (GDPR art. 15 and 20): one dict, rendered as JSON or as PDF.

Every part is read with one query whatever its size, so an export costs the same number of
queries for a patient with one note as for one with a thousand.
"""

import datetime
import decimal
import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from clinic.pdf import render_pdf
from patients.models import (
    Appointment,
    Assessment,
    BiofeedbackSession,
    Birth,
    CareEpisode,
    Classification,
    Consent,
    Discharge,
    GPLetter,
    Intake,
    Intervention,
    NeedlingReferral,
    NoteAddendum,
    OutcomeMeasure,
    Patient,
    PlanGoal,
    RedFlagScreening,
    Referral,
    SafetyOverride,
    SessionNote,
    TreatmentPlan,
)
from programs.models import BladderEntry, BowelEntry, ExerciseLog, HomeProgram, ProgramItem

EXPORT_FORMAT = "bekkenfysio-patient-record/1"
# Internal keys that say nothing about the patient, or that would open the account to someone else.
HIDDEN_FIELDS = {"submission", "token", "version"}
# Names read through a link, so that the reader sees the exercise rather than a number.
LINKED_NAMES = {ProgramItem: {"exercise": "exercise__title_"}, ExerciseLog: {"exercise": "item__exercise__title_"}}


def _linked(model):
    """Return {key: lookup} of the names read through a link, in the reader's language."""
    language = "nl" if (get_language() or "").startswith("nl") else "en"
    return {key: lookup + language for key, lookup in LINKED_NAMES.get(model, {}).items()}


@dataclass(frozen=True)
class Part:
    """One kind of row in the export: where it hangs in the record and how it reaches the patient."""

    key: str
    title: str
    model: type[models.Model]
    to_patient: str  # lookup from the model to Patient
    parent: str = ""  # the field naming the row it belongs to; "" for parts of the patient
    single: bool = False  # at most one per parent


PATIENT_PARTS = [
    Part("consents", gettext_lazy("Consents"), Consent, "patient"),
    Part("episodes", gettext_lazy("Care episodes"), CareEpisode, "patient"),
    Part("exercise_logs", gettext_lazy("Exercises done"), ExerciseLog, "patient"),
    Part("bladder_diary", gettext_lazy("Bladder diary"), BladderEntry, "patient"),
    Part("bowel_diary", gettext_lazy("Bowel diary"), BowelEntry, "patient"),
]
CHILD_PARTS = {
    CareEpisode: [
        Part("screening", gettext_lazy("Red-flag screening"), RedFlagScreening, "episode__patient", "episode", True),
        Part("intake", gettext_lazy("Intake"), Intake, "episode__patient", "episode", True),
        Part("assessments", gettext_lazy("Assessments"), Assessment, "episode__patient", "episode"),
        Part("classifications", gettext_lazy("Classifications"), Classification, "episode__patient", "episode"),
        Part("measures", gettext_lazy("Outcome measures"), OutcomeMeasure, "episode__patient", "episode"),
        Part("notes", gettext_lazy("Session notes"), SessionNote, "episode__patient", "episode"),
        Part("plan", gettext_lazy("Treatment plan"), TreatmentPlan, "episode__patient", "episode", True),
        Part("gp_letters", gettext_lazy("Letters to the GP"), GPLetter, "episode__patient", "episode"),
        Part("appointments", gettext_lazy("Appointments"), Appointment, "episode__patient", "episode"),
        Part("home_programs", gettext_lazy("Home programs"), HomeProgram, "episode__patient", "episode"),
        Part("discharge", gettext_lazy("Discharge"), Discharge, "episode__patient", "episode", True),
    ],
    Intake: [Part("births", gettext_lazy("Births"), Birth, "intake__episode__patient", "intake")],
    SessionNote: [Part("addenda", gettext_lazy("Addenda"), NoteAddendum, "note__episode__patient", "note")],
    TreatmentPlan: [
        Part("goals", gettext_lazy("Goals"), PlanGoal, "plan__episode__patient", "plan"),
        Part("interventions", gettext_lazy("Interventions"), Intervention, "plan__episode__patient", "plan"),
        Part("referrals", gettext_lazy("Referrals"), Referral, "plan__episode__patient", "plan"),
        Part(
            "needling_referrals",
            gettext_lazy("Dry-needling referrals"),
            NeedlingReferral,
            "plan__episode__patient",
            "plan",
        ),
        Part(
            "biofeedback_sessions",
            gettext_lazy("Biofeedback sessions"),
            BiofeedbackSession,
            "plan__episode__patient",
            "plan",
        ),
        Part(
            "safety_overrides",
            gettext_lazy("Safety warnings overridden"),
            SafetyOverride,
            "plan__episode__patient",
            "plan",
        ),
    ],
    HomeProgram: [Part("items", gettext_lazy("Exercises"), ProgramItem, "program__episode__patient", "program")],
}


def _all_parts():
    yield from PATIENT_PARTS
    for parts in CHILD_PARTS.values():
        yield from parts


def _is_person(field):
    return field.is_relation and field.many_to_one and field.related_model is get_user_model()


def _fetch(part, patient):
    """Return the part's rows as dicts of plain values, in the model's own order (one query)."""
    names = [field.attname for field in part.model._meta.concrete_fields if field.name not in HIDDEN_FIELDS]
    names.extend(_linked(part.model).values())
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
    for key, lookup in _linked(part.model).items():
        result[key] = row[lookup]
    return result


def _nest(model, row_id, rows_by_part, names):
    """Attach the children of one row, recursively, grouped by their part."""
    children = {}
    for part in CHILD_PARTS.get(model, []):
        own = [row for row in rows_by_part[part] if row[f"{part.parent}_id"] == row_id]
        built = [{**_clean(part, row, names), **_nest(part.model, row["id"], rows_by_part, names)} for row in own]
        children[part.key] = (built[0] if built else None) if part.single else built
    return children


def patient_record_export(patient: Patient) -> dict:
    """Return everything the practice holds about the patient, nested as the record is."""
    rows_by_part = {part: _fetch(part, patient) for part in _all_parts()}
    patient_row = Patient.objects.filter(pk=patient.pk).values()[0]
    names = _person_names(rows_by_part)
    responsible = get_user_model().objects.filter(pk=patient_row["responsible_therapist_id"]).first()
    details = {
        field.attname: patient_row[field.attname]
        for field in Patient._meta.concrete_fields
        if field.name not in {"practice", "responsible_therapist", "user"}
    }
    details["practice"] = patient.practice.name
    details["responsible_therapist"] = str(responsible) if responsible else None
    record = {"format": EXPORT_FORMAT, "exported_at": timezone.now(), "patient": details}
    for part in PATIENT_PARTS:
        record[part.key] = [
            {**_clean(part, row, names), **_nest(part.model, row["id"], rows_by_part, names)}
            for row in rows_by_part[part]
        ]
    return record


def record_json(record: dict) -> bytes:
    """Return the record as indented UTF-8 JSON."""
    return json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


# --- the readable version ------------------------------------------------------------------------


def _display(field, value):
    """Return a value as a reader would say it."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict | list):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    return str(value)


def _labelled(model, row):
    """Return (label, shown value) of a row's filled-in fields, in the model's order."""
    fields = {field.name: field for field in model._meta.concrete_fields}
    fields.update({field.attname: field for field in model._meta.concrete_fields})
    lines = []
    for key, value in row.items():
        if isinstance(value, dict | list) and key not in fields:
            continue
        field = fields.get(key)
        label = _("number") if key == "id" else str(field.verbose_name) if field is not None else key.replace("_", " ")
        shown = _display(field, value)
        if shown:
            lines.append((label, shown))
    return lines


def _sections(model, row):
    """Return the row's child parts as (title, [(fields, sections)]) for the template."""
    sections = []
    for part in CHILD_PARTS.get(model, []):
        value = row.get(part.key)
        rows = [value] if isinstance(value, dict) else value or []
        sections.append((part.title, [_readable(part.model, child) for child in rows]))
    return sections


def _readable(model, row):
    return {"fields": _labelled(model, row), "sections": _sections(model, row)}


def record_html(record: dict) -> str:
    """Return the record as a page for reading and printing, with labels and readable values."""
    parts = [(part.title, [_readable(part.model, row) for row in record[part.key]]) for part in PATIENT_PARTS]
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
