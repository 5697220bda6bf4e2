"""The demo follow-ups give the therapist something on every worklist."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from patients.demo_followups import seed_followups
from patients.models import Appointment, AppointmentStatus, FollowupSettings
from patients.worklists import therapist_worklists
from tests.factories import CareEpisodeFactory, PatientFactory

pytestmark = pytest.mark.django_db


def test_demo_spread_fills_the_worklists_and_runs_once(therapist):
    for _ in range(7):
        CareEpisodeFactory(patient=PatientFactory(practice=therapist.practice, responsible_therapist=therapist))
    made = seed_followups(practice=therapist.practice)
    assert made == Appointment.objects.count() == 14
    morning = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(8)))
    lists = therapist_worklists(therapist, now=morning)
    assert lists["overdue"].count == 1
    assert len(lists["today"]) >= 2
    assert lists["no_improvement"].count == 1
    assert Appointment.objects.filter(status=AppointmentStatus.MISSED).count() == 1
    assert FollowupSettings.objects.filter(log_nudges=True).count() == 1
    assert not Appointment.objects.values("therapist", "starts_at").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert seed_followups(practice=therapist.practice) == 0
