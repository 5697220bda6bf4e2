"""The Dutch catalogue covers every string of the interface (run makemessages before this test means anything new)."""

import datetime
import re
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_dutch_translation_that_is_not_a_guess():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert not missing, f"translate these in {CATALOGUE.name}: {missing[:10]}"


INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jouwe|jezelf)\b", re.IGNORECASE)
LIBRARY = Path(__file__).resolve().parent.parent / "programs" / "data" / "builtin_exercises.toml"


def test_dutch_speaks_to_everyone_as_u():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    informal = [
        string
        for message in catalogue
        if message.id
        for string in (message.string if isinstance(message.string, tuple) else (message.string,))
        if INFORMAL.search(string)
    ]
    library = tomllib.loads(LIBRARY.read_text())
    informal += [
        text
        for exercise in library.values()
        for text in (exercise["title_nl"], exercise["instructions_nl"])
        if INFORMAL.search(text)
    ]
    assert not informal, f"write these with u/uw: {informal[:5]}"


def test_dutch_dates_are_written_one_way_with_lowercase_months():
    day = datetime.date(2026, 12, 4)
    with translation.override("nl"):
        assert date_format(day, "SHORT_DATE_FORMAT") == "04-12-2026"
        assert date_format(datetime.datetime(2026, 12, 4, 9, 5), "SHORT_DATETIME_FORMAT") == "04-12-2026 09:05"
        assert Template('{{ day|date:"D j b" }}').render(Context({"day": day})) == "vr 4 dec"
