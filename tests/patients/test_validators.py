import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from patients.validators import validate_birth_date, validate_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782"])
def test_valid_bsn_passes_the_eleven_test(bsn):
    validate_bsn(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "1234567890", "12345678a", ""])
def test_invalid_bsn_is_refused(bsn):
    with pytest.raises(ValidationError):
        validate_bsn(bsn)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (datetime.date(1899, 12, 31), False),
        (datetime.date(1900, 1, 1), True),
        (timezone.localdate(), True),
        (timezone.localdate() + datetime.timedelta(days=1), False),
    ],
)
def test_birth_date_must_lie_between_1900_and_today(value, valid):
    if valid:
        validate_birth_date(value)
    else:
        with pytest.raises(ValidationError):
            validate_birth_date(value)
