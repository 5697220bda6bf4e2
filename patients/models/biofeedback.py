"""Biofeedback sessions of a treatment plan, with the readings whose trend the plan page shows."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from patients.choices import BiofeedbackModality
from patients.models.consent import Consent
from patients.models.plan import TreatmentPlan
from patients.querysets import PlanRecordQuerySet

EMG_FIELDS = ("resting_tone_uv", "peak_uv", "relax_time_s")
PRESSURE_FIELDS = ("resting_pressure_mmhg", "peak_pressure_mmhg")


PROBE_MODALITIES = (BiofeedbackModality.EMG_PROBE, BiofeedbackModality.PRESSURE_PROBE)


def _range(high):
    return [MinValueValidator(0), MaxValueValidator(high)]


def _unset(*fields):
    return Q(**{f"{field}__isnull": True for field in fields})


def _set(*fields):
    return Q(**{f"{field}__isnull": False for field in fields})


class BiofeedbackSession(models.Model):
    """One biofeedback session: how it was measured, what was read and what was practised."""

    plan = models.ForeignKey(
        TreatmentPlan, verbose_name=_("treatment plan"), on_delete=models.PROTECT, related_name="biofeedback_sessions"
    )
    session_on = models.DateField(_("session date"))
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("therapist"), on_delete=models.PROTECT, related_name="+"
    )
    modality = models.CharField(_("modality"), max_length=20, choices=BiofeedbackModality.choices)
    probe_consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent for the probe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resting_tone_uv = models.DecimalField(
        _("resting tone (µV)"), max_digits=6, decimal_places=1, null=True, blank=True, validators=_range(2000)
    )
    peak_uv = models.DecimalField(
        _("peak (µV)"), max_digits=6, decimal_places=1, null=True, blank=True, validators=_range(2000)
    )
    relax_time_s = models.DecimalField(
        _("time to relax (s)"), max_digits=4, decimal_places=1, null=True, blank=True, validators=_range(120)
    )
    resting_pressure_mmhg = models.DecimalField(
        _("resting pressure (mmHg)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=_range(300),
    )
    peak_pressure_mmhg = models.DecimalField(
        _("peak pressure (mmHg)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=_range(300),
    )
    exercise = models.CharField(_("exercise practised"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanRecordQuerySet.as_manager()

    class Meta:
        ordering = ["session_on", "pk"]
        verbose_name = _("biofeedback session")
        verbose_name_plural = _("biofeedback sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(modality__in=BiofeedbackModality.values), name="biofeedback_modality_is_known"
            ),
            models.CheckConstraint(
                condition=Q(modality="surface_emg") | Q(probe_consent__isnull=False),
                name="biofeedback_probe_needs_consent",
                violation_error_message=_("Biofeedback with a probe needs the patient's recorded consent."),
            ),
            models.CheckConstraint(
                condition=(Q(resting_tone_uv__isnull=True) | Q(resting_tone_uv__gte=0, resting_tone_uv__lte=2000))
                & (Q(peak_uv__isnull=True) | Q(peak_uv__gte=0, peak_uv__lte=2000))
                & (Q(relax_time_s__isnull=True) | Q(relax_time_s__gte=0, relax_time_s__lte=120))
                & (
                    Q(resting_pressure_mmhg__isnull=True)
                    | Q(resting_pressure_mmhg__gte=0, resting_pressure_mmhg__lte=300)
                )
                & (Q(peak_pressure_mmhg__isnull=True) | Q(peak_pressure_mmhg__gte=0, peak_pressure_mmhg__lte=300)),
                name="biofeedback_readings_in_physical_range",
                violation_error_message=_("Readings cannot be negative or beyond what the device measures."),
            ),
            models.CheckConstraint(
                condition=Q(resting_tone_uv__isnull=True)
                | Q(peak_uv__isnull=True)
                | Q(peak_uv__gte=F("resting_tone_uv")),
                name="biofeedback_emg_peak_not_below_rest",
                violation_error_message=_("The peak cannot be lower than the resting tone."),
            ),
            models.CheckConstraint(
                condition=Q(resting_pressure_mmhg__isnull=True)
                | Q(peak_pressure_mmhg__isnull=True)
                | Q(peak_pressure_mmhg__gte=F("resting_pressure_mmhg")),
                name="biofeedback_pressure_peak_not_below_rest",
                violation_error_message=_("The peak pressure cannot be lower than the resting pressure."),
            ),
            models.CheckConstraint(
                condition=(Q(modality="pressure_probe") & _set(*PRESSURE_FIELDS) & _unset("resting_tone_uv", "peak_uv"))
                | (~Q(modality="pressure_probe") & _set("resting_tone_uv", "peak_uv") & _unset(*PRESSURE_FIELDS)),
                name="biofeedback_readings_match_modality",
                violation_error_message=_(
                    "EMG needs the resting tone and peak in µV; a pressure probe needs the resting and peak pressure."
                ),
            ),
        ]
        indexes = [models.Index(fields=["plan", "session_on"])]

    def __str__(self):
        return f"{self.get_modality_display()} · {self.session_on:%d-%m-%Y}"
