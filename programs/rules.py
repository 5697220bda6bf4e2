"""Clinical rules for home programs and diaries as pure functions: values in, messages or numbers out."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from clinic.choices import choice_label
from programs.choices import ContraindicationTag, DiaryMoment, ExerciseKind, Leakage


def kind_label(kind):
    """Return the label get_kind_display() gives, without translating every kind on each call."""
    return choice_label(ExerciseKind, kind)


CONTRACTION_KINDS = (ExerciseKind.STRENGTH, ExerciseKind.ENDURANCE, ExerciseKind.SPEED, ExerciseKind.COORDINATION)
STRENGTHENING_KINDS = (ExerciseKind.STRENGTH, ExerciseKind.ENDURANCE, ExerciseKind.SPEED)
RELAX_FACTOR = 2


def dosage_errors(*, kind, hold_seconds, relax_seconds):
    """Return why a dosage is unsafe: a contraction needs a rest of at least twice the hold.

    Only contractions: the muscle must recover fully after a squeeze. In a breathing or relaxation
    exercise hold and relax are the in- and out-breath (the portal's timer breathes them), where a
    longer out-breath is the aim but no factor is prescribed, so 4 s in / 6 s out is a sound dosage.
    """
    if kind in CONTRACTION_KINDS and relax_seconds < RELAX_FACTOR * hold_seconds:
        return [
            _("Relax at least twice as long as you hold: with a hold of %(hold)s s, relax at least %(relax)s s.")
            % {"hold": hold_seconds, "relax": RELAX_FACTOR * hold_seconds}
        ]
    return []


def is_strengthening(kind, tags) -> bool:
    """Return whether an exercise of this kind and with these contraindication tags strengthens the floor."""
    return kind in STRENGTHENING_KINDS or ContraindicationTag.STRENGTHENING in (tags or [])


@dataclass(frozen=True)
class StartingDosage:
    """Starting dosage of the contraction exercises derived from a PERFECT assessment."""

    hold_seconds: int
    relax_seconds: int
    repetitions: int
    fast_contractions: int
    can_contract: bool


PERFECT_MAX = 10


def _clamp(value, low, high):
    return max(low, min(high, int(value or 0)))


def dosage_from_perfect(*, power, endurance_seconds, repetitions, fast_contractions):
    """Turn PERFECT findings into starting dosages: hold as long as held, as often as repeated.

    Power is the Modified Oxford grade (0–5). With no voluntary contraction (power 0) there is nothing
    to dose yet: the patient first learns to feel and find the muscles.
    """
    if power is None or int(power) <= 0:
        return StartingDosage(hold_seconds=0, relax_seconds=0, repetitions=0, fast_contractions=0, can_contract=False)
    hold = _clamp(endurance_seconds, 1, PERFECT_MAX)
    return StartingDosage(
        hold_seconds=hold,
        relax_seconds=RELAX_FACTOR * hold,
        repetitions=_clamp(repetitions, 1, PERFECT_MAX),
        fast_contractions=_clamp(fast_contractions, 1, PERFECT_MAX),
        can_contract=True,
    )


def perfect_item_dosage(kind, starting: StartingDosage):
    """Return the dosage fields a contraction exercise of this kind starts with, or {} to keep its defaults."""
    if not starting.can_contract:
        return {}
    if kind in (ExerciseKind.STRENGTH, ExerciseKind.ENDURANCE):
        return {
            "hold_seconds": starting.hold_seconds,
            "relax_seconds": starting.relax_seconds,
            "repetitions": starting.repetitions,
        }
    if kind == ExerciseKind.SPEED:
        return {"hold_seconds": 1, "relax_seconds": RELAX_FACTOR, "repetitions": starting.fast_contractions}
    return {}


NIGHT_ENDS_AT_HOUR = 12


def diary_day(local_time: datetime.datetime, *, moment: str) -> datetime.date:
    """Return the diary day of an entry: days run from getting up to getting up the next day.

    Night-time voids after midnight and the first void after getting up belong to the day before.
    """
    date = local_time.date()
    if moment in (DiaryMoment.NIGHT, DiaryMoment.FIRST_MORNING) and local_time.hour < NIGHT_ENDS_AT_HOUR:
        return date - datetime.timedelta(days=1)
    return date


# A diary line may be written a few minutes ahead of the server's clock (a phone's clock runs fast).
FUTURE_SLACK = datetime.timedelta(minutes=5)


def diary_entry_errors(*, recorded_at, now, fluid_ml=None, fluid_kind="", leakage="", leak_cause="") -> dict:
    """Return {field: message} of what is wrong with a diary line: a time to come, a drink without its kind, …"""
    errors = {}
    if recorded_at and recorded_at > now + FUTURE_SLACK:
        errors["recorded_at"] = _("This time is in the future.")
    if fluid_ml and not fluid_kind:
        errors["fluid_kind"] = _("What did you drink?")
    if leakage == Leakage.NONE and leak_cause:
        errors["leak_cause"] = _("Only give a cause when there was a leak.")
    return errors


def round_half_up(value, places=0):
    """Round every diary figure one way, halves up as on paper (2.5 → 3; Python's round() gives 2)."""
    if value is None:
        return None
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(rounded) if places == 0 else rounded


def nocturnal_polyuria_index(*, nocturnal_ml, total_ml):
    """Return the share of the 24-hour volume passed at night (incl. the first morning void), in %."""
    if not total_ml:
        return None
    return round_half_up(100 * (nocturnal_ml or 0) / total_ml)


def bladder_diary_means(days):
    """Return the means over the diary's days that the therapist reads beside the per-day rows.

    Volumes in whole ml, counts per 24 hours to one decimal; the mean void is the diary's volume
    over its voids (not a mean of the daily means), the nocturnal index the diary's night share.
    """
    if not days:
        return None
    count = len(days)

    def total(key):
        return sum(day[key] or 0 for day in days)

    voids, volume, nocturnal = total("voids"), total("total_ml"), total("nocturnal_ml")
    return {
        "days": count,
        "voids": round_half_up(voids / count, 1),
        "total_ml": round_half_up(volume / count),
        "mean_ml": round_half_up(volume / voids) if voids else None,
        "max_ml": max((day["max_ml"] for day in days if day["max_ml"] is not None), default=None),
        "leaks": round_half_up(total("leaks") / count, 1),
        "fluid_ml": round_half_up(total("fluid_ml") / count),
        "night_voids": round_half_up(total("night_voids") / count, 1),
        "nocturnal_ml": round_half_up(nocturnal / count),
        "npi": nocturnal_polyuria_index(nocturnal_ml=nocturnal, total_ml=volume),
    }


def adherence_percent(*, done_by_item, prescribed_by_item):
    """Return done sessions as a % of prescribed ones, counting no item beyond its prescription."""
    prescribed = sum(prescribed_by_item.values())
    if not prescribed:
        return None
    done = sum(min(done_by_item.get(item, 0), count) for item, count in prescribed_by_item.items())
    return round(100 * done / prescribed)
