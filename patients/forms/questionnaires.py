"""The therapist's forms for sending a questionnaire and setting up a schedule, the patient's form for one
question, and the practice admin's editor."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patients.forms.widgets import date_widgets
from patients.models import (
    Questionnaire,
    QuestionnaireAssignment,
    QuestionnaireItem,
    QuestionnaireSchedule,
    QuestionnaireVersion,
)
from patients.selectors.questionnaires import current_version_choices

# The due date a new questionnaire gets: before a visit a week from now.
DEFAULT_DUE_DAYS = 7


class QuestionnaireSendForm(forms.ModelForm):
    class Meta:
        model = QuestionnaireAssignment
        fields = ["version", "due_on"]
        widgets = date_widgets("due_on")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _current_versions(self, user)
        self.fields["due_on"].initial = timezone.localdate() + datetime.timedelta(days=DEFAULT_DUE_DAYS)


def _current_versions(form, user):
    """Offer the practice's current versions: drawn from the cached list, checked against the database when sent."""
    field = form.fields["version"]
    versions = QuestionnaireVersion.objects
    field.queryset = versions.for_user(user).current() if form.is_bound else versions.none()
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = empty + current_version_choices(user)


class QuestionnaireScheduleForm(forms.ModelForm):
    """Any combination of moments; a date of the first repeat counts only with a number of weeks."""

    class Meta:
        model = QuestionnaireSchedule
        fields = [
            "version",
            "at_intake",
            "every_weeks",
            "weeks_from",
            "evaluation_days",
            "at_discharge",
            "due_days",
            "discharge_due_days",
        ]
        widgets = date_widgets("weeks_from")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _current_versions(self, user)
        self.fields["weeks_from"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("every_weeks"):
            cleaned["weeks_from"] = None
        elif "weeks_from" in cleaned and cleaned["weeks_from"] is None:
            self.add_error("weeks_from", _("Give the date of the first repeat."))
        return cleaned


class QuestionAnswerForm(forms.Form):
    """One question as large choices (several to tick where the question allows); an optional one may be skipped."""

    option = forms.TypedChoiceField(
        label="", coerce=int, widget=forms.RadioSelect(attrs={"class": "btn-check"}), required=False
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if item.multiple:
            self.fields["option"] = forms.TypedMultipleChoiceField(
                coerce=int, widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"})
            )
        self.fields["option"].choices = [(option.pk, option.label) for option in item.options.all()]
        self.fields["option"].label = item.text
        self.fields["option"].required = item.required

    def clean_option(self):
        chosen = self.cleaned_data["option"]
        by_pk = {option.pk: option for option in self.item.options.all()}
        if self.item.multiple:
            return [by_pk[pk] for pk in chosen]
        if chosen in (None, ""):
            return None
        return by_pk[chosen]

    def answer(self) -> dict:
        """Return the answer as answer_save() takes it: one `option`, or the `options` of a several-answer question."""
        chosen = self.cleaned_data["option"]
        return {"options": chosen} if self.item.multiple else {"option": chosen}


# --- the practice admin's questionnaire editor -----------------------------------------------------

# A practice's own questionnaire has no official wording: that is entered for a licensed one on its own page.
DEFINITION_VERSION_FIELDS = [
    name for name in QuestionnaireVersion.DEFINITION_FIELDS if name not in QuestionnaireVersion.OFFICIAL_FIELDS
]
DEFINITION_ITEM_FIELDS = ["code", "text_nl", "text_en", "subscale", "scored", "required", "multiple"]
WARNING_MARK = "!"


def options_as_text(options) -> str:
    """Return answer options as the editor shows them: one a line, `score | Dutch | English`, `| !` for a warning."""
    lines = []
    for option in options:
        parts = [str(option["score"]), option["label_nl"], option["label_en"]]
        lines.append(" | ".join(parts + ([WARNING_MARK] if option["red_flag"] else [])))
    return "\n".join(lines)


class QuestionnaireVersionForm(forms.Form):
    """The questionnaire as a whole: its titles, introduction, scoring rule, range, direction and MID."""

    def __init__(self, *args, with_code=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"] = fields_for_model(Questionnaire, fields=["code"])["code"]
            self.fields["code"].help_text = _("A short name in lower case without spaces, such as “sleep-list”.")
        self.fields.update(fields_for_model(QuestionnaireVersion, fields=DEFINITION_VERSION_FIELDS))
        self.fields["higher_is_better"] = forms.TypedChoiceField(
            label=_("Which direction is better"),
            choices=[("false", _("A lower score is better")), ("true", _("A higher score is better"))],
            coerce=lambda value: value == "true",
            widget=forms.RadioSelect,
            initial="false",
        )
        for name in ("factor", "score_min", "score_max", "mid"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["factor"].help_text = _("Only for a mean: the mean of the answers is multiplied by this.")
        self.fields["intro_nl"].widget.attrs["rows"] = 2
        self.fields["intro_en"].widget.attrs["rows"] = 2

    def version_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in DEFINITION_VERSION_FIELDS} | dict.fromkeys(
            QuestionnaireVersion.OFFICIAL_FIELDS, ""
        )


class QuestionnaireItemForm(forms.Form):
    """One question of the editor, its answers typed one a line."""

    options = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "0 | Nee | No\n1 | Ja | Yes | !"}),
        help_text=_(
            "One answer a line: score | Dutch | English. Add “| !” to make the answer a warning for the therapist."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = fields_for_model(QuestionnaireItem, fields=DEFINITION_ITEM_FIELDS)
        options = self.fields.pop("options")
        self.fields.update(fields)
        self.fields["options"] = options
        self.fields["code"].help_text = _("Unique within the questionnaire, such as “q1”.")
        self.fields["subscale"].help_text = _("Only when the score is taken per subscale, such as “urinary”.")

    def has_changed(self):
        """Count a row as typed in only by its texts: the ticks it opens with are not an answer."""
        return any((self[name].value() or "").strip() for name in ("code", "text_nl", "text_en", "options"))

    def clean_options(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            warning = parts[-1] == WARNING_MARK
            if warning:
                parts = parts[:-1]
            if len(parts) != 3 or not parts[0].isdigit() or not parts[1] or not parts[2]:
                raise ValidationError(
                    _("Line %(number)s: write score | Dutch | English, the score a whole number of 0 or more.")
                    % {"number": number}
                )
            rows.append(
                {
                    "score": int(parts[0]),
                    "label_nl": parts[1][:200],
                    "label_en": parts[2][:200],
                    "official_label_nl": "",
                    "official_label_en": "",
                    "red_flag": warning,
                }
            )
        return rows

    def item_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in DEFINITION_ITEM_FIELDS} | {
            "official_text_nl": "",
            "official_text_en": "",
            "measure_field": "",
            "options": data["options"],
        }


class BaseItemFormSet(forms.BaseFormSet):
    def definition_items(self) -> list[dict]:
        """Return the questions in the order typed, rows left empty or marked for removal left out."""
        return [
            form.item_fields()
            for form in self.forms
            if form.cleaned_data.get("code") and not (self.can_delete and self._should_delete_form(form))
        ]


QuestionnaireItemFormSet = forms.formset_factory(
    QuestionnaireItemForm, formset=BaseItemFormSet, extra=2, can_delete=True, max_num=60, absolute_max=60
)


def definition_initial(definition: dict) -> tuple[dict, list[dict]]:
    """Return the editor's initial values of a definition: the questionnaire's, and one per question."""
    version = dict(definition["version"])
    version["higher_is_better"] = "true" if version["higher_is_better"] else "false"
    items = [
        {**{name: item[name] for name in DEFINITION_ITEM_FIELDS}, "options": options_as_text(item["options"])}
        for item in definition["items"]
    ]
    return version, items


class OfficialWordingForm(forms.Form):
    """The official wording of a licensed questionnaire, in Dutch and English, beside our own wording."""

    def __init__(self, *args, definition: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        version = definition["version"]
        self.groups = []
        intro = self._pair("intro", _("Introduction"), version)
        self.groups.append((_("Introduction"), version["intro_nl"], [intro]))
        for number, item in enumerate(definition["items"], start=1):
            rows = [self._pair(f"item_{number}", _("Question"), item)]
            for position, option in enumerate(item["options"], start=1):
                rows.append(
                    self._pair(
                        f"item_{number}_option_{position}",
                        _("Answer “%(label)s”") % {"label": option["label_nl"]},
                        option,
                    )
                )
            self.groups.append((f"{number}. {item['text_nl']}", item["code"], rows))

    def _pair(self, prefix, label, row):
        """Add the Dutch and English fields of one text; return their names."""
        kind = "intro" if prefix == "intro" else ("label" if "_option_" in prefix else "text")
        max_length = {"intro": None, "text": 300, "label": 200}[kind]
        for language, language_label in (("nl", _("official, Dutch")), ("en", _("official, English"))):
            widget = forms.Textarea(attrs={"rows": 2}) if kind == "intro" else forms.TextInput
            self.fields[f"{prefix}_{language}"] = forms.CharField(
                label=f"{label} · {language_label}",
                required=False,
                max_length=max_length,
                widget=widget,
                initial=row[f"official_{kind}_{language}"],
                help_text=_("Our wording: %(text)s") % {"text": row[f"{kind}_{language}"] or "—"},
            )
        return (self[f"{prefix}_nl"], self[f"{prefix}_en"])

    def worded_definition(self) -> dict:
        """Return the definition with the official wording as typed; its structure and scoring unchanged."""
        data = self.cleaned_data
        version = {
            **self.definition["version"],
            "official_intro_nl": data["intro_nl"],
            "official_intro_en": data["intro_en"],
        }
        items = []
        for number, item in enumerate(self.definition["items"], start=1):
            options = [
                {
                    **option,
                    "official_label_nl": data[f"item_{number}_option_{position}_nl"],
                    "official_label_en": data[f"item_{number}_option_{position}_en"],
                }
                for position, option in enumerate(item["options"], start=1)
            ]
            items.append(
                {
                    **item,
                    "official_text_nl": data[f"item_{number}_nl"],
                    "official_text_en": data[f"item_{number}_en"],
                    "options": options,
                }
            )
        return {"version": version, "items": items}
