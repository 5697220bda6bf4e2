"""The plain Bootstrap field partial (templates/forms/field.html) used where crispy-forms is too slow."""

from django import forms
from django.template.loader import render_to_string


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the card")
    repetitions = forms.IntegerField(label="Repetitions", min_value=1)
    level = forms.ChoiceField(label="Level", choices=[("low", "Low"), ("high", "High")])
    archived = forms.BooleanField(label="Also archived", required=False)
    side = forms.ChoiceField(label="Side", choices=[("left", "Left"), ("right", "Right")], widget=forms.RadioSelect)


def field_html(form, name):
    return render_to_string("forms/field.html", {"field": form[name]})


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
