"""Demo home programs, adherence logs and diaries for seed_demo; bulk writes (COPY on PostgreSQL) for scale."""

import datetime
import random
import uuid

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from clinic.choices import Role
from clinic.models import User
from clinic.names import name_sort_key
from demo.bulk import Progress, indexes_deferred, insert_objects, insert_rows, with_ids
from patients.choices import EpisodeStatus, PelvicFloorClass, ReferralType, Sex
from patients.models import CareEpisode, Classification, Patient
from programs.choices import DiaryMoment, FluidKind, Leakage, LeakCause, ProgramCondition, ProgramStatus
from programs.models import (
    BladderEntry,
    BowelEntry,
    Exercise,
    ExerciseLog,
    HomeProgram,
    ProgramItem,
    ProgramTemplate,
    TemplateItem,
)
from programs.rules import diary_day

TEMPLATES = {
    ProgramCondition.OVERACTIVE: (
        "Ontspanning eerst",
        ["breathing-lying", "long-exhale", "sit-bones-apart", "heat-lower-belly", "childs-pose-wide", "knees-to-chest"],
    ),
    ProgramCondition.STRESS_INCONTINENCE: (
        "Stressincontinentie: start",
        [
            "find-pelvic-floor",
            "slow-holds-lying",
            "quick-flicks-lying",
            "the-knack",
            "exhale-on-effort",
            "fluid-intake",
        ],
    ),
    ProgramCondition.POSTPARTUM: (
        "Na de bevalling",
        ["breathing-lying", "find-pelvic-floor", "slow-holds-lying", "exhale-on-effort", "toilet-posture-bowel"],
    ),
    ProgramCondition.POST_PROSTATECTOMY: (
        "Na prostatectomie",
        ["find-pelvic-floor", "slow-holds-lying", "quick-flicks-lying", "the-knack", "real-urge-only", "fluid-intake"],
    ),
    ProgramCondition.MENOPAUSE: (
        "Overgang",
        ["slow-holds-sitting", "quick-flicks-standing", "real-urge-only", "fluid-intake", "fibre-intake"],
    ),
    ProgramCondition.SPORT: (
        "Terug naar sport",
        ["slow-holds-standing", "quick-flicks-standing", "the-knack", "bridge-with-floor", "load-management"],
    ),
}
CONDITIONS_FEMALE = [
    ProgramCondition.STRESS_INCONTINENCE,
    ProgramCondition.OVERACTIVE,
    ProgramCondition.POSTPARTUM,
    ProgramCondition.MENOPAUSE,
    ProgramCondition.SPORT,
]
CONDITIONS_MALE = [ProgramCondition.POST_PROSTATECTOMY, ProgramCondition.OVERACTIVE, ProgramCondition.SPORT]
COMPLAINTS = {
    ProgramCondition.OVERACTIVE: "Bekkenpijn en moeizaam plassen",
    ProgramCondition.STRESS_INCONTINENCE: "Urineverlies bij hoesten en springen",
    ProgramCondition.POSTPARTUM: "Klachten na de bevalling",
    ProgramCondition.POST_PROSTATECTOMY: "Urineverlies na prostaatoperatie",
    ProgramCondition.MENOPAUSE: "Aandrang en urineverlies in de overgang",
    ProgramCondition.SPORT: "Urineverlies bij hardlopen",
}
PROGRAM_WEEKS = 3
LOG_DAYS = 14  # the last two weeks of the log: a million rows at 10,000 patients
BATCH = 2000


def _templates(practice):
    """Create the practice's condition templates that are missing; return them by condition."""
    library = {exercise.code: exercise for exercise in Exercise.objects.builtin()}
    existing = {template.condition: template for template in ProgramTemplate.objects.filter(practice=practice)}
    for condition, (name, codes) in TEMPLATES.items():
        if condition in existing:
            continue
        template = ProgramTemplate.objects.create(practice=practice, name=name, condition=condition)
        TemplateItem.objects.bulk_create(
            [
                TemplateItem(template=template, exercise=library[code], position=position, **library[code].dosage())
                for position, code in enumerate(codes, start=1)
            ]
        )
        existing[condition] = template
    return existing


