"""The hand-drawn renderings of the busiest pages, each held equal to what Django itself renders."""

import datetime
from pathlib import Path

import pytest
from django import forms
from django.forms.utils import flatatt
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.html import format_html

from clinic.templatetags.clinic_tags import clock, timestamp
from clinic.templatetags.fast_fields import WIDGET_CLASSES, bootstrap_choice, bootstrap_widget, choice_input


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the card")
    repetitions = forms.IntegerField(label="Repetitions", min_value=1)
    level = forms.ChoiceField(label="Level", choices=[("low", "Low"), ("high", "High")])
    archived = forms.BooleanField(label="Also archived", required=False)
    side = forms.ChoiceField(label="Side", choices=[("left", "Left"), ("right", "Right")], widget=forms.RadioSelect)


def field_html(form, name):
    return render_to_string("bootstrap5/field.html", {"field": form[name]})


def test_an_error_is_shown_next_to_its_field_and_the_typed_value_is_kept():
    form = ExampleForm({"name": "Jansen", "repetitions": "zero", "level": "low", "side": "left"})
    assert not form.is_valid()

    html = field_html(form, "repetitions")

    assert 'value="zero"' in html
    assert 'class="form-control is-invalid"' in html
    assert form.errors["repetitions"][0] in html
    assert 'aria-describedby="id_repetitions_error"' in html


def test_a_valid_field_has_its_label_help_text_and_no_error_marking():
    form = ExampleForm({"name": "Jansen", "repetitions": "3", "level": "high", "side": "left"})
    assert form.is_valid()

    html = field_html(form, "name")

    assert '<label for="id_name" class="form-label requiredField">Name' in html
    assert 'id="id_name_helptext" class="form-text">As on the card<' in html
    assert "is-invalid" not in html


def test_selects_checkboxes_and_radios_get_their_bootstrap_classes_and_keep_the_choice():
    form = ExampleForm({"name": "Jansen", "repetitions": "3", "level": "high", "archived": "on", "side": "right"})

    assert '<select name="level" class="form-select"' in field_html(form, "level")
    assert '<option value="high" selected>' in field_html(form, "level")
    checkbox = field_html(form, "archived")
    assert 'class="form-check-input"' in checkbox and "checked" in checkbox
    radios = field_html(form, "side")
    assert '<legend class="form-label fs-6">Side' in radios
    assert 'value="right" class="form-check-input" id="id_side_1" checked required' in radios
    assert 'value="left" class="form-check-input" id="id_side_0" required>' in radios


def test_a_wrong_radio_choice_marks_every_option_invalid():
    form = ExampleForm({"name": "Jansen", "repetitions": "3", "level": "high", "side": "middle"})
    assert not form.is_valid()

    radios = field_html(form, "side")

    assert radios.count("form-check-input is-invalid") == 2
    assert form.errors["side"][0] in radios


class EveryWidgetForm(forms.Form):
    text = forms.CharField(max_length=20)
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    archived = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    level = forms.ChoiceField(choices=[("low", "Low & <calm>"), ("high", "High")])
    grouped = forms.ChoiceField(choices=[("Pelvic", [("a", "A"), ("b", "B")]), ("c", "C")], required=False)
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two"), ("3", "Three")], required=False)
    mail = forms.EmailField(required=False, disabled=True, initial="a@b.example")


EVERY_WIDGET_DATA = {
    "text": 'Jan "de" <b>',
    "number": "zero",
    "day": "2026-01-02",
    "secret": "typed",
    "archived": "on",
    "hidden": "h&m",
    "message": "line one\n<line two>",
    "level": "middle",
    "grouped": "b",
    "several": ["1", "3"],
}


@pytest.mark.parametrize("data", [EVERY_WIDGET_DATA, None], ids=["bound with errors", "unbound"])
@pytest.mark.parametrize("name", list(EveryWidgetForm.base_fields))
def test_a_widget_drawn_without_its_template_is_the_html_django_renders(data, name):
    form = EveryWidgetForm(data, initial={"text": "initial", "several": ["2"], "archived": True})
    field = form[name]
    classes = " ".join(
        css for css in (WIDGET_CLASSES.get(field.widget_type, "form-control"), field.errors and "is-invalid") if css
    )

    django_html = field.as_widget(attrs={"class": classes} if classes else {})

    assert str(bootstrap_widget(field)) == django_html


