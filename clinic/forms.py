"""Forms for logging in (with its second step) and for managing a practice's accounts."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.models import Practice, User
from clinic.permissions import ROLE_CROSSING_REFUSED, role_change_allowed
from clinic.services import PRACTICE_CONTACT_FIELDS


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
        fields = ["first_name", "last_name", "role", "is_needling_qualified", "registration_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if role_change_allowed(self.instance.role, value)
        ]
        if self.instance.role == Role.PATIENT:
            del self.fields["registration_number"]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = PRACTICE_CONTACT_FIELDS


class LoginForm(AuthenticationForm):
    """The password step, which tells a deactivated account to call the practice once its password is right.

    Whoever does not know the password learns nothing: a wrong password gets the usual message, whether
    the account exists, is active or not.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": _("This account has been deactivated. Please contact your practice."),
    }

    def get_invalid_login_error(self):
        account = User.objects.filter(email__iexact=(self.cleaned_data.get("username") or "").strip()).first()
        if account is not None and not account.is_active and account.check_password(self.cleaned_data.get("password")):
            return forms.ValidationError(self.error_messages["inactive"], code="inactive")
        return super().get_invalid_login_error()


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
