"""What the program builder reads from the clinical record: the one place that knows its shape.

The record keeps the ICS classification and the PERFECT findings per care episode; until those
models are installed the episode has neither relation and the builder simply goes without.
"""


def _latest(episode, relation, **filters):
    related = getattr(episode, relation, None)
    return related.filter(**filters).first() if related is not None else None


def episode_classification(episode):
    """Return the episode's latest pelvic floor class ("overactive", …), or None."""
    return getattr(_latest(episode, "classifications"), "pelvic_floor_class", None)


def latest_perfect(episode):
    """Return the latest assessment's PERFECT numbers as program_create_from_perfect takes them, or None."""
    assessment = _latest(episode, "assessments", oxford_power__isnull=False)
    if assessment is None:
        return None
    return {
        "power": assessment.oxford_power,
        "endurance_seconds": assessment.endurance_seconds,
        "repetitions": assessment.repetitions,
        "fast_contractions": assessment.fast_contractions,
    }
