"""Table-driven tests of the treatment plan's safety rules."""

import datetime

import pytest

from patients.choices import PelvicFloorClass, PfmtFocus, SafetyCode
from patients.rules import plans as rules

OVER, UNDER, NORMAL = PelvicFloorClass.OVERACTIVE, PelvicFloorClass.UNDERACTIVE, PelvicFloorClass.NORMAL
STRENGTH, ENDURANCE, COORDINATION = PfmtFocus.STRENGTH, PfmtFocus.ENDURANCE, PfmtFocus.COORDINATION


@pytest.mark.parametrize(
    ("started_on", "expected"),
    [
        (datetime.date(2026, 1, 5), datetime.date(2026, 2, 16)),
        (datetime.date(2026, 12, 28), datetime.date(2027, 2, 8)),
    ],
)
def test_review_date_defaults_to_six_weeks_after_the_start(started_on, expected):
    assert rules.default_review_date(started_on) == expected


@pytest.mark.parametrize(("red_flag_open", "expected"), [(True, [SafetyCode.RED_FLAG_OPEN]), (False, [])])
def test_an_open_red_flag_stops_activation_and_cannot_be_overridden(red_flag_open, expected):
    warnings = rules.red_flag_plan_warnings(red_flag_open=red_flag_open)
    assert [warning.code for warning in warnings] == expected
    assert all(warning.blocking and not warning.overridable for warning in warnings)


@pytest.mark.parametrize(
    ("pelvic_floor_class", "focuses", "home_exercises", "warned"),
    [
        (OVER, [STRENGTH], [], True),
        (OVER, [STRENGTH, COORDINATION], [], True),
        (OVER, [], ["Slow holds"], True),
        (OVER, [ENDURANCE, COORDINATION], [], False),
        (OVER, [], [], False),
        (UNDER, [STRENGTH], ["Slow holds"], False),
        (NORMAL, [STRENGTH], [], False),
        (None, [], ["Squeezes"], False),
        ("", [STRENGTH], [], False),
    ],
)
def test_relaxation_first_for_strengthening_an_overactive_floor(pelvic_floor_class, focuses, home_exercises, warned):
    warnings = rules.relaxation_first_warnings(
        pelvic_floor_class=pelvic_floor_class, pfmt_focuses=focuses, strengthening_exercises=home_exercises
    )
    assert [warning.code for warning in warnings] == ([SafetyCode.RELAXATION_FIRST] if warned else [])
    assert all(warning.blocking and warning.overridable for warning in warnings)


def test_relaxation_first_names_the_strengthening_exercises_of_the_home_program():
    (warning,) = rules.relaxation_first_warnings(
        pelvic_floor_class=OVER, strengthening_exercises=["Slow holds", "Quick flicks"]
    )
    assert "Slow holds, Quick flicks" in str(warning.message)


NO_ANSWERS = {"uses_anticoagulants": False, "bleeding_disorder": False, "pregnant": False, "fear_of_needles": False}


@pytest.mark.parametrize(
    ("answers", "codes"),
    [
        ({}, []),
        ({"uses_anticoagulants": True}, [SafetyCode.NEEDLING_ANTICOAGULANTS]),
        ({"bleeding_disorder": True}, [SafetyCode.NEEDLING_BLEEDING_DISORDER]),
        ({"pregnant": True}, [SafetyCode.NEEDLING_PREGNANCY]),
        ({"fear_of_needles": True}, [SafetyCode.NEEDLING_FEAR]),
        (
            {"uses_anticoagulants": True, "fear_of_needles": True},
            [SafetyCode.NEEDLING_ANTICOAGULANTS, SafetyCode.NEEDLING_FEAR],
        ),
    ],
)
def test_every_needling_contraindication_answered_yes_blocks(answers, codes):
    warnings = rules.needling_warnings({**NO_ANSWERS, **answers})
    assert [warning.code for warning in warnings] == codes
    assert all(warning.blocking and warning.overridable for warning in warnings)


@pytest.mark.parametrize(
    ("answers", "unanswered"),
    [
        (NO_ANSWERS, []),
        ({**NO_ANSWERS, "pregnant": None}, ["pregnant"]),
        ({}, ["uses_anticoagulants", "bleeding_disorder", "pregnant", "fear_of_needles"]),
        (
            {**NO_ANSWERS, "fear_of_needles": None, "uses_anticoagulants": None},
            ["uses_anticoagulants", "fear_of_needles"],
        ),
    ],
)
def test_needling_questions_left_unanswered_are_named(answers, unanswered):
    assert rules.needling_unanswered(answers) == unanswered


@pytest.mark.parametrize(
    ("condition", "code"),
    [
        ("uses_anticoagulants", SafetyCode.NSAID_ANTICOAGULANTS),
        ("stomach_problems", SafetyCode.NSAID_STOMACH),
        ("kidney_problems", SafetyCode.NSAID_KIDNEY),
        ("heart_problems", SafetyCode.NSAID_HEART),
        ("pregnant", SafetyCode.NSAID_PREGNANCY),
        ("breastfeeding", SafetyCode.NSAID_BREASTFEEDING),
    ],
)
def test_each_intake_condition_shows_its_nsaid_caution_without_blocking(condition, code):
    warnings = rules.nsaid_cautions({condition: True})
    assert [warning.code for warning in warnings] == [code]
    assert not warnings[0].blocking


@pytest.mark.parametrize(("fear", "codes"), [(True, [SafetyCode.NEEDLE_FEAR_AT_INTAKE]), (False, []), (None, [])])
def test_needle_fear_told_at_intake_is_an_early_caution_that_does_not_block(fear, codes):
    warnings = rules.needle_fear_cautions({"fear_of_needles": fear})
    assert [warning.code for warning in warnings] == codes
    assert not any(warning.blocking for warning in warnings)


def test_no_nsaid_caution_without_a_condition():
    assert rules.nsaid_cautions({}) == []
    assert rules.nsaid_cautions({"bleeding_disorder": True, "stomach_problems": False}) == []


RED = rules.SafetyWarning(SafetyCode.RED_FLAG_OPEN, "red", blocking=True, overridable=False)
RELAX = rules.SafetyWarning(SafetyCode.RELAXATION_FIRST, "relax", blocking=True)
NSAID = rules.SafetyWarning(SafetyCode.NSAID_HEART, "nsaid")


@pytest.mark.parametrize(
    ("warnings", "overridden", "still_blocking"),
    [
        ([], set(), []),
        ([NSAID], set(), []),
        ([RELAX], set(), [RELAX]),
        ([RELAX], {SafetyCode.RELAXATION_FIRST}, []),
        ([RED], {SafetyCode.RED_FLAG_OPEN}, [RED]),
        ([RED, RELAX, NSAID], {SafetyCode.RELAXATION_FIRST}, [RED]),
    ],
)
def test_only_justified_overridable_warnings_stop_blocking(warnings, overridden, still_blocking):
    assert rules.unresolved_blocks(warnings, overridden) == still_blocking
