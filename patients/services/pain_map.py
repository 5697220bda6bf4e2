"""Writes of pain maps: a map drawn by the therapist or by the patient, and the request that the patient draw one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.choices import PainMapSource
from patients.models import CareEpisode, PainMap, PainMapRequest, PainRegion
from patients.rules.record import pain_map_problems


@transaction.atomic
def pain_map_record(
    *,
    episode: CareEpisode,
    body_view: str,
    source: str,
    recorded_on: datetime.date,
    regions: list[tuple[str, int, str]],
    acting_user: User,
    notes: str = "",
) -> PainMap:
    """Record a pain map with its regions; the patient's own map answers the request that waited for it."""
    problems = pain_map_problems(body_view, regions)
    if problems:
        raise ValidationError({f"region_{code}": problem for code, problem in problems.items()})
    pain_map = save_validated(
        PainMap(
            episode=episode,
            body_view=body_view,
            source=source,
            recorded_on=recorded_on,
            recorded_by=acting_user,
            notes=notes,
        )
    )
    for code, intensity, character in regions:
        save_validated(PainRegion(pain_map=pain_map, region=code, intensity=intensity, character=character))
    if source == PainMapSource.PATIENT:
        PainMapRequest.objects.filter(episode=episode, answered_at__isnull=True).update(answered_at=timezone.now())
    return pain_map


def pain_map_request(*, episode: CareEpisode, body_view: str, acting_user: User) -> PainMapRequest:
    """Ask the patient to draw a pain map on the portal before the next visit; one request waits at a time."""
    if not episode.is_open:
        raise ValidationError(_("A discharged episode takes no new pain maps."))
    return save_validated(PainMapRequest(episode=episode, body_view=body_view, requested_by=acting_user))
