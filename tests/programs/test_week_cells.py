"""The cells of the patient's week: what each day of an exercise says, to the eye and to a screen reader."""

import pytest
from django.utils import translation

from programs.selectors import DayCell
from programs.templatetags.portal_week import week_cell


@pytest.mark.parametrize(
    ("done", "due", "shown", "spoken", "css"),
    [
        (3, 3, "✓ 3/3", "3 van 3 gedaan", "text-success"),
        (4, 3, "✓ 4/3", "4 van 3 gedaan", "text-success"),
        (1, 3, "1/3", "1 van 3 gedaan", "text-warning-emphasis"),
        (0, 2, "0/2", "0 van 2 gedaan", "text-body-secondary"),
        (2, None, "2×", "gedaan", "text-success"),
    ],
)
def test_a_day_says_what_was_done_of_what_was_due(done, due, shown, spoken, css):
    with translation.override("nl"):
        html = week_cell(DayCell(done=done, due=due))

    assert f">{shown}</span>" in html
    assert f'<span class="visually-hidden">{spoken}</span>' in html
    assert f'class="{css}' in html


def test_a_day_without_anything_due_or_done_is_a_dot_hidden_from_screen_readers():
    assert week_cell(DayCell(done=0, due=None)) == '<span class="text-body-tertiary" aria-hidden="true">·</span>'


def test_the_spoken_text_follows_the_language():
    with translation.override("en"):
        assert "1 of 3 done" in week_cell(DayCell(done=1, due=3))
