"""The bulk path of seed_demo: a complete record for every demo patient after the hand-written first ones.

The first DETAILED_PATIENTS of each practice get the hand-written pathway of `patients.demo` (per-row saves
through the model's checks); every other demo patient is built here from the same scenarios with a few
large inserts per practice, so that `seed_demo --patients 10000` takes seconds. Programs, logs and diaries
follow in `programs.demo` for both kinds.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from clinic.bulk import BATCH, Progress, insert_objects
from clinic.choices import Role
from clinic.models import User
from patients.choices import EpisodeStatus, InterventionKind, PlanStatus, ReferralType, ScreeningDecision
from patients.demo import (
    DETAILED_PATIENTS,
    FEMALE_FIRST_NAMES,
    MALE_CASES,
    MENOPAUSE,
    OVERACTIVE,
    POSTPARTUM,
    UNDERACTIVE,
    demo_number,
    measure_rows,
    moment,
)
from patients.demo_plans import SIMPLE_INTERVENTIONS
from patients.models import (
    Assessment,
    Birth,
    CareEpisode,
    Classification,
    Consent,
    Intake,
    Intervention,
    Patient,
    PlanGoal,
    RedFlagScreening,
    SessionNote,
    TreatmentPlan,
)
from patients.rules.record import suggest_classification

BULK_FEMALE_CASES = [OVERACTIVE, POSTPARTUM, MENOPAUSE, UNDERACTIVE]


def _scenario(number, first_name):
    cases = BULK_FEMALE_CASES if first_name in FEMALE_FIRST_NAMES else MALE_CASES
    return cases[number % len(cases)]


def _patient(practice, account, scenario, therapist, rng, today):
    birth_year = today.year - scenario.age - rng.randint(0, 12)
    gp_referral = scenario.referral == ReferralType.GP_REFERRAL
    return Patient(
        practice=practice,
        first_name=account.first_name,
        last_name=account.last_name,
        date_of_birth=datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
        sex=scenario.sex,
        email=account.email,
        phone=f"06-{rng.randint(10000000, 99999999)}",
        gp_name="Dr. " + rng.choice(["Hendriks", "Van Dijk", "Kok", "Dekker"]),
        gp_practice="Huisartsenpraktijk " + rng.choice(["De Linde", "Het Plein", "Centrum"]),
        referral_type=scenario.referral,
        referrer_name="Dr. Hendriks" if gp_referral else "",
        referral_date=today - datetime.timedelta(weeks=8) if gp_referral else None,
        responsible_therapist=therapist,
        user=account,
    )


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
        scenario = _scenario(number, account.first_name)
        therapist = therapists[number % len(therapists)]
        cases.append((_patient(practice, account, scenario, therapist, rng, today), scenario, therapist, number))
    patients = Patient.objects.bulk_create([patient for patient, *_ in cases], batch_size=BATCH)
    episodes = CareEpisode.objects.bulk_create(
        [
            CareEpisode(
                patient=patient,
                therapist=therapist,
                main_complaint=scenario.complaint,
                started_on=today - datetime.timedelta(weeks=6 + number % 4),
                status=EpisodeStatus.IN_TREATMENT,
            )
            for patient, scenario, therapist, number in cases
        ],
        batch_size=BATCH,
    )
    rows.add(len(patients) + len(episodes))
    screenings, intakes, consents, assessments = [], [], [], []
    for episode, (patient, scenario, therapist, _number) in zip(episodes, cases, strict=True):
        screenings.append(
            RedFlagScreening(
                episode=episode,
                screened_on=episode.started_on,
                screened_by=therapist,
                decision=ScreeningDecision.CONTINUE,
            )
        )
        intakes.append(
            Intake(
                episode=episode,
                taken_on=episode.started_on,
                taken_by=therapist,
                **{"uses_anticoagulants": False, **scenario.intake},
            )
        )
        first_visit = episode.started_on + datetime.timedelta(days=3)
        if scenario.consent:
            consents.append(
                Consent(
                    patient=patient,
                    kind=scenario.consent,
                    given_by=str(patient),
                    given_at=moment(first_visit, 9),
                    recorded_by=therapist,
                )
            )
        assessments.append(
            Assessment(episode=episode, assessed_on=first_visit, therapist=therapist, **scenario.assessment)
        )
    rows.add(insert_objects(screenings) + insert_objects(consents))
    intakes = Intake.objects.bulk_create(intakes, batch_size=BATCH)
    assessments = Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    rows.add(len(intakes) + len(assessments))
    births, classifications, measures, notes, plans = [], [], [], [], []
    for episode, intake, assessment, (_unused, scenario, therapist, _number) in zip(
        episodes, intakes, assessments, cases, strict=True
    ):
        births += [
            Birth(intake=intake, year=year, mode=mode, perineal_trauma=trauma) for year, mode, trauma in scenario.births
        ]
        first_visit = assessment.assessed_on
        classifications.append(
            Classification(
                episode=episode,
                assessment=assessment,
                classified_on=first_visit,
                therapist=therapist,
                pelvic_floor_class=scenario.classification,
                suggested_class=suggest_classification(assessment).pelvic_floor_class or "",
            )
        )
        measures += measure_rows(episode, scenario, therapist, first_visit)
        for index, (subjective, objective, analysis, plan) in enumerate(scenario.notes):
            session_on = first_visit + datetime.timedelta(weeks=index * 2)
            notes.append(
                SessionNote(
                    episode=episode,
                    session_on=session_on,
                    author=therapist,
                    subjective=subjective,
                    objective=objective,
                    analysis=analysis,
                    plan=plan,
                    signed_at=moment(session_on, 17),
                )
            )
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
    plans = bulk_create_with_history(plans, TreatmentPlan, batch_size=BATCH, default_change_reason="Plan written")
    goals, interventions = [], []
    for plan, intake in zip(plans, intakes, strict=True):
        plan_goals, plan_interventions = _plan_parts(plan, intake, plan.pelvic_floor_class, plan.review_on)
        goals += plan_goals
        interventions += plan_interventions
    bulk_create_with_history(goals, PlanGoal, batch_size=BATCH)
    bulk_create_with_history(interventions, Intervention, batch_size=BATCH)
    rows.add(len(plans) + len(goals) + len(interventions))
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
