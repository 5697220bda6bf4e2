"""Writing the access log (NEN 7513): one entry for every look at or change of patient data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clinic.access_chain import append_entry
from clinic.choices import choice_label
from clinic.models import AccessAction, AccessLogEntry, AccessOutcome
from clinic.security import client_ip

TREATMENT_RELATIONSHIP = _("treatment relationship")


def record_access(
    request,
    *,
    action: AccessAction,
    part: str,
    patient=None,
    outcome: AccessOutcome = AccessOutcome.SUCCESS,
    on_behalf_of: str = "",
    detail: str = "",
    user=None,
) -> AccessLogEntry:
    """Append one access-log entry for `user`, by default the logged-in user of this request.

    `request` is None outside a web request (a management command); then `user` names who acted.
    """
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return append_entry(
        user=user,
        user_role=getattr(user, "role", ""),
        practice_id=getattr(patient, "practice_id", None) or getattr(user, "practice_id", None),
        patient=patient,
        patient_label=str(patient) if patient else "",
        action=action,
        part=part,
        outcome=outcome,
        client_ip=client_ip(request) if request is not None else None,
        on_behalf_of=on_behalf_of,
        grounds=str(TREATMENT_RELATIONSHIP) if patient else "",
        detail=detail[:500],
    )


class RecordPart(models.TextChoices):
    """The parts of the record an access-log entry names; stored as the value, shown as the label."""

    CASELOAD = "caseload", _("Caseload")
    PATIENT_LIST = "patient_list", _("Patient list")
    PATIENT = "patient", _("Patient details")
    PATIENT_ACCOUNT = "patient_account", _("Patient account")
    EPISODE = "episode", _("Care episode")
    SCREENING = "screening", _("Red-flag screening")
    INTAKE = "intake", _("Intake")
    CONSENT = "consent", _("Consent")
    ASSESSMENT = "assessment", _("Assessment")
    CLASSIFICATION = "classification", _("Classification")
    MEASURES = "measures", _("Outcome measures")
    SESSION_NOTE = "session_note", _("Session note")
    TREATMENT_PLAN = "treatment_plan", _("Treatment plan")
    BIOFEEDBACK = "biofeedback", _("Biofeedback session")
    REFERRAL = "referral", _("Referral")
    NEEDLING_REFERRAL = "needling_referral", _("Dry-needling referral")
    GP_LETTER = "gp_letter", _("Letter to the GP")
    FOLLOW_UP = "follow_up", _("Follow-up appointments")
    HOME_PROGRAM = "home_program", _("Home program")
    HOME_PROGRAM_OVERVIEW = "home_program_overview", _("Home programs, adherence and diaries")
    BLADDER_DIARY = "bladder_diary", _("Bladder diary")
    BOWEL_DIARY = "bowel_diary", _("Bowel diary")
    ACCESS_LOG = "access_log", _("Access log")
    WHOLE_RECORD = "whole_record", _("Whole record")
    LOGIN = "login", _("Login")
    ENROLMENT = "enrolment", _("Second-factor setup")
    SESSION = "session", _("Session")
    ACCOUNT = "account", _("User account")


def part_label(part):
    """Return the readable name of a logged part of the record."""
    return choice_label(RecordPart, part)
