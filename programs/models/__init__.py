"""The exercise library, home programs, the adherence log and the diaries; Django finds the models here."""

from programs.models.diary import BladderEntry, BowelEntry, DiaryEntry
from programs.models.library import Dosage, Exercise, ProgramTemplate, TemplateItem
from programs.models.programs import ExerciseLog, HomeProgram, ProgramItem

__all__ = [
    "BladderEntry",
    "BowelEntry",
    "DiaryEntry",
    "Dosage",
    "Exercise",
    "ExerciseLog",
    "HomeProgram",
    "ProgramItem",
    "ProgramTemplate",
    "TemplateItem",
]
