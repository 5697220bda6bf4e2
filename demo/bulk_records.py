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
from patients.choices import EpisodeStatus, InterventionKind, PlanStatus
from patients.models import (
    Intervention,
    PlanGoal,
    TreatmentPlan,
)

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


def _records(practice, accounts, therapists, today, progress):
    """Insert patients and complete care episodes for the accounts; return how many rows were written."""
    rows = Progress(progress, f"{practice}: records", every=50_000)
    cases = []
    for account in accounts:
        number = demo_number(account)
        rng = random.Random(f"{practice.pk}-{number}")  # noqa: S311 - reproducible demo data, not security
        scenario = scenario_for(number, account.first_name, BULK_FEMALE_CASES)
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
