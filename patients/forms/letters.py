"""Forms of the letters to the GP."""

from django import forms
from django.utils.translation import gettext_lazy as _

from patients.choices import LetterKind
from patients.models import GPLetter


class LetterCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of letter"), choices=LetterKind.choices, widget=forms.RadioSelect)


class LetterForm(forms.ModelForm):
    class Meta:
        model = GPLetter
        fields = ["recipient", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
