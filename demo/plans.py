"""Demo treatment plans: an overactive case with a needling referral and biofeedback, a justified override,
and a plain plan for every other classified episode in treatment.

`seed_demo_plans(practice=…)` is safe to run twice: episodes that already have a plan are left alone. The two
special cases go to the practice's first two overactive episodes; when there are not that many, it creates
demo patients of its own for them.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clinic.choices import Role
from clinic.models import User
from patients.choices import (
    ComplaintPattern,
    ConsentKind,
    EpisodeStatus,
    InterventionKind,
    LetterKind,
    PelvicFloorClass,
    ReferralType,
    Sex,
)
from patients.models import CareEpisode, Classification, Consent, Intake, Patient, TreatmentPlan
from patients.selectors.plans import home_program_strengthening
from patients.services.biofeedback import biofeedback_session_record
from patients.services.letters import letter_compose
from patients.services.plans import intervention_save, plan_activate, plan_create
from patients.services.referrals import needling_referral_save

DEMO_PATIENTS = [
    ("Marloes", "Hendriks", datetime.date(1988, 4, 12), "Pijn bij zitten en vrijen, moeizaam plassen"),
    ("Ingrid", "Koster", datetime.date(1975, 9, 3), "Urineverlies bij sporten en pijn onderin de buik"),
]
EMG_READINGS = [  # resting tone, peak (µV), time to relax (s): the floor learns to let go
    ("9.5", "31.0", "8.0"),
    ("8.1", "30.0", "6.5"),
    ("6.4", "33.5", "5.0"),
    ("5.2", "34.0", "3.5"),
    ("4.1", "36.0", "2.5"),
]


def _demo_episode(practice, therapist, number, today):
    first, last, born, complaint = DEMO_PATIENTS[number]
    patient, _created = Patient.objects.get_or_create(
        practice=practice,
        first_name=first,
        last_name=last,
        defaults={
            "date_of_birth": born,
            "sex": Sex.FEMALE,
            "referral_type": ReferralType.GP_REFERRAL,
            "referrer_name": "Dr. A. Verbeek",
            "gp_name": "Dr. A. Verbeek",
            "gp_practice": "Huisartsenpraktijk De Linde",
            "responsible_therapist": therapist,
        },
    )
    episode = patient.episodes.first() or CareEpisode.objects.create(
        patient=patient,
        therapist=therapist,
        main_complaint=complaint,
        started_on=today - datetime.timedelta(days=42),
        status=EpisodeStatus.IN_TREATMENT,
    )
    return episode


def _record_basics(episode, therapist, *, anticoagulants, complaint_pattern):
    """Make sure the parts of the record a plan reads exist: intake, classification and consents."""
    if not Intake.objects.filter(episode=episode).exists():
        Intake.objects.create(
            episode=episode,
            taken_on=episode.started_on,
            taken_by=therapist,
            area_pain=True,
            area_urinary=True,
            uses_anticoagulants=anticoagulants,
            medication="Acenocoumarol" if anticoagulants else "",
            goals="Weer zonder pijn kunnen zitten en fietsen.",
        )
    if not episode.classifications.exists():
        Classification.objects.create(
            episode=episode,
            classified_on=episode.started_on + datetime.timedelta(days=7),
            therapist=therapist,
            pelvic_floor_class=PelvicFloorClass.OVERACTIVE,
            suggested_class=PelvicFloorClass.OVERACTIVE,
            main_pattern=ComplaintPattern.PELVIC_PAIN,
            complaint_pattern=complaint_pattern,
        )
    for kind in (ConsentKind.BIOFEEDBACK_PROBE, ConsentKind.GP_DATA_SHARING):
        if not Consent.objects.filter(patient=episode.patient, kind=kind, withdrawn_at__isnull=True).exists():
            Consent.objects.create(
                patient=episode.patient,
                kind=kind,
                given_by=str(episode.patient),
                given_at=timezone.now() - datetime.timedelta(days=35),
                recorded_by=therapist,
            )


def _goal(description, measure, target, review_on):
    return {
        "instance": None,
        "delete": False,
        "description": description,
        "measure": measure,
        "target": target,
        "review_on": review_on,
        "achieved": False,
    }


def _plan_fields(episode, analysis):
    started_on = episode.started_on + datetime.timedelta(days=7)
    return {
        "pelvic_floor_class": PelvicFloorClass.OVERACTIVE,
        "analysis": analysis,
        "started_on": started_on,
        "review_on": started_on + datetime.timedelta(weeks=6),
        "planned_sessions": 9,
        "gp_consult_advised": True,
    }


HOME_PROGRAM_SWITCH = (
    "Het huidige thuisprogramma bevat nog aanspanoefeningen; bij de volgende afspraak vervangen door "
    "ontspanningsoefeningen. Tot dan alleen de ademhalingsoefeningen doen."
)


def seed_overactive_plan(episode, *, therapist, needling_therapist):
    """An overactive floor: downtraining and biofeedback, a needling referral despite anticoagulants, a letter."""
    _record_basics(
        episode,
        therapist,
        anticoagulants=True,
        complaint_pattern="Hoge rusttonus, onvolledige ontspanning; pijn bij zitten, aarzelende straal.",
    )
    fields = _plan_fields(episode, "Overactieve bekkenbodem: eerst ontspannen leren, kracht pas later.")
    review_on = fields["review_on"]
    plan = plan_create(
        episode=episode,
        fields=fields,
        goals=[
            _goal("Een uur zitten zonder pijn", "NRS pijn bij zitten", "NRS 2 of lager", review_on),
            _goal("Ontspannen na aanspannen", "Biofeedback: rusttonus", "Rusttonus onder 5 µV", review_on),
        ],
        acting_user=therapist,
    )
    intervention_save(
        plan=plan,
        kind=InterventionKind.DOWNTRAINING,
        parameters={"focus": ["breathing", "awareness", "heat"], "cues": "Laat de zitbotjes uit elkaar glijden."},
        notes="Twee keer per dag vijf minuten.",
        acting_user=therapist,
    )
    intervention_save(
        plan=plan,
        kind=InterventionKind.BIOFEEDBACK,
        parameters={"modality": "emg_probe", "feedback": "visual", "aims": ["feel", "relax"]},
        notes="",
        acting_user=therapist,
    )
    # The demo home program may predate the classification; the plan then says how that is handled.
    justification = HOME_PROGRAM_SWITCH if home_program_strengthening(episode) else ""
    plan = plan_activate(plan=plan, justification=justification, acting_user=therapist)
    for week, (rest, peak, relax) in enumerate(EMG_READINGS):
        biofeedback_session_record(
            plan=plan,
            fields={
                "session_on": plan.started_on + datetime.timedelta(weeks=week),
                "modality": "emg_probe",
                "resting_tone_uv": Decimal(rest),
                "peak_uv": Decimal(peak),
                "relax_time_s": Decimal(relax),
                "resting_pressure_mmhg": None,
                "peak_pressure_mmhg": None,
                "exercise": "Aanspannen, daarna volledig loslaten op de uitademing",
                "notes": "",
            },
            acting_user=therapist,
        )
    needling_referral_save(
        plan=plan,
        fields={
            "qualified_therapist": needling_therapist,
            "external_colleague": "" if needling_therapist else "J. de Wit, Bekkencentrum Oost",
            "target_muscles": "m. obturator internus rechts, m. levator ani",
            "uses_anticoagulants": True,
            "bleeding_disorder": False,
            "pregnant": False,
            "fear_of_needles": False,
            "consent_given": True,
            "consent_given_by": str(episode.patient),
            "aftercare": "Spierpijn of een blauwe plek tot 48 uur is normaal. Blijf uw oefeningen doen.",
        },
        send=True,
        justification="INR stabiel binnen de streefwaarde; overlegd met de huisarts. Dunne naalden, extra afdrukken.",
        acting_user=therapist,
    )
    letter_compose(episode=episode, kind=LetterKind.INTERIM, acting_user=therapist)
    return plan


def seed_override_plan(episode, *, therapist):
    """An overactive floor with stress incontinence, where strength training goes ahead with a justification."""
    _record_basics(
        episode,
        therapist,
        anticoagulants=False,
        complaint_pattern="Verhoogde tonus, maar ook urineverlies bij springen en hoesten.",
    )
    fields = _plan_fields(episode, "Gemengd beeld: overactief in rust, te laat aanspannen bij drukverhoging.")
    plan = plan_create(
        episode=episode,
        fields=fields,
        goals=[_goal("Droog blijven bij hardlopen", "ICIQ-UI SF", "Score 5 of lager", fields["review_on"])],
        acting_user=therapist,
    )
    intervention_save(
        plan=plan,
        kind=InterventionKind.DOWNTRAINING,
        parameters={"focus": ["breathing", "stretches"]},
        notes="",
        acting_user=therapist,
    )
    intervention_save(
        plan=plan,
        kind=InterventionKind.PFMT,
        parameters={
            "focus": ["strength", "coordination"],
            "position": "standing",
            "hold_seconds": 3,
            "rest_seconds": 10,
            "repetitions": 6,
            "sets_per_day": 2,
        },
        notes="Alleen na de ontspanningsoefening.",
        justification=(
            "Ontspanning lukt inmiddels goed op biofeedback; het verlies bij sporten vraagt om licht, "
            "functioneel aanspannen. Altijd gevolgd door volledig loslaten; besproken met de patiënt."
        ),
        acting_user=therapist,
    )
    return plan_activate(plan=plan, justification="", acting_user=therapist)


SIMPLE_INTERVENTIONS = {
    PelvicFloorClass.OVERACTIVE: [
        (InterventionKind.DOWNTRAINING, {"focus": ["breathing", "heat", "stretches"]}),
        (InterventionKind.EDUCATION, {"topics": ["toilet", "load"]}),
    ],
    PelvicFloorClass.UNDERACTIVE: [
        (
            InterventionKind.PFMT,
            {
                "focus": ["strength", "endurance", "functional"],
                "position": "sitting",
                "hold_seconds": 5,
                "rest_seconds": 10,
                "repetitions": 8,
                "sets_per_day": 3,
            },
        ),
        (
            InterventionKind.PRESSURE_REGULATION,
            {"activities": "Tillen, hoesten, hardlopen", "cue": "Uitademen bij inspanning"},
        ),
    ],
}


def seed_simple_plan(episode, *, therapist):
    """A plain active plan that follows the episode's classification, with the PSK activities as goals."""
    classification = episode.classifications.first()
    pelvic_floor_class = classification.pelvic_floor_class if classification else ""
    started_on = episode.started_on + datetime.timedelta(days=7)
    review_on = started_on + datetime.timedelta(weeks=6)
    intake = Intake.objects.filter(episode=episode).first()
    activities = intake.psk_items() if intake else []
    goals = [
        _goal(f"{activity} met minder klachten", "PSK", f"Score {max(score - 4, 0)} of lager", review_on)
        for activity, score in activities
        if score is not None
    ] or [_goal("Minder klachten in het dagelijks leven", "NRS", "NRS 3 of lager", review_on)]
    plan = plan_create(
        episode=episode,
        fields={
            "pelvic_floor_class": pelvic_floor_class,
            "analysis": classification.complaint_pattern if classification else "",
            "started_on": started_on,
            "review_on": review_on,
            "planned_sessions": 9,
            "gp_consult_advised": False,
        },
        goals=goals,
        acting_user=therapist,
    )
    default = [(InterventionKind.EDUCATION, {"topics": ["coaching", "toilet"]})]
    for kind, parameters in SIMPLE_INTERVENTIONS.get(pelvic_floor_class, default):
        intervention_save(plan=plan, kind=kind, parameters=parameters, notes="", acting_user=therapist)
    return plan_activate(plan=plan, justification="", acting_user=therapist)


