"""The practice-wide choices (roles, access-log actions, outcomes and parts) and how a stored one is read back."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What an account does in its practice."""

    PRACTICE_ADMIN = "practice_admin", _("Practice admin")
    THERAPIST = "therapist", _("Therapist")
    PATIENT = "patient", _("Patient")


class AccessAction(models.TextChoices):
    CREATE = "create", _("Create")
    READ = "read", _("Read")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Print")
    SEARCH = "search", _("Search")
    LOGIN = "login", _("Login")
    SECOND_FACTOR = "second_factor", _("Second factor")
    LOCKOUT = "lockout", _("Lockout")
    LOGOUT = "logout", _("Logout")
    TIMEOUT = "timeout", _("Session timeout")
    ROLE_CHANGE = "role_change", _("Role change")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")


class AccessOutcome(models.TextChoices):
    SUCCESS = "success", _("Success")
    DENIED = "denied", _("Denied")
    FAILED = "failed", _("Failed")


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
    PAIN_MAP = "pain_map", _("Pain map")
    SESSION_NOTE = "session_note", _("Session note")
    MESSAGES = "messages", _("Secure messages")
    TREATMENT_PLAN = "treatment_plan", _("Treatment plan")
    BIOFEEDBACK = "biofeedback", _("Biofeedback session")
    REFERRAL = "referral", _("Referral")
    NEEDLING_REFERRAL = "needling_referral", _("Dry-needling referral")
    GP_LETTER = "gp_letter", _("Letter to the GP")
    FOLLOW_UP = "follow_up", _("Follow-up appointments")
    CALENDAR_FEED = "calendar_feed", _("Calendar feed")
    HOME_PROGRAM = "home_program", _("Home program")
    HOME_PROGRAM_OVERVIEW = "home_program_overview", _("Home programs, adherence and diaries")
    BLADDER_DIARY = "bladder_diary", _("Bladder diary")
    BOWEL_DIARY = "bowel_diary", _("Bowel diary")
    ACCESS_LOG = "access_log", _("Access log")
    QUALITY_REPORT = "quality_report", _("Quality report (aggregated)")
    WHOLE_RECORD = "whole_record", _("Whole record")
    LOGIN = "login", _("Login")
    ENROLMENT = "enrolment", _("Second-factor setup")
    SESSION = "session", _("Session")
    ACCOUNT = "account", _("User account")


def choice_label(choices, value):
    """Return the readable name of a stored choice, or the value itself when it is not one (any more).

    The enum lookup gives what get_FOO_display() does without building a dict of all choices on every
    call, which made that method the slowest cell of long tables such as the access log.
    """
    try:
        return choices(value).label
    except ValueError:
        return value
