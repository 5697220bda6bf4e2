"""Referral forms of the plan: to a doctor or colleague, and for dry needling."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.models import User
from clinic.widgets import DateInput
from patients.forms.widgets import OptionalYesNoField, justification_field
from patients.models import NeedlingReferral, Referral
from patients.models.referrals import NEEDLING_QUESTIONS
from patients.services.referrals import NEEDLING_FIELDS, REFERRAL_FIELDS

AFTERCARE_TEXT = _(
    "After dry needling the treated muscles may feel sore or bruised for up to 48 hours; that is normal. "
    "Keep moving gently, use heat if it helps and keep doing your exercises: needling works together "
    "with exercise therapy. Contact us if the soreness lasts longer or gets worse."
)


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = REFERRAL_FIELDS
        widgets = {"referred_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 4})}


class NeedlingReferralForm(forms.ModelForm):
    """The referral with its contraindication check; the answers may wait until it is sent."""

    uses_anticoagulants = OptionalYesNoField(label=_("Does the patient use anticoagulants?"))
    bleeding_disorder = OptionalYesNoField(label=_("Does the patient have a bleeding disorder?"))
    pregnant = OptionalYesNoField(label=_("Is the patient pregnant?"))
    fear_of_needles = OptionalYesNoField(label=_("Is the patient afraid of needles?"))
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
