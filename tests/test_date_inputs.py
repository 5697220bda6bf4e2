"""Every date and time input the project renders carries its value in the one format its type takes.

A browser throws away a value such as 02-12-2026 in an <input type="date">: the field shows empty
and the submit fails with "required". Dates shown as text stay Dutch; only the inputs are ISO.
"""

from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.test_url_matrix import URL_RULES

pytestmark = pytest.mark.django_db

# What an <input>'s value must look like for each type (HTML's "valid date/time string").
INPUT_FORMATS = {
    "date": ("%Y-%m-%d",),
    "datetime-local": ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"),
    "time": ("%H:%M", "%H:%M:%S"),
}


class DateInputs(HTMLParser):
    """Collect (type, name, value) of every date, datetime-local and time input with a value."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in INPUT_FORMATS and attrs.get("value"):
            self.found.append((attrs["type"], attrs.get("name"), attrs["value"]))


def parses(kind, value):
    for pattern in INPUT_FORMATS[kind]:
        try:
            datetime.strptime(value, pattern)
        except ValueError:
            continue
        return True
    return False


def pages():
    for name, rule in sorted(URL_RULES.items()):
        if rule.post_only or not (rule.public or rule.allowed):
            continue
        yield name, rule


def test_every_rendered_date_and_time_input_value_parses_in_its_input_format(client, world):
    wrong, seen = [], 0
    for name, rule in pages():
        client.logout()
        client_for(client, world, "anonymous" if rule.public else sorted(rule.allowed)[0])
        response = client.get(reverse(name, kwargs=rule.own(world) if rule.own else None))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = DateInputs()
        parser.feed(response.content.decode())
        seen += len(parser.found)
        wrong += [(name, kind, field, value) for kind, field, value in parser.found if not parses(kind, value)]
    assert not wrong, f"date/time inputs whose value the browser throws away: {wrong}"
    assert seen >= 10, "the pages should show pre-filled date inputs (discharge, program start, update forms)"
