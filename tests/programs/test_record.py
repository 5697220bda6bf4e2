"""The builder's reading of the clinical record, with stand-ins for the record's relations."""

from types import SimpleNamespace

import pytest

from programs.record import episode_classification, latest_perfect


class Related:
    def __init__(self, *rows):
        self.rows = rows

    def filter(self, **filters):
        return Related(*[row for row in self.rows if all(self._match(row, k, v) for k, v in filters.items())])

    @staticmethod
    def _match(row, lookup, value):
        name, _, test = lookup.partition("__")
        return (getattr(row, name) is None) is value if test == "isnull" else getattr(row, name) == value

    def first(self):
        return self.rows[0] if self.rows else None


def test_without_the_record_relations_there_is_no_classification_or_perfect():
    episode = SimpleNamespace()
    assert episode_classification(episode) is None
    assert latest_perfect(episode) is None


@pytest.mark.parametrize(("classes", "expected"), [(["overactive", "normal"], "overactive"), ([], None)])
def test_latest_classification_is_read(classes, expected):
    episode = SimpleNamespace(classifications=Related(*[SimpleNamespace(pelvic_floor_class=c) for c in classes]))
    assert episode_classification(episode) == expected


def test_latest_assessment_with_a_power_grade_gives_the_perfect_numbers():
    without_power = SimpleNamespace(oxford_power=None, endurance_seconds=None, repetitions=None, fast_contractions=None)
    assessed = SimpleNamespace(oxford_power=3, endurance_seconds=6, repetitions=5, fast_contractions=8)
    episode = SimpleNamespace(assessments=Related(without_power, assessed))
    assert latest_perfect(episode) == {"power": 3, "endurance_seconds": 6, "repetitions": 5, "fast_contractions": 8}
