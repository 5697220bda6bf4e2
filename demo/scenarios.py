"""The kinds of demo case: who the patient is and what their record holds, in Dutch, written once for both paths."""

from dataclasses import dataclass, field

from patients.choices import (
    BirthMode,
    ComplaintPattern,
    ConsentKind,
    CoughReflex,
    InternalRoute,
    MenopauseStatus,
    PelvicFloorClass,
    PerinealTrauma,
    PregnancyStatus,
    ReferralType,
    Relaxation,
    RestingTone,
    Sex,
)


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
    pattern: str = ""
    red_flag: str = ""
    nrs: list = field(default_factory=list)
    iciq: list = field(default_factory=list)
    psk: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    births: list = field(default_factory=list)


OVERACTIVE = Scenario(
    name="overactive",
    pattern=ComplaintPattern.SEXUAL,
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
    consent=ConsentKind.INTERNAL_VAGINAL,
    assessment={
        "internal_route": InternalRoute.VAGINAL,
        "resting_tone": RestingTone.HIGH,
        "oxford_power": 2,
        "endurance_seconds": 4,
        "repetitions": 3,
        "fast_contractions": 4,
        "relaxation": Relaxation.PARTIAL,
        "cough_reflex": CoughReflex.PRESENT,
        "trigger_points": "Links m. levator ani, drukpijn rechts m. obturatorius internus.",
        "palpation_pain_nrs": 6,
        "breathing_pattern": "Hoge borstademhaling, buik gespannen.",
        "posture": "Licht opgetrokken schouders, bekken in retroversie bij zitten.",
    },
    classification=PelvicFloorClass.OVERACTIVE,
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
    pattern=ComplaintPattern.STRESS_INCONTINENCE,
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
        "pregnancy_status": PregnancyStatus.NOT_PREGNANT,
        "psk_activity_1": "Hardlopen 5 km",
        "psk_score_1": 8,
        "psk_activity_2": "Bootcamp springoefeningen",
        "psk_score_2": 9,
        "goals": "Droog een rondje van 5 km lopen.",
    },
    births=[
        (2010, BirthMode.SPONTANEOUS, PerinealTrauma.SECOND_DEGREE),
        (2013, BirthMode.SPONTANEOUS, PerinealTrauma.FIRST_DEGREE),
    ],
    consent=ConsentKind.INTERNAL_VAGINAL,
    assessment={
        "internal_route": InternalRoute.VAGINAL,
        "resting_tone": RestingTone.LOW,
        "oxford_power": 2,
        "endurance_seconds": 5,
        "repetitions": 4,
        "fast_contractions": 5,
        "relaxation": Relaxation.COMPLETE,
        "cough_reflex": CoughReflex.DELAYED,
        "pressure_management": "Houdt adem vast bij tillen.",
    },
    classification=PelvicFloorClass.UNDERACTIVE,
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
    pattern=ComplaintPattern.URGENCY,
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
    pattern=ComplaintPattern.PROLAPSE,
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
        "pregnancy_status": PregnancyStatus.POSTPARTUM,
        "breastfeeding": True,
        "pregnancies": 1,
        "fluid_intake_ml": 2000,
        "psk_activity_1": "Baby in de maxi-cosi tillen",
        "psk_score_1": 7,
        "psk_activity_2": "Wandelen met de kinderwagen",
        "psk_score_2": 5,
        "goals": "Weer kunnen hardlopen voor de zomer.",
    },
    births=[(2026, BirthMode.VACUUM, PerinealTrauma.SECOND_DEGREE)],
    consent=ConsentKind.INTERNAL_VAGINAL,
    assessment={
        "internal_route": InternalRoute.VAGINAL,
        "resting_tone": RestingTone.LOW,
        "oxford_power": 1,
        "endurance_seconds": 3,
        "repetitions": 3,
        "fast_contractions": 3,
        "relaxation": Relaxation.COMPLETE,
        "cough_reflex": CoughReflex.DELAYED,
        "scars": "Littekentje perineum goed genezen, niet pijnlijk.",
    },
    classification=PelvicFloorClass.UNDERACTIVE,
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
    pattern=ComplaintPattern.STRESS_INCONTINENCE,
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
    consent=ConsentKind.INTERNAL_RECTAL,
    assessment={
        "internal_route": InternalRoute.RECTAL,
        "resting_tone": RestingTone.NORMAL,
        "oxford_power": 2,
        "endurance_seconds": 4,
        "repetitions": 3,
        "fast_contractions": 5,
        "relaxation": Relaxation.COMPLETE,
        "cough_reflex": CoughReflex.DELAYED,
    },
    classification=PelvicFloorClass.UNDERACTIVE,
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
    pattern=ComplaintPattern.URGENCY,
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
        "menopause_status": MenopauseStatus.POSTMENOPAUSAL,
        "surgery_hysterectomy": True,
        "stomach_problems": True,
        "fluid_intake_ml": 900,
        "psk_activity_1": "Boodschappen doen zonder toilet te zoeken",
        "psk_score_1": 7,
        "goals": "Minder aandrang, niet meer elk uur naar het toilet.",
    },
    assessment={
        "internal_route": InternalRoute.NONE,
        "resting_tone": RestingTone.NORMAL,
        "oxford_power": 3,
        "relaxation": Relaxation.COMPLETE,
        "cough_reflex": CoughReflex.DELAYED,
    },
    classification=PelvicFloorClass.UNDERACTIVE,
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
    pattern=ComplaintPattern.PELVIC_PAIN,
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
    consent=ConsentKind.INTERNAL_RECTAL,
    assessment={
        "internal_route": InternalRoute.RECTAL,
        "resting_tone": RestingTone.HIGH,
        "oxford_power": 3,
        "relaxation": Relaxation.ABSENT,
        "cough_reflex": CoughReflex.PRESENT,
        "trigger_points": "Drukpijn m. puborectalis.",
        "palpation_pain_nrs": 5,
    },
    classification=PelvicFloorClass.OVERACTIVE,
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
