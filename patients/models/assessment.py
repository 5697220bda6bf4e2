"""The physical assessment (onderzoek) and the therapist's ICS classification of the pelvic floor."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from patients.choices import (
    ComplaintPattern,
    CoughReflex,
    Elevation,
    InternalRoute,
    PelvicFloorClass,
    Relaxation,
    RestingTone,
)
from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet


def _range(field, low, high, message):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | (Q(**{f"{field}__gte": low}) & Q(**{f"{field}__lte": high})),
        name=f"assessment_{field}_range",
        violation_error_message=message,
    )


class Assessment(models.Model):
    """Findings of one physical examination; an episode may have a first assessment and re-assessments."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessment date"))
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("therapist"), on_delete=models.PROTECT, related_name="+"
    )
    # General
    posture = models.TextField(_("posture"), blank=True)
    breathing_pattern = models.TextField(_("breathing pattern"), blank=True)
    pressure_management = models.TextField(_("management of abdominal pressure"), blank=True)
    hip_mobility = models.TextField(_("hip mobility"), blank=True)
    low_back_mobility = models.TextField(_("low-back mobility"), blank=True)
    scars = models.TextField(_("scars"), blank=True)
    # Pelvic floor
    internal_route = models.CharField(
        _("internal examination"), max_length=10, choices=InternalRoute.choices, default=InternalRoute.NONE
    )
    resting_tone = models.CharField(_("resting tone"), max_length=10, choices=RestingTone.choices, blank=True)
    oxford_power = models.PositiveSmallIntegerField(
        _("voluntary contraction (Modified Oxford 0–5)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(5)],
        help_text=_("Also the P of PERFECT: 0 none, 1 flicker, 2 weak, 3 moderate, 4 good, 5 strong."),
    )
    endurance_seconds = models.PositiveSmallIntegerField(
        _("endurance (seconds held)"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    repetitions = models.PositiveSmallIntegerField(
        _("repetitions of the held contraction"), null=True, blank=True, validators=[MaxValueValidator(50)]
    )
    fast_contractions = models.PositiveSmallIntegerField(
        _("fast contractions"), null=True, blank=True, validators=[MaxValueValidator(50)]
    )
    elevation = models.CharField(_("elevation"), max_length=10, choices=Elevation.choices, blank=True)
    relaxation = models.CharField(
        _("relaxation after contraction"), max_length=10, choices=Relaxation.choices, blank=True
    )
    cough_reflex = models.CharField(
        _("reflex contraction on cough"), max_length=10, choices=CoughReflex.choices, blank=True
    )
    co_contraction = models.CharField(
        _("co-contraction"), max_length=300, blank=True, help_text=_("Which muscles join in, e.g. buttocks, belly.")
    )
    trigger_points = models.TextField(_("trigger and tender points (by location)"), blank=True)
    palpation_pain_nrs = models.PositiveSmallIntegerField(
        _("pain on palpation (NRS 0–10)"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    # Extra measurements
    ultrasound = models.TextField(_("ultrasound"), blank=True)
    surface_emg = models.TextField(_("surface EMG"), blank=True)
    uroflowmetry = models.TextField(_("uroflowmetry"), blank=True)
    post_void_residual_ml = models.PositiveSmallIntegerField(
        _("post-void residual (ml)"), null=True, blank=True, validators=[MaxValueValidator(2000)]
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            _range("oxford_power", 0, 5, _("The Modified Oxford Scale runs from 0 to 5.")),
            _range("palpation_pain_nrs", 0, 10, _("Pain (NRS) runs from 0 to 10.")),
            _range("endurance_seconds", 0, 120, _("Endurance is at most 120 seconds.")),
            _range("repetitions", 0, 50, _("At most 50 repetitions.")),
            _range("fast_contractions", 0, 50, _("At most 50 fast contractions.")),
            _range("post_void_residual_ml", 0, 2000, _("A post-void residual is at most 2000 ml.")),
        ]
        indexes = [models.Index(fields=["episode", "-assessed_on"])]

    def __str__(self):
        return f"{self.episode} · {self.assessed_on:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("patients:assessment_detail", args=[self.pk])

    @property
    def is_internal(self):
        return self.internal_route != InternalRoute.NONE

    def perfect(self):
        """Return (letter, name, value) of each PERFECT part recorded; timing is the reflex contraction on a cough."""
        parts = [
            ("P", _("power"), self.oxford_power),
            ("E", _("endurance"), None if self.endurance_seconds is None else f"{self.endurance_seconds} s"),
            ("R", _("repetitions"), self.repetitions),
            ("F", _("fast contractions"), self.fast_contractions),
            ("E", _("elevation"), self.get_elevation_display() if self.elevation else None),
            ("C", _("co-contraction"), self.co_contraction or None),
            ("T", _("timing"), self.get_cough_reflex_display() if self.cough_reflex else None),
        ]
        return [part for part in parts if part[2] is not None]


class Classification(models.Model):
    """The therapist's ICS classification of pelvic floor function; the app's suggestion is kept beside it."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="classifications"
    )
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("based on assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="classifications",
    )
    classified_on = models.DateField(_("date"))
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("therapist"), on_delete=models.PROTECT, related_name="+"
    )
    pelvic_floor_class = models.CharField(
        _("pelvic floor function (ICS)"), max_length=20, choices=PelvicFloorClass.choices
    )
    suggested_class = models.CharField(
        _("suggested by the app"), max_length=20, choices=PelvicFloorClass.choices, blank=True
    )
    main_pattern = models.CharField(
        _("main complaint pattern"),
        max_length=30,
        choices=ComplaintPattern.choices,
        blank=True,
        help_text=_("The pattern the complaints fit best; the quality report groups episodes by it."),
    )
    complaint_pattern = models.TextField(_("complaint pattern"), blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-classified_on", "-pk"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        indexes = [models.Index(fields=["episode", "-classified_on"])]

    def __str__(self):
        return f"{self.get_pelvic_floor_class_display()} · {self.classified_on:%d-%m-%Y}"

    @property
    def differs_from_suggestion(self):
        return bool(self.suggested_class) and self.suggested_class != self.pelvic_floor_class
