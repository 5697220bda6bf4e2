"""Secure messages: one conversation per care episode between the patient and the practice's therapists.

A message is part of the record: never changed after it is sent (a correction is a new message; the
database refuses an update), closed for new messages once the episode is discharged.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from patients.choices import MessageSide
from patients.models.patient import CareEpisode
from patients.querysets import ConversationQuerySet, MessageQuerySet

# Room for a question and some context, short enough to read on a phone; longer belongs in a session.
MESSAGE_MAX_LENGTH = 2000


class Conversation(models.Model):
    """The secure messages of one care episode, with what the caseload and the notices read of them kept on write."""

    episode = models.OneToOneField(
        CareEpisode, verbose_name=_("care episode"), on_delete=models.PROTECT, related_name="conversation"
    )
    # Kept when a message is written, so the caseload's worklist is one indexed read.
    awaiting_answer_since = models.DateTimeField(_("awaiting an answer since"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("last message at"), null=True, blank=True)
    # Since when a side has a message it was not yet told of by e-mail; cleared once the e-mail is sent.
    patient_notice_due_since = models.DateTimeField(_("patient to be told since"), null=True, blank=True)
    practice_notice_due_since = models.DateTimeField(_("practice to be told since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(
                fields=["awaiting_answer_since"],
                condition=Q(awaiting_answer_since__isnull=False),
                name="conversation_awaiting_idx",
            ),
        ]

    def __str__(self):
        return str(self.episode)

    def notice_due_since(self, side):
        return self.patient_notice_due_since if side == MessageSide.PATIENT else self.practice_notice_due_since

    def set_notice_due(self, side, moment):
        """Set since when `side` has a message it was not told of (None: told); return the field changed."""
        name = "patient_notice_due_since" if side == MessageSide.PATIENT else "practice_notice_due_since"
        setattr(self, name, moment)
        return name


class Message(models.Model):
    """One message of the patient or of a therapist; fixed once sent."""

    conversation = models.ForeignKey(
        Conversation, verbose_name=_("conversation"), on_delete=models.PROTECT, related_name="messages"
    )
    side = models.CharField(_("written by"), max_length=10, choices=MessageSide.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(body=""), name="message_not_empty", violation_error_message=_("Write a message.")
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), MESSAGE_MAX_LENGTH),
                name="message_length_capped",
                violation_error_message=format_lazy(
                    _("A message is at most {limit} characters."), limit=MESSAGE_MAX_LENGTH
                ),
            ),
            models.CheckConstraint(condition=Q(side__in=MessageSide.values), name="message_side_is_known"),
        ]
        indexes = [models.Index(fields=["conversation", "sent_at"])]

    def __str__(self):
        return f"{self.conversation} · {self.sent_at:%d-%m-%Y %H:%M}"

    @property
    def from_patient(self):
        return self.side == MessageSide.PATIENT


class MessageNotice(models.Model):
    """One e-mail that told a side a message was waiting; the unique claim keeps a retry from sending it twice."""

    conversation = models.ForeignKey(
        Conversation, verbose_name=_("conversation"), on_delete=models.PROTECT, related_name="notices"
    )
    recipient = models.CharField(_("told"), max_length=10, choices=MessageSide.choices)
    message = models.ForeignKey(
        Message, verbose_name=_("latest message told of"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message notice sent")
        verbose_name_plural = _("message notices sent")
        constraints = [
            models.UniqueConstraint(fields=["message", "recipient"], name="message_notice_once"),
        ]
        indexes = [models.Index(fields=["conversation", "recipient", "sent_at"])]

    def __str__(self):
        return f"{self.conversation} · {self.get_recipient_display()} · {self.sent_at:%d-%m-%Y %H:%M}"
