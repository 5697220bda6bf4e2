"""The bladder and bowel diary."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.choices import (
    DiaryMoment,
    FluidKind,
    Leakage,
    LeakCause,
)
from programs.querysets import (
    DiaryQuerySet,
)

MAX_VOID_ML = 2000


MAX_DRINK_ML = 3000


class DiaryEntry(models.Model):
    """Shared fields of bladder and bowel diary entries."""

    # db_index=False: the first column of an index in Meta.indexes, which serves its lookups; one of its own
    # would only cost every insert.
    patient = models.ForeignKey(
        "patients.Patient", verbose_name=_("patient"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    recorded_at = models.DateTimeField(_("time"), default=timezone.now)
    diary_day = models.DateField(_("diary day"), help_text=_("From waking up to waking up the next day."))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name} {self.recorded_at:%Y-%m-%d %H:%M}"


class BladderEntry(DiaryEntry):
    """One line of the bladder diary: a void, a drink, a leak or a pad change."""

    moment = models.CharField(_("when"), max_length=20, choices=DiaryMoment.choices, default=DiaryMoment.DAY)
    voided_ml = models.PositiveSmallIntegerField(
        _("voided (ml)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_VOID_ML)]
    )
    fluid_ml = models.PositiveSmallIntegerField(
        _("drank (ml)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_DRINK_ML)]
    )
    fluid_kind = models.CharField(_("drink"), max_length=20, choices=FluidKind.choices, blank=True)
    leakage = models.CharField(_("leakage"), max_length=10, choices=Leakage.choices, default=Leakage.NONE)
    leak_cause = models.CharField(_("cause of the leak"), max_length=20, choices=LeakCause.choices, blank=True)
    urge = models.PositiveSmallIntegerField(
        _("urge (0–4)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
        help_text=_("0 no urge, 4 could hardly hold it."),
    )
    pad_change = models.BooleanField(_("changed pad"), default=False)

    objects = DiaryQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("bladder diary entry")
        verbose_name_plural = _("bladder diary entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(voided_ml__isnull=True) | Q(voided_ml__gte=1, voided_ml__lte=MAX_VOID_ML),
                name="bladder_void_volume_plausible",
                violation_error_message=_("A void is between 1 and 2000 ml."),
            ),
            models.CheckConstraint(
                condition=Q(fluid_ml__isnull=True) | Q(fluid_ml__gte=1, fluid_ml__lte=MAX_DRINK_ML),
                name="bladder_drink_volume_plausible",
            ),
            models.CheckConstraint(condition=Q(urge__isnull=True) | Q(urge__lte=4), name="bladder_urge_0_to_4"),
            models.CheckConstraint(
                condition=Q(voided_ml__isnull=False)
                | Q(fluid_ml__isnull=False)
                | ~Q(leakage=Leakage.NONE)
                | Q(pad_change=True),
                name="bladder_entry_records_something",
                violation_error_message=_("Fill in a void, a drink, a leak or a pad change."),
            ),
        ]
        indexes = [models.Index(fields=["patient", "diary_day"]), models.Index(fields=["patient", "-recorded_at"])]


class BowelEntry(DiaryEntry):
    """One bowel movement or soiling."""

    bristol = models.PositiveSmallIntegerField(
        _("stool form (Bristol 1–7)"),
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("1 separate hard lumps … 4 smooth and soft sausage … 7 entirely liquid."),
    )
    straining = models.BooleanField(_("had to strain"), default=False)
    soiling = models.BooleanField(_("soiling"), default=False)

    objects = DiaryQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("bowel diary entry")
        verbose_name_plural = _("bowel diary entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(bristol__gte=1, bristol__lte=7),
                name="bowel_bristol_1_to_7",
                violation_error_message=_("The Bristol stool form runs from 1 to 7."),
            ),
        ]
        indexes = [models.Index(fields=["patient", "diary_day"]), models.Index(fields=["patient", "-recorded_at"])]
