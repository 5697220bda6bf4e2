"""Builders for test data."""

import factory
from factory.django import DjangoModelFactory

from clinic.models import Practice, Role, User

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
