import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from patients.choices import (
    ConsentKind,
    CoughReflex,
    DateCheck,
    InternalRoute,
    MeasureKind,
    PelvicFloorClass,
    ReferralType,
    Relaxation,
    RestingTone,
    ScreeningDecision,
)
from patients.models import Assessment, RedFlagScreening
from patients.rules.record import (
    measure_total,
    missing_consent_for_route,
    record_date_check,
    red_flag_awaiting_gp,
    red_flag_blocks_treatment,
    red_flag_warnings,
    suggest_classification,
    treatment_may_start,
)
from tests.factories import RedFlagScreeningFactory

CLEARED = datetime.date(2026, 11, 1)


def screening(**fields):
    return RedFlagScreening(**fields)


@pytest.mark.parametrize(
    ("fields", "is_open", "warning_count"),
    [
        ({}, False, 0),
        ({"saddle_anaesthesia": True}, True, 3),
        ({"saddle_anaesthesia": True, "gp_contact_advised": True}, True, 2),
        ({"fever_or_malaise": True, "unexplained_bleeding": True, "gp_contact_advised": True}, True, 3),
        ({"saddle_anaesthesia": True, "gp_contact_advised": True, "decision": ScreeningDecision.GP_CLEARANCE}, True, 2),
        (
            {
                "saddle_anaesthesia": True,
                "gp_contact_advised": True,
                "decision": ScreeningDecision.GP_CLEARANCE,
                "gp_cleared_on": CLEARED,
            },
            False,
            1,
        ),
        ({"non_mechanical_pain": True, "gp_contact_advised": True, "decision": ScreeningDecision.REFER}, True, 2),
        ({"urinary_infection_signs": True, "gp_contact_advised": True, "decision": ScreeningDecision.STOP}, True, 2),
    ],
)
def test_red_flag_rule(fields, is_open, warning_count):
    record = screening(**fields)
    assert red_flag_blocks_treatment(record) is is_open
    assert len(red_flag_warnings(record)) == warning_count


AWAITING_CASES = [
    ({}, False),
    ({"decision": ScreeningDecision.CONTINUE}, False),
    ({"saddle_anaesthesia": True}, True),
    ({"saddle_anaesthesia": True, "decision": ScreeningDecision.GP_CLEARANCE}, True),
    ({"saddle_anaesthesia": True, "decision": ScreeningDecision.GP_CLEARANCE, "gp_cleared_on": CLEARED}, False),
    ({"fever_or_malaise": True, "decision": ScreeningDecision.REFER}, False),
    ({"fever_or_malaise": True, "decision": ScreeningDecision.STOP}, False),
]


@pytest.mark.parametrize(("fields", "awaiting"), AWAITING_CASES)
def test_a_red_flag_awaits_the_gp_until_decided_and_cleared(fields, awaiting):
    assert red_flag_awaiting_gp(screening(**fields)) is awaiting


@pytest.mark.django_db
def test_the_caseload_query_asks_the_same_question_as_the_rule():
    made = {
        RedFlagScreeningFactory(**{"decision": "", "gp_contact_advised": True, **fields}).pk: awaiting
        for fields, awaiting in AWAITING_CASES
    }
    found = set(RedFlagScreening.objects.filter(pk__in=made).awaiting_gp().values_list("pk", flat=True))
    assert found == {pk for pk, awaiting in made.items() if awaiting}


def test_no_screening_means_no_warnings():
    assert red_flag_warnings(None) == []
    assert red_flag_blocks_treatment(None) is False
    assert red_flag_awaiting_gp(None) is False


@pytest.mark.parametrize(
    ("referral", "fields", "may_start"),
    [
        (ReferralType.DIRECT_ACCESS, None, False),
        (ReferralType.GP_REFERRAL, None, True),
        (ReferralType.DIRECT_ACCESS, {"decision": ScreeningDecision.CONTINUE}, True),
        (ReferralType.DIRECT_ACCESS, {"acute_trauma_pain": True}, False),
        (
            ReferralType.DIRECT_ACCESS,
            {"acute_trauma_pain": True, "decision": ScreeningDecision.GP_CLEARANCE, "gp_cleared_on": CLEARED},
            True,
        ),
        (ReferralType.GP_REFERRAL, {"acute_trauma_pain": True, "decision": ScreeningDecision.REFER}, False),
    ],
)
def test_treatment_may_start(referral, fields, may_start):
    record = None if fields is None else screening(**fields)
    assert treatment_may_start(referral_type=referral, screening=record) is may_start


