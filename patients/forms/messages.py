"""Forms of secure messages: writing one, and choosing the signed note a message is added to."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from patients.forms.widgets import show_length_limits
from patients.models import Message


class MessageForm(forms.ModelForm):
    class Meta:
        model = Message
        fields = ["body"]
        labels = {"body": _("Your message")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_length_limits(self)


class MessageAddendumForm(forms.Form):
    """Choose the signed note of the episode a message goes to; the notes are read once for every message's form."""

    note = forms.TypedChoiceField(coerce=int, label=_("Add to the signed session note of"))

    def __init__(self, *args, notes, **kwargs):
        super().__init__(*args, **kwargs)
        self.notes = {note.pk: note for note in notes}
        self.fields["note"].choices = [
            (note.pk, f"{formats.date_format(note.session_on, 'SHORT_DATE_FORMAT')} · {note.author}")
            for note in self.notes.values()
        ]

    def chosen_note(self):
        return self.notes[self.cleaned_data["note"]]
