"""The exercise library and the practices' program templates, with the dosage they share."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clinic.models import Practice
from programs.choices import (
    ContraindicationTag,
    ExerciseKind,
    ProgramCondition,
)
from programs.querysets import (
    ExerciseQuerySet,
    ProgramTemplateQuerySet,
    in_page_language,
)
from programs.rules import CONTRACTION_KINDS, kind_label

# The built-in exercises' drawings, one SVG per code, served as static files.
ILLUSTRATIONS = Path(__file__).resolve().parent.parent / "static" / "programs" / "exercises"
DRAWN = frozenset(path.stem for path in ILLUSTRATIONS.glob("*.svg"))


PICTURE_MAX_BYTES = 5 * 1024 * 1024
VIDEO_MAX_BYTES = 20 * 1024 * 1024


def file_type(head: bytes) -> str:
    """Return the type an upload's first bytes show ("" for none we take): the name can say anything."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return ""


def upload_check(upload, *, kind, max_bytes, message):
    """Refuse an upload over `max_bytes` or whose first bytes are not of `kind` ("image" or "video")."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}, code="too_large"
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not file_type(head).startswith(f"{kind}/"):
        raise ValidationError(message, code="wrong_type")


def check_picture(upload):
    upload_check(upload, kind="image", max_bytes=PICTURE_MAX_BYTES, message=_("Choose a PNG, JPEG or WebP picture."))


def check_video(upload):
    upload_check(upload, kind="video", max_bytes=VIDEO_MAX_BYTES, message=_("Choose an MP4 or WebM video."))


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
        """Return the exercise kind whose dosage rules apply to this row (programs.services.programs.dosage_save)."""
        raise NotImplementedError


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
    picture = models.ImageField(
        _("picture"), upload_to="exercises/", blank=True, validators=[check_picture], help_text=_("At most 5 MB.")
    )
    video = models.FileField(
        _("video"),
        upload_to="exercises/videos/",
        blank=True,
        validators=[check_video],
        help_text=_("MP4 or WebM, at most 20 MB; only the patients whose program holds the exercise can watch it."),
    )
    alt_nl = models.CharField(
        _("picture description (Dutch)"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    alt_en = models.CharField(_("picture description (English)"), max_length=300, blank=True)
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
    def alt(self):
        return getattr(self, in_page_language("alt"))

    @property
    def illustration(self):
        """Return the static path of a built-in exercise's drawing, or "" when it has none."""
        return f"programs/exercises/{self.code}.svg" if self.is_builtin and self.code in DRAWN else ""

    @property
    def illustration_file(self):
        """Return where the drawing lies on disk, for the PDF, which reads files rather than URLs."""
        return ILLUSTRATIONS / f"{self.code}.svg"

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
