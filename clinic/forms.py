"""Forms for logging in and for managing a practice's accounts."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from clinic.models import Role, User


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
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "role", "is_needling_qualified"]


class InvitationAwarePasswordResetForm(PasswordResetForm):
    """Also send reset links to invited users who have not chosen a password yet."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)
