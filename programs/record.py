"""What the program builder reads from the clinical record: the one place that knows its shape."""

from django.db.models import OuterRef, Subquery

from patients.models import Classification


def with_episode_classification(programs):
    """Annotate each program with its episode's latest pelvic floor class ("overactive", …, or None).

    A subquery, so the builder reads it with the program instead of in a query of its own.
    """
    latest = Classification.objects.filter(episode=OuterRef("episode")).order_by("-classified_on", "-pk")
    return programs.annotate(episode_classification=Subquery(latest.values("pelvic_floor_class")[:1]))


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