def _patients(practice, therapist, today):
    """Give each demo patient account a patient record with an open episode; return (patient, condition) pairs."""
    accounts = list(User.objects.filter(practice=practice, role=Role.PATIENT).order_by("pk"))
    linked = {patient.user_id: patient for patient in Patient.objects.filter(user__in=accounts)}
    new = []
    for number, account in enumerate(accounts):
        if account.pk not in linked:
            new.append(
                Patient(
                    practice=practice,
                    first_name=account.first_name,
                    last_name=account.last_name,
                    sort_name=name_sort_key(account.first_name, account.last_name),
                    date_of_birth=datetime.date(1950 + number % 45, 1 + number % 12, 1 + number % 28),
                    sex=Sex.FEMALE if number % 2 == 0 else Sex.MALE,
                    referral_type=ReferralType.DIRECT_ACCESS,
                    responsible_therapist=therapist,
                    user=account,
                )
            )
    Patient.objects.bulk_create(new, batch_size=BATCH)
    patients = list(Patient.objects.filter(user__in=accounts).order_by("user_id"))
    pairs = []
    for number, patient in enumerate(patients):
        options = CONDITIONS_FEMALE if patient.sex == Sex.FEMALE else CONDITIONS_MALE
        pairs.append((patient, options[number % len(options)]))
    with_episode = set(CareEpisode.objects.filter(patient__in=patients).open().values_list("patient_id", flat=True))
    CareEpisode.objects.bulk_create(
        [
            CareEpisode(
                patient=patient,
                therapist=patient.responsible_therapist,
                main_complaint=COMPLAINTS[condition],
                started_on=today - datetime.timedelta(weeks=PROGRAM_WEEKS + 1),
                status=EpisodeStatus.IN_TREATMENT,
            )
            for patient, condition in pairs
            if patient.pk not in with_episode
        ],
        batch_size=BATCH,
    )
    return pairs


def _programs(pairs, templates, therapist, today):
    """Publish a program from the matching template for every patient without one; return the new ones."""
    episodes = {}
    for episode in CareEpisode.objects.filter(patient__in=[p for p, _ in pairs]).open().order_by("started_on"):
        episodes[episode.patient_id] = episode
    has_program = set(
        HomeProgram.objects.filter(episode__in=episodes.values()).values_list("episode__patient_id", flat=True)
    )
    starts_on = today - datetime.timedelta(weeks=PROGRAM_WEEKS)
    published_at = timezone.now() - datetime.timedelta(weeks=PROGRAM_WEEKS)
    todo = [(patient, condition) for patient, condition in pairs if patient.pk not in has_program]
    programs = with_ids(
        [
            HomeProgram(
                episode=episodes[patient.pk],
                version=1,
                status=ProgramStatus.ACTIVE,
                title=templates[condition].name,
                starts_on=starts_on,
                created_by=therapist,
                published_at=published_at,
            )
            for patient, condition in todo
        ]
    )
    insert_objects(programs)
    template_items = {
        condition: list(template.items.select_related("exercise")) for condition, template in templates.items()
    }
    items = with_ids(
        [
            ProgramItem(
                program=program, exercise=item.exercise, position=item.position, note=item.note, **item.dosage()
            )
            for program, (_patient, condition) in zip(programs, todo, strict=True)
            for item in template_items[condition]
        ]
    )
    insert_objects(items)
    by_program = {}
    for item in items:
        by_program.setdefault(item.program_id, []).append(item)
    new_programs = [(program, patient, condition) for program, (patient, condition) in zip(programs, todo, strict=True)]
    return new_programs, by_program


LOG_FIELDS = ("item", "patient", "done_on", "done_at", "difficulty", "pain", "submission")


