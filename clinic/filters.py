"""The filters of the practice's lists (django-filter), composed with the lists' for_user scope.

A filter set narrows a queryset the view has already scoped; it never widens it. Each query
parameter is a form field, so a value that does not fit (a date out of range, 5,000 characters,
an unknown choice) is an error message on the page and leaves that filter unused.
"""

import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.choices import AccessAction, Role
from clinic.local_time import EARLY_MESSAGE, FIRST_DAY, LAST_DAY, LATE_MESSAGE
from clinic.models import User
from clinic.widgets import DateInput

TEXT_LENGTH = 100


PERIOD_DAY_VALIDATORS = [
    MinValueValidator(FIRST_DAY, message=EARLY_MESSAGE),
    MaxValueValidator(LAST_DAY, message=LATE_MESSAGE),
]


def day_filter(label, method):
    """A date of a period, within the days that can be searched."""
    return django_filters.DateFilter(label=label, method=method, widget=DateInput(), validators=PERIOD_DAY_VALIDATORS)


def text_filter(label, method, **kwargs):
    """Free text, of a length a search needs (longer is refused with a message, not sent to the database)."""
    return django_filters.CharFilter(label=label, method=method, max_length=TEXT_LENGTH, **kwargs)


def start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PeriodForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period cannot be before its start."))
            del data["start"]  # half a period would show what was not asked for
        return data


class PeriodFilter(django_filters.FilterSet):
    """Access-log entries within a period of whole local days (the patient's own page and the practice's)."""

    start = day_filter(_("From"), "filter_start")
    end = day_filter(_("Until"), "filter_end")

    class Meta:
        form = PeriodForm

    def filter_start(self, queryset, name, day):
        return queryset.filter(occurred_at__gte=start_of(day))

    def filter_end(self, queryset, name, day):
        return queryset.filter(occurred_at__lt=start_of(day + datetime.timedelta(days=1)))


class AccessLogFilter(PeriodFilter):
    patient = text_filter(_("Patient"), "filter_patient")
    user = django_filters.ModelChoiceFilter(label=_("User"), queryset=User.objects.none(), empty_label=_("All users"))
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AccessAction.choices, empty_label=_("All actions"))

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["user"].queryset = User.objects.filter(practice=practice).staff()

    def filter_patient(self, queryset, name, text):
        return queryset.filter(patient_label__icontains=text)


class AccountFilter(django_filters.FilterSet):
    q = text_filter(_("Search"), "filter_words")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All roles"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Active")), ("inactive", _("Deactivated"))],
        empty_label=_("All"),
        method="filter_status",
    )

    def filter_words(self, queryset, name, text):
        return queryset.search(text)

    def filter_status(self, queryset, name, status):
        return queryset.filter(is_active=status == "active")
