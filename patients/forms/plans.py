"""Forms of the treatment plan: the plan with its goals, activation and closing."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from clinic.widgets import DateInput
from patients.forms.widgets import justification_field
from patients.models import PlanGoal, TreatmentPlan
from patients.rules import plans as rules
from patients.services.plans import GOAL_FIELDS, PLAN_FIELDS

PLAN_START_WINDOW_DAYS = 366


class PlanForm(forms.ModelForm):
    """The plan itself; the review date defaults to six weeks after the start."""

    reason = forms.CharField(
        label=_("Reason for this revision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("It is kept in the plan's history."),
    )
    justification = justification_field()

    class Meta:
        model = TreatmentPlan
        fields = PLAN_FIELDS
        widgets = {
            "started_on": DateInput(),
            "review_on": DateInput(),
            "analysis": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, revising=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_on"].required = False
        if revising:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
        if self.instance.pk is None:
            del self.fields["justification"]

    def clean_started_on(self):
        started_on = self.cleaned_data["started_on"]
        if started_on and abs((started_on - timezone.localdate()).days) > PLAN_START_WINDOW_DAYS:
            raise forms.ValidationError(_("A plan starts within a year of today."))
        return started_on

    def clean(self):
        data = super().clean()
        started_on = data.get("started_on")
        if started_on and not data.get("review_on"):
            data["review_on"] = rules.default_review_date(started_on)
        if started_on and data.get("review_on") and data["review_on"] < started_on:
            self.add_error("review_on", _("The review date cannot be before the start date."))
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = GOAL_FIELDS
        widgets = {"review_on": DateInput()}
        help_texts = {"review_on": _("Leave empty to use the plan's review date.")}
        # "Goal" alone would repeat the card's heading "Goal 1" right above it.
        labels = {"description": _("What the patient wants to achieve")}
        error_messages = {"measure": {"required": _("Say how the goal is measured.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_on"].required = False
        if self.instance.pk is None:
            self.fields["achieved"].widget = forms.HiddenInput()


class BaseGoalFormSet(BaseInlineFormSet):
    """Count the goals in the page's words; Django's own message says "submit 1 form"."""

    default_error_messages = {
        "too_few_forms": ngettext_lazy("Add at least one goal.", "Add at least %(num)d goals.", "num"),
        "too_many_forms": ngettext_lazy("Add at most %(num)d goal.", "Add at most %(num)d goals.", "num"),
    }


GoalFormSet = inlineformset_factory(
    TreatmentPlan,
    PlanGoal,
    form=GoalForm,
    formset=BaseGoalFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    min_num=1,
    validate_min=True,
)


def goals_from_formset(formset):
    """Return the goals as the service takes them: new, changed or marked for removal."""
    goals = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        data = form.cleaned_data
        goals.append(
            {
                "instance": form.instance if form.instance.pk else None,
                "delete": data.get("DELETE", False),
                **{name: data.get(name) for name in GOAL_FIELDS},
            }
        )
    return goals


class PlanActivateForm(forms.Form):
    justification = justification_field()


class PlanCloseForm(forms.Form):
    closing_summary = forms.CharField(
        label=_("Outcome at closing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was reached, compared with the goals; it goes into the discharge report."),
    )
