"""Scoping and searching accounts."""

import pytest

from clinic.choices import Role
from clinic.models import User
from clinic.querysets import many_ids
from tests.factories import UserFactory
from tests.query_plans import estimated_rows, plan_of

pytestmark = pytest.mark.django_db


def test_staff_are_the_accounts_that_are_not_patients(practice, practice_admin, therapist, patient_user):
    root = UserFactory(practice=practice, is_superuser=True, role="", email="root@noord.test")
    assert set(User.objects.filter(practice=practice).staff()) == {practice_admin, therapist, root}


def test_the_planner_knows_how_many_accounts_a_search_matches(practice):
    """Guessing a handful, PostgreSQL would read and sort every match for each page of a search."""
    UserFactory.create_batch(30, practice=practice, role=Role.PATIENT, last_name="Jansen")
    UserFactory.create_batch(30, practice=practice, role=Role.PATIENT, last_name="Smit")

    assert estimated_rows(User.objects.search("jansen")) >= 20


@pytest.mark.parametrize("others", [3, 2000])
def test_a_filter_on_many_ids_finds_the_same_rows_as_on_a_few(practice, others):
    """A refresh of every episode filters on thousands of ids; the array form must match exactly what `IN` did."""
    wanted = UserFactory.create_batch(3, practice=practice, role=Role.PATIENT)
    UserFactory.create_batch(2, practice=practice, role=Role.PATIENT)
    missing = range(10**7, 10**7 + others)
    ids = [user.pk for user in wanted] + list(missing)

    assert set(User.objects.filter(pk__in=many_ids(ids))) == set(wanted)
    assert User.objects.filter(pk__in=many_ids(iter(ids))).count() == 3


def test_a_name_search_can_be_served_by_the_name_index_as_django_writes_it(practice):
    """The index holds the expression `icontains` compares, UPPER(column::text): any other would never serve it.

    Whether PostgreSQL takes it depends on how many accounts match (a common name is read faster in list order);
    here nothing else could serve the search.
    """
    User.objects.bulk_create(UserFactory.build_batch(300, practice=practice))
    UserFactory(practice=practice, last_name="Kowalczyk")

    assert "account_search_trgm_idx" in plan_of(User.objects.search("kowalc"))
