"""One form per intervention of the catalogue, each asking for the parameters of its kind."""

from django import forms
from django.utils.translation import gettext_lazy as _

from patients.choices import BiofeedbackModality, InterventionKind, PfmtFocus
from patients.forms.widgets import justification_field


def _choices(*pairs):
    return [(value, label) for value, label in pairs]


def _multiple(label, choices, required=True):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


def _number(label, low, high, required=True):
    return forms.IntegerField(label=label, min_value=low, max_value=high, required=required)


class InterventionForm(forms.Form):
    """The fields every intervention has; subclasses add the parameters of their kind."""

    parameter_names: tuple = ()

    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    justification = justification_field()

    def __init__(self, *args, intervention=None, **kwargs):
        if intervention is not None:
            saved = {**intervention.parameters, "notes": intervention.notes}
            kwargs["initial"] = {**saved, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        order = [*self.parameter_names, "notes", "justification"]
        self.order_fields(order)

    def parameters(self):
        return {
            name: self.cleaned_data[name]
            for name in self.parameter_names
            if self.cleaned_data[name] not in ("", None, [])
        }


class EducationForm(InterventionForm):
    parameter_names = ("topics",)
    topics = _multiple(
        _("Topics"),
        _choices(
            ("coaching", _("Pelvic floor and coaching")),
            ("toilet", _("Toilet behaviour")),
            ("bladder_training", _("Bladder training")),
            ("fluids_fibre", _("Fluids and fibre")),
            ("load", _("Load management")),
        ),
    )


class DowntrainingForm(InterventionForm):
    parameter_names = ("focus", "cues")
    focus = _multiple(
        _("Focus"),
        _choices(
            ("breathing", _("Belly breathing with a long exhale")),
            ("awareness", _("Feeling the floor drop and let go")),
            ("heat", _("Heat")),
            ("stretches", _("Gentle stretches")),
            ("walking", _("Walking")),
        ),
    )
    cues = forms.CharField(
        label=_("Cues"), max_length=300, required=False, help_text=_("Words that help, e.g. 'let the sit bones widen'.")
    )


class PressureRegulationForm(InterventionForm):
    parameter_names = ("activities", "cue")
    activities = forms.CharField(label=_("Activities"), max_length=300, help_text=_("E.g. lifting, coughing, running."))
    cue = forms.CharField(label=_("Cue"), max_length=200, initial=_("Exhale on effort"))


class PfmtForm(InterventionForm):
    parameter_names = ("focus", "position", "hold_seconds", "rest_seconds", "repetitions", "sets_per_day")
    focus = _multiple(_("Focus"), PfmtFocus.choices)
    position = forms.ChoiceField(
        label=_("Position"),
        choices=_choices(
            ("lying", _("Lying")), ("sitting", _("Sitting")), ("standing", _("Standing")), ("moving", _("Moving"))
        ),
    )
    hold_seconds = _number(_("Hold (seconds)"), 1, 60)
    rest_seconds = _number(_("Relax (seconds)"), 1, 120)
    repetitions = _number(_("Repetitions"), 1, 50)
    sets_per_day = _number(_("Sets a day"), 1, 10)

    def clean(self):
        data = super().clean()
        hold, rest = data.get("hold_seconds"), data.get("rest_seconds")
        if hold and rest and rest < 2 * hold:
            self.add_error("rest_seconds", _("Relax at least twice as long as the hold."))
        return data


class ManualTherapyForm(InterventionForm):
    parameter_names = ("techniques", "region")
    techniques = _multiple(
        _("Techniques"),
        _choices(
            ("manual", _("Manual therapy")),
            ("myofascial", _("Myofascial release")),
            ("trigger_points", _("Trigger-point treatment")),
        ),
    )
    region = forms.CharField(label=_("Region"), max_length=200)


class ScarTreatmentForm(InterventionForm):
    parameter_names = ("scar", "cleared")
    scar = forms.CharField(label=_("Scar"), max_length=200, help_text=_("E.g. caesarean section, episiotomy."))
    cleared = forms.BooleanField(
        label=_("The scar has healed and treatment is cleared"),
        error_messages={"required": _("Treat a scar only once it has healed and treatment is cleared.")},
    )


class BiofeedbackForm(InterventionForm):
    parameter_names = ("modality", "feedback", "aims")
    modality = forms.ChoiceField(label=_("Modality"), choices=BiofeedbackModality.choices)
    feedback = forms.ChoiceField(label=_("Feedback"), choices=_choices(("visual", _("Visual")), ("audio", _("Audio"))))
    aims = _multiple(
        _("Aims"),
        _choices(("feel", _("Learn to feel")), ("relax", _("Learn to relax")), ("timing", _("Timing"))),
    )


class ElectrostimulationForm(InterventionForm):
    parameter_names = ("frequency_hz", "pulse_width_us", "minutes")
    frequency_hz = _number(_("Frequency (Hz)"), 1, 200)
    pulse_width_us = _number(_("Pulse width (µs)"), 50, 1000)
    minutes = _number(_("Minutes"), 1, 60)


class BalloonTrainingForm(InterventionForm):
    parameter_names = ("aim", "volume_ml")
    aim = forms.ChoiceField(
        label=_("Aim"),
        choices=_choices(("sensation", _("Rectal sensation")), ("evacuation", _("Coordination of emptying"))),
    )
    volume_ml = _number(_("Volume (ml)"), 1, 500, required=False)


class TensForm(InterventionForm):
    parameter_names = ("frequency_hz", "minutes", "placement")
    frequency_hz = _number(_("Frequency (Hz)"), 1, 200)
    minutes = _number(_("Minutes"), 1, 120)
    placement = forms.CharField(label=_("Placement of the electrodes"), max_length=200)


INTERVENTION_FORMS = {
    InterventionKind.EDUCATION: EducationForm,
    InterventionKind.DOWNTRAINING: DowntrainingForm,
    InterventionKind.PRESSURE_REGULATION: PressureRegulationForm,
    InterventionKind.PFMT: PfmtForm,
    InterventionKind.MANUAL_THERAPY: ManualTherapyForm,
    InterventionKind.SCAR_TREATMENT: ScarTreatmentForm,
    InterventionKind.BIOFEEDBACK: BiofeedbackForm,
    InterventionKind.ELECTROSTIMULATION: ElectrostimulationForm,
    InterventionKind.BALLOON_TRAINING: BalloonTrainingForm,
    InterventionKind.TENS: TensForm,
}


def parameter_rows(intervention):
    """Return (label, readable value) for each parameter of an intervention, in the form's order."""
    form = INTERVENTION_FORMS[intervention.kind]()
    rows = []
    for name in form.parameter_names:
        value = intervention.parameters.get(name)
        if value in (None, "", []):
            continue
        field = form.fields[name]
        labels = dict(getattr(field, "choices", []))
        if isinstance(value, list):
            shown = ", ".join(str(labels.get(item, item)) for item in value)
        elif isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        else:
            shown = labels.get(value, value)
        rows.append((field.label, shown))
    return rows
