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
from patients.models.consent import Consent, ConsentKind
from patients.models.intake import Birth, BirthMode, Intake, MenopauseStatus, PerinealTrauma, PregnancyStatus
from patients.models.measures import IciqAmount, MeasureKind, OutcomeMeasure
from patients.models.notes import NoteAddendum, SessionNote
from patients.models.patient import CareEpisode, EpisodeStatus, Patient, ReferralType, Sex
from patients.models.screening import RED_FLAG_FIELDS, RedFlagScreening, ScreeningDecision

__all__ = [
    "RED_FLAG_FIELDS",
    "Assessment",
    "Birth",
    "BirthMode",
    "CareEpisode",
    "Classification",
    "Consent",
    "ConsentKind",
    "CoughReflex",
    "EpisodeStatus",
    "IciqAmount",
    "Intake",
    "InternalRoute",
    "MeasureKind",
    "MenopauseStatus",
    "NoteAddendum",
    "OutcomeMeasure",
    "Patient",
    "PelvicFloorClass",
    "PerinealTrauma",
    "PregnancyStatus",
    "RedFlagScreening",
    "ReferralType",
    "Relaxation",
    "RestingTone",
    "ScreeningDecision",
    "SessionNote",
    "Sex",
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
