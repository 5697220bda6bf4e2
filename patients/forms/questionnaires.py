"""The therapist's form for sending a questionnaire, and the patient's form for one question."""

import datetime

from django import forms
from django.utils import timezone

from patients.forms.widgets import date_widgets
from patients.models import QuestionnaireAssignment, QuestionnaireVersion

# The due date a new questionnaire gets: before a visit a week from now.
DEFAULT_DUE_DAYS = 7


class QuestionnaireSendForm(forms.ModelForm):
    class Meta:
        model = QuestionnaireAssignment
        fields = ["version", "due_on"]
        widgets = date_widgets("due_on")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        versions = QuestionnaireVersion.objects.for_user(user).current().select_related("questionnaire")
        self.fields["version"].queryset = versions.order_by("questionnaire__code")
        self.fields["version"].label_from_instance = lambda version: version.title
        self.fields["due_on"].initial = timezone.localdate() + datetime.timedelta(days=DEFAULT_DUE_DAYS)


class QuestionAnswerForm(forms.Form):
    """One question as large choices; an optional question may be skipped."""

    option = forms.TypedChoiceField(
        label="", coerce=int, widget=forms.RadioSelect(attrs={"class": "btn-check"}), required=False
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["option"].choices = [(option.pk, option.label) for option in item.options.all()]
        self.fields["option"].label = item.text
        self.fields["option"].required = item.required

    def clean_option(self):
        chosen = self.cleaned_data["option"]
        if chosen in (None, ""):
            return None
        return next(option for option in self.item.options.all() if option.pk == chosen)
