import datetime
from decimal import Decimal

import pytest

from programs.rules import (
    StartingDosage,
    adherence_percent,
    bladder_diary_means,
    diary_day,
    diary_entry_errors,
    dosage_errors,
    dosage_from_perfect,
    is_strengthening,
    nocturnal_polyuria_index,
    perfect_item_dosage,
    round_half_up,
)


@pytest.mark.parametrize(
    ("kind", "hold", "relax", "refused"),
    [
        ("endurance", 5, 10, False),
        ("endurance", 5, 9, True),
        ("strength", 3, 6, False),
        ("strength", 3, 5, True),
        ("speed", 1, 2, False),
        ("speed", 1, 1, True),
        ("coordination", 2, 3, True),
        ("coordination", 0, 0, False),
        ("relax", 4, 6, False),  # breathing: in 4, out 6 is not a contraction
        ("habit", 0, 0, False),
    ],
)
def test_contraction_needs_relax_of_at_least_twice_the_hold(kind, hold, relax, refused):
    assert bool(dosage_errors(kind=kind, hold_seconds=hold, relax_seconds=relax)) is refused


@pytest.mark.parametrize(
    ("perfect", "expected"),
    [
        (
            {"power": 3, "endurance_seconds": 6, "repetitions": 5, "fast_contractions": 8},
            StartingDosage(hold_seconds=6, relax_seconds=12, repetitions=5, fast_contractions=8, can_contract=True),
        ),
        (
            {"power": 2, "endurance_seconds": 2, "repetitions": 3, "fast_contractions": 4},
            StartingDosage(hold_seconds=2, relax_seconds=4, repetitions=3, fast_contractions=4, can_contract=True),
        ),
        (
            {"power": 5, "endurance_seconds": 15, "repetitions": 12, "fast_contractions": 20},
            StartingDosage(hold_seconds=10, relax_seconds=20, repetitions=10, fast_contractions=10, can_contract=True),
        ),
        (
            {"power": 1, "endurance_seconds": 0, "repetitions": 0, "fast_contractions": 0},
            StartingDosage(hold_seconds=1, relax_seconds=2, repetitions=1, fast_contractions=1, can_contract=True),
        ),
        (
            {"power": 0, "endurance_seconds": 0, "repetitions": 0, "fast_contractions": 0},
            StartingDosage(hold_seconds=0, relax_seconds=0, repetitions=0, fast_contractions=0, can_contract=False),
        ),
        (
            {"power": None, "endurance_seconds": 5, "repetitions": 5, "fast_contractions": 5},
            StartingDosage(hold_seconds=0, relax_seconds=0, repetitions=0, fast_contractions=0, can_contract=False),
        ),
    ],
)
def test_perfect_findings_set_the_starting_dosage(perfect, expected):
    assert dosage_from_perfect(**perfect) == expected


START = StartingDosage(hold_seconds=6, relax_seconds=12, repetitions=5, fast_contractions=8, can_contract=True)
NONE = StartingDosage(hold_seconds=0, relax_seconds=0, repetitions=0, fast_contractions=0, can_contract=False)


@pytest.mark.parametrize(
    ("kind", "starting", "expected"),
    [
        ("endurance", START, {"hold_seconds": 6, "relax_seconds": 12, "repetitions": 5}),
        ("strength", START, {"hold_seconds": 6, "relax_seconds": 12, "repetitions": 5}),
        ("speed", START, {"hold_seconds": 1, "relax_seconds": 2, "repetitions": 8}),
        ("relax", START, {}),
        ("habit", START, {}),
        ("endurance", NONE, {}),
    ],
)
def test_perfect_dosage_applies_per_kind_and_respects_the_relax_rule(kind, starting, expected):
    dosage = perfect_item_dosage(kind, starting)
    assert dosage == expected
    if dosage:
        assert not dosage_errors(kind=kind, hold_seconds=dosage["hold_seconds"], relax_seconds=dosage["relax_seconds"])


@pytest.mark.parametrize(
    ("kind", "tags", "strengthening"),
    [
        ("endurance", [], True),
        ("strength", [], True),
        ("speed", [], True),
        ("coordination", ["strengthening"], True),
        ("coordination", [], False),
        ("relax", [], False),
        ("habit", None, False),
    ],
)
def test_an_exercise_strengthens_by_its_kind_or_its_tag(kind, tags, strengthening):
    assert is_strengthening(kind, tags) is strengthening


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute)


