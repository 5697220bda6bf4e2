"""The therapist's follow-up pages: agenda, appointments of an episode, closing them and discharge."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from clinic.models import AccessLogEntry
from patients.choices import AppointmentStatus, EpisodeStatus
from patients.models import Appointment, Discharge, FollowupSettings
from patients.selectors.followups import TODAY_LIMIT, week_bounds
from tests.factories import (
    AppointmentFactory,
    CareEpisodeFactory,
    HomeProgramFactory,
    PatientFactory,
    SessionNoteFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(therapist, patient_user):
    return CareEpisodeFactory(
        patient__practice=therapist.practice, patient__responsible_therapist=therapist, patient__user=patient_user
    )


@pytest.fixture
def past_appointment(episode):
    starts_at = timezone.now() - datetime.timedelta(hours=2)
    return AppointmentFactory(episode=episode, starts_at=starts_at)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def plan_data(episode, when, **overrides):
    return {
        "starts_at": local_input(when),
        "duration_minutes": 30,
        "kind": "evaluation",
        "therapist": episode.therapist.pk,
    } | overrides


def pages(episode, appointment):
    """Every follow-up page of the episode with data that would write when posted."""
    return [
        (reverse("patients:episode_appointments", args=[episode.pk]), None),
        (
            reverse("patients:appointment_create", args=[episode.pk]),
            plan_data(episode, next_weekday_at(15, days_ahead=3)),
        ),
        (
            reverse("patients:appointment_update", args=[appointment.pk]),
            plan_data(episode, next_weekday_at(16, days_ahead=3)),
        ),
        (reverse("patients:appointment_done", args=[appointment.pk]), {}),
        (reverse("patients:appointment_missed", args=[appointment.pk]), {}),
        (reverse("patients:appointment_cancel", args=[appointment.pk]), {"cancellation_reason": "Ziek"}),
        (
            reverse("patients:episode_discharge", args=[episode.pk]),
            {"discharged_on": timezone.localdate().isoformat(), "goals_met": "met"},
        ),
        (reverse("patients:followup_settings", args=[episode.patient.pk]), {"log_nudges": "on", "language": "en"}),
    ]


def assert_nothing_written(episode, appointment):
    appointment.refresh_from_db()
    episode.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED
    assert Appointment.objects.count() == 1
    assert episode.status == EpisodeStatus.IN_TREATMENT
    assert not Discharge.objects.exists()
    assert not FollowupSettings.objects.exists()


@pytest.mark.parametrize("fixture", ["patient_user", "practice_admin"])
def test_wrong_role_gets_403_and_nothing_is_written(client, request, fixture, episode, past_appointment):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("patients:agenda")).status_code == 403
    for url, data in pages(episode, past_appointment):
        assert client.get(url).status_code == 403, url
        if data is not None:
            assert client.post(url, data).status_code == 403, url
    assert_nothing_written(episode, past_appointment)


def test_therapist_of_another_practice_gets_404_and_nothing_is_written(
    client, other_therapist, episode, past_appointment
):
    client.force_login(other_therapist)
    for url, data in pages(episode, past_appointment):
        assert client.get(url).status_code == 404, url
        if data is not None:
            assert client.post(url, data).status_code == 404, url
    assert_nothing_written(episode, past_appointment)


def test_pages_need_a_login(client, episode, past_appointment):
    for url, _data in pages(episode, past_appointment):
        assert client.get(url).status_code == 302


def test_therapist_plans_an_appointment_and_it_is_logged(client, therapist, episode):
    client.force_login(therapist)
    starts_at = next_weekday_at(11, days_ahead=2)
    response = client.post(reverse("patients:appointment_create", args=[episode.pk]), plan_data(episode, starts_at))
    assert response.status_code == 302
    assert response["Location"] == reverse("patients:episode_appointments", args=[episode.pk])
    appointment = Appointment.objects.get()
    assert appointment.starts_at == starts_at
    assert AccessLogEntry.objects.filter(patient=episode.patient, action="update", outcome="success").exists()
    page = client.get(response["Location"])
    assert "Evaluatie" in page.text or "Evaluation" in page.text


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("nl", "02:30 komt twee keer voor op 31 oktober 2027: die nacht gaat de klok een uur terug."),
        ("en", "It was saved as the first 02:30, before the clocks went back (summer time)."),
    ],
)
def test_a_booking_at_a_time_that_occurs_twice_takes_the_first_and_says_so(
    client, therapist, episode, settings, language, notice
):
    settings.LANGUAGE_CODE = language
    client.force_login(therapist)
    data = {**plan_data(episode, timezone.now()), "starts_at": "2027-10-31T02:30"}
    response = client.post(reverse("patients:appointment_create", args=[episode.pk]), data, follow=True)
    assert notice in response.text
    assert Appointment.objects.get().starts_at == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)


def test_a_booking_at_an_ordinary_time_has_no_clock_notice(client, therapist, episode):
    client.force_login(therapist)
    data = plan_data(episode, next_weekday_at(11, days_ahead=2))
    response = client.post(reverse("patients:appointment_create", args=[episode.pk]), data, follow=True)
    assert Appointment.objects.exists()
    assert "twee keer" not in response.text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"starts_at": "2020-01-01T10:00"}, "starts_at", "passed"),
        ({"starts_at": "morgen"}, "starts_at", ""),
        ({"duration_minutes": 0}, "duration_minutes", ""),
        ({"duration_minutes": 600}, "duration_minutes", ""),
        ({"kind": "massage"}, "kind", ""),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(
    client, therapist, episode, overrides, field, message, settings
):
    settings.LANGUAGE_CODE = "en"
    client.force_login(therapist)
    data = plan_data(episode, next_weekday_at(11, days_ahead=2), **overrides)
    response = client.post(reverse("patients:appointment_create", args=[episode.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert f'value="{data[field]}"' in response.text or str(data[field]) in response.text
    assert not Appointment.objects.exists()


def test_double_booking_is_refused_with_a_clear_message(client, therapist, episode, settings):
    settings.LANGUAGE_CODE = "en"
    existing = AppointmentFactory(episode=episode, starts_at=next_weekday_at(11, days_ahead=2))
    client.force_login(therapist)
    data = plan_data(episode, existing.starts_at + datetime.timedelta(minutes=15))
    response = client.post(reverse("patients:appointment_create", args=[episode.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == ["The therapist already has an appointment at that time."]
    assert Appointment.objects.count() == 1
    assert AccessLogEntry.objects.filter(patient=episode.patient, outcome="failed").exists()


def test_mark_done_with_the_session_note(client, therapist, episode, past_appointment):
    note = SessionNoteFactory(episode=episode)
    client.force_login(therapist)
    url = reverse("patients:appointment_done", args=[past_appointment.pk])
    assert str(note.session_on.day) in client.get(url).text
    response = client.post(url, {"session_note": note.pk})
    assert response.status_code == 302
    past_appointment.refresh_from_db()
    assert past_appointment.status == AppointmentStatus.DONE
    assert past_appointment.session_note == note


def test_marking_a_cancelled_appointment_done_is_refused(client, therapist, episode, past_appointment, settings):
    settings.LANGUAGE_CODE = "en"
    past_appointment.status = AppointmentStatus.CANCELLED
    past_appointment.cancellation_reason = "Ziek"
    past_appointment.save()
    client.force_login(therapist)
    response = client.post(reverse("patients:appointment_done", args=[past_appointment.pk]), {})
    assert response.status_code == 200
    assert "A cancelled appointment cannot be marked done." in response.text
    past_appointment.refresh_from_db()
    assert past_appointment.status == AppointmentStatus.CANCELLED


def test_cancel_without_reason_is_refused_and_with_reason_cancels(client, therapist, past_appointment):
    client.force_login(therapist)
    url = reverse("patients:appointment_cancel", args=[past_appointment.pk])
    assert client.post(url, {"cancellation_reason": ""}).status_code == 200
    past_appointment.refresh_from_db()
    assert past_appointment.status == AppointmentStatus.PLANNED
    assert client.post(url, {"cancellation_reason": "Patiënt belde af"}).status_code == 302
    past_appointment.refresh_from_db()
    assert past_appointment.cancellation_reason == "Patiënt belde af"


def test_mark_missed(client, therapist, past_appointment):
    client.force_login(therapist)
    client.post(reverse("patients:appointment_missed", args=[past_appointment.pk]))
    past_appointment.refresh_from_db()
    assert past_appointment.status == AppointmentStatus.MISSED


def test_discharge_closes_the_episode_and_its_planned_appointments(client, therapist, episode):
    future = AppointmentFactory(episode=episode)
    client.force_login(therapist)
    response = client.post(
        reverse("patients:episode_discharge", args=[episode.pk]),
        {"discharged_on": timezone.localdate().isoformat(), "goals_met": "met", "pgi_i": "2"},
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    future.refresh_from_db()
    assert episode.status == EpisodeStatus.DISCHARGED
    assert future.status == AppointmentStatus.CANCELLED
    assert Discharge.objects.get().pgi_i == 2


def test_discharge_in_the_future_is_refused(client, therapist, episode):
    client.force_login(therapist)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("patients:episode_discharge", args=[episode.pk]), {"discharged_on": tomorrow, "goals_met": "met"}
    )
    assert response.status_code == 200
    assert "discharged_on" in response.context["form"].errors
    assert not Discharge.objects.exists()


def test_followup_settings_switch_the_nudge(client, therapist, episode):
    client.force_login(therapist)
    url = reverse("patients:followup_settings", args=[episode.patient.pk])
    client.post(url, {"log_nudges": "on", "language": "en"})
    assert FollowupSettings.objects.get().log_nudges is True
    assert client.get(url).context["form"].initial == {"language": "en", "log_nudges": True}


def test_followup_settings_refuse_an_unknown_language(client, therapist, episode):
    client.force_login(therapist)
    response = client.post(reverse("patients:followup_settings", args=[episode.patient.pk]), {"language": "xx"})
    assert "language" in response.context["form"].errors
    episode.patient.refresh_from_db()
    assert episode.patient.language == "nl"
    assert not FollowupSettings.objects.exists()


def test_episode_appointment_list_queries_do_not_grow(client, therapist, episode, django_assert_max_num_queries):
    client.force_login(therapist)
    for count in (5, 50):
        for _ in range(count - episode.appointments.count()):
            AppointmentFactory(episode=episode)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("patients:episode_appointments", args=[episode.pk]))
        assert len(response.context["object_list"]) == min(count, 20)


def test_agenda_shows_today_and_the_worklists(client, therapist, episode):
    now = timezone.now()
    overdue = AppointmentFactory(episode=episode, starts_at=now - datetime.timedelta(days=3))
    current = AppointmentFactory(episode=episode, starts_at=now)
    client.force_login(therapist)
    response = client.get(reverse("patients:agenda"))
    assert response.status_code == 200
    assert response.context["overdue"].items == [overdue]
    assert response.context["appointments"].items == [current]
    assert reverse("patients:episode_appointments", args=[episode.pk]) in response.text


@time_machine.travel(datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC), tick=False)  # a Wednesday
def test_agenda_shows_a_chosen_day_and_counts_the_days_of_its_week(client, therapist, episode):
    friday = timezone.make_aware(datetime.datetime(2026, 12, 4, 9, 0))
    on_friday = [AppointmentFactory(episode=episode, starts_at=friday + datetime.timedelta(hours=h)) for h in (0, 2)]
    AppointmentFactory(
        episode=episode, starts_at=friday, status=AppointmentStatus.CANCELLED, cancellation_reason="Ziek"
    )
    AppointmentFactory(episode=episode, starts_at=friday + datetime.timedelta(days=7))  # the next week
    client.force_login(therapist)

    response = client.get(reverse("patients:agenda"), {"day": "2026-12-04"})

    assert response.context["appointments"].items == on_friday
    week = dict(response.context["week"])
    assert len(week) == 7 and week[datetime.date(2026, 12, 4)] == 2 and sum(week.values()) == 2
    assert "vrijdag 4 december" in response.text and 'aria-current="date"' in response.text
    assert "?day=2026-12-07" in response.text and "Terug naar vandaag" in response.text


@pytest.mark.parametrize("day", ["4-12-2026x", "2026-13-40", "morgen", "9999-12-31", "0001-01-01"])
def test_agenda_with_a_day_it_cannot_read_says_so_and_shows_today(client, therapist, episode, day):
    current = AppointmentFactory(episode=episode, starts_at=timezone.now())
    client.force_login(therapist)

    response = client.get(reverse("patients:agenda"), {"day": day})

    assert response.status_code == 200
    assert "Die dag kon niet worden gelezen" in response.text
    assert response.context["day"] == timezone.localdate()
    assert response.context["appointments"].items == [current]


def test_agenda_shows_nothing_of_another_therapist(client, therapist, practice):
    colleague_episode = CareEpisodeFactory(patient=PatientFactory(practice=practice))
    AppointmentFactory(episode=colleague_episode, starts_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(therapist)
    response = client.get(reverse("patients:agenda"))
    assert response.context["overdue"].count == 0
    assert str(colleague_episode.patient) not in response.text


@pytest.mark.parametrize("model", ["appointment", "discharge", "followupsettings", "calendarfeed", "remindersent"])
def test_superuser_admin_lists_the_follow_up_records(admin_client, model, past_appointment):
    response = admin_client.get(reverse(f"admin:patients_{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].model._meta.model_name == model
    if model == "appointment":
        assert response.context["cl"].result_count == 1
        assert f"/admin/patients/appointment/{past_appointment.pk}/change/" in response.text


def test_dashboard_shows_a_working_day_and_the_next_appointments_and_links_the_agenda_for_the_rest(
    client, therapist, episode
):
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(0)))
    for slot in range(TODAY_LIMIT + 2):
        AppointmentFactory(episode=episode, starts_at=midnight + datetime.timedelta(minutes=30 * slot))
    tomorrow = midnight + datetime.timedelta(days=1)
    later = [
        AppointmentFactory(episode=episode, starts_at=tomorrow + datetime.timedelta(hours=hour)) for hour in (9, 10)
    ]
    client.force_login(therapist)

    response = client.get(reverse("patients:dashboard"))

    today = response.context["today"]
    assert (len(today.items), today.count) == (TODAY_LIMIT, TODAY_LIMIT + 2)
    assert f"{TODAY_LIMIT} van {TODAY_LIMIT + 2} getoond." in response.text
    assert reverse("patients:agenda") in response.text
    in_week = timezone.localdate(tomorrow) <= week_bounds(timezone.localdate())[1]
    assert response.context["later"].items == (later if in_week else [])


@time_machine.travel(datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC), tick=False)  # a Wednesday
def test_a_planned_appointment_whose_time_has_passed_shows_as_overdue_in_the_agenda(client, therapist):
    now = timezone.now()
    episode = CareEpisodeFactory(patient__practice=therapist.practice, therapist=therapist)
    past = AppointmentFactory(episode=episode, starts_at=now - datetime.timedelta(hours=2))
    coming = AppointmentFactory(episode=episode, starts_at=now + datetime.timedelta(hours=2))
    client.force_login(therapist)

    response = client.get(reverse("patients:agenda"))

    assert past.overdue and not coming.overdue
    assert response.text.count('text-bg-warning">Achterstallig') == 1  # on the day's list


def test_after_discharge_the_home_program_is_no_longer_shown_as_current(client, therapist, episode):
    program = HomeProgramFactory(episode=episode, starts_on=episode.started_on)
    client.force_login(therapist)
    client.post(
        reverse("patients:episode_discharge", args=[episode.pk]),
        {"discharged_on": timezone.localdate().isoformat(), "goals_met": "met", "pgi_i": "2"},
    )
    for page in (
        reverse("patients:episode_detail", args=[episode.pk]),
        reverse("programs:program_detail", args=[program.pk]),
        reverse("programs:patient_overview", args=[episode.patient.pk]),
    ):
        html = client.get(page).content.decode()
        assert "Beëindigd" in html
        assert "Actueel" not in html
