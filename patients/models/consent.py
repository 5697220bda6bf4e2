"""Informed consent, recorded before internal examination, probe biofeedback or sharing data."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patients.choices import ConsentKind
from patients.models.patient import Patient
from patients.querysets import ConsentQuerySet


class Consent(models.Model):
    """A patient's consent for one kind of care or data sharing, valid until withdrawn."""

    patient = models.ForeignKey(Patient, verbose_name=_("patient"), on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(_("consent for"), max_length=30, choices=ConsentKind.choices)
    given_by = models.CharField(
        _("given by"),
        max_length=200,
        help_text=_("The patient, or the name and relation of the representative who consented."),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("given_at")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("Consent cannot be withdrawn before it was given."),
            ),
        ]
        indexes = [models.Index(fields=["patient", "kind", "withdrawn_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.patient}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None
