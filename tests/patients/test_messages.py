"""Secure messages: who may write, what the conversation keeps on write, the e-mails that say one waits, addenda."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from patients.choices import EpisodeStatus, MessageSide
from patients.models import MESSAGE_MAX_LENGTH, Conversation, Message, MessageNotice
from patients.rules.messages import conversation_open, notice_due
from patients.services.messages import message_notice_send, message_send, message_to_addendum, send_message_notices
from tests.factories import (
    CareEpisodeFactory,
    MessageFactory,
    PatientFactory,
    SessionNoteFactory,
    TherapistFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 12, 3, 10, 0))
HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("due_since", "last_sent_at", "due"),
    [
        (None, None, False),  # nothing waits
        (None, NOW - 2 * HOUR, False),
        (NOW, None, True),  # never told
        (NOW, NOW - 2 * HOUR, True),
        (NOW, NOW - HOUR, True),  # exactly an hour ago
        (NOW, NOW - HOUR + datetime.timedelta(minutes=1), False),  # told 59 minutes ago
        (NOW, NOW - datetime.timedelta(minutes=5), False),
    ],
)
def test_a_side_is_told_at_most_once_an_hour(due_since, last_sent_at, due):
    assert notice_due(due_since=due_since, last_sent_at=last_sent_at, now=NOW) is due


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (EpisodeStatus.SCREENING, True),
        (EpisodeStatus.INTAKE, True),
        (EpisodeStatus.IN_TREATMENT, True),
        (EpisodeStatus.DISCHARGED, False),
    ],
)
def test_a_conversation_closes_with_the_discharge(status, open_):
    assert conversation_open(status) is open_


@pytest.fixture
def episode(therapist, patient_user):
    patient = PatientFactory(
        practice=therapist.practice,
        responsible_therapist=therapist,
        user=patient_user,
        first_name="Sanne",
        email="sanne@example.org",
        language="nl",
    )
    return CareEpisodeFactory(patient=patient, therapist=therapist, main_complaint="Urineverlies bij hoesten")


def send(episode, user, body="Mag ik de oefening ook staand doen?"):
    return message_send(episode=episode, body=body, acting_user=user)


def test_a_patient_message_waits_for_an_answer_until_a_therapist_writes(episode, patient_user, therapist):
    first = send(episode, patient_user)
    send(episode, patient_user, "En hoe vaak per dag?")
    conversation = Conversation.objects.get(episode=episode)
    assert first.side == MessageSide.PATIENT
    assert conversation.awaiting_answer_since == first.sent_at

    colleague = TherapistFactory(practice=therapist.practice)
    answer = send(episode, colleague, "Ja, staand mag. Twee keer per dag.")

    conversation.refresh_from_db()
    assert answer.side == MessageSide.PRACTICE
    assert conversation.awaiting_answer_since is None
    assert conversation.last_message_at == answer.sent_at


def test_nobody_outside_the_episode_writes_in_it(episode, other_therapist, practice):
    from tests.factories import PatientUserFactory

    with pytest.raises(PermissionDenied):
        send(episode, other_therapist)
    with pytest.raises(PermissionDenied):
        send(episode, PatientUserFactory(practice=practice))
    assert not Message.objects.exists()


def test_no_message_after_the_discharge(episode, patient_user):
    episode.status = EpisodeStatus.DISCHARGED
    episode.discharged_on = timezone.localdate()
    episode.save()
    with pytest.raises(ValidationError, match="afgesloten"):
        send(episode, patient_user)
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * (MESSAGE_MAX_LENGTH + 1)])
def test_an_empty_or_too_long_message_is_refused(episode, patient_user, body):
    with pytest.raises(ValidationError):
        send(episode, patient_user, body)
    assert not Message.objects.exists()


def test_the_database_refuses_an_empty_or_too_long_message(episode):
    conversation = Conversation.objects.create(episode=episode)
    for body in ["", "x" * (MESSAGE_MAX_LENGTH + 1)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            MessageFactory(conversation=conversation, body=body)


def test_the_database_refuses_to_change_a_sent_message(episode, patient_user):
    message = send(episode, patient_user)
    with pytest.raises(DatabaseError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(body="Iets anders")
    message.refresh_from_db()
    assert message.body == "Mag ik de oefening ook staand doen?"


def test_the_therapist_is_told_once_without_the_content(
    episode, patient_user, therapist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(episode, patient_user, "Ik verlies nog steeds urine bij hoesten.")
    with django_capture_on_commit_callbacks(execute=True):
        send(episode, patient_user, "Nog een vraag.")

    (notice,) = mail.outbox
    assert notice.to == [therapist.email]
    text = notice.subject + notice.body
    for secret in ["urine", "hoesten", "Nog een vraag", "Sanne", "Urineverlies"]:
        assert secret not in text
    assert "bericht" in text
    assert MessageNotice.objects.get().recipient == MessageSide.PRACTICE


def test_the_patient_is_told_in_their_language_and_no_more_than_once_an_hour(
    episode, patient_user, therapist, django_capture_on_commit_callbacks
):
    episode.patient.language = "en"
    episode.patient.save()
    send(episode, patient_user)
    with django_capture_on_commit_callbacks(execute=True):
        send(episode, therapist, "Staand mag, rustig opbouwen.")
    with django_capture_on_commit_callbacks(execute=True):
        send(episode, therapist, "Correctie: twee keer per dag.")

    (notice,) = mail.outbox
    assert notice.to == ["sanne@example.org"]
    assert "Dear Sanne" in notice.body and "message" in notice.body
    assert "Staand" not in notice.body and "Correctie" not in notice.body
    conversation = Conversation.objects.get(episode=episode)
    assert conversation.patient_notice_due_since is not None  # the second one waits for the hour

    assert send_message_notices(now=timezone.now() + datetime.timedelta(minutes=30)) == (0, 0)
    assert send_message_notices(now=timezone.now() + HOUR + datetime.timedelta(minutes=1)) == (1, 0)
    assert len(mail.outbox) == 2
    assert send_message_notices(now=timezone.now() + 3 * HOUR) == (0, 0)
    assert MessageNotice.objects.filter(recipient=MessageSide.PATIENT).count() == 2


def test_a_notice_already_claimed_for_a_message_is_not_sent_again(episode, patient_user):
    message = send(episode, patient_user)
    conversation = Conversation.objects.get(episode=episode)
    MessageNotice.objects.create(
        conversation=conversation, recipient=MessageSide.PRACTICE, message=message, sent_at=NOW - 3 * HOUR
    )
    assert message_notice_send(conversation_id=conversation.pk, recipient=MessageSide.PRACTICE) is None
    assert not mail.outbox


def test_a_mail_outage_keeps_the_message_and_the_notice_stays_due(
    episode, patient_user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.patients.test_reminders.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        message = send(episode, patient_user)

    assert Message.objects.get() == message
    assert not MessageNotice.objects.exists()
    assert Conversation.objects.get().practice_notice_due_since == message.sent_at
    with pytest.raises(CommandError, match="1 berichtmeldingen"):
        call_command("send_message_notices", stdout=io.StringIO())

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_message_notices", stdout=out)
    call_command("send_message_notices", stdout=io.StringIO())
    assert "1 berichtmeldingen verstuurd" in out.getvalue()
    assert len(mail.outbox) == 1
    assert Conversation.objects.get().practice_notice_due_since is None


def test_a_patient_message_becomes_an_addendum_of_a_signed_note(episode, patient_user, therapist):
    message = send(episode, patient_user, "Sinds gisteren minder pijn.")
    note = SessionNoteFactory(episode=episode, signed_at=timezone.now())

    addendum = message_to_addendum(message=message, note=note, acting_user=therapist)

    assert addendum.from_message == message and addendum.author == therapist
    assert addendum.text.startswith("Bericht van de patiënt van ")
    assert addendum.text.endswith("Sinds gisteren minder pijn.")


def test_only_a_signed_note_of_the_same_episode_takes_a_message(episode, patient_user, therapist):
    message = send(episode, patient_user)
    with pytest.raises(ValidationError):
        message_to_addendum(message=message, note=SessionNoteFactory(episode=episode), acting_user=therapist)
    other_episode = CareEpisodeFactory(patient=episode.patient, therapist=therapist)
    with pytest.raises(ValidationError):
        message_to_addendum(
            message=message,
            note=SessionNoteFactory(episode=other_episode, signed_at=timezone.now()),
            acting_user=therapist,
        )
    with pytest.raises(PermissionDenied):
        message_to_addendum(
            message=message,
            note=SessionNoteFactory(episode=episode, signed_at=timezone.now()),
            acting_user=patient_user,
        )
