"""The clinical record: one module per part of the care pathway; Django finds the models here."""

from patients.models.assessment import Assessment, Classification
from patients.models.biofeedback import BiofeedbackSession
from patients.models.consent import Consent
from patients.models.followups import (
    Appointment,
    CalendarFeed,
    Discharge,
    FollowupSettings,
    ReminderFailure,
    ReminderSent,
)
from patients.models.intake import Birth, Intake
from patients.models.letters import GPLetter
from patients.models.measures import MeasureMid, OutcomeMeasure
from patients.models.messages import MESSAGE_MAX_LENGTH, Conversation, Message, MessageNotice
from patients.models.notes import NoteAddendum, SessionNote
from patients.models.pain_map import PainMap, PainMapRequest, PainRegion
from patients.models.patient import CareEpisode, Patient
from patients.models.plan import Intervention, PlanGoal, SafetyOverride, TreatmentPlan
from patients.models.questionnaires import (
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireAnswerChoice,
    QuestionnaireAssignment,
    QuestionnaireItem,
    QuestionnaireOption,
    QuestionnaireSchedule,
    QuestionnaireVersion,
    ScheduledSend,
)
from patients.models.referrals import NeedlingReferral, Referral
from patients.models.screening import RED_FLAG_FIELDS, RedFlagScreening
from patients.models.signals import EpisodeSignals

__all__ = [
    "Appointment",
    "Assessment",
    "BiofeedbackSession",
    "Birth",
    "CalendarFeed",
    "CareEpisode",
    "Classification",
    "Consent",
    "Conversation",
    "Discharge",
    "EpisodeSignals",
    "FollowupSettings",
    "GPLetter",
    "Intake",
    "Intervention",
    "MeasureMid",
    "MESSAGE_MAX_LENGTH",
    "Message",
    "MessageNotice",
    "NeedlingReferral",
    "NoteAddendum",
    "OutcomeMeasure",
    "PainMap",
    "PainMapRequest",
    "PainRegion",
    "Patient",
    "PlanGoal",
    "Questionnaire",
    "QuestionnaireAnswer",
    "QuestionnaireAnswerChoice",
    "QuestionnaireAssignment",
    "QuestionnaireItem",
    "QuestionnaireOption",
    "QuestionnaireSchedule",
    "QuestionnaireVersion",
    "RED_FLAG_FIELDS",
    "RedFlagScreening",
    "ScheduledSend",
    "Referral",
    "ReminderFailure",
    "ReminderSent",
    "SafetyOverride",
    "SessionNote",
    "TreatmentPlan",
]
