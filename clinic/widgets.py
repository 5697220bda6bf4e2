"""Date and time inputs in the one format the browser's own pickers take (ISO), whatever the page's language.

A localized value such as 02-12-2026 in an <input type="date"> is thrown away by the browser, and the
form then says the field is required; dates shown as text stay Dutch.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATETIME_LOCAL)
