"""One record builder for every demo patient: the small hand-written set and the 10,000-patient one.

Each `*_rows` function returns unsaved rows of one part of the record, described once from the
patient's scenario. The first DETAILED_PATIENTS of each practice are saved one row at a time through
the models' checks (`seed_records`); every other patient goes through the same builders in a few large
inserts per practice (`demo.bulk_records`).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from clinic.choices import Role
from clinic.models import User
from clinic.names import name_sort_key
from demo.scenarios import FEMALE_CASES, FEMALE_FIRST_NAMES, MALE_CASES
from patients.choices import EpisodeStatus, MeasureKind, ReferralType, ScreeningDecision
from patients.models import (
    Assessment,
    Birth,
    CareEpisode,
    Classification,
    Consent,
    Intake,
    OutcomeMeasure,
    Patient,
    RedFlagScreening,
    SessionNote,
)
from patients.rules.record import measure_total, suggest_classification
from patients.services.signals import episode_signals_refresh

# The first demo patients of each practice get their record row by row; demo.bulk_records builds the rest.
DETAILED_PATIENTS = 10
# Valid BSNs (they pass the eleven-test) for the first demo patients of each practice.
DEMO_BSNS = ["111222333", "123456782", "100000009", "100000010", "100000022", "100000034"]
ADVICE_FOR_A_RED_FLAG = (
    "Vandaag de huisarts bellen voor urineonderzoek; behandeling wacht tot de huisarts akkoord geeft."
)


def moment(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def demo_number(account) -> int:
    """Return the number in a demo patient's address (patient12@… → 12)."""
    return int(account.email.split("@")[0].removeprefix("patient") or 0)


def patient_row(practice, account, scenario, therapist, rng, today, *, bsn="", referred_weeks_ago=8) -> Patient:
    """Return the patient record of a demo account: name, birth date, contact, GP and referral."""
    birth_year = today.year - scenario.age - rng.randint(0, 12)
    gp_referral = scenario.referral == ReferralType.GP_REFERRAL
    return Patient(
        practice=practice,
        first_name=account.first_name,
        last_name=account.last_name,
        sort_name=name_sort_key(account.first_name, account.last_name),
        date_of_birth=datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
        sex=scenario.sex,
        email=account.email,
        phone=f"06-{rng.randint(10000000, 99999999)}",
        bsn=bsn,
        gp_name="Dr. " + rng.choice(["Hendriks", "Van Dijk", "Kok", "Dekker"]),
        gp_practice="Huisartsenpraktijk " + rng.choice(["De Linde", "Het Plein", "Centrum"]),
        referral_type=scenario.referral,
        referrer_name="Dr. Hendriks" if gp_referral else "",
        referral_date=today - datetime.timedelta(weeks=referred_weeks_ago) if gp_referral else None,
        responsible_therapist=therapist,
        user=account,
    )


def episode_row(patient, scenario, therapist, started_on, status) -> CareEpisode:
    return CareEpisode(
        patient=patient, therapist=therapist, main_complaint=scenario.complaint, started_on=started_on, status=status
    )


def screening_row(episode, scenario, therapist) -> RedFlagScreening:
    """Return the screening: continue, or the scenario's red flag with the advice to see the GP."""
    screening = RedFlagScreening(episode=episode, screened_on=episode.started_on, screened_by=therapist)
    if scenario.red_flag:
        setattr(screening, scenario.red_flag, True)
        screening.gp_contact_advised = True
        screening.advice_notes = ADVICE_FOR_A_RED_FLAG
    else:
        screening.decision = ScreeningDecision.CONTINUE
    return screening


def intake_row(episode, scenario, therapist) -> Intake:
    return Intake(
        episode=episode,
        taken_on=episode.started_on,
        taken_by=therapist,
        **{"uses_anticoagulants": False, **scenario.intake},
    )


def first_visit_of(episode) -> datetime.date:
    return episode.started_on + datetime.timedelta(days=3)


def consent_rows(patient, scenario, therapist, first_visit) -> list[Consent]:
    if not scenario.consent:
        return []
    return [
        Consent(
            patient=patient,
            kind=scenario.consent,
            given_by=str(patient),
            given_at=moment(first_visit, 9),
            recorded_by=therapist,
        )
    ]


def assessment_row(episode, scenario, therapist, first_visit) -> Assessment:
    return Assessment(episode=episode, assessed_on=first_visit, therapist=therapist, **scenario.assessment)


def birth_rows(intake, scenario) -> list[Birth]:
    return [
        Birth(intake=intake, year=year, mode=mode, perineal_trauma=trauma) for year, mode, trauma in scenario.births
    ]


