"""Form fields shared by the practice's pages."""

import pytest

from clinic.forms import StaffChoiceField
from clinic.models import User

pytestmark = pytest.mark.django_db


def test_staff_choices_are_read_once_with_a_plain_query(practice, practice_admin, therapist, django_assert_num_queries):
    field = StaffChoiceField(queryset=User.objects.filter(practice=practice).staff(), empty_label="All")

    with django_assert_num_queries(1) as captured:
        choices = [(str(value), label) for value, label in field.choices]
        assert [(str(value), label) for value, label in field.choices] == choices

    assert choices[0] == ("", "All")
    assert set(choices[1:]) == {(str(account.pk), str(account)) for account in (practice_admin, therapist)}
    assert not captured.captured_queries[0]["sql"].startswith("DECLARE")  # no server-side cursor on PostgreSQL
