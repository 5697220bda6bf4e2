"""Writes of secure messages, turning one into an addendum, and the e-mails that tell the other side one waits.

A message is saved in its own transaction; the e-mail goes out after the commit (`transaction.on_commit`)
so a mail outage never loses the message nor shows the writer an error. The e-mail names neither the
message nor anything of the complaint. Each side is told at most once an hour per conversation: the
conversation row is locked while the notice is claimed (its `MessageNotice` row, unique per message and
side) and sent, and the claim is committed only once the mail server took the e-mail. A notice that could
not go out, or had to wait for the hour, stays due on the conversation; `manage.py send_message_notices`
sends those.
"""

import contextlib
import datetime
import functools
import logging
import smtplib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from clinic.choices import Role
from clinic.models import User
from clinic.services import save_validated
from patients.choices import MessageSide
from patients.models import CareEpisode, Conversation, Message, MessageNotice, NoteAddendum, SessionNote
from patients.rules.messages import NOTICE_INTERVAL, conversation_open, notice_due
from patients.services.reminders import MAIL_FAILED, patient_address

logger = logging.getLogger(__name__)


def _side_of(user: User, episode: CareEpisode) -> str:
    """Return the side the user writes for in this episode's conversation; refuse anyone else."""
    if user.role == Role.PATIENT and episode.patient.user_id == user.pk:
        return MessageSide.PATIENT
    if user.role == Role.THERAPIST and episode.patient.practice_id == user.practice_id:
        return MessageSide.PRACTICE
    raise PermissionDenied


def _other(side: str) -> str:
    return MessageSide.PRACTICE if side == MessageSide.PATIENT else MessageSide.PATIENT


@transaction.atomic
def message_send(*, episode: CareEpisode, body: str, acting_user: User) -> Message:
    """Add a message to the episode's conversation and tell the other side by e-mail after the commit."""
    side = _side_of(acting_user, episode)
    locked = CareEpisode.objects.select_for_update().get(pk=episode.pk)
    if not conversation_open(locked.status):
        raise ValidationError(_("This care episode has ended, so its messages are closed."))
    conversation, _created = Conversation.objects.select_for_update().get_or_create(episode=locked)
    now = timezone.now()
    message = save_validated(
        Message(conversation=conversation, side=side, author=acting_user, sent_at=now), {"body": body.strip()}
    )
    conversation.last_message_at = now
    if side == MessageSide.PATIENT:
        conversation.awaiting_answer_since = conversation.awaiting_answer_since or now
    else:
        conversation.awaiting_answer_since = None
    other = _other(side)
    changed = [
        "last_message_at",
        "awaiting_answer_since",
        conversation.set_notice_due(other, conversation.notice_due_since(other) or now),
        # Whoever writes has seen the conversation: nothing is left to tell them.
        conversation.set_notice_due(side, None),
    ]
    conversation.save(update_fields=changed)
    transaction.on_commit(
        functools.partial(message_notice_send, conversation_id=conversation.pk, recipient=other), robust=True
    )
    return message


@transaction.atomic
def message_to_addendum(*, message: Message, note: SessionNote, acting_user: User) -> NoteAddendum:
    """Copy a message into a signed session note of the same episode as an addendum, naming where it came from."""
    episode = message.conversation.episode
    if _side_of(acting_user, episode) != MessageSide.PRACTICE:
        raise PermissionDenied
    if note.episode_id != episode.pk:
        raise ValidationError(_("Choose a session note of this care episode."))
    if not note.is_signed:
        raise ValidationError(_("Change the draft itself; addenda are for signed notes."))
    when = timezone.localtime(message.sent_at)
    values = {"date": formats.date_format(when, "d-m-Y"), "time": formats.time_format(when, "H:i")}
    if message.from_patient:
        heading = _("Message from the patient of %(date)s %(time)s:") % values
    else:
        heading = _("Message to the patient of %(date)s %(time)s:") % values
    return save_validated(
        NoteAddendum(note=note, author=acting_user, signed_at=timezone.now(), from_message=message),
        {"text": f"{heading}\n{message.body}"},
    )


def _patient_notice(conversation: Conversation) -> EmailMessage:
    patient = conversation.episode.patient
    with translation.override(patient.language):
        values = {"name": patient.first_name, "practice": patient.practice.name}
        subject = _("A new message from %(practice)s") % values
        lines = [
            _("Dear %(name)s,") % values,
            "",
            _("A message from your therapist is waiting for you. Log in to the patient portal to read it."),
            _("For safety this e-mail does not contain the message itself."),
            "",
            _("Kind regards,"),
            patient.practice.name,
        ]
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [patient_address(patient)])


