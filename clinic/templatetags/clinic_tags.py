from django import template

from clinic.access_log import part_label as label_of_part

register = template.Library()


@register.filter
def part_label(part):
    """Show a logged part of the record by its readable name."""
    return label_of_part(part)
