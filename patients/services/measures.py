"""Writes of outcome measures and of the practice's minimal important changes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.services import save_validated
from patients.choices import MeasureKind, MeasureSource
from patients.models import CareEpisode, MeasureMid, OutcomeMeasure
from patients.models.measures import ICIQ_FIELDS, PFDI_FIELDS, PSK_FIELDS
from patients.rules.improvement import Mid
from patients.rules.record import measure_total
from patients.services.signals import episode_signals_refresh

REQUIRED_ITEMS = {
    MeasureKind.NRS_PAIN: ("score",),
    MeasureKind.PGI_I: ("score",),
    MeasureKind.PSK: ("psk_score_1",),
    MeasureKind.ICIQ_UI_SF: ICIQ_FIELDS,
    MeasureKind.PFDI_20: PFDI_FIELDS,
}
SCORE_RANGES = {MeasureKind.NRS_PAIN: (0, 10), MeasureKind.PGI_I: (1, 7)}


def _check_items(measure):
    errors = {}
    for name in REQUIRED_ITEMS[measure.kind]:
        if getattr(measure, name) is None:
            errors[name] = _("This item is required for this measure.")
    if measure.kind in SCORE_RANGES and measure.score is not None:
        low, high = SCORE_RANGES[measure.kind]
        if not low <= measure.score <= high:
            errors["score"] = _("Enter a score from %(low)s to %(high)s.") % {"low": low, "high": high}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def measure_record(*, episode, kind, acting_user: User, fields: dict, source=MeasureSource.THERAPIST) -> OutcomeMeasure:
    """Record one outcome measure; the total (score, PSK mean, ICIQ or PFDI-20 sum) is computed, never typed."""
    measure = OutcomeMeasure(episode=episode, kind=kind, recorded_by=acting_user, source=source)
    for name, value in fields.items():
        setattr(measure, name, value)
    _check_items(measure)
    measure.total = measure_total(
        kind,
        score=measure.score,
        psk_scores=[getattr(measure, name) for name in PSK_FIELDS],
        iciq_items=[getattr(measure, name) for name in ICIQ_FIELDS],
        pfdi_subscales=[getattr(measure, name) for name in PFDI_FIELDS],
    )
    save_validated(measure)
    episode_signals_refresh(episode_ids=[episode.pk], acting_user=acting_user)
    return measure


@transaction.atomic
def measure_mids_update(*, practice, mids: dict[str, Mid], acting_user: User) -> int:
    """Store the practice's MIDs and judge its open episodes' "no improvement" signal by them; return how many."""
    for kind, mid in mids.items():
        row = MeasureMid.objects.filter(practice=practice, kind=kind).first() or MeasureMid(
            practice=practice, kind=kind
        )
        percent = None if mid.percent is None else int(mid.percent)
        save_validated(row, {"points": mid.points, "percent": percent, "updated_by": acting_user})
    episodes = CareEpisode.objects.filter(patient__practice=practice).open().values_list("pk", flat=True)
    return episode_signals_refresh(episode_ids=list(episodes), acting_user=acting_user)
