"""Realistic demo records for the demo patients: one care pathway per patient, in Dutch."""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from clinic.choices import Role
from clinic.models import User
from patients.choices import EpisodeStatus, ReferralType, Sex
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

# The first demo patients of each practice get this hand-written pathway; clinic.demo_bulk builds the rest.
DETAILED_PATIENTS = 10
# Valid BSNs (they pass the eleven-test) for the first demo patients of each practice.
DEMO_BSNS = ["111222333", "123456782", "100000009", "100000010", "100000022", "100000034"]


@dataclass
class Scenario:
    """One kind of demo case: who the patient is and what the record holds."""

    name: str
    sex: str
    age: int
    complaint: str
    referral: str
    weeks_ago: int
    intake: dict
    assessment: dict = field(default_factory=dict)
    consent: str = ""
    classification: str = ""
    red_flag: str = ""
    nrs: list = field(default_factory=list)
    iciq: list = field(default_factory=list)
    psk: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    births: list = field(default_factory=list)


OVERACTIVE = Scenario(
    name="overactive",
    sex=Sex.FEMALE,
    age=34,
    complaint="Pijn bij het vrijen en branderige pijn rond het perineum",
    referral=ReferralType.DIRECT_ACCESS,
    weeks_ago=7,
    intake={
        "area_pain": True,
        "area_sexual": True,
        "area_urinary": True,
        "onset": "Twee jaar geleden geleidelijk begonnen na een drukke periode op het werk.",
        "course": "Wisselend, erger in drukke weken.",
        "provoking_factors": "Lang zitten, fietsen, gemeenschap, stress.",
        "easing_factors": "Warmte, een warm bad, rust.",
        "toilet_habits": "Plast vaak kleine beetjes, gaat 'voor de zekerheid'. Perst bij ontlasting.",
        "fluid_intake_ml": 1200,
        "work": "Accountant, zit veel.",
        "sport": "Spinning twee keer per week.",
        "psk_activity_1": "Gemeenschap",
        "psk_score_1": 8,
        "psk_activity_2": "Fietsen naar het werk",
        "psk_score_2": 6,
        "psk_activity_3": "Een werkdag uitzitten",
        "psk_score_3": 6,
        "goals": "Zonder pijn kunnen vrijen en fietsen.",
    },
    consent="internal_vaginal",
    assessment={
        "internal_route": "vaginal",
        "resting_tone": "high",
        "oxford_power": 2,
        "endurance_seconds": 4,
        "repetitions": 3,
        "fast_contractions": 4,
        "relaxation": "partial",
        "cough_reflex": "present",
        "trigger_points": "Links m. levator ani, drukpijn rechts m. obturatorius internus.",
        "palpation_pain_nrs": 6,
        "breathing_pattern": "Hoge borstademhaling, buik gespannen.",
        "posture": "Licht opgetrokken schouders, bekken in retroversie bij zitten.",
    },
    classification="overactive",
    nrs=[7, 7, 6, 5, 4, 4, 3],
    psk=[(8, 6, 6), (7, 5, 5), (5, 4, 4), (4, 3, 3)],
    notes=[
        (
            "Pijn bij zitten onveranderd, ademhalingsoefening lukt thuis.",
            "Hoge rusttonus, onvolledige ontspanning na aanspannen.",
            "Overactieve bekkenbodem, start ontspanningstraining.",
            "Ademhaling en warmte dagelijks, geen knijpoefeningen.",
        ),
        (
            "Minder branderig gevoel, fietsen nog pijnlijk.",
            "Ontspanning na aanspannen bijna volledig.",
            "Goede vooruitgang op ontspanning.",
            "Rekoefeningen toevoegen, toiletadvies herhaald.",
        ),
    ],
)
UNDERACTIVE = Scenario(
    name="underactive",
    sex=Sex.FEMALE,
    age=46,
    complaint="Urineverlies bij hardlopen en springen",
    referral=ReferralType.GP_REFERRAL,
    weeks_ago=6,
    intake={
        "area_urinary": True,
        "onset": "Sinds enkele jaren, duidelijk erger sinds start met hardlopen.",
        "provoking_factors": "Hardlopen, springen, hoesten, niezen.",
        "easing_factors": "Niet sporten.",
        "fluid_intake_ml": 1000,
        "sport": "Hardlopen drie keer per week, bootcamp.",
        "work": "Docent.",
        "pregnancies": 2,
        "pregnancy_status": "not_pregnant",
        "psk_activity_1": "Hardlopen 5 km",
        "psk_score_1": 8,
        "psk_activity_2": "Bootcamp springoefeningen",
        "psk_score_2": 9,
        "goals": "Droog een rondje van 5 km lopen.",
    },
    births=[(2010, "spontaneous", "second_degree"), (2013, "spontaneous", "first_degree")],
    consent="internal_vaginal",
    assessment={
        "internal_route": "vaginal",
        "resting_tone": "low",
        "oxford_power": 2,
        "endurance_seconds": 5,
        "repetitions": 4,
        "fast_contractions": 5,
        "relaxation": "complete",
        "cough_reflex": "delayed",
        "pressure_management": "Houdt adem vast bij tillen.",
    },
    classification="underactive",
    iciq=[(3, 4, 7), (3, 2, 6), (2, 2, 4), (2, 2, 3)],
    nrs=[2, 2, 1],
    notes=[
        (
            "Lekt bij elke hardloopsessie.",
            "Oxford 2, vertraagde reflex bij hoesten.",
            "Onderactieve bekkenbodem.",
            "Knijpoefeningen liggend, de 'knack' bij hoesten.",
        ),
        (
            "Minder verlies, springen nog lastig.",
            "Oxford 3, uithouding 8 s.",
            "Vooruitgang in kracht.",
            "Progressie naar staand en huppelen.",
        ),
    ],
)
RED_FLAG = Scenario(
    name="red_flag",
    sex=Sex.FEMALE,
    age=58,
    complaint="Aandrang en vaak plassen",
    referral=ReferralType.DIRECT_ACCESS,
    weeks_ago=0,
    intake={},
    red_flag="unexplained_bleeding",
)
POSTPARTUM = Scenario(
    name="postpartum",
    sex=Sex.FEMALE,
    age=31,
    complaint="Zwaar gevoel en urineverlies na de bevalling",
    referral=ReferralType.GP_REFERRAL,
    weeks_ago=5,
    intake={
        "area_urinary": True,
        "area_prolapse": True,
        "onset": "Sinds de bevalling, tien weken geleden.",
        "provoking_factors": "Tillen van de baby, aan het eind van de dag.",
        "easing_factors": "Liggen.",
        "pregnancy_status": "postpartum",
        "breastfeeding": True,
        "pregnancies": 1,
        "fluid_intake_ml": 2000,
        "psk_activity_1": "Baby in de maxi-cosi tillen",
        "psk_score_1": 7,
        "psk_activity_2": "Wandelen met de kinderwagen",
        "psk_score_2": 5,
        "goals": "Weer kunnen hardlopen voor de zomer.",
    },
    births=[(2026, "vacuum", "second_degree")],
    consent="internal_vaginal",
    assessment={
        "internal_route": "vaginal",
        "resting_tone": "low",
        "oxford_power": 1,
        "endurance_seconds": 3,
        "repetitions": 3,
        "fast_contractions": 3,
        "relaxation": "complete",
        "cough_reflex": "delayed",
        "scars": "Littekentje perineum goed genezen, niet pijnlijk.",
    },
    classification="underactive",
    iciq=[(2, 2, 6), (2, 2, 4), (1, 2, 2)],
    psk=[(7, 5), (5, 4), (3, 2)],
    notes=[
        (
            "Zwaar gevoel aan het eind van de dag.",
            "Oxford 1, verzakkingsgevoel bij persen.",
            "Onderactief na vaginale kunstverlossing.",
            "Ademhaling en druk, voorzichtig opbouwen knijpoefeningen.",
        ),
    ],
)
PROSTATECTOMY = Scenario(
    name="prostatectomy",
    sex=Sex.MALE,
    age=66,
    complaint="Urineverlies na prostatectomie",
    referral=ReferralType.GP_REFERRAL,
    weeks_ago=8,
    intake={
        "area_urinary": True,
        "onset": "Na radicale prostatectomie drie maanden geleden.",
        "provoking_factors": "Opstaan uit een stoel, hoesten, golfen.",
        "surgery_prostatectomy": True,
        "fluid_intake_ml": 1100,
        "medication": "Tamsulosine gestopt na operatie.",
        "uses_anticoagulants": True,
        "heart_problems": True,
        "sport": "Golf.",
        "psk_activity_1": "Een ronde golf lopen",
        "psk_score_1": 8,
        "psk_activity_2": "Verjaardag bezoeken zonder verband",
        "psk_score_2": 9,
        "goals": "Zonder inlegger de deur uit.",
    },
    consent="internal_rectal",
    assessment={
        "internal_route": "rectal",
        "resting_tone": "normal",
        "oxford_power": 2,
        "endurance_seconds": 4,
        "repetitions": 3,
        "fast_contractions": 5,
        "relaxation": "complete",
        "cough_reflex": "delayed",
    },
    classification="underactive",
    iciq=[(4, 4, 8), (4, 4, 7), (3, 2, 5), (3, 2, 4), (2, 2, 3)],
    notes=[
        (
            "Vier verbanden per dag.",
            "Oxford 2 rectaal, vertraagde reflex.",
            "Sfincterzwakte na operatie.",
            "Knijpen voor opstaan en hoesten, snelle en lange aanspanningen.",
        ),
        (
            "Twee verbanden per dag.",
            "Oxford 3.",
            "Duidelijke verbetering.",
            "Functioneel oefenen tijdens golf.",
        ),
    ],
)
MENOPAUSE = Scenario(
    name="menopause",
    sex=Sex.FEMALE,
    age=57,
    complaint="Aandrang en urineverlies, droog gevoel",
    referral=ReferralType.DIRECT_ACCESS,
    weeks_ago=4,
    intake={
        "area_urinary": True,
        "area_sexual": True,
        "onset": "Sinds de overgang, langzaam erger.",
        "provoking_factors": "Koud weer, sleutel in de deur, lange wandelingen.",
        "menopause_status": "postmenopausal",
        "surgery_hysterectomy": True,
        "stomach_problems": True,
        "fluid_intake_ml": 900,
        "psk_activity_1": "Boodschappen doen zonder toilet te zoeken",
        "psk_score_1": 7,
        "goals": "Minder aandrang, niet meer elk uur naar het toilet.",
    },
    assessment={
        "internal_route": "none",
        "resting_tone": "normal",
        "oxford_power": 3,
        "relaxation": "complete",
        "cough_reflex": "delayed",
    },
    classification="underactive",
    iciq=[(3, 2, 6), (3, 2, 5), (2, 2, 4)],
    nrs=[3, 2, 2],
    notes=[
        (
            "Plast 12 keer per dag volgens plasdagboek.",
            "Uitwendig onderzoek, redelijke aanspanning.",
            "Urge- en stressklachten na de overgang.",
            "Blaastraining, drinkadvies, bespreken lokale oestrogenen met huisarts.",
        ),
    ],
)
MALE_PELVIC_PAIN = Scenario(
    name="male_pelvic_pain",
    sex=Sex.MALE,
    age=41,
    complaint="Pijn in het bekken en moeizaam plassen",
    referral=ReferralType.DIRECT_ACCESS,
    weeks_ago=3,
    intake={
        "area_pain": True,
        "area_urinary": True,
        "onset": "Half jaar geleden na lange fietstocht.",
        "provoking_factors": "Fietsen, lang zitten, stress.",
        "easing_factors": "Warmte, wandelen.",
        "work": "Programmeur, zit de hele dag.",
        "psk_activity_1": "Een werkdag zitten",
        "psk_score_1": 7,
        "psk_activity_2": "Racefietsen",
        "psk_score_2": 9,
    },
    consent="internal_rectal",
    assessment={
        "internal_route": "rectal",
        "resting_tone": "high",
        "oxford_power": 3,
        "relaxation": "absent",
        "cough_reflex": "present",
        "trigger_points": "Drukpijn m. puborectalis.",
        "palpation_pain_nrs": 5,
    },
    classification="overactive",
    nrs=[6, 5, 5, 4],
    notes=[
        (
            "Pijn na lang zitten, moeizaam op gang komen van de straal.",
            "Verhoogde tonus, geen ontspanning na aanspannen.",
            "Overactieve bekkenbodem.",
            "Ontspanningstraining, zitadvies, fietszadel aanpassen.",
        ),
    ],
)
FEMALE_CASES = [OVERACTIVE, RED_FLAG, POSTPARTUM, MENOPAUSE, UNDERACTIVE]
MALE_CASES = [PROSTATECTOMY, MALE_PELVIC_PAIN]
FEMALE_FIRST_NAMES = {"Sanne", "Linda", "Fatma", "Joyce", "Iris", "Noor"}


