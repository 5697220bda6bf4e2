"""Referrals from the plan: to a doctor or colleague, and for dry needling with its safety check."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patients.choices import NeedlingStatus, ReferralRecipient, ReferralTopic
from patients.models.plan import TreatmentPlan
from patients.querysets import PlanRecordQuerySet

NEEDLING_QUESTIONS = ("uses_anticoagulants", "bleeding_disorder", "pregnant", "fear_of_needles")


class Referral(models.Model):
    """A referral to a doctor or colleague, for what the physiotherapist does not do."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("treatment plan"), on_delete=models.PROTECT, related_name="referrals"
    )
    recipient = models.CharField(_("refer to"), max_length=20, choices=ReferralRecipient.choices)
    recipient_name = models.CharField(_("name of the recipient"), max_length=200, blank=True)
    topic = models.CharField(_("for"), max_length=20, choices=ReferralTopic.choices)
    reason = models.TextField(_("reason"))
    referred_on = models.DateField(_("referral date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""), name="referral_has_reason", violation_error_message=_("Give a reason.")
            ),
            models.CheckConstraint(
                condition=Q(recipient__in=ReferralRecipient.values), name="referral_recipient_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_recipient_display()} · {self.get_topic_display()} · {self.referred_on:%d-%m-%Y}"


class NeedlingReferral(models.Model):
    """A referral for dry needling: answered contraindication check and consent before it can be sent."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("treatment plan"), on_delete=models.PROTECT, related_name="needling_referrals"
    )
    qualified_therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("needling therapist of the practice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needling_referrals_received",
        limit_choices_to={"role": "therapist", "is_needling_qualified": True},
    )
    external_colleague = models.CharField(
        _("external colleague"), max_length=200, blank=True, help_text=_("Name and practice of a colleague elsewhere.")
    )
    target_muscles = models.TextField(_("target muscles"))
    uses_anticoagulants = models.BooleanField(_("uses anticoagulants"), null=True, blank=True)
    bleeding_disorder = models.BooleanField(_("has a bleeding disorder"), null=True, blank=True)
    pregnant = models.BooleanField(_("is pregnant"), null=True, blank=True)
    fear_of_needles = models.BooleanField(_("is afraid of needles"), null=True, blank=True)
    consent_given = models.BooleanField(_("the patient consents to dry needling"), default=False)
    consent_given_by = models.CharField(
        _("consent given by"),
        max_length=200,
        blank=True,
        help_text=_("The patient, or the name of the representative."),
    )
    aftercare = models.TextField(_("after-care information for the patient"))
    status = models.CharField(_("status"), max_length=10, choices=NeedlingStatus.choices, default=NeedlingStatus.DRAFT)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dry-needling referral")
        verbose_name_plural = _("dry-needling referrals")
        constraints = [
            models.CheckConstraint(
                condition=(Q(qualified_therapist__isnull=False) & Q(external_colleague=""))
                | (Q(qualified_therapist__isnull=True) & ~Q(external_colleague="")),
                name="needling_one_recipient",
                violation_error_message=_("Refer either to a needling therapist of the practice or to a colleague."),
            ),
            models.CheckConstraint(
                condition=Q(status=NeedlingStatus.DRAFT)
                | (
                    Q(sent_at__isnull=False, consent_given=True)
                    & Q(**{f"{name}__isnull": False for name in NEEDLING_QUESTIONS})
                    & ~Q(consent_given_by="")
                ),
                name="needling_sent_only_when_checked_and_consented",
                violation_error_message=_(
                    "Answer every contraindication question and record the consent before sending."
                ),
            ),
        ]

    def __str__(self):
        return f"{_('Dry needling')} · {self.recipient_label}"

    @property
    def recipient_label(self):
        return str(self.qualified_therapist) if self.qualified_therapist_id else self.external_colleague

    @property
    def is_sent(self):
        return self.status == NeedlingStatus.SENT

    def answers(self):
        """Return the contraindication answers by question name."""
        return {name: getattr(self, name) for name in NEEDLING_QUESTIONS}
