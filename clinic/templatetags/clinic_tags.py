from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from clinic.access_log import part_label as label_of_part
from clinic.models import Role

register = template.Library()


@register.filter
def part_label(part):
    """Show a logged part of the record by its readable name."""
    return label_of_part(part)


@register.filter
def role_label(role):
    """Show a stored role by its readable name."""
    return Role(role).label if role in Role.values else role


# Bootstrap classes by Django's widget_type; every other input is a form-control.
WIDGET_CLASSES = {"select": "form-select", "selectmultiple": "form-select", "checkbox": "form-check-input"}


def _with_class(attrs, css, invalid):
    classes = [attrs.get("class", ""), css, "is-invalid" if invalid else ""]
    return {**attrs, "class": " ".join(name for name in classes if name)}


@register.filter
def bootstrap_widget(field):
    """Render a bound field's widget with Bootstrap's class (and is-invalid on an error) for forms/field.html.

    The plain partial renders a field in a third of the time crispy-forms takes, which counts on
    pages with many inputs such as the program builder.
    """
    css = WIDGET_CLASSES.get(field.widget_type, "form-control")
    return field.as_widget(attrs=_with_class({}, css, bool(field.errors)))


@register.filter
def bootstrap_choice(choice, field):
    """Render one radio button or checkbox of a multiple-choice field with Bootstrap's class."""
    data = choice.data
    attrs = _with_class(data["attrs"], "form-check-input", bool(field.errors))
    html = '<input type="{}" name="{}" value="{}"{}>'
    return format_html(html, data["type"], data["name"], data["value"], flatatt(attrs))
