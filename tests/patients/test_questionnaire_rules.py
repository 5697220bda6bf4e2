"""Scoring of the built-in questionnaires against hand-scored answer sets, missing-item rules included."""

from decimal import Decimal

import pytest

from patients.rules.questionnaires import ItemRule, ScoringRule, score_answers
from patients.services.questionnaires import builtin_questionnaires_read

BUILTIN = builtin_questionnaires_read()


def rule_of(code):
    """Return the scoring rule of a built-in questionnaire straight from its data file."""
    definition = BUILTIN[code][1]
    version = definition["version"]
    return ScoringRule(
        method=version["method"],
        factor=version["factor"],
        missing_allowed=version["missing_allowed"],
        items=tuple(
            ItemRule(code=item["code"], subscale=item["subscale"], scored=item["scored"], required=item["required"])
            for item in definition["items"]
        ),
    )


def pfdi(popdi, cradi, udi):
    """Answers to the PFDI-20 by subscale, in item order; None is a question left out."""
    answers = {f"popdi_{n}": value for n, value in enumerate(popdi, start=1)}
    answers |= {f"cradi_{n}": value for n, value in enumerate(cradi, start=1)}
    answers |= {f"udi_{n}": value for n, value in enumerate(udi, start=1)}
    return answers


@pytest.mark.parametrize(
    ("answers", "total", "subscales"),
    [
        # All "no": every subscale 0.
        (pfdi([0] * 6, [0] * 8, [0] * 6), "0", ("0", "0", "0")),
        # All "yes, bothers a lot": every subscale 100, the total 300.
        (pfdi([4] * 6, [4] * 8, [4] * 6), "300", ("100", "100", "100")),
        # POPDI mean 12/6 = 2 → 50; CRADI 8/8 = 1 → 25; UDI 3/6 = 0.5 → 12.5.
        (pfdi([2] * 6, [1] * 8, [1, 1, 1, 0, 0, 0]), "87.5", ("50", "25", "12.5")),
        # Three of six POPDI items left out (half): mean of the answered 3 → 75; still scored.
        (pfdi([3, 3, 3, None, None, None], [0] * 8, [0] * 6), "75", ("75", "0", "0")),
        # Means that do not divide evenly are rounded per subscale: 5/6 × 25 = 20.83 → 20.8; 1/8 × 25 = 3.125 → 3.1.
        (pfdi([1, 1, 1, 1, 1, 0], [1, 0, 0, 0, 0, 0, 0, 0], [0] * 6), "23.9", ("20.8", "3.1", "0")),
        # Four of eight CRADI left out (half) is scored: 4 × 2 / 4 × 25 = 50.
        (pfdi([0] * 6, [2, 2, 2, 2, None, None, None, None], [0] * 6), "50", ("0", "50", "0")),
    ],
)
def test_pfdi_20_scores_subscales_as_mean_times_25_and_total_as_their_sum(answers, total, subscales):
    score = score_answers(rule_of("pfdi_20"), answers)
    assert score.total == Decimal(total)
    assert tuple(score.subscales.values()) == tuple(Decimal(value) for value in subscales)


@pytest.mark.parametrize(
    ("answers", "unscored"),
    [
        # Four of six POPDI items left out: more than half, so POPDI and the total are not scored.
        (pfdi([1, 1, None, None, None, None], [0] * 8, [0] * 6), "popdi_6"),
        # Five of eight CRADI left out.
        (pfdi([0] * 6, [1, 1, 1, None, None, None, None, None], [0] * 6), "cradi_8"),
        # Every UDI item left out.
        (pfdi([0] * 6, [0] * 8, [None] * 6), "udi_6"),
    ],
)
def test_pfdi_20_subscale_with_more_than_half_missing_is_not_scored_nor_the_total(answers, unscored):
    score = score_answers(rule_of("pfdi_20"), answers)
    assert score.subscales[unscored] is None
    assert score.total is None
    assert all(value is not None for code, value in score.subscales.items() if code != unscored)


@pytest.mark.parametrize(
    ("answers", "total"),
    [
        ({"frequency": 0, "amount": 0, "impact": 0, "when": 0}, "0"),
        ({"frequency": 5, "amount": 6, "impact": 10, "when": 7}, "21"),
        ({"frequency": 2, "amount": 4, "impact": 3, "when": 2}, "9"),
        # The "when" question is not scored: left out, the sum stands; any answer does not change it.
        ({"frequency": 3, "amount": 2, "impact": 5, "when": None}, "10"),
        ({"frequency": 3, "amount": 2, "impact": 5, "when": 6}, "10"),
        # Every scored item is required.
        ({"frequency": None, "amount": 2, "impact": 5, "when": 1}, None),
        ({"frequency": 1, "amount": None, "impact": 5}, None),
        ({"frequency": 1, "amount": 2}, None),
    ],
)
def test_iciq_ui_sf_is_the_sum_of_three_required_items(answers, total):
    assert score_answers(rule_of("iciq_ui_sf"), answers).total == (Decimal(total) if total else None)


@pytest.mark.parametrize(
    ("code", "answers", "total"),
    [
        ("pain_nrs", {"pain": 0}, "0"),
        ("pain_nrs", {"pain": 10}, "10"),
        ("pain_nrs", {"pain": None}, None),
        ("pgi_i", {"impression": 3}, "3"),
        ("pgi_i", {}, None),
        # PSK: the mean of the activities given; the first is required, the other two may be left out.
        ("psk", {"activity_1": 6}, "6"),
        ("psk", {"activity_1": 6, "activity_2": 3}, "4.5"),
        ("psk", {"activity_1": 7, "activity_2": 4, "activity_3": 4}, "5"),
        ("psk", {"activity_1": 1, "activity_2": 1, "activity_3": 0}, "0.7"),
        ("psk", {"activity_1": None, "activity_2": 4, "activity_3": 4}, None),
    ],
)
def test_single_item_scores_and_psk_mean(code, answers, total):
    assert score_answers(rule_of(code), answers).total == (Decimal(total) if total else None)


def test_built_in_ranges_hold_the_extremes():
    for code, low_answer, high_answer in [
        ("pain_nrs", 0, 10),
        ("pgi_i", 1, 7),
        ("psk", 0, 10),
    ]:
        version = BUILTIN[code][1]["version"]
        items = [item["code"] for item in BUILTIN[code][1]["items"]]
        assert score_answers(rule_of(code), dict.fromkeys(items, low_answer)).total == version["score_min"]
        assert score_answers(rule_of(code), dict.fromkeys(items, high_answer)).total == version["score_max"]


def test_pain_of_9_or_10_is_marked_as_a_warning():
    options = BUILTIN["pain_nrs"][1]["items"][0]["options"]
    assert [option["score"] for option in options if option["red_flag"]] == [9, 10]
