"""Writes of the red-flag screening."""

from django.db import transaction

from clinic.models import User
from clinic.services import save_validated
from patients.choices import EpisodeStatus
from patients.models import RedFlagScreening
from patients.rules.record import treatment_may_start
from patients.services.episode import episode_advance, screening_of
from patients.services.signals import episode_signals_refresh


@transaction.atomic
def screening_save(*, episode, acting_user: User, fields: dict) -> RedFlagScreening:
    """Record or correct the episode's red-flag screening; without open red flags the intake comes next."""
    screening = screening_of(episode) or RedFlagScreening(episode=episode, screened_by=acting_user)
    save_validated(screening, fields)
    if treatment_may_start(referral_type=episode.patient.referral_type, screening=screening):
        episode_advance(episode, to=EpisodeStatus.INTAKE, after=(EpisodeStatus.SCREENING,))
    episode_signals_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return screening
