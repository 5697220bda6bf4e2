"""Forms of follow-up: planning, closing and cancelling appointments, discharge and reminder settings."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.choices import Role
from clinic.local_time import LocalDateTimeField
from clinic.models import User
from clinic.widgets import ISO_DATETIME_LOCAL, DateInput, DateTimeInput
from patients.choices import AppointmentKind, GoalsMet
from patients.models import SessionNote


class AgendaDayForm(forms.Form):
    """The day the agenda shows (`?day=`); without one, today. Its week must exist: no day near year 1 or 9999."""

    day = forms.DateField(
        label=_("Day"),
        required=False,
        widget=DateInput(),
        validators=[MinValueValidator(datetime.date(2000, 1, 1)), MaxValueValidator(datetime.date(2099, 12, 31))],
    )


class AppointmentForm(forms.Form):
    starts_at = LocalDateTimeField(
        label=_("Date and time"),
        input_formats=[ISO_DATETIME_LOCAL, "%d-%m-%Y %H:%M"],
        widget=DateTimeInput(attrs={"step": 300}),
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=240, initial=30)
    kind = forms.ChoiceField(label=_("Kind"), choices=AppointmentKind.choices, initial=AppointmentKind.TREATMENT)
    therapist = forms.ModelChoiceField(label=_("Therapist"), queryset=User.objects.none())

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = User.objects.filter(
            practice=practice, role=Role.THERAPIST, is_active=True
        ).order_by("sort_name", "pk")

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now():
            raise forms.ValidationError(_("This time has passed; choose a moment in the future."))
        return starts_at


class AppointmentDoneForm(forms.Form):
    session_note = forms.ModelChoiceField(
        label=_("Session note"),
        queryset=SessionNote.objects.none(),
        required=False,
        empty_label=_("No note yet"),
        help_text=_("The note written about this appointment."),
    )

    def __init__(self, *args, episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_note"].queryset = episode.notes.filter(appointment__isnull=True)


class ConfirmForm(forms.Form):
    """A form with nothing to fill in: the button is the confirmation."""


class AppointmentCancelForm(forms.Form):
    cancellation_reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=300, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class DischargeForm(forms.Form):
    discharged_on = forms.DateField(label=_("Discharge date"), initial=timezone.localdate, widget=DateInput())
    goals_met = forms.ChoiceField(label=_("Goals"), choices=GoalsMet.choices, widget=forms.RadioSelect)
    pgi_i = forms.TypedChoiceField(
        label=_("PGI-I"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[
            ("", _("Not asked")),
            (1, _("1 · Very much better")),
            (2, _("2 · Much better")),
            (3, _("3 · A little better")),
            (4, _("4 · No change")),
            (5, _("5 · A little worse")),
            (6, _("6 · Much worse")),
            (7, _("7 · Very much worse")),
        ],
        help_text=_("Saved as the last PGI-I measure of the episode."),
    )
    final_measures_note = forms.CharField(
        label=_("Final measures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The last measurements and how they compare with intake."),
    )

    def clean_discharged_on(self):
        discharged_on = self.cleaned_data["discharged_on"]
        if discharged_on > timezone.localdate():
            raise forms.ValidationError(_("The discharge date cannot be in the future."))
        return discharged_on


class FollowupSettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of e-mails"), choices=settings.LANGUAGES, help_text=_("Reminders and calendar files use it.")
    )
    log_nudges = forms.BooleanField(
        label=_("Nudge when nothing is logged"),
        required=False,
        help_text=_("Send a friendly e-mail when the patient has logged nothing for 3 days."),
    )
