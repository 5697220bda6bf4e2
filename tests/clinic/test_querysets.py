"""Scoping and searching accounts."""

import pytest

from clinic.choices import Role
from clinic.models import User
from tests.factories import UserFactory
from tests.query_plans import estimated_rows

pytestmark = pytest.mark.django_db


def test_staff_are_the_accounts_that_are_not_patients(practice, practice_admin, therapist, patient_user):
    root = UserFactory(practice=practice, is_superuser=True, role="", email="root@noord.test")
    assert set(User.objects.filter(practice=practice).staff()) == {practice_admin, therapist, root}


def test_the_planner_knows_how_many_accounts_a_search_matches(practice):
    """Guessing a handful, PostgreSQL would read and sort every match for each page of a search."""
    UserFactory.create_batch(30, practice=practice, role=Role.PATIENT, last_name="Jansen")
    UserFactory.create_batch(30, practice=practice, role=Role.PATIENT, last_name="Smit")

    assert estimated_rows(User.objects.search("jansen")) >= 20
