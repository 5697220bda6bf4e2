"""Forms for patients and care episodes, and the patient list's search."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.models import User
from patients.forms.widgets import date_widgets
from patients.models import CareEpisode, Patient


def therapists_of(practice):
    return User.objects.filter(practice=practice, role=Role.THERAPIST, is_active=True).order_by("sort_name", "pk")


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
            "gp_address",
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
                "gp_address",
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
