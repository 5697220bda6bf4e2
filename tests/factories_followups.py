"""Builders for follow-up test data.

RedFlagScreeningFactory, OutcomeMeasureFactory and SessionNoteFactory match the record's builders
of the same name; once both live in tests/factories.py, import them from there.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from patients.models import (
    Appointment,
    AppointmentKind,
    MeasureKind,
    OutcomeMeasure,
    RedFlagScreening,
    SessionNote,
)
from tests.factories import CareEpisodeFactory


def next_weekday_at(hour, minute=0, days_ahead=1):
    """Return an aware moment `days_ahead` days from now at the given local time."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    episode = factory.SubFactory(CareEpisodeFactory)
    therapist = factory.SelfAttribute("episode.therapist")
    starts_at = factory.Sequence(lambda n: next_weekday_at(9) + datetime.timedelta(hours=n))
    duration_minutes = 30
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + datetime.timedelta(minutes=a.duration_minutes))
    kind = AppointmentKind.TREATMENT
    created_by = factory.SelfAttribute("therapist")


class RedFlagScreeningFactory(DjangoModelFactory):
    class Meta:
        model = RedFlagScreening

    episode = factory.SubFactory(CareEpisodeFactory)
    screened_on = factory.LazyFunction(timezone.localdate)
    screened_by = factory.SelfAttribute("episode.therapist")
    decision = "continue"


class OutcomeMeasureFactory(DjangoModelFactory):
    class Meta:
        model = OutcomeMeasure

    episode = factory.SubFactory(CareEpisodeFactory)
    kind = MeasureKind.NRS_PAIN
    measured_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SelfAttribute("episode.therapist")
    score = 5
    total = factory.SelfAttribute("score")


class SessionNoteFactory(DjangoModelFactory):
    class Meta:
        model = SessionNote

    episode = factory.SubFactory(CareEpisodeFactory)
    session_on = factory.LazyFunction(timezone.localdate)
    author = factory.SelfAttribute("episode.therapist")
    subjective = "Minder urineverlies bij hoesten."
    plan = "Oefeningen uitbreiden naar staand."
