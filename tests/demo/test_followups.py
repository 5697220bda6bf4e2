"""The demo follow-ups give the therapist something on every worklist."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from demo.followups import seed_followups
from patients.choices import AppointmentStatus
from patients.models import Appointment, FollowupSettings
from patients.selectors.followups import TODAY_LIMIT, appointments_on, therapist_worklists
from tests.factories import CareEpisodeFactory, PatientFactory

# Seeding and fuzzing take seconds a test: they run with `make test-slow` and in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_spread_fills_the_worklists_and_runs_once(therapist):
    for _ in range(7):
        CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist))
    made = seed_followups(practice=therapist.practice)
    assert made == Appointment.objects.count() == 14
    morning = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(8)))
    lists = therapist_worklists(therapist, now=morning)
    assert lists["overdue"].count == 1
    assert appointments_on(therapist, timezone.localdate(), timezone.localdate(), TODAY_LIMIT).count >= 2
    assert lists["no_improvement"].count == 1
    assert Appointment.objects.filter(status=AppointmentStatus.MISSED).count() == 1
    assert FollowupSettings.objects.filter(log_nudges=True).count() == 1
    assert not Appointment.objects.values("therapist", "starts_at").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert seed_followups(practice=therapist.practice) == 0


def test_a_large_caseload_fills_ordinary_working_days(therapist):
    for _ in range(60):
        CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist))
    today = timezone.localdate()

    seed_followups(practice=therapist.practice, today=today)

    for appointment in Appointment.objects.all():
        local = timezone.localtime(appointment.starts_at)
        assert 9 <= local.hour < 18, local
    per_day = Appointment.objects.values("starts_at__date").annotate(n=Count("pk"))
    assert max(row["n"] for row in per_day) <= 18
    done = Appointment.objects.filter(status__in=[AppointmentStatus.DONE, AppointmentStatus.MISSED])
    assert all(timezone.localdate(appointment.starts_at) < today for appointment in done)