def _log_rows(new_programs, items, today):
    """Two weeks of adherence: most sessions done, some days missed, a little pain now and then."""
    days = [
        (day, timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0))))
        for day in (today - datetime.timedelta(days=offset) for offset in range(LOG_DAYS, 0, -1))
    ]
    difficulties, pains = ["", "easy", "fine", "hard"], [None, None, 0, 1, 2, 3]
    for program, patient, _condition in new_programs:
        rng = random.Random(patient.pk)  # noqa: S311 - reproducible demo data, not security
        diligence = rng.choice([0.45, 0.7, 0.85, 0.95])
        sessions = [item.pk for item in items.get(program.pk, []) for _session in range(item.times_per_day)]
        for day, done_at in days:
            for item_pk in sessions:
                if rng.random() < diligence:
                    yield (item_pk, patient.pk, day, done_at, rng.choice(difficulties), rng.choice(pains), uuid.uuid4())


def _logs(new_programs, items, today, progress):
    """Write the adherence logs of the new programs in one stream; return how many."""
    counter = Progress(progress, "exercise logs")
    insert_rows(ExerciseLog, LOG_FIELDS, _log_rows(new_programs, items, today), progress=counter)
    return counter.done()


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _bladder_day(rng, patient, therapist, day, condition):
    """One diary day from getting up to getting up, with the first void of the next morning."""
    events = []
    for hour in (8, 10, 13, 16, 18, 21, 23):
        volume = rng.randint(150, 350) if hour != 8 else None
        drink = rng.choice([200, 250]) if hour in (8, 10, 13, 16, 18) else None
        leak = Leakage.DROPS if condition == ProgramCondition.STRESS_INCONTINENCE and hour == 16 else Leakage.NONE
        events.append((_at(day, hour, rng.randint(0, 50)), DiaryMoment.DAY, volume, drink, leak))
    if rng.random() < 0.6:
        events.append(
            (_at(day + datetime.timedelta(days=1), 3, 20), DiaryMoment.NIGHT, rng.randint(200, 350), None, Leakage.NONE)
        )
    entries = []
    for moment_at, moment, volume, drink, leak in events:
        entries.append(
            BladderEntry(
                patient=patient,
                recorded_at=moment_at,
                diary_day=diary_day(timezone.localtime(moment_at), moment=moment),
                entered_by_id=patient.user_id or therapist.pk,
                moment=moment,
                voided_ml=volume,
                fluid_ml=drink,
                fluid_kind=rng.choice([FluidKind.WATER, FluidKind.COFFEE_TEA]) if drink else "",
                leakage=leak,
                leak_cause=LeakCause.COUGH_SNEEZE if leak != Leakage.NONE else "",
                urge=rng.randint(0, 3) if volume else None,
            )
        )
    entries.append(
        BladderEntry(
            patient=patient,
            recorded_at=_at(day + datetime.timedelta(days=1), 7, 10),
            diary_day=day,
            entered_by_id=patient.user_id or therapist.pk,
            moment=DiaryMoment.FIRST_MORNING,
            voided_ml=rng.randint(300, 450),
            urge=2,
        )
    )
    return entries


def _diaries(new_programs, therapist, today, progress):
    """A 3-day bladder diary for every second patient and a week of bowel diary for every third."""
    bladder, bowel = [], []
    for number, (_program, patient, condition) in enumerate(new_programs):
        rng = random.Random(patient.pk * 7)  # noqa: S311 - reproducible demo data, not security
        if number % 2 == 0:
            for offset in (4, 3, 2):
                bladder.extend(
                    _bladder_day(rng, patient, therapist, today - datetime.timedelta(days=offset), condition)
                )
        if number % 3 == 0:
            for offset in range(7, 0, -1):
                day = today - datetime.timedelta(days=offset)
                bristol = (
                    rng.choice([1, 2, 3, 4, 4, 5]) if condition == ProgramCondition.OVERACTIVE else rng.randint(3, 6)
                )
                bowel.append(
                    BowelEntry(
                        patient=patient,
                        recorded_at=_at(day, 8, 30),
                        diary_day=day,
                        entered_by_id=patient.user_id or therapist.pk,
                        bristol=bristol,
                        straining=bristol <= 2,
                    )
                )
    counter = Progress(progress, "diary entries")
    insert_objects(bladder, progress=counter)
    insert_objects(bowel, progress=counter)
    return counter.done()