@pytest.mark.parametrize(
    ("moment", "time", "expected_day"),
    [
        ("day", at(10, 7, 30), 10),
        ("day", at(10, 23, 50), 10),
        ("day", at(11, 0, 30), 11),  # up late: a daytime void after midnight counts for that date
        ("night", at(10, 23, 30), 10),
        ("night", at(11, 3, 0), 10),
        ("first_morning", at(11, 7, 0), 10),
        ("first_morning", at(11, 12, 30), 11),
    ],
)
def test_diary_day_runs_from_getting_up_to_getting_up(moment, time, expected_day):
    assert diary_day(time, moment=moment) == datetime.date(2026, 3, expected_day)


@pytest.mark.parametrize(
    ("nocturnal", "total", "expected"),
    [(600, 2000, 30), (0, 1500, 0), (None, 1500, 0), (300, 0, None), (300, None, None)],
)
def test_nocturnal_polyuria_index(nocturnal, total, expected):
    assert nocturnal_polyuria_index(nocturnal_ml=nocturnal, total_ml=total) == expected


@pytest.mark.parametrize(
    ("done", "prescribed", "expected"),
    [
        ({1: 7, 2: 7}, {1: 14, 2: 7}, 67),
        ({1: 20}, {1: 14}, 100),  # doing more does not make up for another exercise
        ({1: 20}, {1: 14, 2: 14}, 50),
        ({}, {1: 14}, 0),
        ({1: 3}, {}, None),
    ],
)
def test_adherence_counts_no_item_beyond_its_prescription(done, prescribed, expected):
    assert adherence_percent(done_by_item=done, prescribed_by_item=prescribed) == expected


NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ({"recorded_at": NOW}, set()),
        ({"recorded_at": NOW + datetime.timedelta(minutes=4)}, set()),
        ({"recorded_at": NOW + datetime.timedelta(minutes=6)}, {"recorded_at"}),
        ({"recorded_at": NOW, "fluid_ml": 200, "fluid_kind": "water"}, set()),
        ({"recorded_at": NOW, "fluid_ml": 200}, {"fluid_kind"}),
        ({"recorded_at": NOW, "leakage": "drops", "leak_cause": "urge"}, set()),
        ({"recorded_at": NOW, "leakage": "none", "leak_cause": "urge"}, {"leak_cause"}),
    ],
)
def test_a_diary_line_is_refused_for_a_time_to_come_a_drink_without_kind_or_a_cause_without_leak(line, fields):
    assert set(diary_entry_errors(now=NOW, **line)) == fields


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(2.5, 0, 3), (3.5, 0, 4), (257.5, 0, 258), (1.25, 1, Decimal("1.3")), (1.0, 1, Decimal("1.0")), (None, 0, None)],
)
def test_diary_figures_round_halves_up(value, places, expected):
    assert round_half_up(value, places) == expected


def bladder_day(voids, total_ml, max_ml, leaks, fluid_ml, night_voids, nocturnal_ml):
    return locals()


def test_bladder_diary_means_over_its_days():
    days = [bladder_day(7, 1500, 400, 1, 1500, 1, 500), bladder_day(8, 1600, 350, 2, 1800, 2, 700)]
    means = bladder_diary_means(days)
    assert means == {
        "days": 2,
        "voids": Decimal("7.5"),
        "total_ml": 1550,
        "mean_ml": 207,  # 3100 ml over 15 voids, not the mean of the daily means
        "max_ml": 400,
        "leaks": Decimal("1.5"),
        "fluid_ml": 1650,
        "night_voids": Decimal("1.5"),
        "nocturnal_ml": 600,
        "npi": 39,  # 1200 of 3100 ml
    }


def test_bladder_diary_means_of_days_without_voided_volumes():
    means = bladder_diary_means([bladder_day(0, None, None, 2, None, 0, None)])
    assert (means["mean_ml"], means["max_ml"], means["npi"], means["total_ml"]) == (None, None, None, 0)
    assert bladder_diary_means([]) is None
