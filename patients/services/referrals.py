"""Referrals to doctors and colleagues, and dry-needling referrals with their contraindication check."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.choices import NeedlingStatus
from patients.models import NeedlingReferral, Referral, TreatmentPlan
from patients.models.referrals import NEEDLING_QUESTIONS
from patients.rules import plans as rules
from patients.services.plans import require_justification

REFERRAL_FIELDS = ("recipient", "recipient_name", "topic", "reason", "referred_on")
NEEDLING_FIELDS = (
    "qualified_therapist",
    "external_colleague",
    "target_muscles",
    *NEEDLING_QUESTIONS,
    "consent_given",
    "consent_given_by",
    "aftercare",
)


def _refuse_when_closed(plan):
    if plan.is_closed:
        raise ValidationError(_("A closed plan cannot be changed."))


def referral_create(*, plan: TreatmentPlan, fields: dict, acting_user: User) -> Referral:
    """Record a referral to a doctor or colleague."""
    _refuse_when_closed(plan)
    referral = Referral(plan=plan, created_by=acting_user, **{name: fields[name] for name in REFERRAL_FIELDS})
    save_validated(referral)
    return referral


def _check_recipient(plan, therapist):
    if therapist is None:
        return
    if not (therapist.is_needling_qualified and therapist.practice_id == plan.episode.patient.practice_id):
        raise ValidationError({"qualified_therapist": _("Choose a needling-qualified therapist of this practice.")})


def _check_ready_to_send(referral):
    unanswered = rules.needling_unanswered(referral.answers())
    errors = {name: _("Answer this question before sending.") for name in unanswered}
    if not referral.consent_given:
        errors["consent_given"] = _("Record the patient's consent before sending.")
    if not referral.consent_given_by.strip():
        errors["consent_given_by"] = _("Record who gave consent.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def needling_referral_save(
    *,
    plan: TreatmentPlan,
    fields: dict,
    send: bool,
    justification: str = "",
    acting_user: User,
    referral: NeedlingReferral | None = None,
) -> NeedlingReferral:
    """Keep a draft needling referral, or send it once checked, consented and every contraindication justified."""
    _refuse_when_closed(plan)
    if referral is not None and referral.is_sent:
        raise ValidationError(_("This referral was sent and can no longer be changed."))
    referral = referral or NeedlingReferral(plan=plan, created_by=acting_user)
    for name in NEEDLING_FIELDS:
        setattr(referral, name, fields[name])
    _check_recipient(plan, referral.qualified_therapist)
    if send:
        _check_ready_to_send(referral)
        referral.full_clean(validate_constraints=False)
        referral.save()
        require_justification(
            plan=plan,
            warnings=rules.needling_warnings(referral.answers()),
            justification=justification,
            acting_user=acting_user,
            needling_referral=referral,
        )
        referral.status = NeedlingStatus.SENT
        referral.sent_at = timezone.now()
    save_validated(referral)
    return referral
