"""send_reminders: the day-before e-mail and the nothing-logged nudge, each sent once."""

import datetime
import io

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from patients.choices import AppointmentKind, AppointmentStatus, EpisodeStatus, ReminderKind
from patients.models import FollowupSettings, ReminderFailure, ReminderSent
from patients.services.reminders import LogActivity, day_before_reminders, log_activity, send_reminders
from programs.services.programs import program_end
from tests.factories import (
    AppointmentFactory,
    CareEpisodeFactory,
    ExerciseLogFactory,
    HomeProgramFactory,
    PatientFactory,
    PatientUserFactory,
    ProgramItemFactory,
    QuestionnaireAssignmentFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


def tomorrows_patient(practice, *, language="nl", hour=10, **patient):
    episode = CareEpisodeFactory(
        patient=PatientFactory(practice=practice, language=language, email=f"p{hour}{language}@example.org", **patient),
        main_complaint="Verzakkingsklachten na bevalling",
    )
    return AppointmentFactory(episode=episode, starts_at=next_weekday_at(hour), therapist=episode.therapist)


def test_reminds_the_day_before_once_with_neutral_text(practice, django_capture_on_commit_callbacks):
    appointment = tomorrows_patient(practice)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.to == [appointment.episode.patient.email]
    assert practice.name in message.subject
    assert practice.name in message.body
    assert timezone.localtime(appointment.starts_at).strftime("%H:%M") in message.body
    assert "Verzakking" not in message.subject + message.body
    assert "morgen" in message.body
    assert ReminderSent.objects.get().appointment == appointment

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_reminder_the_mail_server_refused_is_not_counted_sent_and_goes_out_at_the_next_run(practice, settings):
    tomorrows_patient(practice, hour=9)
    tomorrows_patient(practice, hour=11)
    settings.EMAIL_BACKEND = "tests.patients.test_reminders.RefusingBackend"
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 herinneringen zijn niet door de mailserver aangenomen"):
        call_command("send_reminders", stdout=out)
    assert "0 afspraakherinneringen en 0 oefenherinneringen verstuurd." in out.getvalue().splitlines()
    assert "0 herinneringen opnieuw geprobeerd" in out.getvalue()
    assert not ReminderSent.objects.exists()

    out = io.StringIO()
    with pytest.raises(CommandError, match="2 herinneringen zijn niet door de mailserver aangenomen"):
        call_command("send_reminders", stdout=out)
    assert "2 herinneringen opnieuw geprobeerd" in out.getvalue()
    assert list(ReminderFailure.objects.values_list("attempts", flat=True)) == [2, 2]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2
    assert "2 herinneringen opnieuw geprobeerd" in out.getvalue()
    assert not ReminderFailure.objects.exists()

    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert len(mail.outbox) == 2
    assert "0 herinneringen opnieuw geprobeerd" in out.getvalue()


def test_reminder_claimed_by_a_concurrent_run_is_not_sent_again(practice):
    appointment = tomorrows_patient(practice)
    (due,) = day_before_reminders(timezone.localdate())
    ReminderSent.objects.create(
        patient=appointment.episode.patient,
        kind=ReminderKind.DAY_BEFORE,
        appointment=appointment,
        concerns_on=timezone.localdate(appointment.starts_at),
    )
    assert send_reminders().sent[ReminderKind.DAY_BEFORE] == 0
    assert due.record.pk is None
    assert mail.outbox == []


def test_speaks_the_patients_language(practice, django_capture_on_commit_callbacks):
    tomorrows_patient(practice, language="en", hour=9)
    tomorrows_patient(practice, language="nl", hour=11)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    dutch, english = sorted(mail.outbox, key=lambda message: message.subject)
    assert english.subject.startswith("Reminder: your appointment tomorrow")
    assert dutch.subject.startswith("Herinnering")


def test_skips_what_needs_no_reminder(practice, django_capture_on_commit_callbacks):
    cancelled = tomorrows_patient(practice, hour=9)
    cancelled.status = AppointmentStatus.CANCELLED
    cancelled.cancellation_reason = "Ziek"
    cancelled.save()
    tomorrows_patient(practice, hour=11, archived_at=timezone.now())
    no_address = tomorrows_patient(practice, hour=13)
    no_address.episode.patient.email = ""
    no_address.episode.patient.save()
    AppointmentFactory(starts_at=next_weekday_at(10, days_ahead=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert not any(send_reminders().sent.values())
    assert mail.outbox == []


def test_falls_back_to_the_account_address(practice, django_capture_on_commit_callbacks):
    appointment = tomorrows_patient(practice, user=PatientUserFactory(practice=practice, email="account@example.org"))
    appointment.episode.patient.email = ""
    appointment.episode.patient.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert mail.outbox[0].to == ["account@example.org"]


def test_phone_appointments_say_so(practice, django_capture_on_commit_callbacks):
    appointment = tomorrows_patient(practice, language="en")
    appointment.kind = AppointmentKind.PHONE
    appointment.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert "will call you" in mail.outbox[0].body


def running_program(patient, *, started_on, logged_on=None):
    """Give the patient a current home program, with one log on `logged_on` if given."""
    item = ProgramItemFactory(
        program=HomeProgramFactory(episode=CareEpisodeFactory(patient=patient), starts_on=started_on)
    )
    if logged_on:
        ExerciseLogFactory(item=item, done_on=logged_on)
    return item


def test_nudges_silent_patients_once_if_their_therapist_asked(practice, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    silent, recent, not_asked, no_program = (
        PatientFactory(practice=practice, email=f"{n}@example.org") for n in range(4)
    )
    for patient in (silent, recent, no_program):
        FollowupSettings.objects.create(patient=patient, log_nudges=True)
    FollowupSettings.objects.create(patient=not_asked, log_nudges=False)
    program_start = today - datetime.timedelta(days=20)
    item = running_program(silent, started_on=program_start, logged_on=today - datetime.timedelta(days=4))
    running_program(recent, started_on=program_start, logged_on=today - datetime.timedelta(days=1))
    running_program(not_asked, started_on=program_start, logged_on=today - datetime.timedelta(days=9))
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders()
    (message,) = mail.outbox
    assert message.to == [silent.email]
    assert practice.name in message.body
    # A new silence after logging again earns a new nudge.
    ExerciseLogFactory(item=item, done_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=today + datetime.timedelta(days=3))
    assert [message.to for message in mail.outbox].count([silent.email]) == 2


def test_log_activity_reads_the_running_program_and_the_latest_log(practice):
    today = timezone.localdate()
    logging, fresh, ended, discharged = (PatientFactory(practice=practice) for _ in range(4))
    running_program(
        logging, started_on=today - datetime.timedelta(days=30), logged_on=today - datetime.timedelta(days=5)
    )
    ExerciseLogFactory(item=running_program(logging, started_on=today - datetime.timedelta(days=10)), done_on=today)
    running_program(fresh, started_on=today - datetime.timedelta(days=2))
    old = running_program(ended, started_on=today - datetime.timedelta(days=30)).program
    program_end(episode=old.episode, ended_on=today - datetime.timedelta(days=1), acting_user=old.created_by)
    gone = running_program(discharged, started_on=today - datetime.timedelta(days=30)).program
    gone.episode.status = EpisodeStatus.DISCHARGED
    gone.episode.save()

    activity = log_activity([logging.pk, fresh.pk, ended.pk, discharged.pk], today)

    assert activity == {
        logging.pk: LogActivity(today - datetime.timedelta(days=10), today),
        fresh.pk: LogActivity(today - datetime.timedelta(days=2), None),
    }


@pytest.mark.parametrize("patients", [5, 50])
def test_finding_who_is_due_takes_the_same_queries_whatever_the_number_of_patients(
    practice, django_assert_num_queries, patients
):
    """Seven reads find everything due and what failed before; then each reminder is claimed on its own."""
    for hour in range(patients):
        appointment = tomorrows_patient(practice, hour=0, language="en" if hour % 2 else "nl")
        appointment.starts_at += datetime.timedelta(minutes=20 * hour)
        appointment.ends_at += datetime.timedelta(minutes=20 * hour)
        appointment.save()
        FollowupSettings.objects.create(patient=appointment.episode.patient, log_nudges=True)
        running_program(
            appointment.episode.patient,
            started_on=timezone.localdate() - datetime.timedelta(days=10),
            logged_on=timezone.localdate() - datetime.timedelta(days=5),
        )
        QuestionnaireAssignmentFactory(
            episode=appointment.episode, due_on=timezone.localdate() + datetime.timedelta(days=1)
        )
    with django_assert_num_queries(7 + 5 * 3 * patients):
        run = send_reminders()
    assert run.sent == {
        ReminderKind.DAY_BEFORE: patients,
        ReminderKind.LOG_NUDGE: patients,
        ReminderKind.QUESTIONNAIRE_SENT: 0,
        ReminderKind.QUESTIONNAIRE_DUE: patients,
    }
