"""Hostile query strings on every page: never a server error, always the page (with a message) or a refusal.

A query string is typed input like a form's: an address edited by hand, a bookmark from an older
version, a crawler. Every GET page of the URL matrix is asked with every parameter any view reads.
"""

import pathlib
import re

import django_filters
import pytest
from django.urls import get_resolver, reverse

from tests.conftest import client_for, row_counts
from tests.test_url_matrix import URL_RULES

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

HOSTILE_QUERY_VALUES = [
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2026-02-30",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "x" * 5000,
    "\x00",
    "' OR '1'='1",
    "<script>alert(1)</script>",
]

# What views read from request.GET besides the filter sets' fields.
VIEW_PARAMETERS = {
    "page",
    "day",
    "timeline",
    "notes",
    "print",
    "topic",
    "episode",
    "weeks_ago",
    "next",
    "kind",
    "q",
    "figure",
    "dimension",
}


def filter_parameters():
    """Every field of every filter set of the project (the URL patterns import every view and its filters)."""
    get_resolver().url_patterns  # noqa: B018
    found, todo = set(), [django_filters.FilterSet]
    while todo:
        filterset = todo.pop()
        todo.extend(filterset.__subclasses__())
        if filterset.__module__.split(".")[0] in {"clinic", "patients", "programs"}:
            found |= set(filterset.base_filters)
    return found


PARAMETERS = sorted(VIEW_PARAMETERS | filter_parameters())


def test_every_parameter_a_view_reads_is_fuzzed():
    root = pathlib.Path(__file__).resolve().parent.parent
    read = set()
    for app in ("clinic", "patients", "programs"):
        for path in (root / app).rglob("*.py"):
            read |= set(re.findall(r"""GET\.get\(\s*["'](\w+)["']""", path.read_text()))
    assert read - set(PARAMETERS) == set(), "add these query parameters to VIEW_PARAMETERS"


GET_PAGES = sorted(name for name, rule in URL_RULES.items() if not rule.post_only and (rule.public or rule.allowed))


@pytest.mark.parametrize("name", GET_PAGES)
def test_a_hostile_query_string_never_breaks_a_page(client, world, name):
    rule = URL_RULES[name]
    role = "anonymous" if rule.public else sorted(rule.allowed)[0]
    client = client_for(client, world, role)
    url = reverse(name, kwargs=rule.own(world) if rule.own else None)
    client.get(url)  # a first visit may prepare what the page needs (the enrolment's pending device)
    before = row_counts()
    for value in HOSTILE_QUERY_VALUES:
        response = client.get(url, dict.fromkeys(PARAMETERS, value))
        assert response.status_code in (200, 302, 400), (value[:20], response.status_code)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            assert "<script>alert(1)</script>" not in response.text
    assert row_counts() == before
