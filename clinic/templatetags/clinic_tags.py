from django import template

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
