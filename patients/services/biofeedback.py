"""Recording biofeedback sessions, with the consent check a probe needs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.choices import ConsentKind
from patients.models import BiofeedbackSession, TreatmentPlan
from patients.models.biofeedback import PROBE_MODALITIES
from patients.selectors.record import valid_consent

SESSION_FIELDS = (
    "session_on",
    "modality",
    "resting_tone_uv",
    "peak_uv",
    "relax_time_s",
    "resting_pressure_mmhg",
    "peak_pressure_mmhg",
    "exercise",
    "notes",
)


def biofeedback_session_record(*, plan: TreatmentPlan, fields: dict, acting_user: User) -> BiofeedbackSession:
    """Record a session's readings; a probe is only used with the patient's recorded consent."""
    if plan.is_closed:
        raise ValidationError(_("A closed plan cannot be changed."))
    session = BiofeedbackSession(plan=plan, therapist=acting_user, **{name: fields[name] for name in SESSION_FIELDS})
    if session.modality in PROBE_MODALITIES:
        session.probe_consent = valid_consent(plan.episode.patient, ConsentKind.BIOFEEDBACK_PROBE)
        if session.probe_consent is None:
            raise ValidationError(
                {"modality": _("There is no recorded consent for biofeedback with a probe: record it first.")}
            )
    save_validated(session)
    return session
