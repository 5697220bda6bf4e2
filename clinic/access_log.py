"""Writing the access log (NEN 7513): one entry for every look at or change of patient data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clinic.models import AccessAction, AccessLogEntry, AccessOutcome

TREATMENT_RELATIONSHIP = _("treatment relationship")


def client_ip(request):
    """Return the address the request came from (the proxy sets REMOTE_ADDR through its own config)."""
    return request.META.get("REMOTE_ADDR") or None


def record_access(
    request,
    *,
    action: AccessAction,
    part: str,
    patient=None,
    outcome: AccessOutcome = AccessOutcome.SUCCESS,
    on_behalf_of: str = "",
    detail: str = "",
) -> AccessLogEntry:
    """Append one access-log entry for the logged-in user of this request."""
    user = request.user if request.user.is_authenticated else None
    return AccessLogEntry.objects.create(
        user=user,
        user_role=getattr(user, "role", ""),
        practice_id=getattr(patient, "practice_id", None) or getattr(user, "practice_id", None),
        patient=patient,
        patient_label=str(patient) if patient else "",
        action=action,
        part=part,
        outcome=outcome,
        client_ip=client_ip(request),
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
    ACCESS_LOG = "access_log", _("Access log")


def part_label(part):
    """Return the readable name of a logged part of the record."""
    try:
        return RecordPart(part).label
    except ValueError:
        return part