@pytest.mark.parametrize(
    ("route", "consents", "missing"),
    [
        (InternalRoute.NONE, set(), None),
        (InternalRoute.VAGINAL, set(), ConsentKind.INTERNAL_VAGINAL),
        (InternalRoute.VAGINAL, {ConsentKind.INTERNAL_VAGINAL}, None),
        (InternalRoute.VAGINAL, {ConsentKind.INTERNAL_RECTAL}, ConsentKind.INTERNAL_VAGINAL),
        (InternalRoute.RECTAL, {ConsentKind.INTERNAL_RECTAL}, None),
        (InternalRoute.RECTAL, {ConsentKind.BIOFEEDBACK_PROBE}, ConsentKind.INTERNAL_RECTAL),
    ],
)
def test_internal_examination_needs_consent_for_its_route(route, consents, missing):
    assert missing_consent_for_route(route, consents) == missing


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ({}, None),
        ({"resting_tone": RestingTone.HIGH}, PelvicFloorClass.OVERACTIVE),
        (
            {"resting_tone": RestingTone.NORMAL, "oxford_power": 2, "relaxation": Relaxation.ABSENT},
            PelvicFloorClass.OVERACTIVE,
        ),
        ({"oxford_power": 0, "cough_reflex": CoughReflex.ABSENT}, PelvicFloorClass.NON_FUNCTIONING),
        ({"resting_tone": RestingTone.LOW, "oxford_power": 3}, PelvicFloorClass.UNDERACTIVE),
        ({"oxford_power": 2, "relaxation": Relaxation.COMPLETE}, PelvicFloorClass.UNDERACTIVE),
        ({"oxford_power": 4, "cough_reflex": CoughReflex.DELAYED}, PelvicFloorClass.UNDERACTIVE),
        (
            {
                "resting_tone": RestingTone.NORMAL,
                "oxford_power": 4,
                "relaxation": Relaxation.COMPLETE,
                "cough_reflex": CoughReflex.PRESENT,
            },
            PelvicFloorClass.NORMAL,
        ),
        ({"resting_tone": RestingTone.NORMAL, "oxford_power": 4}, None),
    ],
)
def test_classification_suggestion_follows_the_findings(findings, expected):
    suggestion = suggest_classification(Assessment(**findings))
    assert suggestion.pelvic_floor_class == expected
    assert suggestion.reasons


@pytest.mark.parametrize(
    ("kind", "kwargs", "total"),
    [
        (MeasureKind.NRS_PAIN, {"score": 7}, Decimal(7)),
        (MeasureKind.PGI_I, {"score": 2}, Decimal(2)),
        (MeasureKind.PSK, {"psk_scores": (8, 5, None)}, Decimal("6.5")),
        (MeasureKind.PSK, {"psk_scores": (7, 6, 6)}, Decimal("6.3")),
        (MeasureKind.PSK, {"psk_scores": (None, None, None)}, None),
        (MeasureKind.ICIQ_UI_SF, {"iciq_items": (3, 4, 6)}, Decimal(13)),
        (MeasureKind.ICIQ_UI_SF, {"iciq_items": (3, None, 6)}, None),
    ],
)
def test_measure_total(kind, kwargs, total):
    assert measure_total(kind, **kwargs) == total


@pytest.mark.parametrize(
    ("day", "referral_date", "check"),
    [
        (datetime.date(2026, 3, 10), None, None),
        (datetime.date(2026, 3, 9), None, DateCheck.ASK),
        (datetime.date(2026, 3, 5), datetime.date(2026, 3, 1), DateCheck.ASK),
        (datetime.date(2026, 2, 28), datetime.date(2026, 3, 1), DateCheck.REFUSE),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), DateCheck.ASK),
    ],
)
def test_a_finding_dated_before_the_episode_is_asked_about_and_before_the_referral_refused(day, referral_date, check):
    started_on = datetime.date(2026, 3, 10)
    assert record_date_check(day, episode_started_on=started_on, referral_date=referral_date) == check


@pytest.mark.parametrize(
    ("findings", "expected", "against"),
    [
        (
            {
                "resting_tone": RestingTone.HIGH,
                "relaxation": Relaxation.PARTIAL,
                "oxford_power": 2,
                "cough_reflex": CoughReflex.DELAYED,
            },
            PelvicFloorClass.OVERACTIVE,
            ["Voluntary contraction is weak (Oxford 2).", "The reflex contraction on a cough is delayed or absent."],
        ),
        ({"resting_tone": RestingTone.HIGH, "oxford_power": 4}, PelvicFloorClass.OVERACTIVE, []),
        (
            {"resting_tone": RestingTone.LOW, "oxford_power": 4, "cough_reflex": CoughReflex.PRESENT},
            PelvicFloorClass.UNDERACTIVE,
            ["Voluntary contraction is at least moderate (Oxford 4).", "The floor contracts reflexively on a cough."],
        ),
        ({"oxford_power": 2, "relaxation": Relaxation.COMPLETE}, PelvicFloorClass.UNDERACTIVE, []),
    ],
)
def test_the_suggestion_names_the_findings_that_point_the_other_way(findings, expected, against):
    with translation.override("en"):
        suggestion = suggest_classification(Assessment(**findings))
        assert suggestion.pelvic_floor_class == expected
        assert [str(finding) for finding in suggestion.against] == against
        assert suggestion.mixed is bool(against)
