"""Writing the access log (NEN 7513): one entry for every look at or change of patient data."""

from django.utils.translation import gettext_lazy as _

from clinic.access_chain import append_entry
from clinic.choices import AccessAction, AccessOutcome, RecordPart, choice_label
from clinic.models import AccessLogEntry
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


def part_label(part):
    """Return the readable name of a logged part of the record."""
    return choice_label(RecordPart, part)
