"""Writes of care episodes, guarding when treatment may start."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.choices import Role
from clinic.models import User
from clinic.services import save_validated
from patients.choices import EpisodeStatus
from patients.models import CareEpisode, RedFlagScreening
from patients.rules.record import treatment_may_start
from patients.services.signals import episode_signals_refresh


def screening_of(episode):
    """Return the episode's screening, or None when it has none yet."""
    try:
        return episode.screening
    except RedFlagScreening.DoesNotExist:
        return None


def check_treatment_may_start(episode):
    """Refuse the status 'in treatment' while the screening does not allow it."""
    if episode.status != EpisodeStatus.IN_TREATMENT:
        return
    if not treatment_may_start(referral_type=episode.patient.referral_type, screening=screening_of(episode)):
        raise ValidationError(
            {
                "status": _(
                    "Treatment cannot start yet: a direct-access patient needs a red-flag screening, "
                    "and a red flag needs the GP's clearance."
                )
            }
        )


def _check_therapist(episode):
    therapist = episode.therapist
    if therapist.role != Role.THERAPIST or therapist.practice_id != episode.patient.practice_id:
        raise ValidationError({"therapist": _("Choose a therapist of this practice.")})


@transaction.atomic
def episode_create(*, patient, acting_user: User, fields: dict) -> CareEpisode:
    """Open a new care episode for the patient; it starts at the screening."""
    if patient.is_archived:
        raise ValidationError(_("This patient is archived: bring the patient back before opening an episode."))
    episode = CareEpisode(patient=patient, therapist=acting_user, status=EpisodeStatus.SCREENING)
    for name, value in fields.items():
        setattr(episode, name, value)
    _check_therapist(episode)
    check_treatment_may_start(episode)
    save_validated(episode)
    episode_signals_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return episode


@transaction.atomic
def episode_update(*, episode: CareEpisode, acting_user: User, fields: dict) -> CareEpisode:
    """Change an episode's complaint, therapist or status; discharge records today's date if none is given."""
    for name, value in fields.items():
        setattr(episode, name, value)
    if episode.status == EpisodeStatus.DISCHARGED and episode.discharged_on is None:
        episode.discharged_on = timezone.localdate()
    if episode.status != EpisodeStatus.DISCHARGED:
        episode.discharged_on = None
    _check_therapist(episode)
    check_treatment_may_start(episode)
    save_validated(episode)
    episode_signals_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return episode


def episode_advance(episode, *, to: EpisodeStatus, after: tuple):
    """Move the episode forward to `to` when it is still at one of the `after` stages."""
    if episode.status in after:
        episode.status = to
        episode.save(update_fields=["status"])
