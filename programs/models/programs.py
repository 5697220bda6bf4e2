"""Home programs, their versions and items, and the log of what the patient did."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.choices import (
    Difficulty,
    ProgramStatus,
)
from programs.models.library import Dosage, Exercise
from programs.querysets import (
    ExerciseLogQuerySet,
    HomeProgramQuerySet,
    ProgramItemQuerySet,
)


class HomeProgram(models.Model):
    """One version of a care episode's home program; a revision is a new row, the old one stays readable."""

    episode = models.ForeignKey(
        "patients.CareEpisode", verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="programs"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT)
    title = models.CharField(_("title"), max_length=150, blank=True)
    starts_on = models.DateField(_("start date"), default=timezone.localdate)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    message = models.TextField(_("message to the patient"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = HomeProgramQuerySet.as_manager()

    class Meta:
        ordering = ["episode", "-version"]
        verbose_name = _("home program")
        verbose_name_plural = _("home programs")
        constraints = [
            models.UniqueConstraint(fields=["episode", "version"], name="program_version_unique_in_episode"),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(status=ProgramStatus.ACTIVE), name="program_one_current_per_episode"
            ),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(status=ProgramStatus.DRAFT), name="program_one_draft_per_episode"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="program_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status=ProgramStatus.DRAFT) | Q(published_at__isnull=False),
                name="program_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["episode", "status"])]

    def __str__(self):
        return f"{self.display_title} v{self.version}"

    @property
    def display_title(self):
        return self.title or _("Home program")

    @property
    def is_draft(self):
        return self.status == ProgramStatus.DRAFT

    @property
    def has_ended(self):
        """Whether a published program is over: its episode was discharged or its end date has passed."""
        if self.status != ProgramStatus.ACTIVE:
            return False
        return self.episode.discharged_on is not None or (
            self.ends_on is not None and self.ends_on < timezone.localdate()
        )

    @property
    def status_label(self):
        """Return the status as the therapist should read it: a program that is over is not current."""
        return _("Ended") if self.has_ended else self.get_status_display()


class ProgramItem(Dosage):
    """One exercise of a program version with its own dosage and note."""

    # db_index=False: the first column of an index in Meta.indexes, which serves its lookups; one of its own
    # would only cost every insert.
    program = models.ForeignKey(
        HomeProgram, verbose_name=_("program"), on_delete=models.CASCADE, related_name="items", db_index=False
    )
    exercise = models.ForeignKey(Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    note = models.CharField(_("note for the patient"), max_length=300, blank=True)

    objects = ProgramItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("program item")
        verbose_name_plural = _("program items")
        constraints = Dosage.dosage_constraints("program_item")
        indexes = [models.Index(fields=["program", "position"])]

    def __str__(self):
        return str(self.exercise)

    def dosage_kind(self):
        return self.exercise.kind if self.exercise_id else None


class ExerciseLog(models.Model):
    """The patient did one session of one program item."""

    # db_index=False: the first column of an index in Meta.indexes, which serves its lookups; one of its own
    # would only cost every insert.
    item = models.ForeignKey(
        ProgramItem, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="logs", db_index=False
    )
    patient = models.ForeignKey(
        "patients.Patient",
        verbose_name=_("patient"),
        on_delete=models.PROTECT,
        related_name="exercise_logs",
        db_index=False,
    )
    done_on = models.DateField(_("date"))
    done_at = models.DateTimeField(_("logged at"), default=timezone.now)
    difficulty = models.CharField(_("how did it go?"), max_length=10, choices=Difficulty.choices, blank=True)
    pain = models.PositiveSmallIntegerField(_("pain (0–10)"), null=True, blank=True, validators=[MaxValueValidator(10)])
    submission = models.UUIDField(_("submission"), unique=True, help_text=_("Makes a repeated submit harmless."))

    objects = ExerciseLogQuerySet.as_manager()

    class Meta:
        ordering = ["-done_at", "-pk"]
        verbose_name = _("exercise log")
        verbose_name_plural = _("exercise logs")
        constraints = [
            models.CheckConstraint(condition=Q(pain__isnull=True) | Q(pain__lte=10), name="exerciselog_pain_0_to_10"),
        ]
        indexes = [
            models.Index(fields=["patient", "done_on"]),
            models.Index(fields=["item", "done_on"]),
            # A patient's latest logs, newest first (the high-pain worklist reads a few per patient).
            models.Index(fields=["patient", "-done_at", "-id"], name="exerciselog_patient_latest"),
        ]

    def __str__(self):
        return f"{self.item} {self.done_on}"
