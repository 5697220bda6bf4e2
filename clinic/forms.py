"""Forms for logging in (with its second step) and for managing a practice's accounts."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.models import User
from clinic.permissions import ROLE_CROSSING_REFUSED, role_change_allowed


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
