"""The cells of the patient's week, drawn without a template per cell.

The week shows every exercise on seven days: in the template, each of those cells took a handful of tags
and a translated block of its own.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def week_cell(cell):
    """Render one day of one exercise: done of due with a tick when complete, done when not due, else a dot."""
    if cell.due:
        if cell.done >= cell.due:
            css, tick = "text-success fw-bold", "✓ "
        elif cell.done:
            css, tick = "text-warning-emphasis fw-bold", ""
        else:
            css, tick = "text-body-secondary", ""
        spoken = gettext("%(done)s of %(due)s done") % {"done": cell.done, "due": cell.due}
        return format_html(
            '<span class="{}" aria-hidden="true">{}{}/{}</span><span class="visually-hidden">{}</span>',
            css,
            tick,
            cell.done,
            cell.due,
            spoken,
        )
    if cell.done:
        return format_html(
            '<span class="text-success fw-bold">{}×</span><span class="visually-hidden">{}</span>',
            cell.done,
            gettext("done"),
        )
    return mark_safe('<span class="text-body-tertiary" aria-hidden="true">·</span>')
