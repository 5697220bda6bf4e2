"""Every enumerated value of the programs app, imported alike by models, querysets, rules and forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExerciseKind(models.TextChoices):
    RELAX = "relax", _("Relaxation and breathing")
    STRENGTH = "strength", _("Strength")
    ENDURANCE = "endurance", _("Endurance")
    SPEED = "speed", _("Speed")
    COORDINATION = "coordination", _("Coordination and daily use")
    HABIT = "habit", _("Habit")


class ContraindicationTag(models.TextChoices):
    STRENGTHENING = "strengthening", _("Strengthening (pause while the floor is overactive)")
    HIGH_PRESSURE = "high_pressure", _("Raises abdominal pressure")
    IMPACT = "impact", _("Impact or jumping")
    EARLY_POSTPARTUM = "early_postpartum", _("Not in the first weeks after birth or surgery")


class ProgramCondition(models.TextChoices):
    OVERACTIVE = "overactive", _("Overactive pelvic floor")
    STRESS_INCONTINENCE = "stress_incontinence", _("Stress incontinence")
    POSTPARTUM = "postpartum", _("Postpartum")
    POST_PROSTATECTOMY = "post_prostatectomy", _("After prostatectomy")
    MENOPAUSE = "menopause", _("Menopause")
    SPORT = "sport", _("Sport")


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Current")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    FINE = "fine", _("Fine")
    HARD = "hard", _("Hard")


class DiaryMoment(models.TextChoices):
    DAY = "day", _("While up")
    NIGHT = "night", _("Woke up at night for it")
    FIRST_MORNING = "first_morning", _("First time after getting up")


class FluidKind(models.TextChoices):
    WATER = "water", _("Water")
    COFFEE_TEA = "coffee_tea", _("Coffee or tea")
    MILK = "milk", _("Milk")
    JUICE_SODA = "juice_soda", _("Juice or soft drink")
    ALCOHOL = "alcohol", _("Alcohol")
    OTHER = "other", _("Other")


class Leakage(models.TextChoices):
    NONE = "none", _("None")
    DROPS = "drops", _("A few drops")
    MODERATE = "moderate", _("Moderate")
    LARGE = "large", _("Large")


class LeakCause(models.TextChoices):
    COUGH_SNEEZE = "cough_sneeze", _("Coughing, sneezing or laughing")
    EXERTION = "exertion", _("Lifting, sport or moving")
    URGE = "urge", _("Could not make it in time")
    UNKNOWN = "unknown", _("Without noticing / unknown")


class ProgramSource(models.TextChoices):
    TEMPLATE = "template", _("From a template")
    LIBRARY = "library", _("Pick exercises from the library")
    PERFECT = "perfect", _("Dose contraction exercises from PERFECT findings")


class ReportDimension(models.TextChoices):
    """What the quality report's columns are: the latest ICS class or the latest recorded main complaint pattern."""

    PELVIC_FLOOR_CLASS = "pelvic_floor_class", _("Pelvic floor class (ICS)")
    COMPLAINT_PATTERN = "complaint_pattern", _("Main complaint pattern")