def _scenario_for(index, first_name):
    cases = FEMALE_CASES if first_name in FEMALE_FIRST_NAMES else MALE_CASES
    return cases[(index // 2) % len(cases)]


def moment(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def demo_number(account) -> int:
    """Return the number in a demo patient's address (patient12@… → 12)."""
    return int(account.email.split("@")[0].removeprefix("patient") or 0)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def build_record(patient, scenario, therapist, today):
    """Create one care episode with everything the scenario describes, dated in the past weeks."""
    start = today - datetime.timedelta(weeks=scenario.weeks_ago, days=3)
    episode = _save(
        CareEpisode(
            patient=patient,
            therapist=therapist,
            main_complaint=scenario.complaint,
            started_on=start,
            status=EpisodeStatus.SCREENING,
        )
    )
    screening = RedFlagScreening(episode=episode, screened_on=start, screened_by=therapist)
    if scenario.red_flag:
        setattr(screening, scenario.red_flag, True)
        screening.gp_contact_advised = True
        screening.advice_notes = (
            "Vandaag de huisarts bellen voor urineonderzoek; behandeling wacht tot de huisarts akkoord geeft."
        )
        _save(screening)
        return episode
    screening.decision = "continue"
    _save(screening)
    intake = _save(
        Intake(episode=episode, taken_on=start, taken_by=therapist, **{"uses_anticoagulants": False, **scenario.intake})
    )
    for year, mode, trauma in scenario.births:
        _save(Birth(intake=intake, year=year, mode=mode, perineal_trauma=trauma))
    first_visit = start + datetime.timedelta(days=3)
    if scenario.consent:
        _save(
            Consent(
                patient=patient,
                kind=scenario.consent,
                given_by=str(patient),
                given_at=moment(first_visit, 9),
                recorded_by=therapist,
            )
        )
    assessment = _save(Assessment(episode=episode, assessed_on=first_visit, therapist=therapist, **scenario.assessment))
    _save(
        Classification(
            episode=episode,
            assessment=assessment,
            classified_on=first_visit,
            therapist=therapist,
            pelvic_floor_class=scenario.classification,
            suggested_class=suggest_classification(assessment).pelvic_floor_class or "",
        )
    )
    episode.status = EpisodeStatus.IN_TREATMENT
    episode.save(update_fields=["status"])
    for measure in measure_rows(episode, scenario, therapist, first_visit):
        _save(measure)
    for number, (subjective, objective, analysis, plan) in enumerate(scenario.notes):
        session_on = first_visit + datetime.timedelta(weeks=number * 2)
        _save(
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
    return episode


def measure_rows(episode, scenario, therapist, first_visit):
    """Return the scenario's outcome measures for the episode, unsaved."""
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
        add("nrs_pain", week, score=score)
    for week, (frequency, amount, impact) in enumerate(scenario.iciq):
        add("iciq_ui_sf", week * 2, iciq_frequency=frequency, iciq_amount=amount, iciq_impact=impact)
    for week, scores in enumerate(scenario.psk):
        add("psk", week * 2, **{f"psk_score_{n}": score for n, score in enumerate(scores, start=1)})
    if len(scenario.nrs) > 3 or len(scenario.iciq) > 3:
        add("pgi_i", max(len(scenario.nrs), len(scenario.iciq)), score=2)
    return rows


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
        created = 0
        for account in accounts.order_by("pk"):
            if demo_number(account) > DETAILED_PATIENTS:
                continue
            index = demo_number(account) - 1
            scenario = _scenario_for(index, account.first_name)
            therapist = therapists[(index // 3) % len(therapists)]
            rng = random.Random(f"{slug}-{index}")  # noqa: S311 - demo data, not security
            birth_year = today.year - scenario.age - rng.randint(0, 6)
            patient = _save(
                Patient(
                    practice=practice,
                    first_name=account.first_name,
                    last_name=account.last_name,
                    date_of_birth=datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
                    sex=scenario.sex,
                    email=account.email,
                    phone=f"06-{rng.randint(10000000, 99999999)}",
                    bsn=DEMO_BSNS[index] if index < len(DEMO_BSNS) else "",
                    gp_name="Dr. " + rng.choice(["Hendriks", "Van Dijk", "Kok", "Dekker"]),
                    gp_practice="Huisartsenpraktijk " + rng.choice(["De Linde", "Het Plein", "Centrum"]),
                    referral_type=scenario.referral,
                    referrer_name="Dr. Hendriks" if scenario.referral == ReferralType.GP_REFERRAL else "",
                    referral_date=today - datetime.timedelta(weeks=scenario.weeks_ago + 1)
                    if scenario.referral == ReferralType.GP_REFERRAL
                    else None,
                    responsible_therapist=therapist,
                    user=account,
                )
            )
            build_record(patient, scenario, therapist, today)
            created += 1
        progress(f"{practice}: {created} patient records")
