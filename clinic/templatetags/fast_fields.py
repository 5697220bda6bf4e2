"""Bootstrap fields drawn without a template per input: the project's crispy-forms field template.

templates/bootstrap5/field.html takes the place of crispy-bootstrap5's own, so every crispy form and
every `|as_crispy_field` draws its fields through these filters. crispy's template and Django's
widget templates cost up to a millisecond a field: the intake form took 31 ms a page, 19 ms now; the
program builder, the portal's start page and the filtered lists gained as much (make bench,
README). tests/clinic/test_form_field.py holds every widget drawn here equal to Django's rendering.
"""

import html

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


# Bootstrap classes by Django's widget_type; every other input is a form-control.
WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select",
    "checkbox": "form-check-input",
    "hidden": "",
}


def _with_class(attrs, css, invalid):
    classes = " ".join(name for name in (attrs.get("class", ""), css, "is-invalid" if invalid else "") if name)
    return {**attrs, "class": classes} if classes else attrs


def _escape(value):
    """Escape as conditional_escape does, without its lazy-string wrapper: this runs for every attribute."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attributes(attrs):
    """Write attributes as Django's widgets/attrs.html does: in order, True bare, False left out."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    value = "" if widget["value"] is None else f' value="{_escape(widget["value"])}"'
    kind, name = _escape(widget["type"]), _escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attributes(widget["attrs"])}>'


def _textarea(widget):
    value = _escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_escape(widget["name"])}"{_attributes(widget["attrs"])}>\n{value}</textarea>'


def _option(option):
    value, label = _escape(option["value"]), _escape(option["label"])
    return f'\n  <option value="{value}"{_attributes(option["attrs"])}>{label}</option>\n'


def _select(widget):
    parts = [f'<select name="{_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


# Django's own templates of the widgets that are one element, drawn here character for character the
# same without a template per input and per option: on a page with 50 inputs the templates cost more
# than everything else. Widgets with other templates are rendered by Django.
INPUTS = ("input", "text", "number", "email", "url", "tel", "search", "password", "hidden", "checkbox")
DATE_INPUTS = ("date", "datetime", "time")
DRAWN = {
    **{f"django/forms/widgets/{name}.html": _input for name in INPUTS + DATE_INPUTS},
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
}
DJANGO_OPTION = "django/forms/widgets/select_option.html"


def _render_widget(field, attrs):
    """Render the field's widget as BoundField.as_widget does."""
    widget = field.field.widget
    draw = DRAWN.get(widget.template_name)
    if draw is None or getattr(widget, "option_template_name", DJANGO_OPTION) != DJANGO_OPTION:
        return field.as_widget(attrs=attrs)
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    return mark_safe(draw(context))  # noqa: S308  (_escape escapes every value, as the templates would)


@register.filter
def bootstrap_widget(field):
    """Render a bound field's widget with Bootstrap's class (and is-invalid on an error), for bootstrap5/field.html.

    The plain partial renders a field in a third of the time crispy-forms takes, which counts on
    pages with many inputs such as the program builder.
    """
    css = WIDGET_CLASSES.get(field.widget_type, "form-control")
    rendered = _render_widget(field, _with_class({}, css, bool(field.errors)))
    if field.field.show_hidden_initial:
        return rendered + field.as_hidden(only_initial=True)
    return rendered


@register.filter
def bootstrap_choice(choice, field):
    """Render one radio button or checkbox of a multiple-choice field with Bootstrap's class."""
    return _choice_input(choice, "form-check-input", bool(field.errors))


@register.filter
def choice_input(choice):
    """Render one radio button or checkbox with the widget's own classes (the portal's large answer buttons)."""
    return _choice_input(choice, "", False)


def _choice_input(choice, css, invalid):
    data = choice.data
    attrs = _with_class(data["attrs"], css, invalid)
    # In flatatt's order (valued attributes, then flags, each sorted), written without a format_html per attribute.
    valued = {key: value for key, value in attrs.items() if not isinstance(value, bool) and value is not None}
    flags = {key: True for key, value in attrs.items() if value is True}
    valued, flags = _attributes(dict(sorted(valued.items()))), _attributes(dict(sorted(flags.items())))
    kind, name, value = _escape(data["type"]), _escape(data["name"]), _escape(data["value"])
    return mark_safe(f'<input type="{kind}" name="{name}" value="{value}"{valued}{flags}>')  # noqa: S308  (escaped)


CHOICE_LISTS = ("radioselect", "checkboxselectmultiple")


def _required_mark(field):
    return '<span class="asteriskField">*</span>' if field.field.required else ""


def _label(for_id, text, css):
    return f'<label for="{_escape(for_id)}" class="{css}">{text}</label>'


def _label_and_widget(field, kind):
    """The inside of a field's box: its label and input, as a checkbox, a list of choices or one input."""
    label = _escape(field.label)
    if kind == "checkbox":
        return f"{bootstrap_widget(field)} {_label(field.id_for_label, label, 'form-check-label')}\n"
    if kind in CHOICE_LISTS:
        described = f' aria-describedby="{_escape(field.auto_id)}_helptext"' if field.help_text else ""
        choices = "".join(
            f'<div class="form-check">{bootstrap_choice(choice, field)} '
            f"{_label(choice.id_for_label, _escape(choice.choice_label), 'form-check-label')}</div>"
            for choice in field
        )
        return (
            f'<fieldset{described}><legend class="form-label fs-6">{label}{_required_mark(field)}</legend>\n'
            f"{choices}</fieldset>\n"
        )
    heading = ""
    if field.label:
        css = "form-label requiredField" if field.field.required else "form-label"
        heading = _label(field.id_for_label, label + _required_mark(field), css)
    return f"{heading}{bootstrap_widget(field)}\n"


@register.simple_tag(takes_context=True)
def bootstrap_field(context, field):
    """Render a bound field in its Bootstrap box (label, input, errors, help text): crispy's field template.

    Drawn here rather than by a template of tags, which took half as long again as this for every field
    of every form (tests/clinic/test_form_field.py holds what it draws).
    """
    if field.is_hidden:
        return bootstrap_widget(field)
    kind = field.widget_type
    auto_id = _escape(field.auto_id)
    box_class = "form-check mb-3" if kind == "checkbox" else "mb-3"
    if context.get("wrapper_class"):
        box_class += f" {_escape(context['wrapper_class'])}"
    errors = ""
    if field.errors:
        lines = "".join(
            f'<p id="error_{number}_{auto_id}" class="mb-0"><strong>{_escape(error)}</strong></p>'
            for number, error in enumerate(field.errors, start=1)
        )
        errors = f'<div id="{auto_id}_error" class="invalid-feedback d-block">{lines}</div>'
    help_text = f'<div id="{auto_id}_helptext" class="form-text">{field.help_text}</div>' if field.help_text else ""
    return mark_safe(  # noqa: S308  (every value is escaped; a help text is the form's own markup, as in crispy)
        f'<div id="div_{auto_id}" class="{box_class}">\n{_label_and_widget(field, kind)}{errors}{help_text}\n</div>'
    )
