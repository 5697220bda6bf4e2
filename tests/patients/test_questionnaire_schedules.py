"""Questionnaire schedules: each moment sends one normal questionnaire once, never stacked, never after discharge
but the discharge one; set up and stopped from the episode page."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from patients.choices import AppointmentKind, AssignmentStatus, GoalsMet, ScheduleMoment
from patients.models import QuestionnaireAssignment, QuestionnaireSchedule, ScheduledSend
from patients.services import followups
from patients.services import questionnaires as services
from patients.services.questionnaires import version_definition
from tests.factories import (
    CareEpisodeFactory,
    PatientFactory,
    PatientUserFactory,
    QuestionnaireAssignmentFactory,
    QuestionnaireScheduleFactory,
    builtin_version,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def episode(therapist):
    patient = PatientFactory(
        practice=therapist.practice,
        responsible_therapist=therapist,
        email="patient@example.org",
        user=PatientUserFactory(practice=therapist.practice),
    )
    return CareEpisodeFactory(patient=patient, therapist=therapist)


def schedule(episode, code="pfdi_20", **moments):
    return services.schedule_create(
        episode=episode, version=builtin_version(code), acting_user=episode.therapist, **moments
    )


def sent(episode):
    return list(QuestionnaireAssignment.objects.filter(episode=episode).order_by("pk"))


def close(assignment):
    """The patient is done with it (withdrawn stands for submitted here: both are no longer open)."""
    services.assignment_withdraw(assignment=assignment, acting_user=assignment.sent_by)


def discharge(episode):
    return followups.episode_discharge(
        episode=episode,
        discharged_on=timezone.localdate(),
        goals_met=GoalsMet.MET,
        pgi_i=None,
        final_measures_note="",
        acting_user=episode.therapist,
    )


def test_at_intake_sends_a_normal_questionnaire_once(episode):
    schedule(episode, at_intake=True, due_days=5)
    (assignment,) = sent(episode)
    assert assignment.version == builtin_version("pfdi_20")
    assert assignment.due_on == timezone.localdate() + 5 * DAY
    assert assignment.sent_by == episode.therapist
    assert assignment.scheduled_send.kind == ScheduleMoment.INTAKE
    close(assignment)
    assert services.schedules_run() == 0
    assert services.schedules_run() == 0
    assert len(sent(episode)) == 1


def test_every_n_weeks_sends_once_each_period(episode):
    schedule(episode, every_weeks=2, weeks_from=timezone.localdate() + 3 * DAY)
    assert sent(episode) == []
    with time_machine.travel(timezone.now() + 3 * DAY):
        assert services.schedules_run() == 1
        assert services.schedules_run() == 0
        close(sent(episode)[0])
    with time_machine.travel(timezone.now() + 16 * DAY):
        assert services.schedules_run() == 0
    with time_machine.travel(timezone.now() + 17 * DAY):
        assert services.schedules_run() == 1
        assert services.schedules_run() == 0
    assert len(sent(episode)) == 2


def test_a_schedule_of_a_builtin_one_sends_the_practice_wording_once_the_practice_entered_it(
    episode, practice_admin, other_admin
):
    schedule(episode, every_weeks=2, weeks_from=timezone.localdate() + 3 * DAY)
    definition = version_definition(builtin_version("pfdi_20"))
    definition["items"][0]["official_text_nl"] = "Officiële tekst van de eerste vraag"
    own = services.version_revise(version=builtin_version("pfdi_20"), definition=definition, acting_user=practice_admin)
    with time_machine.travel(timezone.now() + 3 * DAY):
        assert services.schedules_run() == 1
    (assignment,) = sent(episode)
    assert assignment.version == own
    with pytest.raises(ValidationError):
        schedule(episode, every_weeks=4, weeks_from=timezone.localdate() + 3 * DAY)
    other = CareEpisodeFactory(patient=PatientFactory(practice=other_admin.practice))
    schedule(other, at_intake=True)
    assert sent(other)[0].version == builtin_version("pfdi_20")


def test_booking_an_evaluation_within_n_days_sends_with_the_booking_once(episode):
    schedule(episode, evaluation_days=7)
    starts_at = next_weekday_at(10, days_ahead=4)
    appointment = followups.appointment_plan(
        episode=episode,
        therapist=episode.therapist,
        starts_at=starts_at,
        duration_minutes=30,
        kind=AppointmentKind.EVALUATION,
        acting_user=episode.therapist,
    )
    (assignment,) = sent(episode)
    assert assignment.due_on == timezone.localdate(starts_at)
    close(assignment)
    followups.appointment_reschedule(
        appointment=appointment,
        therapist=episode.therapist,
        starts_at=starts_at + DAY,
        duration_minutes=30,
        kind=AppointmentKind.EVALUATION,
        acting_user=episode.therapist,
    )
    assert services.schedules_run() == 0
    assert len(sent(episode)) == 1


def test_an_evaluation_further_ahead_is_sent_by_the_daily_run_n_days_before(episode):
    schedule(episode, evaluation_days=7)
    starts_at = next_weekday_at(10, days_ahead=20)
    for kind in (AppointmentKind.TREATMENT, AppointmentKind.EVALUATION):
        followups.appointment_plan(
            episode=episode,
            therapist=episode.therapist,
            starts_at=starts_at + (DAY if kind == AppointmentKind.TREATMENT else datetime.timedelta()),
            duration_minutes=30,
            kind=kind,
            acting_user=episode.therapist,
        )
    assert sent(episode) == []
    with time_machine.travel(timezone.now() + 12 * DAY):
        assert services.schedules_run() == 0
    with time_machine.travel(timezone.now() + 13 * DAY):
        assert services.schedules_run() == 1
        assert services.schedules_run() == 0
    assert [assignment.due_on for assignment in sent(episode)] == [timezone.localdate(starts_at)]


def test_discharge_sends_once_and_the_patient_can_still_answer_it(episode):
    repeat = schedule(episode, every_weeks=1, weeks_from=timezone.localdate(), at_discharge=True, discharge_due_days=10)
    (weekly,) = sent(episode)
    discharge(episode)
    weekly_then, at_discharge = sent(episode)
    assert weekly_then == weekly
    assert at_discharge.after_discharge and at_discharge.due_on == timezone.localdate() + 10 * DAY
    assert at_discharge.scheduled_send.kind == ScheduleMoment.DISCHARGE
    assert at_discharge.answerable and not QuestionnaireAssignment.objects.get(pk=weekly.pk).answerable
    repeat.refresh_from_db()
    assert not repeat.is_active
    item = at_discharge.version.items.first()
    services.answer_save(
        assignment=at_discharge, item=item, option=item.options.first(), acting_user=episode.patient.user
    )
    assert QuestionnaireAssignment.objects.get(pk=at_discharge.pk).status == AssignmentStatus.STARTED


def test_a_discharged_episode_gets_nothing_more(episode):
    schedule(episode, every_weeks=1, weeks_from=timezone.localdate() + DAY)
    discharge(episode)
    with time_machine.travel(timezone.now() + 8 * DAY):
        assert services.schedules_run() == 0
    assert sent(episode) == []
    with pytest.raises(ValidationError):
        schedule(episode, "pain_nrs", at_intake=True)


def test_an_open_questionnaire_is_not_stacked_and_the_moment_is_not_made_up(episode):
    already = QuestionnaireAssignmentFactory(episode=episode, version=builtin_version("pfdi_20"))
    schedule(episode, at_intake=True)
    assert sent(episode) == [already]
    skipped = ScheduledSend.objects.get()
    assert skipped.key == "intake" and skipped.assignment is None
    close(already)
    assert services.schedules_run() == 0
    assert sent(episode) == [already]


def test_stopping_a_schedule_sends_nothing_more(episode):
    repeat = schedule(episode, every_weeks=1, weeks_from=timezone.localdate() + DAY)
    services.schedule_stop(schedule=repeat, acting_user=episode.therapist)
    with time_machine.travel(timezone.now() + 2 * DAY):
        assert services.schedules_run() == 0
    assert sent(episode) == []
    with pytest.raises(ValidationError):
        services.schedule_stop(schedule=repeat, acting_user=episode.therapist)
    schedule(episode, at_intake=True)  # the same questionnaire can be scheduled anew once stopped
    assert len(sent(episode)) == 1


def test_one_active_schedule_per_questionnaire(episode):
    schedule(episode, at_discharge=True)
    with pytest.raises(ValidationError) as refused:
        schedule(episode, at_intake=True)
    assert "version" in refused.value.message_dict
    assert sent(episode) == []


def test_the_daily_command_runs_the_schedules(episode):
    schedule(episode, every_weeks=2, weeks_from=timezone.localdate() + DAY)
    out = io.StringIO()
    with time_machine.travel(timezone.now() + DAY):
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=io.StringIO())
    assert "1 geplande vragenlijsten verstuurd" in out.getvalue()
    assert len(sent(episode)) == 1


# --- the episode page -----------------------------------------------------------------------------


def form_data(episode, **overrides):
    return {
        "version": builtin_version("pfdi_20").pk,
        "at_intake": "on",
        "every_weeks": "4",
        "weeks_from": (timezone.localdate() + DAY).strftime("%d-%m-%Y"),
        "evaluation_days": "",
        "due_days": "7",
        "discharge_due_days": "14",
    } | overrides


def test_therapist_sets_up_a_schedule_and_sees_its_next_moment(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:questionnaire_schedule", args=[episode.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(episode))
    assert response.status_code == 302
    assert response["Location"].endswith("#questionnaires")
    repeat = QuestionnaireSchedule.objects.get()
    assert (repeat.at_intake, repeat.every_weeks) == (True, 4)
    assert len(sent(episode)) == 1
    page = client.get(episode.get_absolute_url()).text
    assert "elke 4 weken vanaf" in page
    assert (timezone.localdate() + DAY).strftime("%d-%m-%Y") in page
    assert reverse("patients:questionnaire_schedule_stop", args=[repeat.pk]) in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"at_intake": "", "every_weeks": ""}, "Kies ten minste één moment"),
        ({"every_weeks": "27"}, "hoogstens 26"),
        ({"every_weeks": "0"}, "minstens 1"),
        ({"weeks_from": ""}, "Vul de datum van de eerste herhaling in."),
        ({"weeks_from": (timezone.localdate() - DAY).strftime("%d-%m-%Y")}, "niet in het verleden"),
        ({"evaluation_days": "29"}, "hoogstens 28"),
        ({"due_days": "abc"}, "Voer een geheel getal in"),
    ],
)
def test_bad_input_gives_a_message_and_changes_nothing(client, therapist, episode, overrides, message):
    client.force_login(therapist)
    response = client.post(
        reverse("patients:questionnaire_schedule", args=[episode.pk]), form_data(episode, **overrides)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not QuestionnaireSchedule.objects.exists()
    assert sent(episode) == []


def test_a_second_schedule_of_the_same_questionnaire_is_refused_with_a_message(client, therapist, episode):
    QuestionnaireScheduleFactory(episode=episode)
    client.force_login(therapist)
    response = client.post(reverse("patients:questionnaire_schedule", args=[episode.pk]), form_data(episode))
    assert response.status_code == 200
    assert "stop dat eerst" in response.text
    assert QuestionnaireSchedule.objects.count() == 1
    assert sent(episode) == []


def test_therapist_stops_a_schedule_from_the_episode_page(client, therapist, episode):
    repeat = QuestionnaireScheduleFactory(episode=episode)
    client.force_login(therapist)
    response = client.post(reverse("patients:questionnaire_schedule_stop", args=[repeat.pk]), follow=True)
    assert "Het schema is gestopt" in response.text
    repeat.refresh_from_db()
    assert repeat.stopped_by == therapist
    assert reverse("patients:questionnaire_schedule_stop", args=[repeat.pk]) not in response.text


def test_another_practice_gets_404_and_a_patient_403(client, other_therapist, patient_user, episode):
    repeat = QuestionnaireScheduleFactory(episode=episode)
    urls = [
        ("get", reverse("patients:questionnaire_schedule", args=[episode.pk])),
        ("post", reverse("patients:questionnaire_schedule", args=[episode.pk])),
        ("post", reverse("patients:questionnaire_schedule_stop", args=[repeat.pk])),
    ]
    for user, status in ((other_therapist, 404), (patient_user, 403)):
        client.force_login(user)
        for method, url in urls:
            data = form_data(episode) if "stop" not in url else {}
            assert getattr(client, method)(url, data).status_code == status, (user, url)
    repeat.refresh_from_db()
    assert repeat.is_active
    assert QuestionnaireSchedule.objects.count() == 1


def test_the_patient_finds_the_discharge_questionnaire_on_the_portal_after_discharge(client, episode):
    schedule(episode, at_discharge=True)
    discharge(episode)
    (at_discharge,) = sent(episode)
    client.force_login(episode.patient.user)
    home = client.get(reverse("portal:home")).text
    assert reverse("portal:questionnaire", args=[at_discharge.pk]) in home
    assert client.get(reverse("portal:questionnaire", args=[at_discharge.pk])).status_code == 200


def test_a_run_beside_another_that_claimed_the_moment_first_sends_nothing(episode, monkeypatch):
    repeat = schedule(episode, every_weeks=1, weeks_from=timezone.localdate() + DAY)
    decide = services.schedule_moments_due

    def decided_then_claimed_elsewhere(*args, **kwargs):
        moments = decide(*args, **kwargs)
        for moment in moments:  # the other run claims each moment just after this one read what was handled
            ScheduledSend.objects.create(schedule=repeat, key=moment.key, kind=moment.kind)
        return moments

    monkeypatch.setattr(services, "schedule_moments_due", decided_then_claimed_elsewhere)
    with time_machine.travel(timezone.now() + DAY):
        assert services.schedules_run() == 0
    assert sent(episode) == []
    assert ScheduledSend.objects.filter(schedule=repeat).count() == 1