def _practice_notice(conversation: Conversation) -> EmailMessage:
    therapist = conversation.episode.therapist
    with translation.override(settings.LANGUAGE_CODE):
        values = {"practice": conversation.episode.patient.practice.name}
        subject = _("A patient message is waiting (%(practice)s)") % values
        lines = [
            _("A patient of your caseload has sent a message. Log in to the practice app to read and answer it."),
            _("For safety this e-mail does not contain the message or the patient's name."),
        ]
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [therapist.email])


def notice_email(conversation: Conversation, recipient: str) -> EmailMessage:
    """Write the neutral e-mail that tells a side a message waits: no content, no health detail."""
    return _patient_notice(conversation) if recipient == MessageSide.PATIENT else _practice_notice(conversation)


def message_notice_send(*, conversation_id: int, recipient: str, connection=None, now=None) -> bool | None:
    """Tell one side by e-mail that a message waits: True once the server took it, False if not, None if not due.

    Not due: nothing waits for that side, it was told within the hour (it stays due), or it has no address.
    """
    now = now or timezone.now()
    connection = connection or get_connection()
    try:
        with transaction.atomic():
            conversation = (
                Conversation.objects.select_for_update(of=("self",))
                .select_related("episode__patient__practice", "episode__patient__user", "episode__therapist")
                .get(pk=conversation_id)
            )
            last_sent = MessageNotice.objects.filter(conversation=conversation, recipient=recipient).aggregate(
                last=Max("sent_at")
            )["last"]
            if not notice_due(due_since=conversation.notice_due_since(recipient), last_sent_at=last_sent, now=now):
                return None
            email = notice_email(conversation, recipient)
            if not all(email.to):
                conversation.save(update_fields=[conversation.set_notice_due(recipient, None)])
                return None
            latest = conversation.messages.exclude(side=recipient).order_by("-sent_at", "-pk").first()
            try:
                with transaction.atomic():
                    MessageNotice.objects.create(conversation=conversation, recipient=recipient, message=latest)
            except IntegrityError:
                return None  # told of this message already
            # Sent before the commit on purpose: the claim is kept only when the server took the e-mail.
            if not connection.send_messages([email]):
                raise smtplib.SMTPException("the mail server took nothing")
            conversation.save(update_fields=[conversation.set_notice_due(recipient, None)])
    except MAIL_FAILED as error:
        logger.warning("message notice of conversation %s not sent, due again later: %s", conversation_id, error)
        with contextlib.suppress(*MAIL_FAILED):
            connection.close()
        return False
    return True


def due_notices(now: datetime.datetime) -> list[tuple[int, str]]:
    """Return (conversation id, side) of every notice due that the hour allows now (two queries)."""
    waiting = Conversation.objects.filter(
        Q(patient_notice_due_since__isnull=False) | Q(practice_notice_due_since__isnull=False)
    ).values_list("pk", "patient_notice_due_since", "practice_notice_due_since")
    waiting = list(waiting)
    last_sent = {
        (row["conversation_id"], row["recipient"]): row["last"]
        for row in MessageNotice.objects.filter(
            conversation_id__in=[pk for pk, *_due in waiting], sent_at__gt=now - NOTICE_INTERVAL
        )
        .values("conversation_id", "recipient")
        .annotate(last=Max("sent_at"))
        .order_by()
    }
    due = []
    for pk, patient_due, practice_due in waiting:
        for side, due_since in ((MessageSide.PATIENT, patient_due), (MessageSide.PRACTICE, practice_due)):
            if notice_due(due_since=due_since, last_sent_at=last_sent.get((pk, side)), now=now):
                due.append((pk, side))
    return due


def send_message_notices(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Send every notice that is due and allowed now; return how many went out and how many the server refused."""
    now = now or timezone.now()
    connection = get_connection()
    sent = failed = 0
    for conversation_id, side in due_notices(now):
        outcome = message_notice_send(conversation_id=conversation_id, recipient=side, connection=connection, now=now)
        sent += outcome is True
        failed += outcome is False
    with contextlib.suppress(*MAIL_FAILED):
        connection.close()
    return sent, failed
