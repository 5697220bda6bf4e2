"""Forms for the red-flag screening, the intake with its births, and consent."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.forms import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from clinic.widgets import DateTimeInput
from patients.choices import PregnancyStatus
from patients.forms.widgets import date_widgets, yes_no_field
from patients.models import Birth, Consent, Intake, RedFlagScreening
from patients.models.screening import RED_FLAG_FIELDS, RED_FLAGS


class ScreeningForm(forms.ModelForm):
    class Meta:
        model = RedFlagScreening
        fields = [
            "screened_on",
            *RED_FLAG_FIELDS,
            "gp_contact_advised",
            "advice_notes",
            "decision",
            "gp_cleared_on",
            "notes",
        ]
        widgets = {
            **date_widgets("screened_on", "gp_cleared_on"),
            "advice_notes": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in RED_FLAGS:
            self.fields[name] = yes_no_field(question)
            if not self.instance.pk:
                # The model's default (no) would otherwise be preselected: every question is asked.
                self.initial[name] = None
        self.saved_red_flags_key = ",".join(name for name in RED_FLAG_FIELDS if getattr(self.instance, name))
        self.fields["decision"].help_text = _(
            "Needed when a red flag is answered yes. Without red flags, choose 'No red flags: continue'."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "screened_on",
            Fieldset(_("Red flags"), *[InlineRadios(name) for name in RED_FLAG_FIELDS], css_class="red-flag-questions"),
            Fieldset(
                _("When a red flag is found"),
                "gp_contact_advised",
                "advice_notes",
                "decision",
                "gp_cleared_on",
            ),
            "notes",
        )

    def red_flags_found(self):
        """Return the questions answered yes, for the summary the therapist confirms before saving."""
        return [question for name, question in RED_FLAGS if self.cleaned_data.get(name)]

    def red_flags_key(self):
        """Return a key of the answers yes, so a confirmation holds only for the flags it was shown."""
        return ",".join(name for name in RED_FLAG_FIELDS if self.cleaned_data.get(name))

    def needs_confirmation(self):
        """Say whether red flags are answered yes that were neither saved before nor confirmed on this page."""
        key = self.red_flags_key()
        return bool(key) and key not in (self.saved_red_flags_key, self.data.get("red_flags_confirmed"))


class IntakeForm(forms.ModelForm):
    uses_anticoagulants = yes_no_field(
        _("Uses anticoagulants"), help_text=_("Matters for dry needling and for pain medication.")
    )
    fear_of_needles = yes_no_field(
        _("Is afraid of needles"), help_text=_("Matters for dry needling; the needling referral starts from it.")
    )

    class Meta:
        model = Intake
        fields = [
            "taken_on",
            "area_urinary",
            "area_bowel",
            "area_pain",
            "area_sexual",
            "area_prolapse",
            "onset",
            "course",
            "provoking_factors",
            "easing_factors",
            "toilet_habits",
            "fluid_intake_ml",
            "sport",
            "work",
            "pregnancy_status",
            "pregnancy_weeks",
            "last_birth_on",
            "breastfeeding",
            "menopause_status",
            "pregnancies",
            "surgery_prostatectomy",
            "surgery_hysterectomy",
            "surgery_caesarean",
            "other_surgery",
            "medication",
            "uses_anticoagulants",
            "bleeding_disorder",
            "fear_of_needles",
            "stomach_problems",
            "kidney_problems",
            "heart_problems",
            "other_conditions",
            "psk_activity_1",
            "psk_score_1",
            "psk_activity_2",
            "psk_score_2",
            "psk_activity_3",
            "psk_score_3",
            "goals",
            "notes",
        ]
        widgets = {
            **date_widgets("taken_on", "last_birth_on"),
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in [
                    "onset",
                    "course",
                    "provoking_factors",
                    "easing_factors",
                    "toilet_habits",
                    "sport",
                    "work",
                    "other_surgery",
                    "medication",
                    "other_conditions",
                    "goals",
                    "notes",
                ]
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "taken_on",
            Fieldset(_("Complaint areas"), "area_urinary", "area_bowel", "area_pain", "area_sexual", "area_prolapse"),
            Fieldset(_("The complaint"), "onset", "course", "provoking_factors", "easing_factors"),
            Fieldset(_("Habits and daily life"), "toilet_habits", "fluid_intake_ml", "sport", "work"),
            Fieldset(
                _("Pregnancy, birth and menopause (where they apply)"),
                Div(
                    Div("pregnancy_status", css_class="col-md-6"),
                    Div("pregnancy_weeks", css_class="col-md-6", data_shown_when="pregnancy_status=pregnant"),
                    Div("last_birth_on", css_class="col-md-6"),
                    Div("pregnancies", css_class="col-md-6"),
                    css_class="row",
                ),
                "breastfeeding",
                "menopause_status",
            ),
            Fieldset(
                _("Surgery"), "surgery_prostatectomy", "surgery_hysterectomy", "surgery_caesarean", "other_surgery"
            ),
            Fieldset(
                _("Medication and conditions"),
                "medication",
                InlineRadios("uses_anticoagulants"),
                "bleeding_disorder",
                InlineRadios("fear_of_needles"),
                "stomach_problems",
                "kidney_problems",
                "heart_problems",
                "other_conditions",
            ),
            Fieldset(
                _("Goals: patient-specific complaints (PSK)"),
                *[
                    Div(
                        Div(f"psk_activity_{number}", css_class="col-8 col-md-9"),
                        Div(f"psk_score_{number}", css_class="col-4 col-md-3"),
                        css_class="row",
                    )
                    for number in (1, 2, 3)
                ],
                "goals",
            ),
            "notes",
        )
        for number in (1, 2, 3):
            self.fields[f"psk_score_{number}"].widget.attrs.update(min=0, max=10)

    def clean(self):
        data = super().clean()
        # The weeks are hidden once another answer than "pregnant" is chosen: a number left in them is not an answer.
        if data.get("pregnancy_status") != PregnancyStatus.PREGNANT:
            data["pregnancy_weeks"] = None
        for number in (1, 2, 3):
            if data.get(f"psk_score_{number}") is not None and not data.get(f"psk_activity_{number}"):
                self.add_error(f"psk_activity_{number}", _("Name the activity this score belongs to."))
        return data


# A tuple: the inline formset appends its foreign key to a list of fields in place.
BIRTH_FIELDS = ("year", "mode", "perineal_trauma", "notes")


class BirthForm(forms.ModelForm):
    class Meta:
        model = Birth
        fields = BIRTH_FIELDS


class BaseBirthFormSet(BaseInlineFormSet):
    """Count the births in the page's words; Django's own message says "submit 1 form"."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy("Record at most %(num)d birth.", "Record at most %(num)d births.", "num"),
    }


BirthFormSet = forms.inlineformset_factory(
    Intake, Birth, form=BirthForm, formset=BaseBirthFormSet, extra=1, max_num=15, can_delete=True
)


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "given_by", "given_at", "notes"]
        widgets = {"given_at": DateTimeInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def clean_given_at(self):
        given_at = self.cleaned_data["given_at"]
        if given_at > timezone.now():
            raise forms.ValidationError(_("Consent cannot be recorded for a moment in the future."))
        return given_at
