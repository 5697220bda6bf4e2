from django import template
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html

from clinic.access_log import part_label as label_of_part
from clinic.models import AccessAction, AccessOutcome, Role

register = template.Library()


def _label_of(choices, value):
    """Return the readable name of a stored choice, or the value itself when it is not one (any more).

    The enum lookup is what get_FOO_display() does without building a dict of all choices on every call,
    which made the display method the slowest cell of the 50-row access log.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


@register.filter
def part_label(part):
    """Show a logged part of the record by its readable name."""
    return label_of_part(part)


@register.filter
def role_label(role):
    """Show a stored role by its readable name."""
    return _label_of(Role, role)


@register.filter
def action_label(action):
    """Show a logged action by its readable name."""
    return _label_of(AccessAction, action)


@register.filter
def outcome_label(outcome):
    """Show a logged outcome by its readable name."""
    return _label_of(AccessOutcome, outcome)


@register.filter
def timestamp(moment):
    """Show a moment in local time to the second (dd-mm-yyyy hh:mm:ss) in a <time> element.

    Formatted with strftime: the |date filter's format parser took a third of the access log's rows.
    """
    local = timezone.localtime(moment)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), local.strftime("%d-%m-%Y %H:%M:%S"))


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
