"""Forms for what the plan records: biofeedback sessions, referrals, dry-needling referrals and GP letters."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.models import User
from patients.choices import BiofeedbackModality, LetterKind
from patients.forms.plan_widgets import DateInput, YesNoField, justification_field
from patients.models import BiofeedbackSession, GPLetter, NeedlingReferral, Referral
from patients.models.referrals import NEEDLING_QUESTIONS
from patients.services.biofeedback import SESSION_FIELDS
from patients.services.referrals import NEEDLING_FIELDS, REFERRAL_FIELDS

AFTERCARE_TEXT = _(
    "After dry needling the treated muscles may feel sore or bruised for up to 48 hours; that is normal. "
    "Keep moving gently, use heat if it helps and keep doing your exercises: needling works together "
    "with exercise therapy. Contact us if the soreness lasts longer or gets worse."
)


class BiofeedbackSessionForm(forms.ModelForm):
    class Meta:
        model = BiofeedbackSession
        fields = SESSION_FIELDS
        widgets = {"session_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        pressure = data.get("modality") == BiofeedbackModality.PRESSURE_PROBE
        needed = ("resting_pressure_mmhg", "peak_pressure_mmhg") if pressure else ("resting_tone_uv", "peak_uv")
        not_used = ("resting_tone_uv", "peak_uv") if pressure else ("resting_pressure_mmhg", "peak_pressure_mmhg")
        for name in needed:
            if name not in self.errors and data.get(name) is None:
                self.add_error(name, _("Needed for this modality."))
        for name in not_used:
            if data.get(name) is not None:
                self.add_error(name, _("Not measured with this modality: leave it empty."))
        for rest, peak in (("resting_tone_uv", "peak_uv"), ("resting_pressure_mmhg", "peak_pressure_mmhg")):
            if data.get(rest) is not None and data.get(peak) is not None and data[peak] < data[rest]:
                self.add_error(peak, _("The peak cannot be lower than the resting value."))
        return data

    def validate_constraints(self, exclude=None):
        """Leave the consent and reading rules to the service and clean(), which name the field at fault."""


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = REFERRAL_FIELDS
        widgets = {"referred_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 4})}


class NeedlingReferralForm(forms.ModelForm):
    """The referral with its contraindication check; the answers may wait until it is sent."""

    uses_anticoagulants = YesNoField(label=_("Does the patient use anticoagulants?"))
    bleeding_disorder = YesNoField(label=_("Does the patient have a bleeding disorder?"))
    pregnant = YesNoField(label=_("Is the patient pregnant?"))
    fear_of_needles = YesNoField(label=_("Is the patient afraid of needles?"))
    justification = justification_field()

    class Meta:
        model = NeedlingReferral
        fields = NEEDLING_FIELDS
        widgets = {"target_muscles": forms.Textarea(attrs={"rows": 2}), "aftercare": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "qualified_therapist",
            "external_colleague",
            "target_muscles",
            Fieldset(_("Contraindications"), *[InlineRadios(name) for name in NEEDLING_QUESTIONS]),
            "consent_given",
            "consent_given_by",
            "aftercare",
            "justification",
        )
        self.fields["qualified_therapist"].queryset = User.objects.filter(
            practice=practice, role=Role.THERAPIST, is_needling_qualified=True, is_active=True
        )
        if not self.instance.pk:
            self.fields["aftercare"].initial = AFTERCARE_TEXT

    def clean(self):
        data = super().clean()
        therapist, colleague = data.get("qualified_therapist"), data.get("external_colleague")
        if bool(therapist) == bool(colleague):
            self.add_error(
                "external_colleague", _("Refer either to a needling therapist of the practice or to a colleague.")
            )
        return data

    def validate_constraints(self, exclude=None):
        """Leave the sending rules to the service, which names each unanswered question."""

    question_names = NEEDLING_QUESTIONS


class LetterCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of letter"), choices=LetterKind.choices, widget=forms.RadioSelect)


class LetterForm(forms.ModelForm):
    class Meta:
        model = GPLetter
        fields = ["recipient", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
