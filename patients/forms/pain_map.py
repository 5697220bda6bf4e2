"""The pain map form: one tick, intensity and character per region of the figure, which the drawing fills in."""

from dataclasses import dataclass

from django import forms
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.widgets import DateInput
from patients.choices import PainCharacter
from patients.rules.record import pain_map_regions
from patients.selectors.pain_map import pain_figures

INTENSITY_CHOICES = [
    ("", "—"),
    (0, _("0 · no pain")),
    *[(score, str(score)) for score in range(1, 10)],
    (10, _("10 · worst imaginable")),
]


@dataclass
class RegionRow:
    code: str
    chosen: BoundField
    intensity: BoundField
    character: BoundField


class PainMapForm(forms.Form):
    """Ask, for every region of the body view's figures, whether it hurts, how much and how it feels."""

    def __init__(self, *args, body_view, by_therapist=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.body_view = body_view
        self.codes = pain_map_regions(body_view)
        if by_therapist:
            self.fields["recorded_on"] = forms.DateField(
                label=_("date"), widget=DateInput(), initial=timezone.localdate
            )
        for code in self.codes:
            self.fields[f"region_{code}"] = forms.BooleanField(
                required=False, label=code.label, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
            )
            self.fields[f"intensity_{code}"] = forms.TypedChoiceField(
                label=_("intensity (0–10)"),
                choices=INTENSITY_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"character_{code}"] = forms.ChoiceField(
                label=_("character"),
                choices=[("", "—"), *PainCharacter.choices],
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
        self.fields["no_pain"] = forms.BooleanField(
            required=False,
            label=_("No pain anywhere at the moment") if by_therapist else _("I have no pain at the moment"),
        )
        if by_therapist:
            self.fields["notes"] = forms.CharField(label=_("notes"), max_length=300, required=False)

    def figures(self):
        return pain_figures(self.body_view)

    def region_rows(self):
        return [
            RegionRow(code, self[f"region_{code}"], self[f"intensity_{code}"], self[f"character_{code}"])
            for code in self.codes
        ]

    def clean(self):
        data = super().clean()
        regions = []
        for code in self.codes:
            intensity, character = data.get(f"intensity_{code}"), data.get(f"character_{code}")
            if not data.get(f"region_{code}"):
                if intensity is not None or character:
                    self.add_error(f"region_{code}", _("Tick this region, or clear its intensity and character."))
                continue
            if intensity is None:
                self.add_error(f"intensity_{code}", _("Give the intensity from 0 to 10."))
            if not character:
                self.add_error(f"character_{code}", _("Say how the pain feels."))
            regions.append((code, intensity, character))
        if regions and data.get("no_pain"):
            self.add_error("no_pain", _("Regions are marked: untick this, or clear the regions."))
        elif not regions and not data.get("no_pain") and not self.errors:
            self.add_error(None, _("Mark at least one region, or tick that there is no pain."))
        data["regions"] = regions
        return data
