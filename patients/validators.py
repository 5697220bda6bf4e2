"""Field validators for the clinical record."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_bsn(value):
    """Accept a Dutch citizen service number (BSN) only when it passes the eleven-test."""
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(_("A BSN has exactly nine digits."), code="bsn_format")
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    if sum(int(digit) * weight for digit, weight in zip(value, weights, strict=True)) % 11:
        raise ValidationError(_("This is not a valid BSN: it fails the eleven-test."), code="bsn_checksum")


def validate_birth_date(value):
    """Refuse dates of birth in the future or before 1900."""
    if value > timezone.localdate():
        raise ValidationError(_("The date of birth cannot be in the future."), code="birth_date_future")
    if value < datetime.date(1900, 1, 1):
        raise ValidationError(_("The date of birth cannot be before 1900."), code="birth_date_too_early")
