"""Shared fixtures. To log a test client in, use `tests.auth.login(client, user)` (both login steps)."""

import pytest

from tests.factories import PatientUserFactory, PracticeAdminFactory, PracticeFactory, TherapistFactory


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Hash passwords quickly and serve static files without a collectstatic manifest."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def practice(db):
    return PracticeFactory(name="Praktijk Noord")


@pytest.fixture
def other_practice(db):
    return PracticeFactory(name="Praktijk Zuid")


@pytest.fixture
def practice_admin(practice):
    return PracticeAdminFactory(practice=practice, email="admin@noord.test")


@pytest.fixture
def therapist(practice):
    return TherapistFactory(practice=practice, email="therapist@noord.test")


@pytest.fixture
def patient_user(practice):
    return PatientUserFactory(practice=practice, email="patient@noord.test")


@pytest.fixture
def other_admin(other_practice):
    return PracticeAdminFactory(practice=other_practice, email="admin@zuid.test")


@pytest.fixture
def other_therapist(other_practice):
    return TherapistFactory(practice=other_practice, email="therapist@zuid.test")
