"""Exercise library, program templates, home programs, the adherence log and the bladder and bowel diary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clinic.models import Practice
from programs.querysets import (
    BladderEntryQuerySet,
    BowelEntryQuerySet,
    ExerciseLogQuerySet,
    ExerciseQuerySet,
    HomeProgramQuerySet,
    ProgramItemQuerySet,
    ProgramTemplateQuerySet,
    in_page_language,
)
from programs.rules import CONTRACTION_KINDS, ExerciseKind, dosage_errors, kind_label


class ContraindicationTag(models.TextChoices):
    STRENGTHENING = "strengthening", _("Strengthening (pause while the floor is overactive)")
    HIGH_PRESSURE = "high_pressure", _("Raises abdominal pressure")
    IMPACT = "impact", _("Impact or jumping")
    EARLY_POSTPARTUM = "early_postpartum", _("Not in the first weeks after birth or surgery")


class ProgramCondition(models.TextChoices):
    OVERACTIVE = "overactive", _("Overactive pelvic floor")
    STRESS_INCONTINENCE = "stress_incontinence", _("Stress incontinence")
    POSTPARTUM = "postpartum", _("Postpartum")
    POST_PROSTATECTOMY = "post_prostatectomy", _("After prostatectomy")
    MENOPAUSE = "menopause", _("Menopause")
    SPORT = "sport", _("Sport")


def positive(field_name):
    return Q(**{f"{field_name}__gte": 1})


class Dosage(models.Model):
    """The dosage fields shared by exercises, template items and program items."""

    sets = models.PositiveSmallIntegerField(
        _("sets"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    repetitions = models.PositiveSmallIntegerField(
        _("repetitions"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        _("hold (s)"), default=0, validators=[MaxValueValidator(600)], help_text=_("0 when there is nothing to hold.")
    )
    relax_seconds = models.PositiveSmallIntegerField(_("relax (s)"), default=0, validators=[MaxValueValidator(600)])
    times_per_day = models.PositiveSmallIntegerField(
        _("times a day"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("days a week"), default=7, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )

    DOSAGE_FIELDS = ("sets", "repetitions", "hold_seconds", "relax_seconds", "times_per_day", "days_per_week")

    class Meta:
        abstract = True

    @classmethod
    def dosage_constraints(cls, prefix):
        """Return the database checks every dosage holds: counts of at least one, at most 7 days."""
        return [
            models.CheckConstraint(
                condition=positive("sets")
                & positive("repetitions")
                & positive("times_per_day")
                & Q(days_per_week__gte=1, days_per_week__lte=7),
                name=f"{prefix}_dosage_is_given",
                violation_error_message=_("Give sets, repetitions, times a day and days a week (at least 1)."),
            ),
        ]

    def dosage(self):
        return {field: getattr(self, field) for field in self.DOSAGE_FIELDS}

    def dosage_summary(self):
        """Return the dosage as one short line for the patient, e.g. "8 times · hold 5 s, relax 10 s · twice a day"."""
        parts = []
        if self.sets > 1:
            parts.append(
                ngettext("%(sets)s set of %(reps)s", "%(sets)s sets of %(reps)s", self.sets)
                % {"sets": self.sets, "reps": self.repetitions}
            )
        elif self.repetitions > 1:
            parts.append(ngettext("%(reps)s time", "%(reps)s times", self.repetitions) % {"reps": self.repetitions})
        if self.hold_seconds:
            parts.append(
                _("hold %(hold)s s, relax %(relax)s s") % {"hold": self.hold_seconds, "relax": self.relax_seconds}
            )
        parts.append(
            ngettext("once a day", "%(times)s times a day", self.times_per_day) % {"times": self.times_per_day}
        )
        if self.days_per_week < 7:
            parts.append(
                ngettext("%(days)s day a week", "%(days)s days a week", self.days_per_week)
                % {"days": self.days_per_week}
            )
        return " · ".join(str(part) for part in parts)

    def dosage_kind(self):
        """Return the exercise kind whose dosage rules apply to this row."""
        raise NotImplementedError

    def clean(self):
        super().clean()
        kind = self.dosage_kind()
        if kind and self.hold_seconds is not None and self.relax_seconds is not None:
            errors = dosage_errors(kind=kind, hold_seconds=self.hold_seconds, relax_seconds=self.relax_seconds)
            if errors:
                raise ValidationError({"relax_seconds": errors})


class Exercise(Dosage):
    """One exercise or habit in the library: built in (no practice) or a practice's own."""

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exercises",
        help_text=_("Empty for the built-in library, which nobody can change."),
    )
    code = models.SlugField(_("code"), max_length=60, blank=True, help_text=_("Stable name of a built-in exercise."))
    kind = models.CharField(_("kind"), max_length=20, choices=ExerciseKind.choices)
    title_nl = models.CharField(_("title (Dutch)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=150)
    instructions_nl = models.TextField(_("instructions (Dutch)"))
    instructions_en = models.TextField(_("instructions (English)"))
    contraindications = models.JSONField(
        _("contraindication tags"), default=list, blank=True, help_text=_("When this exercise should wait.")
    )
    picture = models.ImageField(_("picture"), upload_to="exercises/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title_en", "pk"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        constraints = [
            *Dosage.dosage_constraints("exercise"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(practice__isnull=True), name="exercise_builtin_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(practice__isnull=False) | ~Q(code=""),
                name="exercise_builtin_has_code",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=CONTRACTION_KINDS) | Q(relax_seconds__gte=F("hold_seconds") * 2),
                name="exercise_relax_at_least_twice_hold",
                violation_error_message=_("Relax at least twice as long as you hold."),
            ),
        ]
        indexes = [models.Index(fields=["practice", "kind"])]

    def __str__(self):
        return self.title

    def dosage_kind(self):
        return self.kind

    @property
    def is_builtin(self):
        return self.practice_id is None

    @property
    def title(self):
        return getattr(self, in_page_language("title"))

    @property
    def instructions(self):
        return getattr(self, in_page_language("instructions"))

    @property
    def kind_label(self):
        """Return what get_kind_display() does, without its cost (rules.kind_label)."""
        return kind_label(self.kind)

    @property
    def has_timer(self):
        """Contraction and breathing exercises come with a hold/relax timer."""
        return self.hold_seconds > 0 and self.relax_seconds > 0

    def contraindication_labels(self):
        return [ContraindicationTag(tag).label for tag in self.contraindications if tag in ContraindicationTag.values]


class ProgramTemplate(models.Model):
    """A practice's starting program for one condition."""

    practice = models.ForeignKey(Practice, verbose_name=_("practice"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    condition = models.CharField(_("condition"), max_length=30, choices=ProgramCondition.choices)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ProgramTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["condition", "name", "pk"]
        verbose_name = _("program template")
        verbose_name_plural = _("program templates")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="template_name_unique_in_practice",
                violation_error_message=_("This practice already has a template with this name."),
            )
        ]

    def __str__(self):
        return self.name


class TemplateItem(Dosage):
    template = models.ForeignKey(
        ProgramTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="items"
    )
    exercise = models.ForeignKey(Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("template item")
        verbose_name_plural = _("template items")
        constraints = Dosage.dosage_constraints("template_item")

    def __str__(self):
        return str(self.exercise)

    def dosage_kind(self):
        return self.exercise.kind if self.exercise_id else None


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Current")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


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
                fields=["episode"], condition=Q(status="active"), name="program_one_current_per_episode"
            ),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(status="draft"), name="program_one_draft_per_episode"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="program_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="program_published_has_date"
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


class ProgramItem(Dosage):
    """One exercise of a program version with its own dosage and note."""

    program = models.ForeignKey(HomeProgram, verbose_name=_("program"), on_delete=models.CASCADE, related_name="items")
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


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    FINE = "fine", _("Fine")
    HARD = "hard", _("Hard")


class ExerciseLog(models.Model):
    """The patient did one session of one program item."""

    item = models.ForeignKey(ProgramItem, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="logs")
    patient = models.ForeignKey(
        "patients.Patient", verbose_name=_("patient"), on_delete=models.PROTECT, related_name="exercise_logs"
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


class DiaryMoment(models.TextChoices):
    DAY = "day", _("While up")
    NIGHT = "night", _("Woke up at night for it")
    FIRST_MORNING = "first_morning", _("First time after getting up")


class FluidKind(models.TextChoices):
    WATER = "water", _("Water")
    COFFEE_TEA = "coffee_tea", _("Coffee or tea")
    MILK = "milk", _("Milk")
    JUICE_SODA = "juice_soda", _("Juice or soft drink")
    ALCOHOL = "alcohol", _("Alcohol")
    OTHER = "other", _("Other")


class Leakage(models.TextChoices):
    NONE = "none", _("None")
    DROPS = "drops", _("A few drops")
    MODERATE = "moderate", _("Moderate")
    LARGE = "large", _("Large")


class LeakCause(models.TextChoices):
    COUGH_SNEEZE = "cough_sneeze", _("Coughing, sneezing or laughing")
    EXERTION = "exertion", _("Lifting, sport or moving")
    URGE = "urge", _("Could not make it in time")
    UNKNOWN = "unknown", _("Without noticing / unknown")


MAX_VOID_ML = 2000
MAX_DRINK_ML = 3000


class DiaryEntry(models.Model):
    """Shared fields of bladder and bowel diary entries."""

    patient = models.ForeignKey(
        "patients.Patient", verbose_name=_("patient"), on_delete=models.PROTECT, related_name="+"
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

    def clean(self):
        super().clean()
        if self.recorded_at and self.recorded_at > timezone.now() + timezone.timedelta(minutes=5):
            raise ValidationError({"recorded_at": _("This time is in the future.")})


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

    objects = BladderEntryQuerySet.as_manager()

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
                | ~Q(leakage="none")
                | Q(pad_change=True),
                name="bladder_entry_records_something",
                violation_error_message=_("Fill in a void, a drink, a leak or a pad change."),
            ),
        ]
        indexes = [models.Index(fields=["patient", "diary_day"]), models.Index(fields=["patient", "-recorded_at"])]

    def clean(self):
        super().clean()
        if self.fluid_ml and not self.fluid_kind:
            raise ValidationError({"fluid_kind": _("What did you drink?")})
        if self.leakage == Leakage.NONE and self.leak_cause:
            raise ValidationError({"leak_cause": _("Only give a cause when there was a leak.")})


class BowelEntry(DiaryEntry):
    """One bowel movement or soiling."""

    bristol = models.PositiveSmallIntegerField(
        _("stool form (Bristol 1–7)"),
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("1 separate hard lumps … 4 smooth and soft sausage … 7 entirely liquid."),
    )
    straining = models.BooleanField(_("had to strain"), default=False)
    soiling = models.BooleanField(_("soiling"), default=False)

    objects = BowelEntryQuerySet.as_manager()

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
