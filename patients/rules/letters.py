"""Which message to the GP is due, by the NHG/KNGF guideline on structured information exchange.

The guideline is the NHG-KNGF "Richtlijn Gestructureerde informatie-uitwisseling tussen huisarts en
fysiotherapeut" (2012, taken up as an information standard in 2015; built on the NHG's HASP, in line
with the KNGF's guideline on record keeping, "Fysiotherapeutische dossiervoering"). It names the
moments the physiotherapist informs the GP, each with its message:

- after the intake and assessment of a referred patient: the reply to the referral (first report);
- after the screening of a patient who came without a referral (direct access): its outcome, either
  no red flags ("pluis") or that the patient was advised to see the GP ("niet-pluis");
- during treatment, when the plan changes or the patient does not improve: an interim report;
- at discharge: the final report.

The guideline names the moments, not a number of days; the terms below are this practice's own and
stated where the episode page and the caseload show them.
"""

import datetime
from dataclasses import dataclass, field

from patients.choices import LetterKind, ReferralType

# A patient advised to see the GP about a red flag: the GP hears of it within two days.
SCREENING_ADVICE_WITHIN = datetime.timedelta(days=2)
# No red flags: the GP hears it within a week.
SCREENING_CLEAR_WITHIN = datetime.timedelta(days=7)
# The reply to a referral, within two weeks of the first assessment.
REFERRAL_ANSWER_WITHIN = datetime.timedelta(days=14)
# An interim report, within two weeks of the plan's change or of the no-improvement signal.
INTERIM_WITHIN = datetime.timedelta(days=14)
# The final report, within two weeks of discharge.
FINAL_WITHIN = datetime.timedelta(days=14)


@dataclass(frozen=True)
class MessageFacts:
    """What the record says of one episode that decides which message is due.

    `sent_on` holds, per kind of message, the last day one was signed and sent.
    """

    referral_type: str
    screened_on: datetime.date | None = None
    red_flag_advice: bool = False
    first_assessed_on: datetime.date | None = None
    plan_revised_on: datetime.date | None = None
    no_improvement_from: datetime.date | None = None
    discharged_on: datetime.date | None = None
    sent_on: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DueMessage:
    """A message the GP should receive, and by when."""

    kind: str
    since: datetime.date
    due_on: datetime.date


def _sent_since(facts, kinds, day):
    return any(facts.sent_on.get(kind) is not None and facts.sent_on[kind] >= day for kind in kinds)


def gp_messages_due(facts: MessageFacts) -> list[DueMessage]:
    """Return the messages to the GP this episode still owes, the earliest due first."""
    due = []
    screened = facts.referral_type == ReferralType.DIRECT_ACCESS and facts.screened_on is not None
    if screened and not _sent_since(facts, [LetterKind.SCREENING], facts.screened_on):
        within = SCREENING_ADVICE_WITHIN if facts.red_flag_advice else SCREENING_CLEAR_WITHIN
        due.append(DueMessage(LetterKind.SCREENING, facts.screened_on, facts.screened_on + within))
    answer_owed = (
        facts.referral_type == ReferralType.GP_REFERRAL
        and facts.first_assessed_on is not None
        and LetterKind.REFERRAL_ANSWER not in facts.sent_on
    )
    if answer_owed:
        first = facts.first_assessed_on
        due.append(DueMessage(LetterKind.REFERRAL_ANSWER, first, first + REFERRAL_ANSWER_WITHIN))
    if facts.discharged_on is not None:
        if not _sent_since(facts, [LetterKind.FINAL], facts.discharged_on):
            due.append(DueMessage(LetterKind.FINAL, facts.discharged_on, facts.discharged_on + FINAL_WITHIN))
    elif not answer_owed:
        # A reply to the referral still to write would hold the new plan itself.
        reasons = [day for day in (facts.plan_revised_on, facts.no_improvement_from) if day is not None]
        since = max(reasons, default=None)
        if since is not None and not _sent_since(facts, [LetterKind.INTERIM, LetterKind.REFERRAL_ANSWER], since):
            due.append(DueMessage(LetterKind.INTERIM, since, since + INTERIM_WITHIN))
    return sorted(due, key=lambda message: message.due_on)
