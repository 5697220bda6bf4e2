"""Names in the order Dutch practices keep them: by the last name without its prefix (tussenvoegsel).

"Joyce de Boer" files under B, "Sem van der Berg" under B, "De Vries" under V, as in a Dutch phone book.
"""

import re

# The prefixes a Dutch last name may start with, alone or in a row ("van der", "van 't", "in den").
PREFIXES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "t",
        "te",
        "ten",
        "ter",
        "in",
        "op",
        "aan",
        "uit",
        "bij",
        "onder",
        "voor",
        "over",
        "la",
        "le",
        "les",
        "du",
        "d'",
        "da",
        "di",
        "del",
        "della",
        "von",
        "zu",
        "vom",
        "zum",
        "'s",
        "s",
    }
)


def name_sort_key(first_name: str, last_name: str) -> str:
    """Return the key a name sorts by: the last name without its prefix, then the first name, then the prefix."""
    words = re.sub(r"[’`]", "'", last_name).lower().split()
    prefix = []
    while len(words) > 1 and words[0] in PREFIXES:
        prefix.append(words.pop(0))
    return " ".join([*words, first_name.lower(), *prefix]).strip()[:320]
