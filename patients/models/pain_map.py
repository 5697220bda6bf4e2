"""Pain maps: where the patient feels pain, how strongly and how it feels, drawn on a figure of the pelvis."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patients.choices import BodyView, PainCharacter, PainMapSource, PainRegionCode
from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet, PainRegionQuerySet


class PainMap(models.Model):
    """One drawing of the patient's pain on a given day, by the therapist or by the patient before a visit."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="pain_maps"
    )
    recorded_on = models.DateField(_("date"))
    source = models.CharField(_("drawn by"), max_length=20, choices=PainMapSource.choices)
    body_view = models.CharField(_("figure"), max_length=20, choices=BodyView.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_on", "pk"]
        verbose_name = _("pain map")
        verbose_name_plural = _("pain maps")
        constraints = [
            models.CheckConstraint(condition=Q(source__in=PainMapSource.values), name="pain_map_source_is_known"),
            models.CheckConstraint(condition=Q(body_view__in=BodyView.values), name="pain_map_body_view_is_known"),
        ]
        indexes = [models.Index(fields=["episode", "recorded_on"])]

    def __str__(self):
        return f"{_('Pain map')} · {self.recorded_on:%d-%m-%Y}"


class PainRegion(models.Model):
    """One painful region of a pain map, with its intensity (0–10) and character."""

    pain_map = models.ForeignKey(PainMap, verbose_name=_("pain map"), on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(_("region"), max_length=30, choices=PainRegionCode.choices)
    intensity = models.PositiveSmallIntegerField(
        _("intensity (0–10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    character = models.CharField(_("character"), max_length=20, choices=PainCharacter.choices)

    objects = PainRegionQuerySet.as_manager()

    class Meta:
        ordering = ["pain_map", "pk"]
        verbose_name = _("painful region")
        verbose_name_plural = _("painful regions")
        constraints = [
            models.UniqueConstraint(fields=["pain_map", "region"], name="pain_region_once_per_map"),
            models.CheckConstraint(condition=Q(region__in=PainRegionCode.values), name="pain_region_is_known"),
            models.CheckConstraint(
                condition=Q(intensity__gte=0, intensity__lte=10),
                name="pain_region_intensity_0_to_10",
                violation_error_message=_("The intensity is a score from 0 to 10."),
            ),
            models.CheckConstraint(
                condition=Q(character__in=PainCharacter.values), name="pain_region_character_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_region_display()} {self.intensity}"


class PainMapRequest(models.Model):
    """The therapist's request that the patient draw a pain map on the portal before the next visit."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="pain_map_requests"
    )
    body_view = models.CharField(_("figure"), max_length=20, choices=BodyView.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("filled in at"), null=True, blank=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("pain map request")
        verbose_name_plural = _("pain map requests")
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(answered_at__isnull=True),
                name="pain_map_request_one_open_per_episode",
                violation_error_message=_("The patient has already been asked for a pain map."),
            ),
            models.CheckConstraint(
                condition=Q(body_view__in=BodyView.values), name="pain_map_request_body_view_is_known"
            ),
        ]

    def __str__(self):
        return f"{_('Pain map request')} · {self.requested_at:%d-%m-%Y}"
