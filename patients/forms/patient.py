"""Forms for patients and care episodes, and the patient list's search."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.forms import StaffChoiceField
from clinic.models import User
from patients.choices import EpisodeStatus
from patients.forms.widgets import date_widgets
from patients.models import CareEpisode, Patient


def therapists_of(practice):
    return User.objects.filter(practice=practice, role=Role.THERAPIST, is_active=True).order_by("last_name")


class PatientForm(forms.ModelForm):
    class Meta:
        model = Patient
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "sex",
            "phone",
            "email",
            "address",
            "bsn",
            "gp_name",
            "gp_practice",
            "referral_type",
            "referrer_name",
            "referral_date",
            "responsible_therapist",
        ]
        widgets = {**date_widgets("date_of_birth", "referral_date"), "address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_therapist"].queryset = therapists_of(practice)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Person"),
                Div(Div("first_name", css_class="col-md-6"), Div("last_name", css_class="col-md-6"), css_class="row"),
                Div(Div("date_of_birth", css_class="col-md-6"), Div("sex", css_class="col-md-6"), css_class="row"),
                "bsn",
            ),
            Fieldset(
                _("Contact"),
                Div(Div("phone", css_class="col-md-6"), Div("email", css_class="col-md-6"), css_class="row"),
                "address",
            ),
            Fieldset(
                _("GP and referral"),
                Div(Div("gp_name", css_class="col-md-6"), Div("gp_practice", css_class="col-md-6"), css_class="row"),
                "referral_type",
                Div(
                    Div("referrer_name", css_class="col-md-6"),
                    Div("referral_date", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            "responsible_therapist",
        )


class EpisodeForm(forms.ModelForm):
    class Meta:
        model = CareEpisode
        fields = ["main_complaint", "started_on", "therapist"]
        widgets = date_widgets("started_on")

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = therapists_of(practice)


class EpisodeUpdateForm(EpisodeForm):
    class Meta(EpisodeForm.Meta):
        fields = ["main_complaint", "started_on", "therapist", "status", "discharged_on"]
        widgets = date_widgets("started_on", "discharged_on")


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, date of birth (dd-mm-yyyy) or BSN."),
    )
    therapist = StaffChoiceField(
        label=_("Therapist"), required=False, queryset=User.objects.none(), empty_label=_("All therapists")
    )
    status = forms.ChoiceField(
        label=_("Episode status"), required=False, choices=[("", _("Any")), *EpisodeStatus.choices]
    )
    archived = forms.BooleanField(label=_("Show archived patients"), required=False)

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = therapists_of(practice)

    def filter(self, queryset):
        """Return the patients that match the valid search fields."""
        if not self.is_valid():
            return queryset.active()
        data = self.cleaned_data
        if not data["archived"]:
            queryset = queryset.active()
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["therapist"]:
            queryset = queryset.filter(responsible_therapist=data["therapist"])
        if data["status"]:
            queryset = queryset.filter(episodes__status=data["status"]).distinct()
        return queryset

    def is_search(self):
        return self.is_valid() and any(self.cleaned_data.values())
