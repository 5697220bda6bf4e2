"""Builders for test data."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from clinic.choices import Role
from clinic.models import Practice, User
from patients.choices import (
    AppointmentKind,
    BiofeedbackModality,
    BodyView,
    ConsentKind,
    EpisodeStatus,
    InterventionKind,
    LetterKind,
    MeasureKind,
    MessageSide,
    PainCharacter,
    PainMapSource,
    PainRegionCode,
    PelvicFloorClass,
    PlanStatus,
    ReferralRecipient,
    ReferralTopic,
    ReferralType,
    Sex,
)
from patients.models import (
    Appointment,
    Assessment,
    BiofeedbackSession,
    CareEpisode,
    Classification,
    Consent,
    Conversation,
    GPLetter,
    Intake,
    Intervention,
    Message,
    MessageNotice,
    NeedlingReferral,
    NoteAddendum,
    OutcomeMeasure,
    PainMap,
    PainMapRequest,
    PainRegion,
    Patient,
    PlanGoal,
    RedFlagScreening,
    Referral,
    SessionNote,
    TreatmentPlan,
)
from patients.services.signals import episode_signals_refresh
from programs.services.record import patient_facts_refresh, program_facts_refresh

TEST_PASSWORD = "a-long-test-password-42"


class PracticeFactory(DjangoModelFactory):
    class Meta:
        model = Practice
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Praktijk {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    practice = factory.SubFactory(PracticeFactory)
    role = Role.THERAPIST
    password = factory.django.Password(TEST_PASSWORD)


class PracticeAdminFactory(UserFactory):
    role = Role.PRACTICE_ADMIN


class TherapistFactory(UserFactory):
    role = Role.THERAPIST


class PatientUserFactory(UserFactory):
    role = Role.PATIENT


class PatientFactory(DjangoModelFactory):
    class Meta:
        model = Patient

    practice = factory.SubFactory(PracticeFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=85)
    sex = Sex.FEMALE
    referral_type = ReferralType.DIRECT_ACCESS
    responsible_therapist = factory.SubFactory(TherapistFactory, practice=factory.SelfAttribute("..practice"))


class SignalsMixin:
    """Refresh the episode's follow-up signals after building, as the record's services do on every write."""

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            episode_signals_refresh(
                episode_ids=[instance.pk if isinstance(instance, CareEpisode) else instance.episode_id]
            )


class CareEpisodeFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = CareEpisode

    patient = factory.SubFactory(PatientFactory)
    therapist = factory.SelfAttribute("patient.responsible_therapist")
    main_complaint = "Urineverlies bij hoesten"
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=14))
    status = EpisodeStatus.IN_TREATMENT


# The smallest files of each kind the library takes: a 1×1 PNG and the start of a WebM.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)
WEBM_BYTES = bytes.fromhex("1a45dfa3") + bytes(60)


class ExerciseFactory(DjangoModelFactory):
    """A practice-own exercise; built-in ones come from the library migration."""

    class Meta:
        model = "programs.Exercise"

    practice = factory.SubFactory(PracticeFactory)
    kind = "endurance"
    title_nl = factory.Sequence(lambda n: f"Oefening {n}")
    title_en = factory.Sequence(lambda n: f"Exercise {n}")
    instructions_nl = "Span rustig aan en laat helemaal los."
    instructions_en = "Tighten gently and let go completely."
    repetitions = 8
    hold_seconds = 5
    relax_seconds = 10
    times_per_day = 2


class ProgramTemplateFactory(DjangoModelFactory):
    class Meta:
        model = "programs.ProgramTemplate"

    practice = factory.SubFactory(PracticeFactory)
    name = factory.Sequence(lambda n: f"Template {n}")
    condition = "stress_incontinence"


class ProgramFactsMixin:
    """Hand the record the program's facts after building, as the programs' services do on every write."""

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            program_facts_refresh(episode_ids=[cls.episode_id_of(instance)])


class HomeProgramFactory(ProgramFactsMixin, DjangoModelFactory):
    """A published (current) program; pass status="draft" for a draft."""

    class Meta:
        model = "programs.HomeProgram"

    @staticmethod
    def episode_id_of(program):
        return program.episode_id

    episode = factory.SubFactory(CareEpisodeFactory)
    status = "active"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    created_by = factory.SelfAttribute("episode.therapist")
    published_at = factory.LazyAttribute(lambda o: None if o.status == "draft" else timezone.now())


class ProgramItemFactory(ProgramFactsMixin, DjangoModelFactory):
    class Meta:
        model = "programs.ProgramItem"

    @staticmethod
    def episode_id_of(item):
        return item.program.episode_id

    program = factory.SubFactory(HomeProgramFactory)
    exercise = factory.SubFactory(ExerciseFactory, practice=factory.SelfAttribute("..program.episode.patient.practice"))
    position = factory.Sequence(lambda n: n)
    repetitions = 8
    hold_seconds = 5
    relax_seconds = 10
    times_per_day = 2


class ExerciseLogFactory(ProgramFactsMixin, DjangoModelFactory):
    """One logged session of a program item by the program's patient."""

    class Meta:
        model = "programs.ExerciseLog"

    @staticmethod
    def episode_id_of(log):
        return None

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        DjangoModelFactory._after_postgeneration.__func__(cls, instance, create, results)
        if create:
            patient_facts_refresh(patient=instance.patient)

    item = factory.SubFactory(ProgramItemFactory)
    patient = factory.SelfAttribute("item.program.episode.patient")
    done_on = factory.LazyFunction(timezone.localdate)
    submission = factory.Faker("uuid4")


