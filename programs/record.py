"""What the program builder reads from the clinical record: the one place that knows its shape."""


def episode_classification(episode):
    """Return the episode's latest pelvic floor class ("overactive", …), or None."""
    latest = episode.classifications.first()
    return latest.pelvic_floor_class if latest else None


def latest_perfect(episode):
    """Return the latest assessment's PERFECT numbers as program_create_from_perfect takes them, or None."""
    assessment = episode.assessments.filter(oxford_power__isnull=False).first()
    if assessment is None:
        return None
    return {
        "power": assessment.oxford_power,
        "endurance_seconds": assessment.endurance_seconds,
        "repetitions": assessment.repetitions,
        "fast_contractions": assessment.fast_contractions,
    }