def test_a_widget_with_a_template_of_its_own_is_rendered_by_django():
    form = ExampleForm({"name": "Jansen", "repetitions": "3", "level": "high", "side": "left"})

    assert bootstrap_widget(form["side"]) == form["side"].as_widget(attrs={"class": "form-control"})


def test_a_date_with_a_changing_default_keeps_its_hidden_initial_value():
    class StartForm(forms.Form):
        starts_on = forms.DateField(show_hidden_initial=True, initial=datetime.date(2026, 3, 1))

    html = field_html(StartForm(), "starts_on")

    assert '<input type="hidden" name="initial-starts_on" value="2026-03-01" id="initial-id_starts_on">' in html


def test_a_hidden_field_gets_no_class_and_no_wrapper():
    html = field_html(EveryWidgetForm(EVERY_WIDGET_DATA), "hidden")

    assert html.strip() == '<input type="hidden" name="hidden" value="h&amp;m" id="id_hidden">'


class ChoicesForm(forms.Form):
    side = forms.ChoiceField(choices=[("left", "Left"), ("r&ght", "Right")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(
        choices=[(1, "Mon"), (2, "Tue")],
        widget=forms.CheckboxSelectMultiple(attrs={"data-step": 1, "data-off": False, "data-none": None}),
    )


@pytest.mark.parametrize("data", [{"side": "r&ght", "days": ["2"]}, {"side": "middle"}, None])
def test_a_choice_is_drawn_as_flatatt_would_write_it(data):
    form = ChoicesForm(data)
    for field in form:
        for choice in field:
            attrs = {
                **choice.data["attrs"],
                "class": "form-check-input is-invalid" if field.errors else "form-check-input",
            }
            expected = format_html(
                '<input type="{}" name="{}" value="{}"{}>',
                choice.data["type"],
                choice.data["name"],
                choice.data["value"],
                flatatt(attrs),
            )

            assert bootstrap_choice(choice, field) == expected
            own = format_html(
                '<input type="{}" name="{}" value="{}"{}>',
                choice.data["type"],
                choice.data["name"],
                choice.data["value"],
                flatatt(choice.data["attrs"]),
            )
            assert choice_input(choice) == own


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 3, 7, 5, 9, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2027, 3, 28, 0, 59, 59, tzinfo=datetime.UTC),  # the last second before summer time
        datetime.datetime(2027, 3, 28, 1, 0, 0, tzinfo=datetime.UTC),
        datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC),  # 02:30 the first time
        datetime.datetime(2027, 10, 31, 1, 30, tzinfo=datetime.UTC),  # 02:30 the second time
    ],
)
def test_the_timestamp_and_clock_filters_write_what_djangos_date_and_time_filters_write(moment):
    expected = Template("<time datetime=\"{{ moment|date:'c' }}\">{{ moment|date:'d-m-Y H:i:s' }}</time>").render(
        Context({"moment": moment})
    )

    assert str(timestamp(moment)) == expected
    assert clock(moment) == Template('{{ moment|time:"H:i" }}').render(Context({"moment": moment}))


class InlineForm(forms.Form):
    urge = forms.TypedChoiceField(
        label="Urge", choices=[(0, "None"), (1, "Some"), (2, "Strong")], coerce=int, widget=forms.RadioSelect
    )
    days = forms.MultipleChoiceField(
        label="Days", choices=[("1", "Mon"), ("2", "Tue")], widget=forms.CheckboxSelectMultiple, required=False
    )


@pytest.mark.parametrize("data", [{"urge": "1", "days": ["2"]}, {"urge": "9"}, None])
@pytest.mark.parametrize("inline_class", ["inline", ""])
def test_the_list_of_radios_and_checkboxes_draws_what_crispy_bootstrap5_draws(data, inline_class):
    """The project's bootstrap5/layout/radio_checkbox_select.html against crispy-bootstrap5's own, as HTML."""
    import crispy_bootstrap5
    from django.test.html import parse_html

    own = (
        Path(crispy_bootstrap5.__file__).parent / "templates/bootstrap5/layout/radio_checkbox_select.html"
    ).read_text()
    form = InlineForm(data)
    form.is_valid()
    for name in ("urge", "days"):
        context = {"field": form[name], "inline_class": inline_class, "form_show_errors": True}
        ours = render_to_string("bootstrap5/layout/radio_checkbox_select.html", context)
        theirs = Template(own).render(Context(context))
        assert parse_html(ours) == parse_html(theirs)
