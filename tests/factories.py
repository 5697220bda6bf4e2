"""Builders for test data."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from clinic.models import Practice, Role, User
from patients.models import CareEpisode, EpisodeStatus, Patient, ReferralType, Sex

TEST_PASSWORD = "a-long-test-password-42"


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Praktijk {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    practice = factory.SubFactory(PracticeFactory)
    role = Role.THERAPIST
    password = factory.django.Password(TEST_PASSWORD)


class PracticeAdminFactory(UserFactory):
    role = Role.PRACTICE_ADMIN


class TherapistFactory(UserFactory):
    role = Role.THERAPIST


class PatientUserFactory(UserFactory):
    role = Role.PATIENT


class PatientFactory(DjangoModelFactory):
    class Meta:
        model = Patient

    practice = factory.SubFactory(PracticeFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=85)
    sex = Sex.FEMALE
    referral_type = ReferralType.DIRECT_ACCESS
    responsible_therapist = factory.SubFactory(TherapistFactory, practice=factory.SelfAttribute("..practice"))


class CareEpisodeFactory(DjangoModelFactory):
    class Meta:
        model = CareEpisode

    patient = factory.SubFactory(PatientFactory)
    therapist = factory.SelfAttribute("patient.responsible_therapist")
    main_complaint = "Urineverlies bij hoesten"
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=14))
    status = EpisodeStatus.IN_TREATMENT
