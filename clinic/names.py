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


class KeepsSortName:
    """A model with first_name, last_name and sort_name, which keeps the sort name with the name.

    Set on every save, whichever path writes the row (a form, the admin, the demo's bulk inserts
    set it themselves).
    """

    def save(self, *args, **kwargs):
        self.sort_name = name_sort_key(self.first_name, self.last_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)


def name_sort_key(first_name: str, last_name: str) -> str:
    """Return the key a name sorts by: the last name without its prefix, then the first name, then the prefix."""
    words = re.sub(r"[’`]", "'", last_name).lower().split()
    prefix = []
    while len(words) > 1 and words[0] in PREFIXES:
        prefix.append(words.pop(0))
    return " ".join([*words, first_name.lower(), *prefix]).strip()[:320]
