"""Outcome measures taken during a care episode (pain, PSK, PGI-I, ICIQ-UI SF, PFDI-20) and the practice's MIDs."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from patients.choices import IciqAmount, MeasureKind, MeasureSource
from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet


def _between(field, low, high):
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def _unset(*fields):
    return Q(**{f"{field}__isnull": True for field in fields})


PSK_FIELDS = ("psk_score_1", "psk_score_2", "psk_score_3")
ICIQ_FIELDS = ("iciq_frequency", "iciq_amount", "iciq_impact")
PFDI_FIELDS = ("pfdi_popdi_6", "pfdi_cradi_8", "pfdi_udi_6")
SCORE_0_10 = [MinValueValidator(0), MaxValueValidator(10)]


class OutcomeMeasure(models.Model):
    """One outcome measurement; `total` is the computed value that tables and charts show."""

    # db_index=False: the first column of an index in Meta.indexes, which serves its lookups; one of its own
    # would only cost every insert.
    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="measures", db_index=False
    )
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    measured_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        help_text=_("Pain: 0 no pain … 10 worst imaginable. PGI-I: 1 very much better … 7 very much worse."),
    )
    psk_score_1 = models.PositiveSmallIntegerField(_("PSK activity 1"), null=True, blank=True, validators=SCORE_0_10)
    psk_score_2 = models.PositiveSmallIntegerField(_("PSK activity 2"), null=True, blank=True, validators=SCORE_0_10)
    psk_score_3 = models.PositiveSmallIntegerField(_("PSK activity 3"), null=True, blank=True, validators=SCORE_0_10)
    iciq_frequency = models.PositiveSmallIntegerField(
        _("how often urine leaks (0–5)"), null=True, blank=True, validators=[MaxValueValidator(5)]
    )
    iciq_amount = models.PositiveSmallIntegerField(
        _("how much urine leaks"), null=True, blank=True, choices=IciqAmount.choices
    )
    iciq_impact = models.PositiveSmallIntegerField(
        _("interference with daily life (0–10)"), null=True, blank=True, validators=SCORE_0_10
    )
    pfdi_popdi_6 = models.DecimalField(_("POPDI-6 (0–100)"), max_digits=4, decimal_places=1, null=True, blank=True)
    pfdi_cradi_8 = models.DecimalField(_("CRADI-8 (0–100)"), max_digits=4, decimal_places=1, null=True, blank=True)
    pfdi_udi_6 = models.DecimalField(_("UDI-6 (0–100)"), max_digits=4, decimal_places=1, null=True, blank=True)
    source = models.CharField(
        _("reported by"), max_length=20, choices=MeasureSource.choices, default=MeasureSource.THERAPIST
    )
    total = models.DecimalField(_("result"), max_digits=4, decimal_places=1, editable=False)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["measured_on", "pk"]
        verbose_name = _("outcome measure")
        verbose_name_plural = _("outcome measures")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=MeasureKind.NRS_PAIN)
                | (_between("score", 0, 10) & _unset(*PSK_FIELDS, *ICIQ_FIELDS, *PFDI_FIELDS) & Q(total=F("score"))),
                name="measure_nrs_pain_0_to_10",
                violation_error_message=_("Pain (NRS) is a score from 0 to 10."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=MeasureKind.PGI_I)
                | (_between("score", 1, 7) & _unset(*PSK_FIELDS, *ICIQ_FIELDS, *PFDI_FIELDS) & Q(total=F("score"))),
                name="measure_pgi_i_1_to_7",
                violation_error_message=_("PGI-I is a score from 1 to 7."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=MeasureKind.PSK)
                | (
                    _between("psk_score_1", 0, 10)
                    & (_unset("psk_score_2") | _between("psk_score_2", 0, 10))
                    & (_unset("psk_score_3") | _between("psk_score_3", 0, 10))
                    & _unset("score", *ICIQ_FIELDS, *PFDI_FIELDS)
                    & _between("total", 0, 10)
                ),
                name="measure_psk_items_0_to_10",
                violation_error_message=_("PSK needs at least the first activity, each scored from 0 to 10."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=MeasureKind.ICIQ_UI_SF)
                | (
                    _between("iciq_frequency", 0, 5)
                    & Q(iciq_amount__in=IciqAmount.values)
                    & _between("iciq_impact", 0, 10)
                    & _unset("score", *PSK_FIELDS, *PFDI_FIELDS)
                    & Q(total=F("iciq_frequency") + F("iciq_amount") + F("iciq_impact"))
                ),
                name="measure_iciq_items_in_range_and_summed",
                violation_error_message=_("The ICIQ-UI SF needs all three items in range; the total is their sum."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=MeasureKind.PFDI_20)
                | (
                    _between("pfdi_popdi_6", 0, 100)
                    & _between("pfdi_cradi_8", 0, 100)
                    & _between("pfdi_udi_6", 0, 100)
                    & _unset("score", *PSK_FIELDS, *ICIQ_FIELDS)
                    & Q(total=F("pfdi_popdi_6") + F("pfdi_cradi_8") + F("pfdi_udi_6"))
                ),
                name="measure_pfdi_subscales_0_to_100_and_summed",
                violation_error_message=_(
                    "The PFDI-20 needs its three subscales from 0 to 100; the total is their sum."
                ),
            ),
        ]
        indexes = [models.Index(fields=["episode", "kind", "measured_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.total} · {self.measured_on:%d-%m-%Y}"


class MeasureMid(models.Model):
    """A practice's own minimal important change of one measure; without a row the published figure holds.

    Set by the practice admin (patients.rules.improvement.DEFAULT_MIDS lists the published figures).
    """

    practice = models.ForeignKey(
        "clinic.Practice", verbose_name=_("practice"), on_delete=models.CASCADE, related_name="measure_mids"
    )
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    points = models.DecimalField(_("minimal important change"), max_digits=5, decimal_places=1)
    percent = models.PositiveSmallIntegerField(_("or a change of this percentage"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("minimal important change")
        verbose_name_plural = _("minimal important changes")
        constraints = [
            models.UniqueConstraint(fields=["practice", "kind"], name="measure_mid_one_per_practice_and_kind"),
            models.CheckConstraint(
                condition=Q(points__gt=0),
                name="measure_mid_points_positive",
                violation_error_message=_("The minimal important change is more than 0."),
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | _between("percent", 1, 100),
                name="measure_mid_percent_1_to_100",
                violation_error_message=_("The percentage is from 1 to 100."),
            ),
        ]

    def __str__(self):
        return f"{self.practice} · {self.get_kind_display()}"
