"""The bulk path of seed_demo: a complete record for every demo patient after the hand-written first ones.

The first DETAILED_PATIENTS of each practice get the hand-written pathway of `demo.records` (per-row saves
through the model's checks); every other demo patient is built here from the same scenarios with a few
large inserts per practice, so that `seed_demo --patients 10000` takes seconds. Programs, logs and diaries
follow in `demo.programs` for both kinds.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from clinic.choices import Role
from clinic.models import User
from demo.bulk import Progress, history_objects, insert_objects, with_ids
from demo.plans import SIMPLE_INTERVENTIONS
from demo.records import (
    DETAILED_PATIENTS,
    assessment_row,
    birth_rows,
    classification_row,
    consent_rows,
    demo_number,
    episode_row,
    first_visit_of,
    intake_row,
    measure_rows,
    moment,
    note_rows,
    patient_row,
    scenario_for,
    screening_row,
)
from demo.scenarios import MENOPAUSE, OVERACTIVE, POSTPARTUM, UNDERACTIVE
from patients.choices import (
    AppointmentKind,
    AppointmentStatus,
    ComplaintPattern,
    EpisodeStatus,
    GoalsMet,
    InterventionKind,
    MeasureKind,
    PlanStatus,
)
from patients.models import (
    Appointment,
    Discharge,
    Intervention,
    OutcomeMeasure,
    PlanGoal,
    TreatmentPlan,
)
from patients.rules.record import measure_total

# The red-flag case is one of the hand-written ones; the bulk patients are all in treatment.
BULK_FEMALE_CASES = [OVERACTIVE, POSTPARTUM, MENOPAUSE, UNDERACTIVE]


def _plan_parts(plan, intake, pelvic_floor_class, review_on):
    goals = [
        PlanGoal(
            plan=plan,
            description=f"{activity} met minder klachten",
            measure="PSK",
            target=f"Score {max(score - 4, 0)} of lager",
            review_on=review_on,
        )
        for activity, score in intake.psk_items()
        if score is not None
    ] or [
        PlanGoal(plan=plan, description="Minder klachten", measure="NRS", target="NRS 3 of lager", review_on=review_on)
    ]
    default = [(InterventionKind.EDUCATION, {"topics": ["coaching", "toilet"]})]
    interventions = [
        Intervention(plan=plan, kind=kind, parameters=parameters)
        for kind, parameters in SIMPLE_INTERVENTIONS.get(pelvic_floor_class, default)
    ]
    return goals, interventions


# About six in ten bulk patients were treated before: an earlier episode, discharged within the last year.
EARLIER_EPISODE_SHARE = 0.6
# (goals, PGI-I answers, change of the measures as a fraction of the first score), most care helps.
OUTCOMES = [
    (GoalsMet.MET, (1, 2), 0.6),
    (GoalsMet.MET, (2, 3), 0.45),
    (GoalsMet.PARTLY, (3, 4), 0.25),
    (GoalsMet.PARTLY, (3, 4), 0.1),
    (GoalsMet.NOT_MET, (4,), 0.0),
    (GoalsMet.NOT_MET, (5, 6), -0.2),
]
OUTCOME_WEIGHTS = [30, 25, 18, 10, 12, 5]
PATTERNS = {
    OVERACTIVE.name: [ComplaintPattern.SEXUAL, ComplaintPattern.PELVIC_PAIN, ComplaintPattern.VOIDING],
    POSTPARTUM.name: [ComplaintPattern.PROLAPSE, ComplaintPattern.STRESS_INCONTINENCE, ComplaintPattern.BOWEL],
    MENOPAUSE.name: [ComplaintPattern.URGENCY, ComplaintPattern.STRESS_INCONTINENCE],
    UNDERACTIVE.name: [ComplaintPattern.STRESS_INCONTINENCE, ComplaintPattern.URGENCY, ComplaintPattern.BOWEL],
}  # the men's cases: their own pattern or voiding problems


class _PastAgenda:
    """Hands out half-hour slots in working hours that never overlap for one therapist, going back in time."""

    def __init__(self):
        self.next_free = {}

    def slot(self, therapist, day):
        while True:
            used = self.next_free.get((therapist.pk, day), 0)
            if 9 * 2 + used < 18 * 2:
                self.next_free[(therapist.pk, day)] = used + 1
                start = datetime.datetime.combine(day, datetime.time(9)) + datetime.timedelta(minutes=30 * used)
                return timezone.make_aware(start)
            day -= datetime.timedelta(days=1)


def _final(first, fraction, rng, highest=10):
    """Return the last score of a measure given its first one and how much of it the care took away."""
    change = first * fraction + rng.choice([-1, 0, 0, 1]) * (fraction != 0)
    return max(0, min(first + 1, highest, round(first - change)))


def _finished_measures(episode, scenario, therapist, started, ended, fraction, pgi_i, rng):
    """Outcome measures at the start and at the end of a finished episode, and the PGI-I at discharge."""
    rows = []

    def add(kind, day, **items):
        total = measure_total(
            kind,
            score=items.get("score"),
            psk_scores=[items.get(f"psk_score_{n}") for n in (1, 2, 3)],
            iciq_items=[items.get(name) for name in ("iciq_frequency", "iciq_amount", "iciq_impact")],
        )
        rows.append(
            OutcomeMeasure(episode=episode, kind=kind, measured_on=day, recorded_by=therapist, total=total, **items)
        )

    if scenario.nrs:
        first = scenario.nrs[0] + rng.randint(-1, 1)
        add(MeasureKind.NRS_PAIN, started, score=first)
        add(MeasureKind.NRS_PAIN, ended, score=_final(first, fraction, rng))
    if scenario.iciq:
        frequency, amount, impact = scenario.iciq[0]
        impact = max(1, min(impact + rng.randint(-1, 2), 10))
        add(MeasureKind.ICIQ_UI_SF, started, iciq_frequency=frequency, iciq_amount=amount, iciq_impact=impact)
        add(
            MeasureKind.ICIQ_UI_SF,
            ended,
            iciq_frequency=_final(frequency, fraction, rng, highest=5),
            iciq_amount=amount if fraction < 0.4 else max(amount - 2, 0),
            iciq_impact=_final(impact, fraction, rng),
        )
    if scenario.psk:
        first = [score + rng.randint(-1, 1) for score in scenario.psk[0]]
        add(MeasureKind.PSK, started, **{f"psk_score_{n}": score for n, score in enumerate(first, start=1)})
        last = [_final(score, fraction, rng) for score in first]
        add(MeasureKind.PSK, ended, **{f"psk_score_{n}": score for n, score in enumerate(last, start=1)})
    add(MeasureKind.PGI_I, ended, score=pgi_i)
    return rows


def _earlier_episodes(cases, patients, today):
    """Return (episode, scenario, therapist, rng) of the earlier, finished care of about 60 % of the patients."""
    earlier = []
    for patient, (_unused, scenario, therapist, number) in zip(patients, cases, strict=True):
        rng = random.Random(f"earlier-{patient.practice_id}-{number}")  # noqa: S311 - reproducible demo data
        if rng.random() >= EARLIER_EPISODE_SHARE:
            continue
        weeks = rng.randint(6, 16)
        # Discharged within the last year and a week before the current episode began; started 2–14 months ago.
        current_start = today - datetime.timedelta(weeks=6 + number % 4)
        soonest = (today - current_start).days + 7
        discharged_on = today - datetime.timedelta(days=rng.randint(soonest, min(364, 425 - 7 * weeks)))
        started_on = discharged_on - datetime.timedelta(weeks=weeks)
        episode = episode_row(patient, scenario, therapist, started_on, EpisodeStatus.DISCHARGED)
        episode.discharged_on = discharged_on
        earlier.append((episode, scenario, therapist, rng))
    return earlier


def _finished_care(cases, patients, today):
    """Insert the earlier, discharged episodes with their record, measures, sessions and discharge; return rows."""
    earlier = _earlier_episodes(cases, patients, today)
    with_ids([episode for episode, *_ in earlier])
    written = insert_objects([episode for episode, *_ in earlier])
    screenings, intakes, assessments = [], [], []
    for episode, scenario, therapist, _rng in earlier:
        screenings.append(screening_row(episode, scenario, therapist))
        intakes.append(intake_row(episode, scenario, therapist))
        assessments.append(assessment_row(episode, scenario, therapist, first_visit_of(episode)))
    with_ids(assessments)
    written += insert_objects(screenings) + insert_objects(intakes) + insert_objects(assessments)
    agenda = _PastAgenda()
    classifications, measures, appointments, discharges = [], [], [], []
    for (episode, scenario, therapist, rng), assessment in zip(earlier, assessments, strict=True):
        classification = classification_row(episode, assessment, scenario, therapist)
        patterns = PATTERNS.get(scenario.name, [scenario.pattern, ComplaintPattern.VOIDING])
        classification.main_pattern = rng.choice(patterns)
        classifications.append(classification)
        goals_met, answers, fraction = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
        pgi_i = rng.choice(answers)
        started, ended = assessment.assessed_on, episode.discharged_on
        measures += _finished_measures(episode, scenario, therapist, started, ended, fraction, pgi_i, rng)
        sessions = rng.randint(4, 12)
        span = (ended - started).days
        for session in range(sessions):
            day = started + datetime.timedelta(days=span * session // max(sessions - 1, 1))
            starts_at = agenda.slot(therapist, day)
            appointments.append(
                Appointment(
                    episode=episode,
                    therapist=therapist,
                    starts_at=starts_at,
                    duration_minutes=30,
                    ends_at=starts_at + datetime.timedelta(minutes=30),
                    kind=AppointmentKind.TREATMENT,
                    status=AppointmentStatus.DONE,
                    created_by=therapist,
                )
            )
        discharges.append(
            Discharge(
                episode=episode,
                discharged_on=ended,
                goals_met=goals_met,
                pgi_i=pgi_i,
                final_measures_note="Eindmeting besproken en vergeleken met de intake.",
                recorded_by=therapist,
            )
        )
    written += insert_objects(classifications) + insert_objects(measures)
    written += insert_objects(appointments) + insert_objects(discharges)
    return written


def _records(practice, accounts, therapists, today, progress):
    """Insert patients and complete care episodes for the accounts; return how many rows were written."""
    rows = Progress(progress, f"{practice}: records", every=50_000)
    cases = []
    for account in accounts:
        number = demo_number(account)
        rng = random.Random(f"{practice.pk}-{number}")  # noqa: S311 - reproducible demo data, not security
        # Names alternate women and men with the number (demo.accounts), so half of it picks the scenario:
        # each woman's and each man's case comes round in turn.
        scenario = scenario_for(number // 2, account.first_name, BULK_FEMALE_CASES)
        therapist = therapists[number % len(therapists)]
        cases.append((patient_row(practice, account, scenario, therapist, rng, today), scenario, therapist, number))
    patients = with_ids([patient for patient, *_ in cases])
    episodes = with_ids(
        [
            episode_row(
                patient,
                scenario,
                therapist,
                today - datetime.timedelta(weeks=6 + number % 4),
                EpisodeStatus.IN_TREATMENT,
            )
            for patient, (_unused, scenario, therapist, number) in zip(patients, cases, strict=True)
        ]
    )
    rows.add(insert_objects(patients) + insert_objects(episodes))
    rows.add(_finished_care(cases, patients, today))
    screenings, intakes, consents, assessments = [], [], [], []
    for episode, (patient, scenario, therapist, _number) in zip(episodes, cases, strict=True):
        first_visit = first_visit_of(episode)
        screenings.append(screening_row(episode, scenario, therapist))
        intakes.append(intake_row(episode, scenario, therapist))
        consents += consent_rows(patient, scenario, therapist, first_visit)
        assessments.append(assessment_row(episode, scenario, therapist, first_visit))
    with_ids(intakes)
    with_ids(assessments)
    rows.add(
        insert_objects(screenings) + insert_objects(consents) + insert_objects(intakes) + insert_objects(assessments)
    )
    births, classifications, measures, notes, plans = [], [], [], [], []
    for episode, intake, assessment, (_unused, scenario, therapist, _number) in zip(
        episodes, intakes, assessments, cases, strict=True
    ):
        first_visit = assessment.assessed_on
        births += birth_rows(intake, scenario)
        classifications.append(classification_row(episode, assessment, scenario, therapist))
        measures += measure_rows(episode, scenario, therapist, first_visit)
        notes += note_rows(episode, scenario, therapist, first_visit)
        started_on = first_visit + datetime.timedelta(days=4)
        plans.append(
            TreatmentPlan(
                episode=episode,
                pelvic_floor_class=scenario.classification,
                analysis=scenario.complaint,
                started_on=started_on,
                review_on=started_on + datetime.timedelta(weeks=6),
                planned_sessions=9,
                status=PlanStatus.ACTIVE,
                created_by=therapist,
                activated_at=moment(started_on, 12),
            )
        )
    rows.add(
        insert_objects(births) + insert_objects(classifications) + insert_objects(measures) + insert_objects(notes)
    )
    with_ids(plans)
    goals, interventions = [], []
    for plan, intake in zip(plans, intakes, strict=True):
        plan_goals, plan_interventions = _plan_parts(plan, intake, plan.pelvic_floor_class, plan.review_on)
        goals += plan_goals
        interventions += plan_interventions
    with_ids(goals)
    with_ids(interventions)
    for objects, reason in ((plans, "Plan written"), (goals, ""), (interventions, "")):
        rows.add(insert_objects(objects) + insert_objects(history_objects(objects, reason=reason)))
    return rows.done()


@transaction.atomic
def seed_bulk_records(practices, *, progress=lambda message: None) -> int:
    """Give every demo patient account beyond the hand-written ones a complete record; return how many."""
    today = timezone.localdate()
    created = 0
    for practice in practices.values():
        started = time.monotonic()
        therapists = list(User.objects.filter(practice=practice, role=Role.THERAPIST, is_active=True).order_by("pk"))
        accounts = [
            account
            for account in User.objects.filter(
                practice=practice, role=Role.PATIENT, patient_record__isnull=True, email__startswith="patient"
            ).order_by("pk")
            if demo_number(account) > DETAILED_PATIENTS
        ]
        if not accounts or not therapists:
            continue
        _records(practice, accounts, therapists, today, progress)
        created += len(accounts)
        progress(f"{practice}: {len(accounts)} complete records in {time.monotonic() - started:.1f} s")
    return created
