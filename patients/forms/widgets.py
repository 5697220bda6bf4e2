"""Input widgets and fields shared by the record's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


YES_NO = [(True, _("Yes")), (False, _("No"))]


def yes_no_field(label, help_text=""):
    """Return a required yes/no question answered with two radio buttons (no silent default)."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )


def date_widgets(*names):
    return dict.fromkeys(names, DateInput())
