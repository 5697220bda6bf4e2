"""Shared fixtures.

The `client` fixture's force_login passes both login steps (password and second factor); use
`tests.auth.login(client, user, verified=False)` for a session that has passed only the password.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from patients.models import CalendarFeed
from tests.auth import TwoStepClient
from tests.factories import (
    PNG_BYTES,
    WEBM_BYTES,
    AppointmentFactory,
    AssessmentFactory,
    CareEpisodeFactory,
    ConsentFactory,
    ExerciseFactory,
    GPLetterFactory,
    HomeProgramFactory,
    InterventionFactory,
    MessageFactory,
    NeedlingReferralFactory,
    PainMapRequestFactory,
    PatientFactory,
    PatientUserFactory,
    PracticeAdminFactory,
    PracticeFactory,
    ProgramItemFactory,
    ProgramTemplateFactory,
    QuestionnaireAssignmentFactory,
    QuestionnaireScheduleFactory,
    SessionNoteFactory,
    TherapistFactory,
    TreatmentPlanFactory,
    builtin_version,
    own_questionnaire,
)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Write the uploads of every test, the shared world's too, to a folder of the run's own."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def client():
    return TwoStepClient()


@pytest.fixture
def admin_client(admin_user):
    """A superuser past both login steps, for the Django admin."""
    client = TwoStepClient()
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Hash passwords quickly and serve static files without a collectstatic manifest."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def practice(db):
    return PracticeFactory(name="Praktijk Noord")


@pytest.fixture
def other_practice(db):
    return PracticeFactory(name="Praktijk Zuid")


@pytest.fixture
def practice_admin(practice):
    return PracticeAdminFactory(practice=practice, email="admin@noord.test")


@pytest.fixture
def therapist(practice):
    return TherapistFactory(practice=practice, email="therapist@noord.test")


@pytest.fixture
def patient_user(practice):
    return PatientUserFactory(practice=practice, email="patient@noord.test")


@pytest.fixture
def other_admin(other_practice):
    return PracticeAdminFactory(practice=other_practice, email="admin@zuid.test")


@pytest.fixture
def other_therapist(other_practice):
    return TherapistFactory(practice=other_practice, email="therapist@zuid.test")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Two practices with a user of every role and the records they own, built once per test module.

    Built inside a transaction that is rolled back after the module; each test still runs in its own
    savepoint (the `db` fixture), so what one test writes never reaches the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    practice, other = PracticeFactory(name="A"), PracticeFactory(name="B")
    therapist = TherapistFactory(practice=practice)
    patient_a, patient_b = PatientUserFactory(practice=practice), PatientUserFactory(practice=practice)
    record_a = PatientFactory(practice=practice, responsible_therapist=therapist, user=patient_a)
    record_b = PatientFactory(practice=practice, responsible_therapist=therapist, user=patient_b)
    other_therapist = TherapistFactory(practice=other)
    record_other = PatientFactory(practice=other, responsible_therapist=other_therapist)
    episode_a, episode_b = CareEpisodeFactory(patient=record_a), CareEpisodeFactory(patient=record_b)
    episode_other = CareEpisodeFactory(patient=record_other)
    item_a = ProgramItemFactory(program=HomeProgramFactory(episode=episode_a))
    item_b = ProgramItemFactory(program=HomeProgramFactory(episode=episode_b))
    # The practice's own exercise with a picture and a video, in patient_a's program only.
    filmed = ExerciseFactory(
        practice=practice, picture=ContentFile(PNG_BYTES, "pose.png"), video=ContentFile(WEBM_BYTES, "pose.webm")
    )
    ProgramItemFactory(program=item_a.program, exercise=filmed)
    filmed_other = ExerciseFactory(
        practice=other, picture=ContentFile(PNG_BYTES, "pose.png"), video=ContentFile(WEBM_BYTES, "pose.webm")
    )
    plan_a, plan_other = TreatmentPlanFactory(episode=episode_a), TreatmentPlanFactory(episode=episode_other)
    return SimpleNamespace(
        practice=practice,
        therapist=therapist,
        other_therapist=other_therapist,
        practice_admin=PracticeAdminFactory(practice=practice),
        patient_a=patient_a,
        patient_b=patient_b,
        record_a=record_a,
        record_b=record_b,
        record_other=record_other,
        episode_a=episode_a,
        episode_other=episode_other,
        item_a=item_a,
        item_b=item_b,
        program_a=item_a.program,
        draft_a=HomeProgramFactory(episode=episode_a, status="draft", version=2),
        program_other=HomeProgramFactory(episode=episode_other),
        exercise=ExerciseFactory(practice=practice),
        exercise_other=ExerciseFactory(practice=other),
        filmed=filmed,
        filmed_other=filmed_other,
        template=ProgramTemplateFactory(practice=practice),
        template_other=ProgramTemplateFactory(practice=other),
        consent_a=ConsentFactory(patient=record_a),
        consent_other=ConsentFactory(patient=record_other),
        assessment_a=AssessmentFactory(episode=episode_a),
        assessment_other=AssessmentFactory(episode=episode_other),
        note_a=SessionNoteFactory(episode=episode_a),
        note_other=SessionNoteFactory(episode=episode_other),
        signed_note_a=SessionNoteFactory(episode=episode_a, signed_at=timezone.now()),
        signed_note_other=SessionNoteFactory(episode=episode_other, signed_at=timezone.now()),
        appointment_a=AppointmentFactory(episode=episode_a),
        appointment_b=AppointmentFactory(episode=episode_b),
        appointment_other=AppointmentFactory(episode=episode_other),
        feed_a=CalendarFeed.objects.create(patient=record_a),
        plan_a=plan_a,
        plan_other=plan_other,
        intervention_a=InterventionFactory(plan=plan_a),
        intervention_other=InterventionFactory(plan=plan_other),
        needling_a=NeedlingReferralFactory(plan=plan_a),
        needling_other=NeedlingReferralFactory(plan=plan_other),
        letter_a=GPLetterFactory(episode=episode_a),
        letter_other=GPLetterFactory(episode=episode_other),
        questionnaire_a=QuestionnaireAssignmentFactory(episode=episode_a),
        questionnaire_b=QuestionnaireAssignmentFactory(episode=episode_b),
        questionnaire_other=QuestionnaireAssignmentFactory(episode=episode_other),
        schedule_a=QuestionnaireScheduleFactory(episode=episode_a),
        schedule_other=QuestionnaireScheduleFactory(episode=episode_other),
        pain_map_request_a=PainMapRequestFactory(episode=episode_a),
        own_questionnaire=own_questionnaire(practice),
        own_questionnaire_other=own_questionnaire(other),
        licensed_questionnaire=builtin_version("iciq_ui_sf").questionnaire,
        licensed_questionnaire_other=own_questionnaire(
            other, code="iciq_ui_sf", licensed=True, measure_kind="iciq_ui_sf"
        ),
        message_a=MessageFactory(conversation__episode=episode_a),
        message_other=MessageFactory(conversation__episode=episode_other, side="practice"),
    )


# Audit trails that rightly grow on refused requests too (a failed login is logged and counted).
AUDIT_MODELS = {
    "clinic.AccessLogEntry",
    "clinic.AccessChainHead",
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
}


def row_counts():
    """Count the rows of every table but the audit trails, to prove that a refused request wrote nothing."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in AUDIT_MODELS
    }


def client_for(client, world, role):
    """Log the client in as the world's user of this role (anonymous stays logged out)."""
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client