class BladderEntryFactory(DjangoModelFactory):
    class Meta:
        model = "programs.BladderEntry"

    patient = factory.SubFactory(PatientFactory)
    recorded_at = factory.LazyFunction(timezone.now)
    diary_day = factory.LazyAttribute(lambda o: timezone.localtime(o.recorded_at).date())
    entered_by = factory.SelfAttribute("patient.responsible_therapist")
    voided_ml = 250


class BowelEntryFactory(DjangoModelFactory):
    class Meta:
        model = "programs.BowelEntry"

    patient = factory.SubFactory(PatientFactory)
    recorded_at = factory.LazyFunction(timezone.now)
    diary_day = factory.LazyAttribute(lambda o: timezone.localtime(o.recorded_at).date())
    entered_by = factory.SelfAttribute("patient.responsible_therapist")
    bristol = 4


class RedFlagScreeningFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = RedFlagScreening

    episode = factory.SubFactory(CareEpisodeFactory)
    screened_on = factory.LazyFunction(timezone.localdate)
    screened_by = factory.SelfAttribute("episode.therapist")
    decision = "continue"


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    episode = factory.SubFactory(CareEpisodeFactory)
    taken_on = factory.LazyFunction(timezone.localdate)
    taken_by = factory.SelfAttribute("episode.therapist")
    area_urinary = True
    uses_anticoagulants = False
    psk_activity_1 = "Hardlopen"
    psk_score_1 = 7


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    patient = factory.SubFactory(PatientFactory)
    kind = ConsentKind.INTERNAL_VAGINAL
    given_by = factory.LazyAttribute(lambda consent: str(consent.patient))
    given_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    recorded_by = factory.SelfAttribute("patient.responsible_therapist")


class AssessmentFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = Assessment

    episode = factory.SubFactory(CareEpisodeFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    therapist = factory.SelfAttribute("episode.therapist")
    resting_tone = "normal"
    oxford_power = 2


class ClassificationFactory(DjangoModelFactory):
    class Meta:
        model = Classification

    episode = factory.SubFactory(CareEpisodeFactory)
    classified_on = factory.LazyFunction(timezone.localdate)
    therapist = factory.SelfAttribute("episode.therapist")
    pelvic_floor_class = PelvicFloorClass.UNDERACTIVE


class OutcomeMeasureFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = OutcomeMeasure

    episode = factory.SubFactory(CareEpisodeFactory)
    kind = MeasureKind.NRS_PAIN
    measured_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SelfAttribute("episode.therapist")
    score = 5
    total = factory.SelfAttribute("score")


class PainMapFactory(DjangoModelFactory):
    class Meta:
        model = PainMap

    episode = factory.SubFactory(CareEpisodeFactory)
    recorded_on = factory.LazyFunction(timezone.localdate)
    source = PainMapSource.THERAPIST
    body_view = BodyView.FEMALE
    recorded_by = factory.SelfAttribute("episode.therapist")


class PainRegionFactory(DjangoModelFactory):
    class Meta:
        model = PainRegion

    pain_map = factory.SubFactory(PainMapFactory)
    region = PainRegionCode.PERINEUM
    intensity = 6
    character = PainCharacter.BURNING


class PainMapRequestFactory(DjangoModelFactory):
    class Meta:
        model = PainMapRequest

    episode = factory.SubFactory(CareEpisodeFactory)
    body_view = BodyView.FEMALE
    requested_by = factory.SelfAttribute("episode.therapist")


class SessionNoteFactory(DjangoModelFactory):
    class Meta:
        model = SessionNote

    episode = factory.SubFactory(CareEpisodeFactory)
    session_on = factory.LazyFunction(timezone.localdate)
    author = factory.SelfAttribute("episode.therapist")
    subjective = "Minder urineverlies bij hoesten."
    plan = "Oefeningen uitbreiden naar staand."


class NoteAddendumFactory(DjangoModelFactory):
    class Meta:
        model = NoteAddendum

    note = factory.SubFactory(SessionNoteFactory, signed_at=factory.LazyFunction(timezone.now))
    author = factory.SelfAttribute("note.author")
    text = "Aanvulling: patiënte gebruikt sinds kort bloedverdunners."


class ConversationFactory(DjangoModelFactory):
    class Meta:
        model = Conversation

    episode = factory.SubFactory(CareEpisodeFactory)


class MessageFactory(DjangoModelFactory):
    """A message of the patient (their account writes it); `side="practice"` for the episode's therapist's."""

    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    side = MessageSide.PATIENT
    author = factory.LazyAttribute(
        lambda message: (
            message.conversation.episode.patient.user
            if message.side == MessageSide.PATIENT
            else message.conversation.episode.therapist
        )
    )
    body = "Ik merk dat het staand oefenen lastiger gaat. Moet ik terug naar liggend?"
    sent_at = factory.LazyFunction(timezone.now)


class MessageNoticeFactory(DjangoModelFactory):
    class Meta:
        model = MessageNotice

    message = factory.SubFactory(MessageFactory)
    conversation = factory.SelfAttribute("message.conversation")
    recipient = MessageSide.PATIENT


def next_weekday_at(hour, minute=0, days_ahead=1):
    """Return an aware moment `days_ahead` days from now at the given local time."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    episode = factory.SubFactory(CareEpisodeFactory)
    therapist = factory.SelfAttribute("episode.therapist")
    # Added in UTC: wall-clock arithmetic across a DST change would double-book the therapist.
    starts_at = factory.Sequence(lambda n: next_weekday_at(9).astimezone(datetime.UTC) + datetime.timedelta(hours=n))
    duration_minutes = 30
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + datetime.timedelta(minutes=a.duration_minutes))
    kind = AppointmentKind.TREATMENT
    created_by = factory.SelfAttribute("therapist")


class TreatmentPlanFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = TreatmentPlan

    episode = factory.SubFactory(CareEpisodeFactory)
    pelvic_floor_class = PelvicFloorClass.UNDERACTIVE
    analysis = "Stressincontinentie bij een zwakke bekkenbodem."
    started_on = factory.LazyFunction(timezone.localdate)
    review_on = factory.LazyAttribute(lambda plan: plan.started_on + datetime.timedelta(weeks=6))
    planned_sessions = 9
    created_by = factory.SelfAttribute("episode.therapist")

    class Params:
        active = factory.Trait(status=PlanStatus.ACTIVE, activated_at=factory.LazyFunction(timezone.now))


class PlanGoalFactory(DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(TreatmentPlanFactory)
    description = "Droog blijven bij hoesten"
    measure = "ICIQ-UI SF"
    target = "Score onder 6"
    review_on = factory.SelfAttribute("plan.review_on")


class InterventionFactory(DjangoModelFactory):
    class Meta:
        model = Intervention

    plan = factory.SubFactory(TreatmentPlanFactory)
    kind = InterventionKind.DOWNTRAINING
    parameters = factory.LazyFunction(lambda: {"focus": ["breathing"]})


class BiofeedbackSessionFactory(DjangoModelFactory):
    class Meta:
        model = BiofeedbackSession

    plan = factory.SubFactory(TreatmentPlanFactory)
    session_on = factory.LazyFunction(timezone.localdate)
    therapist = factory.SelfAttribute("plan.created_by")
    modality = BiofeedbackModality.SURFACE_EMG
    resting_tone_uv = Decimal("6.5")
    peak_uv = Decimal("24.0")
    relax_time_s = Decimal("4.0")
    exercise = "Ontspannen na aanspannen"


class NeedlingReferralFactory(DjangoModelFactory):
    class Meta:
        model = NeedlingReferral

    plan = factory.SubFactory(TreatmentPlanFactory)
    external_colleague = "M. de Wit, Bekkenpraktijk Oost"
    target_muscles = "m. obturator internus links"
    aftercare = "Spierpijn tot 48 uur is normaal."
    created_by = factory.SelfAttribute("plan.created_by")


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    plan = factory.SubFactory(TreatmentPlanFactory)
    recipient = ReferralRecipient.GP
    topic = ReferralTopic.PAIN_MEDICATION
    reason = "Overleg over pijnstilling."
    referred_on = factory.LazyFunction(timezone.localdate)
    created_by = factory.SelfAttribute("plan.created_by")


class GPLetterFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = GPLetter

    episode = factory.SubFactory(CareEpisodeFactory)
    kind = LetterKind.INTERIM
    recipient = "Huisarts Jansen"
    subject = "Voortgangsverslag"
    body = "Geachte collega, de behandeling verloopt goed."
    data_sharing_consent = factory.SubFactory(
        ConsentFactory, patient=factory.SelfAttribute("..episode.patient"), kind=ConsentKind.GP_DATA_SHARING
    )
    author = factory.SelfAttribute("episode.therapist")


class BirthFactory(DjangoModelFactory):
    class Meta:
        model = "patients.Birth"

    intake = factory.SubFactory(IntakeFactory)
    year = 2015
    mode = "spontaneous"


class DischargeFactory(SignalsMixin, DjangoModelFactory):
    class Meta:
        model = "patients.Discharge"

    episode = factory.SubFactory(CareEpisodeFactory)
    discharged_on = factory.LazyFunction(timezone.localdate)
    goals_met = "met"
    recorded_by = factory.SelfAttribute("episode.therapist")


class SafetyOverrideFactory(DjangoModelFactory):
    class Meta:
        model = "patients.SafetyOverride"

    plan = factory.SubFactory(TreatmentPlanFactory)
    code = "relaxation_first"
    warning = "Relax the pelvic floor before strengthening it."
    justification = "Resting tone is normal on re-examination."
    overridden_by = factory.SelfAttribute("plan.created_by")


class EpisodeSignalsFactory(DjangoModelFactory):
    class Meta:
        model = "patients.EpisodeSignals"
        django_get_or_create = ("episode",)

    episode = factory.SubFactory(CareEpisodeFactory)
    program_starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    last_exercise_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    exercise_silent_since = factory.SelfAttribute("last_exercise_on")


class CalendarFeedFactory(DjangoModelFactory):
    class Meta:
        model = "patients.CalendarFeed"

    patient = factory.SubFactory(PatientFactory)


class FollowupSettingsFactory(DjangoModelFactory):
    class Meta:
        model = "patients.FollowupSettings"
        django_get_or_create = ("patient",)

    patient = factory.SubFactory(PatientFactory)
    log_nudges = True


class ReminderSentFactory(DjangoModelFactory):
    class Meta:
        model = "patients.ReminderSent"

    patient = factory.SubFactory(PatientFactory)
    kind = "log_nudge"
    concerns_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))


class ReminderFailureFactory(ReminderSentFactory):
    class Meta:
        model = "patients.ReminderFailure"

    last_failed_at = factory.LazyFunction(timezone.now)


def builtin_version(code):
    """Return the current version of a built-in questionnaire (loaded by the migration's sync)."""
    from patients.models import QuestionnaireVersion

    return QuestionnaireVersion.objects.filter(questionnaire__practice=None, questionnaire__code=code).current().get()


class QuestionnaireAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = "patients.QuestionnaireAssignment"

    episode = factory.SubFactory(CareEpisodeFactory)
    version = factory.LazyFunction(lambda: builtin_version("pain_nrs"))
    sent_by = factory.SelfAttribute("episode.therapist")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class QuestionnaireScheduleFactory(DjangoModelFactory):
    """A schedule only at discharge, so that setting it up sends nothing."""

    class Meta:
        model = "patients.QuestionnaireSchedule"

    episode = factory.SubFactory(CareEpisodeFactory)
    version = factory.LazyFunction(lambda: builtin_version("pfdi_20"))
    at_discharge = True
    created_by = factory.SelfAttribute("episode.therapist")


class ScheduledSendFactory(DjangoModelFactory):
    """The schedule's discharge moment, handled with the questionnaire it sent; discharge ended the schedule."""

    class Meta:
        model = "patients.ScheduledSend"

    schedule = factory.SubFactory(
        QuestionnaireScheduleFactory,
        stopped_at=factory.LazyFunction(timezone.now),
        stopped_by=factory.SelfAttribute("created_by"),
    )
    key = "discharge"
    kind = "discharge"
    assignment = factory.SubFactory(
        QuestionnaireAssignmentFactory, episode=factory.SelfAttribute("..schedule.episode"), after_discharge=True
    )


class QuestionnaireAnswerFactory(DjangoModelFactory):
    class Meta:
        model = "patients.QuestionnaireAnswer"

    assignment = factory.SubFactory(QuestionnaireAssignmentFactory)
    item = factory.LazyAttribute(lambda answer: answer.assignment.version.items.first())
    option = factory.LazyAttribute(lambda answer: answer.item.options.last())


class QuestionnaireAnswerChoiceFactory(DjangoModelFactory):
    """One answer chosen to the ICIQ-UI SF question that takes several."""

    class Meta:
        model = "patients.QuestionnaireAnswerChoice"

    answer = factory.LazyFunction(
        lambda: QuestionnaireAnswerFactory(
            assignment=QuestionnaireAssignmentFactory(version=builtin_version("iciq_ui_sf")),
            item=builtin_version("iciq_ui_sf").items.get(multiple=True),
            option=None,
        )
    )
    option = factory.LazyAttribute(lambda choice: choice.answer.item.options.first())


def own_questionnaire(practice, code="own_list", mid=None, **fields):
    """Return a questionnaire of the practice's own with one version of two scored questions."""
    from patients.models import Questionnaire
    from patients.services.questionnaires import version_create

    questionnaire = Questionnaire.objects.create(practice=practice, code=code, **fields)
    options = [
        {"score": score, "label_nl": nl, "label_en": en, "official_label_nl": "", "official_label_en": ""}
        | {"red_flag": False}
        for score, nl, en in ((0, "Nee", "No"), (1, "Ja", "Yes"))
    ]
    item = {
        "text_nl": "Vraag",
        "text_en": "Question",
        "official_text_nl": "",
        "official_text_en": "",
        "subscale": "",
        "scored": True,
        "required": False,
        "multiple": False,
        "measure_field": "",
        "options": options,
    }
    version_create(
        questionnaire=questionnaire,
        definition={
            "version": {
                "title_nl": "Eigen lijst",
                "title_en": "Own list",
                "intro_nl": "",
                "intro_en": "",
                "official_intro_nl": "",
                "official_intro_en": "",
                "method": "sum",
                "factor": 1,
                "missing_allowed": 0,
                "score_min": 0,
                "score_max": 2,
                "higher_is_better": False,
                "mid": mid,
            },
            "items": [{**item, "code": "q1"}, {**item, "code": "q2"}],
        },
    )
    return questionnaire
