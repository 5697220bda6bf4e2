"""Forms for outcome measures, the practice's minimal important changes and SOAP session notes."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from patients.choices import MeasureKind
from patients.forms.widgets import EpisodeDateMixin, date_widgets, show_length_limits
from patients.models import NoteAddendum, OutcomeMeasure, SessionNote
from patients.models.measures import ICIQ_FIELDS, PFDI_FIELDS, PSK_FIELDS
from patients.models.notes import SOAP_PARTS
from patients.rules.improvement import ANCHORED, DEFAULT_MIDS, Mid
from patients.selectors.record import MEASURE_SCALES

ICIQ_FREQUENCY = [
    (0, _("0 · Never")),
    (1, _("1 · About once a week or less")),
    (2, _("2 · Two or three times a week")),
    (3, _("3 · About once a day")),
    (4, _("4 · Several times a day")),
    (5, _("5 · All the time")),
]
MEASURE_ITEMS = {
    MeasureKind.NRS_PAIN: ("score",),
    MeasureKind.PGI_I: ("score",),
    MeasureKind.PSK: PSK_FIELDS,
    MeasureKind.ICIQ_UI_SF: ICIQ_FIELDS,
    MeasureKind.PFDI_20: PFDI_FIELDS,
}
SCORE_LIMITS = {MeasureKind.NRS_PAIN: (0, 10), MeasureKind.PGI_I: (1, 7)}


def measure_form_class(kind):
    """Return the form that asks exactly the items of this measure."""

    class MeasureForm(EpisodeDateMixin, forms.ModelForm):
        episode_date_field = "measured_on"

        class Meta:
            model = OutcomeMeasure
            fields = ["measured_on", *MEASURE_ITEMS[kind], "notes"]
            widgets = date_widgets("measured_on")

        def __init__(self, *args, psk_activities=(), **kwargs):
            super().__init__(*args, **kwargs)
            if kind in SCORE_LIMITS:
                low, high = SCORE_LIMITS[kind]
                field = self.fields["score"]
                field.required = True
                field.validators += [MinValueValidator(low), MaxValueValidator(high)]
                field.widget.attrs.update(min=low, max=high)
            if kind == MeasureKind.PSK:
                self.fields["psk_score_1"].required = True
                for name, activity in zip(PSK_FIELDS, psk_activities, strict=False):
                    if activity:
                        self.fields[name].label = activity
            if kind == MeasureKind.ICIQ_UI_SF:
                self.fields["iciq_frequency"] = forms.TypedChoiceField(
                    label=self.fields["iciq_frequency"].label, choices=ICIQ_FREQUENCY, coerce=int
                )
                for name in ICIQ_FIELDS:
                    self.fields[name].required = True
            if kind == MeasureKind.PFDI_20:
                for name in PFDI_FIELDS:
                    self.fields[name].required = True
                    self.fields[name].validators += [MinValueValidator(0), MaxValueValidator(100)]
                    self.fields[name].widget.attrs.update(min=0, max=100, step="0.1")
            for name in MEASURE_ITEMS[kind]:
                if name not in ("iciq_amount", "iciq_frequency", "score", *PFDI_FIELDS):
                    self.fields[name].widget.attrs.update(min=0, max=5 if name == "iciq_frequency" else 10)

    return MeasureForm


class SessionNoteForm(forms.ModelForm):
    class Meta:
        model = SessionNote
        fields = ["session_on", *SOAP_PARTS]
        widgets = {**date_widgets("session_on"), **{name: forms.Textarea(attrs={"rows": 3}) for name in SOAP_PARTS}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_length_limits(self)


class AddendumForm(forms.ModelForm):
    class Meta:
        model = NoteAddendum
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_length_limits(self)


class MeasureMidsForm(forms.Form):
    """The practice's minimal important change of every measure, each field opened with the published figure."""

    def __init__(self, *args, mids, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, default in DEFAULT_MIDS.items():
            low, high, _step = MEASURE_SCALES[kind]
            anchored = kind in ANCHORED
            self.fields[kind] = forms.DecimalField(
                label=MeasureKind(kind).label,
                min_value=Decimal(low if anchored else "0.1"),
                max_value=Decimal(high - 1 if anchored else high),
                decimal_places=1,
                localize=True,
                initial=mids[kind].points,
                help_text=(
                    _("The worst answer that still counts as improved (published: %(value)s). Source: %(source)s.")
                    if anchored
                    else _("Points on the scale of %(low)s–%(high)s (published: %(value)s). Source: %(source)s.")
                )
                % {"value": localize(default.mid.points), "source": default.source, "low": low, "high": high},
            )
            if default.mid.percent is not None:
                self.fields[f"{kind}_percent"] = forms.IntegerField(
                    label=_("%(measure)s: or this percentage of the first score")
                    % {"measure": MeasureKind(kind).label},
                    min_value=1,
                    max_value=100,
                    initial=mids[kind].percent,
                    help_text=_("Whichever is reached first counts (published: %(value)s %%).")
                    % {"value": localize(default.mid.percent)},
                )

    def mids(self) -> dict[str, Mid]:
        """Return the MIDs as typed, one per measure."""
        data = self.cleaned_data
        return {
            kind: Mid(
                data[kind],
                None if f"{kind}_percent" not in data else Decimal(data[f"{kind}_percent"]),
            )
            for kind in DEFAULT_MIDS
        }
