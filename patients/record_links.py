"""What the patient and episode pages show of follow-ups and home programs, each in one query."""

from django.db.models import Count
from django.utils import timezone

from patients.models import Appointment
from programs.choices import ProgramStatus
from programs.models import HomeProgram

NEXT_APPOINTMENTS = 3


def next_appointments(user, *, now=None, **owner) -> list:
    """Return the next planned appointments of one episode (`episode=`) or patient (`episode__patient=`)."""
    upcoming = Appointment.objects.for_user(user).filter(**owner).upcoming(now or timezone.now())
    return list(upcoming.select_related("therapist").order_by("starts_at", "pk")[:NEXT_APPOINTMENTS])


def programs_in_use(user, **owner) -> list:
    """Return the current and draft home programs of one episode or patient, with their number of exercises."""
    programs = (
        HomeProgram.objects.for_user(user)
        .filter(status__in=[ProgramStatus.ACTIVE, ProgramStatus.DRAFT], **owner)
        .annotate(item_count=Count("items"))
        .select_related("episode")
        .order_by("-episode__started_on", "episode_id", "-version")
    )
    return list(programs)
