"""The therapist's forms for sending a questionnaire and setting up a schedule, and the patient's form for one
question."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patients.forms.widgets import date_widgets
from patients.models import QuestionnaireAssignment, QuestionnaireSchedule, QuestionnaireVersion

# The due date a new questionnaire gets: before a visit a week from now.
DEFAULT_DUE_DAYS = 7


class QuestionnaireSendForm(forms.ModelForm):
    class Meta:
        model = QuestionnaireAssignment
        fields = ["version", "due_on"]
        widgets = date_widgets("due_on")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _current_versions(self.fields["version"], user)
        self.fields["due_on"].initial = timezone.localdate() + datetime.timedelta(days=DEFAULT_DUE_DAYS)


def _current_versions(field, user):
    versions = QuestionnaireVersion.objects.for_user(user).current().select_related("questionnaire")
    field.queryset = versions.order_by("questionnaire__code")
    field.label_from_instance = lambda version: version.title


class QuestionnaireScheduleForm(forms.ModelForm):
    """Any combination of moments; a date of the first repeat counts only with a number of weeks."""

    class Meta:
        model = QuestionnaireSchedule
        fields = [
            "version",
            "at_intake",
            "every_weeks",
            "weeks_from",
            "evaluation_days",
            "at_discharge",
            "due_days",
            "discharge_due_days",
        ]
        widgets = date_widgets("weeks_from")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _current_versions(self.fields["version"], user)
        self.fields["weeks_from"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("every_weeks"):
            cleaned["weeks_from"] = None
        elif "weeks_from" in cleaned and cleaned["weeks_from"] is None:
            self.add_error("weeks_from", _("Give the date of the first repeat."))
        return cleaned


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
