"""Forms for the assessment and the ICS classification."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from patients.choices import PelvicFloorClass
from patients.forms.widgets import date_widgets
from patients.models import Assessment, Classification

TEXT_FIELDS = [
    "posture",
    "breathing_pattern",
    "pressure_management",
    "hip_mobility",
    "low_back_mobility",
    "scars",
    "trigger_points",
    "ultrasound",
    "surface_emg",
    "uroflowmetry",
    "notes",
]


def _row(*names):
    return Div(*[Div(name, css_class="col-sm-6 col-lg-3") for name in names], css_class="row")


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "assessed_on",
            "posture",
            "breathing_pattern",
            "pressure_management",
            "hip_mobility",
            "low_back_mobility",
            "scars",
            "internal_route",
            "resting_tone",
            "oxford_power",
            "endurance_seconds",
            "repetitions",
            "fast_contractions",
            "elevation",
            "relaxation",
            "cough_reflex",
            "co_contraction",
            "trigger_points",
            "palpation_pain_nrs",
            "ultrasound",
            "surface_emg",
            "uroflowmetry",
            "post_void_residual_ml",
            "notes",
        ]
        widgets = {
            **date_widgets("assessed_on"),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in TEXT_FIELDS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = {
            "oxford_power": 5,
            "endurance_seconds": 120,
            "repetitions": 50,
            "fast_contractions": 50,
            "palpation_pain_nrs": 10,
        }
        for name, high in limits.items():
            self.fields[name].widget.attrs.update(min=0, max=high)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "assessed_on",
            Fieldset(
                _("General"),
                "posture",
                "breathing_pattern",
                "pressure_management",
                "hip_mobility",
                "low_back_mobility",
                "scars",
            ),
            Fieldset(
                _("Pelvic floor"),
                "internal_route",
                Div(
                    Div("resting_tone", css_class="col-md-4"),
                    Div("relaxation", css_class="col-md-4"),
                    Div("cough_reflex", css_class="col-md-4"),
                    css_class="row",
                ),
                _row("oxford_power", "endurance_seconds", "repetitions", "fast_contractions"),
                Div(
                    Div("elevation", css_class="col-md-4"), Div("co_contraction", css_class="col-md-8"), css_class="row"
                ),
                "trigger_points",
                "palpation_pain_nrs",
            ),
            Fieldset(_("Extra measurements"), "ultrasound", "surface_emg", "uroflowmetry", "post_void_residual_ml"),
            "notes",
        )


class ClassificationForm(forms.ModelForm):
    class Meta:
        model = Classification
        fields = ["classified_on", "assessment", "pelvic_floor_class", "main_pattern", "complaint_pattern", "rationale"]
        widgets = {
            **date_widgets("classified_on"),
            "complaint_pattern": forms.Textarea(attrs={"rows": 2}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
        }

    pelvic_floor_class = forms.ChoiceField(
        label=Classification._meta.get_field("pelvic_floor_class").verbose_name,
        choices=PelvicFloorClass.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, episode, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assessment"]
        field.queryset = episode.assessments.select_related("therapist")
        field.label_from_instance = lambda assessment: f"{assessment.assessed_on:%d-%m-%Y} · {assessment.therapist}"
