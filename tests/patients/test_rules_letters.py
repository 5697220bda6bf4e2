"""Which message to the GP is due, by the guideline's moments and our terms."""

import datetime

import pytest

from patients.choices import LetterKind, ReferralType
from patients.rules.letters import MessageFacts, gp_messages_due

DAY = datetime.date(2026, 3, 2)
LATER = DAY + datetime.timedelta(days=20)
REFERRED = ReferralType.GP_REFERRAL
DIRECT = ReferralType.DIRECT_ACCESS


def days(count):
    return DAY + datetime.timedelta(days=count)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # Referred: nothing before the first assessment; the reply within two weeks of it.
        (MessageFacts(REFERRED), []),
        (MessageFacts(REFERRED, screened_on=DAY), []),
        (MessageFacts(REFERRED, first_assessed_on=DAY), [(LetterKind.REFERRAL_ANSWER, days(14))]),
        (MessageFacts(REFERRED, first_assessed_on=DAY, sent_on={LetterKind.REFERRAL_ANSWER: DAY}), []),
        # Direct access: the screening outcome, within a week, or two days after advice to see the GP.
        (MessageFacts(DIRECT), []),
        (MessageFacts(DIRECT, screened_on=DAY), [(LetterKind.SCREENING, days(7))]),
        (MessageFacts(DIRECT, screened_on=DAY, red_flag_advice=True), [(LetterKind.SCREENING, days(2))]),
        (MessageFacts(DIRECT, screened_on=DAY, sent_on={LetterKind.SCREENING: DAY}), []),
        # A screening repeated after the message was sent asks for a new one.
        (
            MessageFacts(DIRECT, screened_on=days(3), sent_on={LetterKind.SCREENING: DAY}),
            [(LetterKind.SCREENING, days(10))],
        ),
        # Direct access needs no reply to a referral.
        (MessageFacts(DIRECT, screened_on=DAY, first_assessed_on=DAY, sent_on={LetterKind.SCREENING: DAY}), []),
        # Interim: a plan change or the no-improvement signal, within two weeks, unless reported since.
        (
            MessageFacts(
                REFERRED, first_assessed_on=DAY, plan_revised_on=LATER, sent_on={LetterKind.REFERRAL_ANSWER: DAY}
            ),
            [(LetterKind.INTERIM, LATER + datetime.timedelta(days=14))],
        ),
        (
            MessageFacts(DIRECT, screened_on=DAY, no_improvement_from=LATER, sent_on={LetterKind.SCREENING: DAY}),
            [(LetterKind.INTERIM, LATER + datetime.timedelta(days=14))],
        ),
        (
            MessageFacts(
                REFERRED,
                first_assessed_on=DAY,
                plan_revised_on=LATER,
                sent_on={LetterKind.REFERRAL_ANSWER: DAY, LetterKind.INTERIM: LATER},
            ),
            [],
        ),
        # A reply to the referral written after the change holds the new plan.
        (
            MessageFacts(
                REFERRED, first_assessed_on=DAY, plan_revised_on=DAY, sent_on={LetterKind.REFERRAL_ANSWER: LATER}
            ),
            [],
        ),
        # While the reply is still owed, it is the reply that is due, not an interim report.
        (
            MessageFacts(REFERRED, first_assessed_on=DAY, plan_revised_on=LATER),
            [(LetterKind.REFERRAL_ANSWER, days(14))],
        ),
        # Final: within two weeks of discharge; it replaces an interim report.
        (
            MessageFacts(
                REFERRED,
                first_assessed_on=DAY,
                plan_revised_on=DAY,
                discharged_on=LATER,
                sent_on={LetterKind.REFERRAL_ANSWER: DAY},
            ),
            [(LetterKind.FINAL, LATER + datetime.timedelta(days=14))],
        ),
        (MessageFacts(DIRECT, discharged_on=LATER, sent_on={LetterKind.FINAL: LATER}), []),
        # Both owed at once: the earliest due first.
        (
            MessageFacts(REFERRED, first_assessed_on=DAY, discharged_on=days(1)),
            [(LetterKind.REFERRAL_ANSWER, days(14)), (LetterKind.FINAL, days(15))],
        ),
    ],
)
def test_the_message_due_follows_the_guidelines_moments(facts, expected):
    assert [(message.kind, message.due_on) for message in gp_messages_due(facts)] == expected