# One in FINISHED_SHARE of the discharged episodes had a home program, logged over its whole span: the
# quality report's adherence then has figures to show, for a seventh of the rows of the current programs' log.
FINISHED_SHARE = 8
FINISHED_ITEMS = 2


def _finished_programs(practice, templates, therapist, progress):
    """Give some discharged episodes the program they followed until discharge, with its log; return the count."""
    episodes = (
        CareEpisode.objects.filter(patient__practice=practice, status=EpisodeStatus.DISCHARGED, programs__isnull=True)
        .annotate(
            floor_class=Subquery(
                Classification.objects.filter(episode=OuterRef("pk"))
                .order_by("-classified_on")
                .values("pelvic_floor_class")[:1]
            )
        )
        .order_by("pk")
    )
    chosen = [episode for episode in episodes if episode.pk % FINISHED_SHARE == 0]
    programs, conditions = [], []
    for episode in chosen:
        condition = (
            ProgramCondition.OVERACTIVE
            if episode.floor_class == PelvicFloorClass.OVERACTIVE
            else ProgramCondition.STRESS_INCONTINENCE
        )
        starts_on = episode.started_on + datetime.timedelta(days=7)
        programs.append(
            HomeProgram(
                episode=episode,
                version=1,
                status=ProgramStatus.ACTIVE,
                title=templates[condition].name,
                starts_on=starts_on,
                ends_on=max(starts_on, episode.discharged_on),
                created_by=therapist,
                published_at=timezone.make_aware(datetime.datetime.combine(starts_on, datetime.time(12))),
            )
        )
        conditions.append(condition)
    insert_objects(with_ids(programs))
    template_items = {
        condition: list(template.items.select_related("exercise")[:FINISHED_ITEMS])
        for condition, template in templates.items()
    }
    items = with_ids(
        [
            ProgramItem(
                program=program, exercise=item.exercise, position=item.position, note=item.note, **item.dosage()
            )
            for program, condition in zip(programs, conditions, strict=True)
            for item in template_items[condition]
        ]
    )
    insert_objects(items)

    def rows():
        for program, episode in zip(programs, chosen, strict=True):
            rng = random.Random(f"finished-{program.pk}")  # noqa: S311 - reproducible demo data, not security
            diligence = rng.choice([0.3, 0.55, 0.75, 0.9])
            mine = [item for item in items if item.program_id == program.pk]
            for offset in range((program.ends_on - program.starts_on).days + 1):
                day = program.starts_on + datetime.timedelta(days=offset)
                done_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19, 0)))
                for item in mine:
                    for _session in range(item.times_per_day):
                        if item.days_per_week * 10 > rng.randrange(70) and rng.random() < diligence:
                            yield (item.pk, episode.patient_id, day, done_at, "fine", None, uuid.uuid4())

    counter = Progress(progress, "finished programs' logs")
    insert_rows(ExerciseLog, LOG_FIELDS, rows(), progress=counter)
    counter.done()
    return len(programs)


@transaction.atomic
def seed_programs(practices, *, progress=lambda message: None):
    """Templates per practice; for each demo patient a record, an episode, a program, logs and diaries.

    The follow-up signals these feed are left to the caller, which refreshes every episode once at the end.
    """
    today = timezone.localdate()
    # Nothing below reads the logs or diaries back; their indexes are built once at the end.
    with indexes_deferred(ExerciseLog, BladderEntry, BowelEntry):
        for practice in practices.values():
            therapist = User.objects.filter(practice=practice, role=Role.THERAPIST).order_by("pk").first()
            if therapist is None:
                continue
            templates = _templates(practice)
            pairs = _patients(practice, therapist, today)
            new_programs, items = _programs(pairs, templates, therapist, today)
            logs = _logs(new_programs, items, today, progress)
            diary = _diaries(new_programs, therapist, today, progress)
            progress(
                f"{practice}: {len(new_programs)} new home programs, {logs:,} exercise logs, {diary:,} diary entries"
            )
            finished = _finished_programs(practice, templates, therapist, progress)
            progress(f"{practice}: {finished} programs of finished care")
        progress("building the indexes of the logs and diaries")
