"""Forms for logging in (with its second step) and for managing a practice's accounts."""

import datetime

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.choices import AccessAction, Role
from clinic.models import User
from clinic.permissions import ROLE_CROSSING_REFUSED, role_change_allowed


class ListedChoiceIterator(ModelChoiceIterator):
    """Read the choices with one plain query instead of Django's QuerySet.iterator().

    On PostgreSQL iterator() opens a server-side cursor: declare, fetch and close, three round trips
    (0.7 ms of a list page) for the twenty-odd accounts a filter offers.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class StaffChoiceField(forms.ModelChoiceField):
    """A choice of one of a practice's staff accounts: a few dozen at most, so read in one go."""

    iterator = ListedChoiceIterator


class AccountSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Active")), ("inactive", _("Deactivated"))],
    )

    def filter(self, queryset):
        """Return the queryset narrowed by the valid search fields."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["role"]:
            queryset = queryset.filter(role=data["role"])
        if data["status"]:
            queryset = queryset.filter(is_active=data["status"] == "active")
        return queryset


class AccountCreateForm(forms.ModelForm):
    """A new therapist or patient account; the user chooses a password through an e-mailed link."""

    role = forms.ChoiceField(
        label=_("Role"), choices=[(Role.THERAPIST, Role.THERAPIST.label), (Role.PATIENT, Role.PATIENT.label)]
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email


class AccountUpdateForm(forms.ModelForm):
    """An account's name and role; only the roles it may move to are offered (a patient stays a patient)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, help_text=ROLE_CROSSING_REFUSED)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "role", "is_needling_qualified"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if role_change_allowed(self.instance.role, value)
        ]


class InvitationAwarePasswordResetForm(PasswordResetForm):
    """Also send reset links to invited users who have not chosen a password yet."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)


class CodeForm(forms.Form):
    """A one-time code: from an authenticator app, an e-mail, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AccessPeriodForm(forms.Form):
    """A period of whole local days to filter access-log entries on."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return data

    def filter(self, queryset):
        """Return the entries within the period, or all of them while the period is not valid."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["start"]:
            queryset = queryset.filter(occurred_at__gte=_start_of(data["start"]))
        if data["end"]:
            queryset = queryset.filter(occurred_at__lt=_start_of(data["end"] + datetime.timedelta(days=1)))
        return queryset


class AccessLogFilterForm(AccessPeriodForm):
    patient = forms.CharField(label=_("Patient"), required=False, max_length=100)
    user = StaffChoiceField(label=_("User"), required=False, queryset=User.objects.none(), empty_label=_("All users"))
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AccessAction.choices]
    )
    field_order = ["patient", "user", "action", "start", "end"]

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(practice=practice).staff()

    def filter(self, queryset):
        """Return the entries matching the valid filters; the period's days are whole local days."""
        queryset = super().filter(queryset)
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["patient"]:
            queryset = queryset.filter(patient_label__icontains=data["patient"])
        if data["user"]:
            queryset = queryset.filter(user=data["user"])
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        return queryset


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
