"""Forms of the library, the program builder, the portal and the diaries."""

import datetime

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from clinic.filters import PERIOD_DAY_VALIDATORS, PeriodForm
from clinic.local_time import LocalDateTimeField
from clinic.widgets import DateInput, DateTimeInput
from programs.choices import ContraindicationTag, Difficulty, Leakage, ProgramSource, ReportDimension
from programs.models import BladderEntry, BowelEntry, Exercise, HomeProgram, ProgramItem, ProgramTemplate, TemplateItem
from programs.querysets import in_page_language
from programs.rules import dosage_errors, kind_label

DOSAGE_FIELDS = list(Exercise.DOSAGE_FIELDS)


def dosage_row():
    return Row(*[Column(name, css_class="col-6 col-md-4 col-xl-2") for name in DOSAGE_FIELDS])


class ExerciseForm(forms.ModelForm):
    contraindications = forms.MultipleChoiceField(
        label=_("Contraindication tags"),
        choices=ContraindicationTag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Exercise
        fields = [
            "kind",
            "title_nl",
            "title_en",
            "instructions_nl",
            "instructions_en",
            *DOSAGE_FIELDS,
            "contraindications",
            "picture",
            "alt_nl",
            "alt_en",
            "video",
        ]
        widgets = {
            "instructions_nl": forms.Textarea(attrs={"rows": 5}),
            "instructions_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "kind",
            Row(Column("title_nl", css_class="col-md-6"), Column("title_en", css_class="col-md-6")),
            Row(Column("instructions_nl", css_class="col-md-6"), Column("instructions_en", css_class="col-md-6")),
            dosage_row(),
            "contraindications",
            "picture",
            Row(Column("alt_nl", css_class="col-md-6"), Column("alt_en", css_class="col-md-6")),
            "video",
        )

    def clean(self):
        """Name the relax field when the dosage breaks the rule, before the database's check would refuse it."""
        cleaned = super().clean()
        kind, hold, relax = (cleaned.get(name) for name in ("kind", "hold_seconds", "relax_seconds"))
        if kind and hold is not None and relax is not None:
            for error in dosage_errors(kind=kind, hold_seconds=hold, relax_seconds=relax):
                self.add_error("relax_seconds", error)
        return cleaned


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ProgramTemplate
        fields = ["name", "condition", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ExerciseChoiceIterator(ModelChoiceIterator):
    """List the library as "title · kind" with one plain query of those columns.

    Django's iterator reads every column (the instructions too) into a model per exercise, through a
    server-side cursor that costs PostgreSQL three round trips.
    """

    def __iter__(self):
        for pk, kind, title in self.queryset.values_list("pk", "kind", in_page_language("title")):
            yield pk, f"{title} · {kind_label(kind)}"


class ExerciseChoiceField(forms.ModelMultipleChoiceField):
    """Exercises by title with their kind, so a therapist sees what each one trains."""

    iterator = ExerciseChoiceIterator

    # A choice is an exercise id; anything else is refused before it reaches the database
    # (SQLite overflows on integers beyond 64 bits instead of finding nothing).
    largest_id = 2**63 - 1

    def _check_values(self, value):
        for choice in value:
            text = str(choice)
            if not (text.isascii() and text.isdigit()) or int(text) > self.largest_id:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": choice}
                )
        return super()._check_values(value)


class AddExercisesForm(forms.Form):
    exercises = ExerciseChoiceField(label=_("Add exercises"), queryset=Exercise.objects.none())

    def __init__(self, *args, exercises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercises"].queryset = exercises
        self.fields["exercises"].widget.attrs["size"] = 10


class ItemForm(forms.ModelForm):
    """Dosage and note of one item; the dosage rule of its exercise is checked by the model."""

    # programs/_item_editor.html draws these inputs in one loop, each in its grid column.
    COLUMNS = {**dict.fromkeys(DOSAGE_FIELDS, "col-6 col-md-4 col-xl-2"), "note": "col-md-9"}

    def columns(self):
        """Return per input of the editor's row what the loop draws, as a dict (the template's quickest lookup)."""
        errors = self.errors
        return [
            {
                "field": self[name],
                "column": column,
                "id": self[name].id_for_label,
                "label": self.fields[name].label,
                "required": self.fields[name].required,
                "errors": errors.get(name),
            }
            for name, column in self.COLUMNS.items()
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DOSAGE_FIELDS:
            self.fields[name].help_text = ""
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": 0})


class BaseItemFormSet(BaseInlineFormSet):
    """Count the exercises in the page's words; Django's own message says "submit 1 form"."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "A program holds at most %(num)d exercise.", "A program holds at most %(num)d exercises.", "num"
        ),
    }


ITEM_FORMSET_OPTIONS = {
    "form": ItemForm,
    "formset": BaseItemFormSet,
    "fields": [*DOSAGE_FIELDS, "note"],
    "extra": 0,
    "can_delete": True,
}
ItemFormSet = inlineformset_factory(HomeProgram, ProgramItem, **ITEM_FORMSET_OPTIONS)
TemplateItemFormSet = inlineformset_factory(ProgramTemplate, TemplateItem, **ITEM_FORMSET_OPTIONS)


class ProgramDetailsForm(forms.ModelForm):
    class Meta:
        model = HomeProgram
        fields = ["title", "starts_on", "ends_on", "message"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "message": forms.Textarea(attrs={"rows": 2})}


PERFECT_FIELDS = ("power", "endurance_seconds", "repetitions", "fast_contractions")


class ProgramCreateForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Start"), choices=ProgramSource.choices, widget=forms.RadioSelect, initial=ProgramSource.TEMPLATE
    )
    template = forms.ModelChoiceField(label=_("Template"), queryset=ProgramTemplate.objects.none(), required=False)
    exercises = ExerciseChoiceField(label=_("Exercises"), queryset=Exercise.objects.none(), required=False)
    power = forms.IntegerField(label=_("P: power (Oxford 0–5)"), min_value=0, max_value=5, required=False)
    endurance_seconds = forms.IntegerField(label=_("E: endurance (s)"), min_value=0, max_value=60, required=False)
    repetitions = forms.IntegerField(label=_("R: repetitions"), min_value=0, max_value=30, required=False)
    fast_contractions = forms.IntegerField(label=_("F: fast contractions"), min_value=0, max_value=30, required=False)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput(), initial=timezone.localdate)
    ends_on = forms.DateField(label=_("End date"), widget=DateInput(), required=False)

    def __init__(self, *args, templates, exercises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["exercises"].queryset = exercises
        self.fields["exercises"].widget.attrs["size"] = 12
        self.fields["exercises"].help_text = _(
            "For PERFECT: the contraction exercises to dose; without a choice, slow holds and quick flicks lying down."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "source",
            Row(Column("template", css_class="col-md-6"), Column("exercises", css_class="col-md-6")),
            Row(*[Column(name, css_class="col-6 col-md-3") for name in PERFECT_FIELDS]),
            Row(
                Column("title", css_class="col-md-6"),
                Column("starts_on", css_class="col-6 col-md-3"),
                Column("ends_on", css_class="col-6 col-md-3"),
            ),
        )

    def perfect(self):
        return {name: self.cleaned_data[name] for name in PERFECT_FIELDS}

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source == ProgramSource.TEMPLATE and not cleaned.get("template"):
            self.add_error("template", _("Choose a template."))
        if source == ProgramSource.LIBRARY and not cleaned.get("exercises"):
            self.add_error("exercises", _("Choose at least one exercise."))
        if source == ProgramSource.PERFECT:
            for name in PERFECT_FIELDS:
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Fill in the finding."))
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned


class ExerciseDoneForm(forms.Form):
    submission = forms.UUIDField(widget=forms.HiddenInput)
    difficulty = forms.ChoiceField(
        label=_("How did it go? (optional)"),
        choices=Difficulty.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    pain = forms.IntegerField(
        label=_("Pain during the exercise, 0 none to 10 worst (optional)"),
        min_value=0,
        max_value=10,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class DiaryEntryForm(forms.ModelForm):
    """Quick entry on a phone: the time defaults to now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed = self.fields["recorded_at"]
        # Someone who got up at 02:30 on the night the clocks go back can write it down.
        self.fields["recorded_at"] = LocalDateTimeField(
            label=typed.label, help_text=typed.help_text, widget=DateTimeInput(), initial=_now_minute
        )
        for field in self.fields.values():
            if isinstance(field.widget, forms.NumberInput):
                field.widget.attrs["inputmode"] = "numeric"
        self.helper = FormHelper()
        self.helper.form_tag = False


class BladderEntryForm(DiaryEntryForm):
    class Meta:
        model = BladderEntry
        fields = [
            "recorded_at",
            "moment",
            "voided_ml",
            "fluid_ml",
            "fluid_kind",
            "leakage",
            "leak_cause",
            "urge",
            "pad_change",
        ]
        widgets = {
            "moment": forms.RadioSelect,
            "leakage": forms.RadioSelect,
            "urge": forms.RadioSelect(choices=[(n, str(n)) for n in range(5)]),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urge"].widget.choices = [("", _("–")), *[(n, str(n)) for n in range(5)]]
        self.helper.layout = Layout(
            Row(Column("recorded_at", css_class="col-md-6"), Column("moment", css_class="col-md-6")),
            Row(
                Column(Field("voided_ml", placeholder="ml"), css_class="col-6 col-md-4"),
                Column(Field("fluid_ml", placeholder="ml"), css_class="col-6 col-md-4"),
                Column("fluid_kind", css_class="col-12 col-md-4"),
            ),
            InlineRadios("urge"),
            InlineRadios("leakage"),
            # js/leak-cause.js shows the cause only once a leak is chosen.
            Row(
                Column("leak_cause", css_class="col-md-6 leak-cause"),
                Column("pad_change", css_class="col-md-6 pt-md-4"),
            ),
        )

    def clean(self):
        data = super().clean()
        if data.get("leakage") == Leakage.NONE:
            # A cause picked before the answer went back to "none" describes no leak.
            data["leak_cause"] = ""
        return data


class BowelEntryForm(DiaryEntryForm):
    class Meta:
        model = BowelEntry
        fields = ["recorded_at", "bristol", "straining", "soiling"]

    BRISTOL_CHOICES = [
        (1, _("1 – separate hard lumps")),
        (2, _("2 – lumpy sausage")),
        (3, _("3 – sausage with cracks")),
        (4, _("4 – smooth, soft sausage")),
        (5, _("5 – soft blobs with clear edges")),
        (6, _("6 – fluffy, mushy pieces")),
        (7, _("7 – watery, no solid pieces")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bristol"] = forms.TypedChoiceField(
            label=self.fields["bristol"].label,
            choices=self.BRISTOL_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
        )


def add_dosage_error(formset, error):
    """Show a dosage the rules refused next to the relax field of the item it belongs to."""
    for form in formset.forms:
        if form.instance is error.row:
            form.add_error("relax_seconds", error.error_dict["relax_seconds"])
            return
    formset._non_form_errors = formset.error_class(error.messages)


class QualityPeriodForm(PeriodForm):
    """The period of the quality report; a date that does not fit is a message beside it, never an error page."""

    start = forms.DateField(label=_("From"), widget=DateInput(), validators=PERIOD_DAY_VALIDATORS)
    end = forms.DateField(label=_("Until"), widget=DateInput(), validators=PERIOD_DAY_VALIDATORS)
    dimension = forms.ChoiceField(
        label=_("Columns per"),
        choices=ReportDimension.choices,
        required=False,
        initial=ReportDimension.PELVIC_FLOOR_CLASS,
    )

    @staticmethod
    def default_period(today):
        """Return the last twelve months up to today."""
        return today.replace(year=today.year - 1) + datetime.timedelta(days=1), today
