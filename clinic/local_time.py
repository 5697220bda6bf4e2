"""Local time the way people live it, across the nights the clocks change.

On the autumn night a time between 02:00 and 03:00 occurs twice: it is taken the first time (summer
time), as someone writing down "02:30" most likely means, and the saved form says so. On the spring
night such a time does not exist: it is refused with a plain sentence that offers the first valid
time after the gap, instead of Django's technical time-zone message.
"""

import datetime

from django import forms
from django.forms.fields import BaseTemporalField
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

# Days a person could mean, whose bounds exist in every time zone: a wall-clock time near year 1 or
# 9999 has no UTC moment, so it is refused with a sentence instead of failing on the conversion.
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 30)
EARLY_MESSAGE = _("Choose a date from the year 1900 on.")
LATE_MESSAGE = _("Choose a date before the year 3000.")


def nonexistent(naive: datetime.datetime, zone) -> bool:
    """Return whether the wall-clock time never occurs in `zone` (skipped when the clocks go forward)."""
    moment = naive.replace(tzinfo=zone)
    return moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive


def first_valid_after_gap(naive: datetime.datetime, zone) -> datetime.datetime:
    """Return the first wall-clock time after the gap `naive` falls in (the gaps of Dutch time are whole hours)."""
    shifted = naive.replace(tzinfo=zone).astimezone(datetime.UTC).astimezone(zone)
    return shifted.replace(minute=0, second=0, microsecond=0)


def occurs_twice(naive: datetime.datetime, zone) -> bool:
    """Return whether the wall-clock time occurs twice in `zone` (repeated when the clocks go back)."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset() and not nonexistent(naive, zone)


def occurs_twice_notices(form) -> list[str]:
    """Return a sentence for every local time in the valid `form` that occurs twice, saying which one was taken."""
    zone = timezone.get_current_timezone()
    notices = []
    for name, field in form.fields.items():
        moment = form.cleaned_data.get(name) if isinstance(field, LocalDateTimeField) else None
        naive = timezone.localtime(moment, zone).replace(tzinfo=None) if moment else None
        if naive and occurs_twice(naive, zone):
            notices.append(
                _(
                    "%(time)s occurs twice on %(date)s: the clocks go back an hour that night. "
                    "It was saved as the first %(time)s, before the clocks went back (summer time)."
                )
                % {"time": naive.strftime("%H:%M"), "date": formats.date_format(naive.date(), "j F Y")}
            )
    return notices


def aware_local(naive: datetime.datetime, zone) -> datetime.datetime:
    """Return the aware moment of a wall-clock time; a time that occurs twice is taken the first time."""
    return naive.replace(tzinfo=zone, fold=0)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed as the clock on the wall showed it, valid across the clock changes."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value if timezone.is_aware(value) else aware_local(value, timezone.get_current_timezone())
        try:
            naive = parse_datetime(str(value).strip())
        except ValueError:
            naive = None
        naive = naive or BaseTemporalField.to_python(self, value)  # ISO first, then the input formats, as Django does
        if naive.date() < FIRST_DAY:
            raise forms.ValidationError(EARLY_MESSAGE, code="too_early")
        if naive.date() > LAST_DAY:
            raise forms.ValidationError(LATE_MESSAGE, code="too_late")
        zone = timezone.get_current_timezone()
        if nonexistent(naive, zone):
            raise forms.ValidationError(
                _(
                    "%(time)s does not exist on %(date)s: the clocks go forward an hour that night. "
                    "The nearest valid time is %(nearest)s."
                ),
                code="nonexistent_time",
                params={
                    "time": naive.strftime("%H:%M"),
                    "date": formats.date_format(naive.date(), "j F Y"),
                    "nearest": first_valid_after_gap(naive, zone).strftime("%H:%M"),
                },
            )
        return aware_local(naive, zone)
