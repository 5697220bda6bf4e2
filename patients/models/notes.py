"""SOAP session notes: editable while draft, fixed once signed; corrections are signed addenda."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet, NoteAddendumQuerySet

# Enough for a thorough session; a part longer than this belongs in a letter or an attachment.
SOAP_PART_MAX_LENGTH = 3000
# Beyond this many characters the overview pages fold the note and show its start.
LONG_NOTE_LENGTH = 600
SOAP_PARTS = ("subjective", "objective", "analysis", "plan")


class SessionNote(models.Model):
    """The note of one treatment session in SOAP form."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="notes"
    )
    session_on = models.DateField(_("session date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    subjective = models.TextField(
        _("subjective"), max_length=SOAP_PART_MAX_LENGTH, blank=True, help_text=_("What the patient reports.")
    )
    objective = models.TextField(
        _("objective"), max_length=SOAP_PART_MAX_LENGTH, blank=True, help_text=_("What you observed and measured.")
    )
    analysis = models.TextField(
        _("analysis"), max_length=SOAP_PART_MAX_LENGTH, blank=True, help_text=_("Your interpretation and progress.")
    )
    plan = models.TextField(_("plan"), max_length=SOAP_PART_MAX_LENGTH, blank=True, help_text=_("What comes next."))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-session_on", "-pk"]
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(subjective="", objective="", analysis="", plan=""),
                name="note_signed_is_not_empty",
                violation_error_message=_("An empty note cannot be signed."),
            ),
        ]
        indexes = [models.Index(fields=["episode", "-session_on"]), models.Index(fields=["author", "signed_at"])]

    def __str__(self):
        return f"{self.episode} · {self.session_on:%d-%m-%Y}"

    def get_absolute_url(self):
        # The episode page shows the latest notes; with notes=all an older note is there too.
        return reverse("patients:episode_detail", args=[self.episode_id]) + f"?notes=all#note-{self.pk}"

    @property
    def is_signed(self):
        return self.signed_at is not None

    def clean(self):
        if not any(getattr(self, part).strip() for part in SOAP_PARTS):
            raise ValidationError(_("Write at least one of the four parts before saving the note."))

    @property
    def is_long(self):
        """Say whether the note is long enough to be folded on an overview page."""
        return sum(len(getattr(self, part)) for part in SOAP_PARTS) > LONG_NOTE_LENGTH

    @property
    def opening(self):
        """Return the first part written, for the folded note's first lines."""
        return next((getattr(self, part) for part in SOAP_PARTS if getattr(self, part)), "")


class NoteAddendum(models.Model):
    """A signed, timestamped correction or addition to a signed session note."""

    note = models.ForeignKey(
        SessionNote, verbose_name=_("session note"), on_delete=models.PROTECT, related_name="addenda"
    )
    text = models.TextField(_("addendum"), max_length=SOAP_PART_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    from_message = models.ForeignKey(
        "patients.Message",
        verbose_name=_("taken from the message"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="addenda",
    )

    objects = NoteAddendumQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")

    def __str__(self):
        return f"{self.note} · {self.signed_at:%d-%m-%Y %H:%M}"
