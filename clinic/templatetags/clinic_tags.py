from django import template

from clinic.access_log import part_label as label_of_part
from clinic.choices import AccessAction, AccessOutcome, Role, choice_label

register = template.Library()


@register.filter
def part_label(part):
    """Show a logged part of the record by its readable name."""
    return label_of_part(part)


@register.filter
def role_label(role):
    """Show a stored role by its readable name."""
    return choice_label(Role, role)


@register.filter
def action_label(action):
    """Show a logged action by its readable name."""
    return choice_label(AccessAction, action)


@register.filter
def outcome_label(outcome):
    """Show a logged outcome by its readable name."""
    return choice_label(AccessOutcome, outcome)


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """Render a section that another app adds to a page (patients.extensions.Panel), as {% include %} would."""
    template = context.template.engine.get_template(panel.template)
    with context.push(**panel.context):
        return template.render(context)
