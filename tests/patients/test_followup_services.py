"""Planning and closing appointments, discharge, calendar feeds and reminder settings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from patients.choices import AppointmentKind, AppointmentStatus, EpisodeStatus, GoalsMet, MeasureKind
from patients.models import Appointment, CalendarFeed, Discharge, FollowupSettings, OutcomeMeasure
from patients.models.followups import DOUBLE_BOOKING_MESSAGE
from patients.services import followups as services
from programs.selectors import current_items
from tests.factories import (
    AppointmentFactory,
    CareEpisodeFactory,
    HomeProgramFactory,
    PatientFactory,
    ProgramItemFactory,
    SessionNoteFactory,
    TherapistFactory,
    next_weekday_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def episode(therapist):
    return CareEpisodeFactory(patient__practice=therapist.practice, patient__responsible_therapist=therapist)


def plan(episode, starts_at, minutes=30, therapist=None, **kwargs):
    return services.appointment_plan(
        episode=episode,
        therapist=therapist or episode.therapist,
        starts_at=starts_at,
        duration_minutes=minutes,
        kind=AppointmentKind.EVALUATION,
        acting_user=episode.therapist,
        **kwargs,
    )


def messages_of(error):
    return error.value.message_dict if hasattr(error.value, "error_dict") else {"__all__": error.value.messages}


def test_planning_stores_the_end_and_the_planner(episode):
    appointment = plan(episode, next_weekday_at(10), minutes=45)
    assert appointment.ends_at == appointment.starts_at + datetime.timedelta(minutes=45)
    assert appointment.status == AppointmentStatus.PLANNED
    assert appointment.created_by == episode.therapist


def test_planning_in_the_past_is_refused(episode):
    with pytest.raises(ValidationError) as error:
        plan(episode, timezone.now() - datetime.timedelta(minutes=5))
    assert "passed" in messages_of(error)["starts_at"][0]
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("offset_minutes", [0, 15, -15, 29, -29])
def test_overlap_with_the_same_therapist_is_refused_with_a_clear_message(episode, offset_minutes):
    first = plan(episode, next_weekday_at(10))
    other_episode = CareEpisodeFactory(patient__practice=episode.patient.practice, therapist=episode.therapist)
    with pytest.raises(ValidationError) as error:
        plan(other_episode, first.starts_at + datetime.timedelta(minutes=offset_minutes))
    assert messages_of(error)["starts_at"] == [str(DOUBLE_BOOKING_MESSAGE)]
    assert Appointment.objects.count() == 1


def test_back_to_back_and_other_therapists_are_fine(episode):
    first = plan(episode, next_weekday_at(10))
    plan(episode, first.ends_at)
    colleague = TherapistFactory(practice=episode.patient.practice)
    plan(episode, first.starts_at, therapist=colleague)
    assert Appointment.objects.count() == 3


def test_a_cancelled_appointment_frees_the_slot(episode):
    first = plan(episode, next_weekday_at(10))
    services.appointment_cancel(appointment=first, reason="Patiënt ziek", acting_user=episode.therapist)
    assert plan(episode, first.starts_at).pk != first.pk


def test_therapist_of_another_practice_cannot_be_booked(episode, other_therapist):
    with pytest.raises(ValidationError) as error:
        plan(episode, next_weekday_at(10), therapist=other_therapist)
    assert "therapist" in messages_of(error)


def test_no_appointments_for_a_closed_episode(episode):
    episode.status = EpisodeStatus.DISCHARGED
    episode.discharged_on = timezone.localdate()
    episode.save()
    with pytest.raises(ValidationError):
        plan(episode, next_weekday_at(10))


def test_the_database_refuses_a_double_booking_and_the_service_explains_it(episode, monkeypatch):
    """PostgreSQL holds the rule itself; other databases leave it to the service's check (tested above)."""
    first = AppointmentFactory(episode=episode, starts_at=next_weekday_at(10))
    clash = AppointmentFactory.build(episode=episode, starts_at=first.starts_at + datetime.timedelta(minutes=10))
    constraint = next(c for c in Appointment._meta.constraints if c.name == "appointment_no_double_booking")
    if connection.vendor != "postgresql":
        assert constraint.create_sql(Appointment, connection.schema_editor()) is None
        return
    with pytest.raises(IntegrityError, match="appointment_no_double_booking"), transaction.atomic():
        clash.save()
    # A booking that raced past the service's check gets the same clear message.
    monkeypatch.setattr("patients.services.followups._check_slot", lambda **kwargs: None)
    monkeypatch.setattr(Appointment, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as error:
        plan(episode, first.starts_at)
    assert messages_of(error)["starts_at"] == [str(DOUBLE_BOOKING_MESSAGE)]
    assert Appointment.objects.count() == 1


def test_rescheduling_moves_the_appointment_but_not_onto_another(episode):
    first = plan(episode, next_weekday_at(10))
    second = plan(episode, next_weekday_at(14))
    moved = services.appointment_reschedule(
        appointment=second,
        therapist=episode.therapist,
        starts_at=next_weekday_at(15),
        duration_minutes=60,
        kind=AppointmentKind.VIDEO,
        acting_user=episode.therapist,
    )
    assert moved.ends_at == next_weekday_at(16)
    with pytest.raises(ValidationError):
        services.appointment_reschedule(
            appointment=second,
            therapist=episode.therapist,
            starts_at=first.starts_at,
            duration_minutes=30,
            kind=AppointmentKind.VIDEO,
            acting_user=episode.therapist,
        )
    second.refresh_from_db()
    assert second.starts_at == next_weekday_at(15)


def test_marking_done_links_the_session_note(episode):
    appointment = AppointmentFactory(episode=episode)
    note = SessionNoteFactory(episode=episode)
    services.appointment_mark_done(
        appointment=appointment, session_note=note, acting_user=episode.therapist, now=appointment.ends_at
    )
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.DONE
    assert appointment.session_note == note


def test_a_note_of_another_episode_cannot_be_linked(episode):
    appointment = AppointmentFactory(episode=episode)
    note = SessionNoteFactory(episode=CareEpisodeFactory(patient=episode.patient))
    with pytest.raises(ValidationError):
        services.appointment_mark_done(
            appointment=appointment, session_note=note, acting_user=episode.therapist, now=appointment.ends_at
        )


def test_a_cancelled_appointment_cannot_be_marked_done(episode):
    appointment = AppointmentFactory(episode=episode, status=AppointmentStatus.CANCELLED, cancellation_reason="Ziek")
    with pytest.raises(ValidationError, match="cancelled appointment cannot be marked done"):
        services.appointment_mark_done(
            appointment=appointment, session_note=None, acting_user=episode.therapist, now=appointment.ends_at
        )
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_a_future_appointment_cannot_be_marked_done_or_missed(episode):
    appointment = AppointmentFactory(episode=episode)
    with pytest.raises(ValidationError):
        services.appointment_mark_done(appointment=appointment, session_note=None, acting_user=episode.therapist)
    with pytest.raises(ValidationError):
        services.appointment_mark_missed(appointment=appointment, acting_user=episode.therapist)


def test_missed_and_cancel(episode):
    missed = AppointmentFactory(episode=episode)
    services.appointment_mark_missed(appointment=missed, acting_user=episode.therapist, now=missed.ends_at)
    assert missed.status == AppointmentStatus.MISSED
    with pytest.raises(ValidationError):
        services.appointment_cancel(appointment=missed, reason="Te laat", acting_user=episode.therapist)


def test_cancel_needs_a_reason(episode):
    appointment = AppointmentFactory(episode=episode)
    with pytest.raises(ValidationError) as error:
        services.appointment_cancel(appointment=appointment, reason="  ", acting_user=episode.therapist)
    assert "cancellation_reason" in messages_of(error)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED


def test_database_refuses_a_cancellation_without_reason_and_a_note_on_a_planned_appointment(episode):
    with pytest.raises(IntegrityError):
        AppointmentFactory(episode=episode, status=AppointmentStatus.CANCELLED)


def test_database_refuses_an_end_before_the_start(episode):
    with pytest.raises(IntegrityError):
        AppointmentFactory(episode=episode, ends_at=next_weekday_at(8), starts_at=next_weekday_at(9))


def discharge(episode, **overrides):
    values = {
        "discharged_on": timezone.localdate(),
        "goals_met": GoalsMet.PARTLY,
        "pgi_i": 2,
        "final_measures_note": "NRS 6 → 2",
    }
    return services.episode_discharge(episode=episode, acting_user=episode.therapist, **(values | overrides))


def test_discharge_records_the_outcome_and_cancels_what_is_still_planned(episode):
    planned = AppointmentFactory(episode=episode)
    done = AppointmentFactory(episode=episode, status=AppointmentStatus.DONE)
    outcome = discharge(episode)
    episode.refresh_from_db()
    planned.refresh_from_db()
    done.refresh_from_db()
    assert episode.status == EpisodeStatus.DISCHARGED
    assert episode.discharged_on == outcome.discharged_on
    assert planned.status == AppointmentStatus.CANCELLED
    assert planned.cancellation_reason
    assert done.status == AppointmentStatus.DONE
    assert OutcomeMeasure.objects.get(episode=episode, kind=MeasureKind.PGI_I).total == 2


def test_discharge_ends_the_current_home_program_and_the_portal_stops_showing_it(episode):
    today = timezone.localdate()
    current = HomeProgramFactory(episode=episode, starts_on=today - datetime.timedelta(days=20))
    item = ProgramItemFactory(program=current)
    older = HomeProgramFactory(
        episode=episode, version=0, status="superseded", starts_on=today - datetime.timedelta(days=40)
    )
    other = HomeProgramFactory(starts_on=today - datetime.timedelta(days=20))

    discharge(episode, discharged_on=today - datetime.timedelta(days=1))

    current.refresh_from_db()
    older.refresh_from_db()
    other.refresh_from_db()
    assert current.ends_on == today - datetime.timedelta(days=1)
    assert older.ends_on is None
    assert other.ends_on is None
    assert not current_items(episode.therapist, today).filter(pk=item.pk).exists()


def test_discharge_twice_or_before_the_start_is_refused(episode):
    with pytest.raises(ValidationError):
        discharge(episode, discharged_on=episode.started_on - datetime.timedelta(days=1))
    assert not Discharge.objects.exists()
    episode.refresh_from_db()
    assert episode.status == EpisodeStatus.IN_TREATMENT
    discharge(episode, pgi_i=None)
    with pytest.raises(ValidationError):
        discharge(episode)
    assert Discharge.objects.count() == 1
    assert not OutcomeMeasure.objects.exists()


def test_calendar_feed_renew_replaces_the_token_and_revoke_removes_it():
    patient = PatientFactory()
    first = services.calendar_feed_renew(patient=patient, acting_user=None)
    second = services.calendar_feed_renew(patient=patient, acting_user=None)
    assert first.token != second.token
    assert list(CalendarFeed.objects.values_list("token", flat=True)) == [second.token]
    services.calendar_feed_revoke(patient=patient, acting_user=None)
    assert not CalendarFeed.objects.exists()


def test_followup_settings_switch_nudges(therapist):
    patient = PatientFactory(practice=therapist.practice)
    services.followup_settings_update(patient=patient, log_nudges=True, language="en", acting_user=therapist)
    services.followup_settings_update(patient=patient, log_nudges=False, language="en", acting_user=therapist)
    assert FollowupSettings.objects.get(patient=patient).log_nudges is False
    patient.refresh_from_db()
    assert patient.language == "en"