def _classified_episodes(practice):
    """Return the practice's classified episodes in treatment, oldest first."""
    return list(
        CareEpisode.objects.filter(
            patient__practice=practice, status=EpisodeStatus.IN_TREATMENT, classifications__isnull=False
        )
        .distinct()
        .select_related("patient", "therapist")
        .prefetch_related("classifications")
        .order_by("pk")
    )


@transaction.atomic
def seed_demo_plans(*, practice, progress=lambda message: None):
    """Give the practice's classified episodes in treatment a demo plan; return the plans made now."""
    therapists = list(User.objects.filter(practice=practice, role=Role.THERAPIST, is_active=True).order_by("pk"))
    if not therapists:
        return []
    needling_therapist = therapists[-1] if len(therapists) > 1 else None
    if needling_therapist is not None and not needling_therapist.is_needling_qualified:
        needling_therapist.is_needling_qualified = True
        needling_therapist.save(update_fields=["is_needling_qualified"])
    episodes = _classified_episodes(practice)
    overactive = [
        episode
        for episode in episodes
        if episode.classifications.all()[0].pelvic_floor_class == PelvicFloorClass.OVERACTIVE
    ]
    today = timezone.localdate()
    while len(overactive) < 2:
        episode = _demo_episode(practice, therapists[0], len(overactive), today)
        overactive.append(episode)
    needling_case, override_case = overactive[:2]
    planned = set(TreatmentPlan.objects.filter(episode__patient__practice=practice).values_list("episode", flat=True))
    plans = []
    if needling_case.pk not in planned:
        plans.append(
            seed_overactive_plan(
                needling_case, therapist=needling_case.therapist, needling_therapist=needling_therapist
            )
        )
    if override_case.pk not in planned:
        plans.append(seed_override_plan(override_case, therapist=override_case.therapist))
    for episode in episodes:
        if episode.pk not in planned and episode not in (needling_case, override_case):
            plans.append(seed_simple_plan(episode, therapist=episode.therapist))
    progress(f"{practice}: {len(plans)} demo treatment plans")
    return plans
