"""The patient's appointments, the .ics download and the calendar feed."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from clinic.choices import AccessAction, RecordPart
from clinic.models import AccessLogEntry
from patients.choices import AppointmentStatus
from patients.models import CalendarFeed
from tests.auth import login
from tests.factories import AppointmentFactory, CareEpisodeFactory, PatientFactory, PatientUserFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def patient(patient_user, therapist):
    return PatientFactory(
        practice=therapist.practice, responsible_therapist=therapist, user=patient_user, first_name="Anna"
    )


@pytest.fixture
def episode(patient):
    return CareEpisodeFactory(patient=patient, main_complaint="Urineverlies bij sporten")


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_portal_lists_only_the_patients_own_coming_appointments(client, patient_user, episode):
    mine = AppointmentFactory(episode=episode)
    AppointmentFactory(episode=episode, status=AppointmentStatus.CANCELLED, cancellation_reason="Ziek")
    other = AppointmentFactory(episode__patient__practice=episode.patient.practice)
    client.force_login(patient_user)
    response = client.get(reverse("portal:appointments"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [mine]
    assert reverse("portal:appointment_ics", args=[mine.pk]) in response.text
    assert reverse("portal:appointment_ics", args=[other.pk]) not in response.text
    assert "Urineverlies" not in response.text


def test_portal_query_count_does_not_grow_with_appointments(
    client, patient_user, episode, django_assert_max_num_queries
):
    client.force_login(patient_user)
    for count in (5, 50):
        for _ in range(count - episode.appointments.count()):
            AppointmentFactory(episode=episode)
        with django_assert_max_num_queries(8):
            client.get(reverse("portal:appointments"))


def test_ics_is_valid_and_in_amsterdam_time_in_winter_and_summer(client, patient_user, episode, settings):
    client.force_login(patient_user)
    for starts_at in (at(2030, 1, 15, 9, 30), at(2030, 7, 15, 9, 30)):
        appointment = AppointmentFactory(episode=episode, starts_at=starts_at, duration_minutes=45)
        response = client.get(reverse("portal:appointment_ics", args=[appointment.pk]))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        calendar = parse(response)
        (event,) = calendar.walk("VEVENT")
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert event.decoded("DTSTART") == starts_at
        assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == (8 if starts_at.month == 1 else 7)
        assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(minutes=45)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        assert episode.patient.practice.name in str(event["SUMMARY"])
        assert b"Urineverlies" not in response.content
        assert b"DTSTART;TZID=Europe/Amsterdam:" in response.content


def test_ics_speaks_the_patients_language(client, patient_user, episode):
    episode.patient.language = "en"
    episode.patient.save()
    appointment = AppointmentFactory(episode=episode)
    client.force_login(patient_user)
    event = parse(client.get(reverse("portal:appointment_ics", args=[appointment.pk]))).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Appointment at ")


def test_ics_of_someone_elses_or_a_cancelled_appointment_is_404(client, patient_user, episode):
    client.force_login(patient_user)
    other = AppointmentFactory(episode__patient__practice=episode.patient.practice)
    cancelled = AppointmentFactory(episode=episode, status=AppointmentStatus.CANCELLED, cancellation_reason="Ziek")
    for appointment in (other, cancelled):
        assert client.get(reverse("portal:appointment_ics", args=[appointment.pk])).status_code == 404


@pytest.mark.parametrize("fixture", ["therapist", "practice_admin"])
def test_staff_cannot_use_the_portal_pages(client, request, fixture, episode):
    client.force_login(request.getfixturevalue(fixture))
    appointment = AppointmentFactory(episode=episode)
    assert client.get(reverse("portal:appointments")).status_code == 403
    assert client.get(reverse("portal:appointment_ics", args=[appointment.pk])).status_code == 403
    assert client.post(reverse("portal:calendar_feed_manage"), {"action": "renew"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_portal_pages_need_a_login(client, episode):
    response = client.get(reverse("portal:appointments"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_patient_without_a_record_gets_404(client, practice):
    client.force_login(PatientUserFactory(practice=practice))
    assert client.get(reverse("portal:appointments")).status_code == 404
    assert client.post(reverse("portal:calendar_feed_manage"), {"action": "renew"}).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_calendar_feed_can_be_made_used_renewed_and_switched_off(client, patient_user, episode):
    planned = AppointmentFactory(episode=episode)
    cancelled = AppointmentFactory(episode=episode, status=AppointmentStatus.CANCELLED, cancellation_reason="Ziek")
    client.force_login(patient_user)
    client.post(reverse("portal:calendar_feed_manage"), {"action": "renew"})
    token = CalendarFeed.objects.get(patient=episode.patient).token
    page = client.get(reverse("portal:appointments"))
    feed_url = reverse("portal:calendar_feed", args=[token])
    assert feed_url in page.text
    assert f'href="webcal://testserver{feed_url}"' in page.text

    client.logout()
    response = client.get(feed_url)
    assert response.status_code == 200
    events = {str(event["UID"]): str(event["STATUS"]) for event in parse(response).walk("VEVENT")}
    assert events == {
        f"appointment-{planned.pk}@testserver": "CONFIRMED",
        f"appointment-{cancelled.pk}@testserver": "CANCELLED",
    }

    client.force_login(patient_user)
    client.post(reverse("portal:calendar_feed_manage"), {"action": "renew"})
    new_token = CalendarFeed.objects.get(patient=episode.patient).token
    client.logout()
    assert client.get(feed_url).status_code == 404
    assert client.get(reverse("portal:calendar_feed", args=[new_token])).status_code == 200

    client.force_login(patient_user)
    client.post(reverse("portal:calendar_feed_manage"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("portal:calendar_feed", args=[new_token])).status_code == 404


@pytest.mark.parametrize("token", ["wrong", "x" * 43, ""])
def test_a_wrong_token_is_a_plain_404(client, episode, token):
    AppointmentFactory(episode=episode)
    CalendarFeed.objects.create(patient=episode.patient)
    response = client.get(f"/my/calendar/{token}.ics")
    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content
    assert episode.patient.first_name.encode() not in response.content


def test_every_read_of_the_feed_is_logged_as_the_patients_feed_with_the_clients_address(client, episode):
    """A leaked feed address is read in the open: the patient sees each read on their record page."""
    feed = CalendarFeed.objects.create(patient=episode.patient)
    client.get(reverse("portal:calendar_feed", args=[feed.token]), REMOTE_ADDR="198.51.100.44")

    entry = AccessLogEntry.objects.get(part=RecordPart.CALENDAR_FEED)
    assert (entry.patient, entry.action, entry.client_ip, entry.user) == (
        episode.patient,
        AccessAction.READ,
        "198.51.100.44",
        None,
    )
    assert entry.practice == episode.patient.practice

    login(client, episode.patient.user)
    assert entry in client.get(reverse("portal:record")).context["entries"]


def test_a_wrong_feed_address_logs_nothing_about_any_patient(client, episode):
    CalendarFeed.objects.create(patient=episode.patient)
    assert client.get("/my/calendar/not-the-secret.ics").status_code == 404
    assert not AccessLogEntry.objects.filter(patient=episode.patient).exists()


def test_feed_of_an_archived_patient_is_404(client, episode):
    feed = CalendarFeed.objects.create(patient=episode.patient)
    episode.patient.archived_at = timezone.now()
    episode.patient.save()
    assert client.get(reverse("portal:calendar_feed", args=[feed.token])).status_code == 404


def test_feed_queries_do_not_grow_with_appointments(client, episode, django_assert_max_num_queries):
    feed = CalendarFeed.objects.create(patient=episode.patient)
    for count in (5, 50):
        for _ in range(count - episode.appointments.count()):
            AppointmentFactory(episode=episode)
        # The feed with its practice, the appointments and the access-log entry (one statement on
        # PostgreSQL; the chain's head, its update and the insert on SQLite).
        with django_assert_max_num_queries(6):
            response = client.get(reverse("portal:calendar_feed", args=[feed.token]))
        assert len(parse(response).walk("VEVENT")) == count
