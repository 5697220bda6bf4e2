"""The form of a biofeedback session of the plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.widgets import DateInput
from patients.choices import BiofeedbackModality
from patients.forms.widgets import EpisodeDateMixin
from patients.models import BiofeedbackSession
from patients.services.biofeedback import SESSION_FIELDS


class BiofeedbackSessionForm(EpisodeDateMixin, forms.ModelForm):
    episode_date_field = "session_on"

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
