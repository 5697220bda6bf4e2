"""The questionnaire e-mails: a neutral notice when one is sent and a reminder the day before it is due, once each."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from patients.choices import AssignmentStatus, EpisodeStatus, ReminderKind
from patients.models import ReminderFailure, ReminderSent
from patients.services import questionnaires as services
from patients.services.reminders import send_reminders
from tests.factories import (
    CareEpisodeFactory,
    PatientFactory,
    PatientUserFactory,
    QuestionnaireAssignmentFactory,
    builtin_version,
)

pytestmark = pytest.mark.django_db

TOMORROW = 1
HEALTH_WORDS = ("ICIQ", "Urine", "urine", "Urineverlies", "incontin", "Incontin", "Verzakking", "bekken", "pelvic")


def episode_of(practice, *, language="nl", email="patient@example.org"):
    patient = PatientFactory(
        practice=practice, language=language, email=email, user=PatientUserFactory(practice=practice)
    )
    return CareEpisodeFactory(
        patient=patient, therapist=patient.responsible_therapist, main_complaint="Verzakkingsklachten na bevalling"
    )


def send(episode, days=7, code="iciq_ui_sf"):
    return services.questionnaire_send(
        episode=episode,
        version=builtin_version(code),
        due_on=timezone.localdate() + datetime.timedelta(days=days),
        acting_user=episode.therapist,
    )


def due_tomorrow(episode, **fields):
    return QuestionnaireAssignmentFactory(
        episode=episode,
        version=builtin_version("iciq_ui_sf"),
        due_on=timezone.localdate() + datetime.timedelta(days=TOMORROW),
        **fields,
    )


@pytest.mark.parametrize(
    ("language", "subject", "asks", "date"),
    [
        ("nl", "Een korte vragenlijst van", "vraagt u een korte vragenlijst in te vullen", "december"),
        ("en", "A short questionnaire from", "asks you to fill in a short questionnaire", "December"),
    ],
)
def test_sending_tells_the_patient_once_after_the_commit_without_health_detail(
    practice, django_capture_on_commit_callbacks, language, subject, asks, date, settings
):
    settings.SITE_URL = "https://praktijk.example.org"
    episode = episode_of(practice, language=language)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assignment = send(episode, days=10)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == [episode.patient.email]
    assert message.subject.startswith(subject)
    assert asks in message.body
    assert f"https://praktijk.example.org/my/questionnaires/{assignment.pk}/" in message.body
    due_on = assignment.due_on
    assert str(due_on.day) in message.body
    assert (date in message.body) == (due_on.month == 12)
    assert not any(word in message.subject + message.body for word in HEALTH_WORDS)
    if language == "nl":
        assert " je " not in message.body
        assert " jouw " not in message.body
    assert ReminderSent.objects.get().kind == ReminderKind.QUESTIONNAIRE_SENT

    for _run in range(2):
        send_reminders()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["nl", "en"])
def test_reminds_the_day_before_the_due_date_once_without_health_detail(practice, language):
    assignment = due_tomorrow(episode_of(practice, language=language))
    for _run in range(2):
        send_reminders()
    (message,) = mail.outbox
    assert ("morgen" if language == "nl" else "tomorrow") in message.body
    assert not any(word in message.subject + message.body for word in HEALTH_WORDS)
    assert ReminderSent.objects.get().assignment == assignment
    # The day after, nothing more.
    send_reminders(today=timezone.localdate() + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("case", "change"),
    [
        (
            "submitted",
            lambda a: a.__class__.objects.filter(pk=a.pk).update(
                status=AssignmentStatus.SUBMITTED, submitted_at=timezone.now()
            ),
        ),
        ("withdrawn", lambda a: services.assignment_withdraw(assignment=a, acting_user=a.sent_by)),
        (
            "discharged",
            lambda a: a.episode.__class__.objects.filter(pk=a.episode_id).update(status=EpisodeStatus.DISCHARGED),
        ),
        (
            "no address",
            lambda a: a.episode.patient.__class__.objects.filter(pk=a.episode.patient_id).update(email="", user=None),
        ),
        (
            "archived",
            lambda a: a.episode.patient.__class__.objects.filter(pk=a.episode.patient_id).update(
                archived_at=timezone.now()
            ),
        ),
        (
            "due later",
            lambda a: a.__class__.objects.filter(pk=a.pk).update(
                due_on=timezone.localdate() + datetime.timedelta(days=2)
            ),
        ),
    ],
)
def test_no_reminder_for_what_is_not_open_or_not_reachable(practice, case, change):
    change(due_tomorrow(episode_of(practice)))
    assert not any(send_reminders().sent.values()), case
    assert mail.outbox == []


def test_a_started_questionnaire_is_still_reminded(practice):
    due_tomorrow(episode_of(practice), status=AssignmentStatus.STARTED)
    assert send_reminders().sent[ReminderKind.QUESTIONNAIRE_DUE] == 1


def test_a_mail_outage_keeps_the_questionnaire_sent_and_the_notice_due(
    practice, settings, django_capture_on_commit_callbacks, caplog
):
    episode = episode_of(practice)
    settings.EMAIL_BACKEND = "tests.patients.test_reminders.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assignment = send(episode, days=5)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SENT
    assert not ReminderSent.objects.exists()
    assert ReminderFailure.objects.get().kind == ReminderKind.QUESTIONNAIRE_SENT
    assert "Traceback" not in caplog.text

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("send_reminders", stdout=out)
    assert "1 herinneringen opnieuw geprobeerd" in out.getvalue()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "1 vragenlijstberichten" in out.getvalue()
    (message,) = mail.outbox
    assert message.to == [episode.patient.email]
    assert not ReminderFailure.objects.exists()
    call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_a_refused_notice_is_not_retried_once_the_questionnaire_is_withdrawn(
    practice, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.patients.test_reminders.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assignment = send(episode_of(practice), days=5)
    services.assignment_withdraw(assignment=assignment, acting_user=assignment.sent_by)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_reminders()
    assert mail.outbox == []