def classification_row(episode, assessment, scenario, therapist) -> Classification:
    return Classification(
        episode=episode,
        assessment=assessment,
        classified_on=assessment.assessed_on,
        therapist=therapist,
        pelvic_floor_class=scenario.classification,
        main_pattern=scenario.pattern,
        suggested_class=suggest_classification(assessment).pelvic_floor_class or "",
    )


def measure_rows(episode, scenario, therapist, first_visit) -> list[OutcomeMeasure]:
    """Return the scenario's outcome measures for the episode, those not after today."""
    rows = []

    def add(kind, week, **items):
        total = measure_total(
            kind,
            score=items.get("score"),
            psk_scores=[items.get(f"psk_score_{n}") for n in (1, 2, 3)],
            iciq_items=[items.get(name) for name in ("iciq_frequency", "iciq_amount", "iciq_impact")],
        )
        day = first_visit + datetime.timedelta(weeks=week)
        if day > timezone.localdate():
            return  # a recent episode has not had its later measurements yet
        rows.append(
            OutcomeMeasure(episode=episode, kind=kind, measured_on=day, recorded_by=therapist, total=total, **items)
        )

    for week, score in enumerate(scenario.nrs):
        add(MeasureKind.NRS_PAIN, week, score=score)
    for week, (frequency, amount, impact) in enumerate(scenario.iciq):
        add(MeasureKind.ICIQ_UI_SF, week * 2, iciq_frequency=frequency, iciq_amount=amount, iciq_impact=impact)
    for week, scores in enumerate(scenario.psk):
        add(MeasureKind.PSK, week * 2, **{f"psk_score_{n}": score for n, score in enumerate(scores, start=1)})
    if len(scenario.nrs) > 3 or len(scenario.iciq) > 3:
        add(MeasureKind.PGI_I, max(len(scenario.nrs), len(scenario.iciq)), score=2)
    return rows


def note_rows(episode, scenario, therapist, first_visit) -> list[SessionNote]:
    """Return the scenario's signed SOAP notes, one every two weeks from the first visit."""
    notes = []
    for number, (subjective, objective, analysis, plan) in enumerate(scenario.notes):
        session_on = first_visit + datetime.timedelta(weeks=number * 2)
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
    return notes


def scenario_for(index, first_name, female_cases=FEMALE_CASES):
    cases = female_cases if first_name in FEMALE_FIRST_NAMES else MALE_CASES
    return cases[index % len(cases)]


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def build_record(patient, scenario, therapist, today):
    """Save one care episode with everything the scenario describes, row by row through the models' checks."""
    start = today - datetime.timedelta(weeks=scenario.weeks_ago, days=3)
    episode = _save(episode_row(patient, scenario, therapist, start, EpisodeStatus.SCREENING))
    _save(screening_row(episode, scenario, therapist))
    if scenario.red_flag:
        return episode
    intake = _save(intake_row(episode, scenario, therapist))
    for birth in birth_rows(intake, scenario):
        _save(birth)
    first_visit = first_visit_of(episode)
    for consent in consent_rows(patient, scenario, therapist, first_visit):
        _save(consent)
    assessment = _save(assessment_row(episode, scenario, therapist, first_visit))
    _save(classification_row(episode, assessment, scenario, therapist))
    episode.status = EpisodeStatus.IN_TREATMENT
    episode.save(update_fields=["status"])
    for row in [
        *measure_rows(episode, scenario, therapist, first_visit),
        *note_rows(episode, scenario, therapist, first_visit),
    ]:
        _save(row)
    return episode


@transaction.atomic
def seed_records(practices, *, progress=lambda message: None):
    """Give the first demo patient accounts without a record a patient record and a realistic care episode."""
    today = timezone.localdate()
    for slug, practice in practices.items():
        therapists = list(
            User.objects.filter(
                practice=practice, role=Role.THERAPIST, email__in=[f"therapist{n}@{slug}.example" for n in (1, 2)]
            ).order_by("email")
        )
        accounts = User.objects.filter(practice=practice, role=Role.PATIENT, patient_record__isnull=True)
        episodes = []
        for account in accounts.order_by("pk"):
            if demo_number(account) > DETAILED_PATIENTS:
                continue
            index = demo_number(account) - 1
            scenario = scenario_for(index // 2, account.first_name)
            therapist = therapists[(index // 3) % len(therapists)]
            rng = random.Random(f"{slug}-{index}")  # noqa: S311 - demo data, not security
            patient = _save(
                patient_row(
                    practice,
                    account,
                    scenario,
                    therapist,
                    rng,
                    today,
                    bsn=DEMO_BSNS[index] if index < len(DEMO_BSNS) else "",
                    referred_weeks_ago=scenario.weeks_ago + 1,
                )
            )
            episodes.append(build_record(patient, scenario, therapist, today))
        episode_signals_refresh(episode_ids=[episode.pk for episode in episodes])
        progress(f"{practice}: {len(episodes)} patient records")
