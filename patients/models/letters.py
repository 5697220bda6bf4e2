"""Letters to the GP composed from the record, edited by the therapist and stored once sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patients.choices import LetterKind, LetterStatus
from patients.models.consent import Consent
from patients.models.patient import CareEpisode
from patients.querysets import EpisodeRecordQuerySet


class GPLetter(models.Model):
    """A report to the GP; editable while a draft, fixed once sent."""

    episode = models.ForeignKey(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="gp_letters"
    )
    kind = models.CharField(_("kind of letter"), max_length=20, choices=LetterKind.choices)
    recipient = models.CharField(_("to"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("letter"))
    status = models.CharField(_("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    data_sharing_consent = models.ForeignKey(
        Consent, verbose_name=_("consent to share data with the GP"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EpisodeRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("letter to the GP")
        verbose_name_plural = _("letters to the GP")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LetterKind.values), name="letter_kind_is_known"),
            models.CheckConstraint(
                condition=Q(status=LetterStatus.DRAFT) | Q(sent_at__isnull=False), name="letter_sent_has_sent_time"
            ),
            models.CheckConstraint(
                condition=~Q(body=""), name="letter_has_body", violation_error_message=_("The letter is empty.")
            ),
        ]
        indexes = [models.Index(fields=["episode", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.episode.patient}"

    @property
    def is_sent(self):
        return self.status == LetterStatus.SENT
