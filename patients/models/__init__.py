"""The clinical record: one module per part of the care pathway."""

from patients.models.assessment import (
    Assessment,
    Classification,
    CoughReflex,
    InternalRoute,
    PelvicFloorClass,
    Relaxation,
    RestingTone,
)
from patients.models.biofeedback import BiofeedbackModality, BiofeedbackSession
from patients.models.consent import Consent, ConsentKind
from patients.models.intake import Birth, BirthMode, Intake, MenopauseStatus, PerinealTrauma, PregnancyStatus
from patients.models.letters import GPLetter, LetterKind, LetterStatus
from patients.models.measures import IciqAmount, MeasureKind, OutcomeMeasure
from patients.models.notes import NoteAddendum, SessionNote
from patients.models.patient import CareEpisode, EpisodeStatus, Patient, ReferralType, Sex
from patients.models.plan import (
    Intervention,
    InterventionKind,
    PfmtFocus,
    PlanGoal,
    PlanStatus,
    SafetyCode,
    SafetyOverride,
    TreatmentPlan,
)
from patients.models.referrals import NeedlingReferral, NeedlingStatus, Referral, ReferralRecipient, ReferralTopic
from patients.models.screening import RED_FLAG_FIELDS, RedFlagScreening, ScreeningDecision

__all__ = [
    "RED_FLAG_FIELDS",
    "Assessment",
    "BiofeedbackModality",
    "BiofeedbackSession",
    "Birth",
    "BirthMode",
    "CareEpisode",
    "Classification",
    "Consent",
    "ConsentKind",
    "CoughReflex",
    "EpisodeStatus",
    "GPLetter",
    "IciqAmount",
    "Intake",
    "InternalRoute",
    "Intervention",
    "InterventionKind",
    "LetterKind",
    "LetterStatus",
    "MeasureKind",
    "MenopauseStatus",
    "NeedlingReferral",
    "NeedlingStatus",
    "NoteAddendum",
    "OutcomeMeasure",
    "Patient",
    "PelvicFloorClass",
    "PerinealTrauma",
    "PfmtFocus",
    "PlanGoal",
    "PlanStatus",
    "PregnancyStatus",
    "RedFlagScreening",
    "Referral",
    "ReferralRecipient",
    "ReferralTopic",
    "ReferralType",
    "Relaxation",
    "RestingTone",
    "SafetyCode",
    "SafetyOverride",
    "ScreeningDecision",
    "SessionNote",
    "Sex",
    "TreatmentPlan",
]
from patients.models.followups import (  # noqa: E402
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    CalendarFeed,
    Discharge,
    FollowupSettings,
    GoalsMet,
    ReminderKind,
    ReminderSent,
)

__all__ += [
    "Appointment",
    "AppointmentKind",
    "AppointmentStatus",
    "CalendarFeed",
    "Discharge",
    "FollowupSettings",
    "GoalsMet",
    "ReminderKind",
    "ReminderSent",
]
