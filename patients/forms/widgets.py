"""Input widgets and fields shared by the record's forms."""

from django import forms
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clinic.widgets import DateInput
from patients.choices import DateCheck
from patients.rules.record import record_date_check

# "No" first: a red flag recorded by one slip of the keyboard or a thumb is worse than a question asked again.
YES_NO = [(False, _("No")), (True, _("Yes"))]
YES_NO_OR_LATER = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]


def yes_no_field(label, help_text=""):
    """Return a required yes/no question answered with two radio buttons (no silent default)."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )


class OptionalYesNoField(forms.TypedChoiceField):
    """A yes/no question that may stay unanswered (None) until the moment it must be answered."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO_OR_LATER,
            coerce=lambda value: value == "yes",
            empty_value=None,
            required=False,
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value or ""


def justification_field():
    """Return the text field in which the therapist justifies going past a blocking warning."""
    return forms.CharField(
        label=_("Justification for going past a blocking warning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only needed when a blocking warning is shown. It is kept with the plan and shown on it."),
    )


def show_length_limits(form):
    """Name the limit of each capped text area; js/char-count.js counts towards it as the therapist types."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea) and getattr(field, "max_length", None):
            limit = format_lazy(_("At most {} characters."), field.max_length)
            field.help_text = format_lazy("{} {}", field.help_text, limit) if field.help_text else limit


def date_widgets(*names):
    return dict.fromkeys(names, DateInput())


class EpisodeDateMixin:
    """Refuse a finding dated before the referral; ask once before keeping one dated before the episode."""

    episode_date_field: str

    def __init__(self, *args, episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.episode = episode
        self.fields["date_before_episode"] = forms.BooleanField(
            label=_("Yes, this date lies before the start of the care episode"),
            required=False,
            widget=forms.HiddenInput,
        )
        names = list(self.fields)
        names.remove("date_before_episode")
        names.insert(names.index(self.episode_date_field) + 1, "date_before_episode")
        self.order_fields(names)

    def clean(self):
        data = super().clean()
        day = data.get(self.episode_date_field)
        if day is None:
            return data
        check = record_date_check(
            day, episode_started_on=self.episode.started_on, referral_date=self.episode.patient.referral_date
        )
        if check == DateCheck.REFUSE:
            referral = date_format(self.episode.patient.referral_date, "d-m-Y")
            self.add_error(
                self.episode_date_field,
                format_lazy(_("This date is before the referral of {}: please check it."), referral),
            )
        elif check == DateCheck.ASK and not data.get("date_before_episode"):
            self.fields["date_before_episode"].widget = forms.CheckboxInput()
            started = date_format(self.episode.started_on, "d-m-Y")
            self.add_error(
                self.episode_date_field,
                format_lazy(
                    _("The care episode started on {}. Check the date, or tick the box below if it is right."),
                    started,
                ),
            )
        return data
