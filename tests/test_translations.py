"""The Dutch catalogue covers every string of the interface (run makemessages before this test means anything new)."""

from pathlib import Path

from babel.messages.pofile import read_po

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
