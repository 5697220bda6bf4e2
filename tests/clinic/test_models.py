import pytest
from django.db import IntegrityError

from clinic.choices import Role
from clinic.models import User
from tests.factories import PracticeFactory, UserFactory


@pytest.mark.django_db
def test_account_without_practice_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        User.objects.create_user("nobody@example.org", "x" * 12, first_name="No", last_name="Body", role=Role.THERAPIST)


@pytest.mark.django_db
def test_account_without_role_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        User.objects.create_user(
            "norole@example.org", "x" * 12, practice=PracticeFactory(), first_name="A", last_name="B"
        )


@pytest.mark.django_db
def test_unknown_role_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        UserFactory(role="wizard")


@pytest.mark.django_db
def test_superuser_needs_no_practice():
    user = User.objects.create_superuser("root@example.org", "x" * 12, first_name="Root", last_name="User")
    assert user.practice is None


@pytest.mark.django_db
def test_email_is_unique_whatever_the_case():
    UserFactory(email="sam@example.org")
    with pytest.raises(IntegrityError):
        UserFactory(email="sam@example.org")
