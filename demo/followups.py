"""Demo follow-ups: a realistic spread of appointments and measures over a practice's open episodes.

seed_demo calls `seed_followups(practice=…)` after the demo patients and their care episodes exist.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from demo.bulk import insert_objects
from patients.choices import AppointmentKind, AppointmentStatus, EpisodeStatus, MeasureKind
from patients.models import Appointment, CareEpisode, FollowupSettings, OutcomeMeasure
from patients.services.signals import episode_signals_refresh

# What happens to each open episode, in turn.
OVERDUE, TODAY, THIS_WEEK, NO_IMPROVEMENT, INACTIVE, IMPROVING = range(6)
SCENARIOS = (OVERDUE, TODAY, THIS_WEEK, NO_IMPROVEMENT, IMPROVING, TODAY)


OPENING_HOUR, CLOSING_HOUR = 9, 18


class _Agenda:
    """Hands out appointment times that never overlap for the same therapist, within working hours.

    A full day moves on to the next day (or, for appointments that must stay in the past, the day
    before), so that a large caseload fills several ordinary days instead of one day until midnight.
    """

    def __init__(self, today):
        self.today = today
        self.taken = set()
        # Where the search for a free slot from a given start ended last time: slots are only ever taken,
        # so the next search from that start may resume there instead of walking the full days again.
        self.resume = {}

    def slot(self, therapist, day, hour):
        step = -1 if day < self.today else 1
        asked = (therapist.pk, day, hour)
        day, start = self.resume.get(
            asked, (day, timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))))
        )
        while (therapist.pk, start) in self.taken:
            start += datetime.timedelta(minutes=30)
            if timezone.localtime(start).hour >= CLOSING_HOUR:
                day += datetime.timedelta(days=step)
                start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(OPENING_HOUR)))
        self.taken.add((therapist.pk, start))
        self.resume[asked] = (day, start)
        return start


def _appointment(agenda, episode, day, hour, *, status=AppointmentStatus.PLANNED, kind=AppointmentKind.TREATMENT):
    starts_at = agenda.slot(episode.therapist, day, hour)
    return Appointment(
        episode=episode,
        therapist=episode.therapist,
        starts_at=starts_at,
        duration_minutes=30,
        ends_at=starts_at + datetime.timedelta(minutes=30),
        kind=kind,
        status=status,
        created_by=episode.therapist,
    )


def _measures(episode, *, intake_pain, latest_pain, intake_psk, latest_psk, today):
    latest_on = today - datetime.timedelta(days=1)
    return [
        OutcomeMeasure(
            episode=episode,
            kind=MeasureKind.NRS_PAIN,
            measured_on=day,
            recorded_by=episode.therapist,
            score=pain,
            total=pain,
        )
        for day, pain in ((episode.started_on, intake_pain), (latest_on, latest_pain))
    ] + [
        OutcomeMeasure(
            episode=episode,
            kind=MeasureKind.PSK,
            measured_on=day,
            recorded_by=episode.therapist,
            psk_score_1=psk,
            total=psk,
        )
        for day, psk in ((episode.started_on, intake_psk), (latest_on, latest_psk))
    ]


EVALUATION_START = datetime.timedelta(days=35)


def _push_back_start(episode, today):
    """Start the episode far enough back for a 4–6 week evaluation; return whether it moved (saved by the caller)."""
    if episode.started_on <= today - EVALUATION_START:
        return False
    episode.started_on = today - EVALUATION_START
    return True


def _scenarios(episodes):
    """Pair each episode with a scenario so that every therapist gets the whole spread.

    The no-improvement case goes to an episode without pain or PSK scores yet, so the record's
    own (improving) demo measures do not hide it; each therapist's last episode is the inactive one.
    """
    by_therapist = {}
    for episode in episodes:
        by_therapist.setdefault(episode.therapist_id, []).append(episode)
    measured = set(
        OutcomeMeasure.objects.filter(episode__in=episodes, kind__in=[MeasureKind.NRS_PAIN, MeasureKind.PSK])
        .values_list("episode_id", flat=True)
        .distinct()
    )
    for own in by_therapist.values():
        unmeasured = next((episode for episode in own if episode.pk not in measured), None)
        others = [episode for episode in own if episode is not unmeasured]
        cycle = [scenario for scenario in SCENARIOS if scenario != NO_IMPROVEMENT]
        for number, episode in enumerate(others):
            last = number == len(others) - 1 and number
            yield episode, INACTIVE if last else cycle[number % len(cycle)]
        if unmeasured is not None:
            yield unmeasured, NO_IMPROVEMENT


@transaction.atomic
def seed_followups(*, practice, today: datetime.date | None = None, refresh_signals: bool = True) -> int:
    """Give the practice's open care episodes appointments and measures; return how many appointments were made.

    The spread: some appointments overdue, some today and this week, one patient whose pain and
    PSK have not improved after five weeks, and one inactive patient who missed the last visit.
    Does nothing when the practice's open episodes already have appointments (finished care has its own).
    `refresh_signals=False` leaves the follow-up signals to a caller that refreshes every episode once afterwards.
    """
    if (
        Appointment.objects.filter(episode__patient__practice=practice)
        .exclude(episode__status=EpisodeStatus.DISCHARGED)
        .exists()
    ):
        return 0
    today = today or timezone.localdate()
    episodes = list(
        CareEpisode.objects.filter(
            patient__practice=practice, status=EpisodeStatus.IN_TREATMENT, patient__archived_at__isnull=True
        )
        .select_related("patient", "therapist")
        .order_by("pk")
    )
    agenda = _Agenda(today)
    appointments, measures, moved = [], [], []
    day = datetime.timedelta(days=1)
    for number, (episode, scenario) in enumerate(_scenarios(episodes)):
        hour = 9 + number % 8
        appointments.append(_appointment(agenda, episode, today - 7 * day, hour, status=AppointmentStatus.DONE))
        if scenario == OVERDUE:
            appointments.append(_appointment(agenda, episode, today - 2 * day, hour))
        elif scenario == TODAY:
            appointments.append(_appointment(agenda, episode, today, hour))
        elif scenario == THIS_WEEK:
            appointments.append(_appointment(agenda, episode, today + 2 * day, hour, kind=AppointmentKind.PHONE))
        elif scenario == NO_IMPROVEMENT:
            if _push_back_start(episode, today):
                moved.append(episode)
            measures += _measures(episode, intake_pain=6, latest_pain=6, intake_psk=7, latest_psk=7, today=today)
            appointments.append(_appointment(agenda, episode, today + 3 * day, hour, kind=AppointmentKind.EVALUATION))
        elif scenario == IMPROVING:
            if _push_back_start(episode, today):
                moved.append(episode)
            measures += _measures(episode, intake_pain=7, latest_pain=3, intake_psk=8, latest_psk=4, today=today)
            appointments.append(_appointment(agenda, episode, today + 5 * day, hour))
        else:
            appointments.append(_appointment(agenda, episode, today - 3 * day, hour, status=AppointmentStatus.MISSED))
            FollowupSettings.objects.update_or_create(patient=episode.patient, defaults={"log_nudges": True})
    CareEpisode.objects.filter(pk__in=[episode.pk for episode in moved]).update(started_on=today - EVALUATION_START)
    insert_objects(appointments)
    insert_objects(measures)
    if refresh_signals:
        # Bulk inserts skip the services, which keep the follow-up signals current: refresh them here.
        episode_signals_refresh(episode_ids=[episode.pk for episode in episodes])
    return len(appointments)
