import base64
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp

from clinic.choices import Role
from clinic.models import Practice, User
from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET

# Seeding and fuzzing take seconds a test: they run with `make test-slow` and in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_seed_demo_is_idempotent_and_demo_accounts_log_in(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    assert Practice.objects.count() == 2
    noord = User.objects.filter(email__endswith="@noord.example")
    assert noord.filter(role=Role.PATIENT).count() == 10
    assert noord.filter(role=Role.THERAPIST).count() == 2
    assert noord.filter(role=Role.PRACTICE_ADMIN).count() == 1
    assert client.login(email="patient10@zuid.example", password=DEMO_PASSWORD)


def test_seed_demo_scales_the_number_of_patients(settings):
    settings.DEBUG = True
    call_command("seed_demo", patients=7, stdout=StringIO())
    assert User.objects.filter(role=Role.PATIENT).count() == 7


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_staff_log_in_with_the_documented_authenticator_secret(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    client.post(reverse("login"), {"username": "therapist1@noord.example", "password": DEMO_PASSWORD})
    code = f"{totp(base64.b32decode(DEMO_TOTP_SECRET)):06d}"
    response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.url == reverse("home")
    assert client.get(reverse("patients:dashboard")).status_code == 200


def test_seed_demo_gives_patients_programs_logs_and_diaries_and_scales(settings):
    from programs.models import BladderEntry, BowelEntry, ExerciseLog, HomeProgram, ProgramTemplate

    settings.DEBUG = True
    call_command("seed_demo", patients=12, stdout=StringIO())
    call_command("seed_demo", patients=12, stdout=StringIO())
    assert HomeProgram.objects.filter(status="active").count() == 12
    assert ProgramTemplate.objects.count() == 2 * 6
    assert ExerciseLog.objects.count() > 12 * 3 * 7
    assert BladderEntry.objects.values("patient").distinct().count() == 6
    assert BowelEntry.objects.values("patient").distinct().count() == 4
    patient = User.objects.get(email="patient1@noord.example").patient_record
    assert patient.episodes.get().programs.get().items.exists()


def test_seed_demo_gives_every_demo_patient_a_realistic_record(settings):
    from patients.models import CareEpisode, Classification, Intake, OutcomeMeasure, Patient, SessionNote
    from patients.rules.record import red_flag_blocks_treatment

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    noord = Patient.objects.filter(practice__name="Fysiotherapie Noord")
    assert noord.count() == 10
    assert noord.filter(user__isnull=False).count() == 10
    assert set(Classification.objects.values_list("pelvic_floor_class", flat=True)) >= {"overactive", "underactive"}
    episodes = CareEpisode.objects.filter(patient__in=noord).select_related("screening")
    assert any(red_flag_blocks_treatment(episode.screening) for episode in episodes)
    assert Intake.objects.filter(episode__patient__in=noord, pregnancy_status="postpartum").exists()
    assert Intake.objects.filter(episode__patient__in=noord, surgery_prostatectomy=True).exists()
    assert Intake.objects.filter(episode__patient__in=noord, menopause_status="postmenopausal").exists()
    dates = OutcomeMeasure.objects.filter(episode__patient__in=noord).values_list("measured_on", flat=True)
    assert (max(dates) - min(dates)).days >= 21
    assert SessionNote.objects.filter(episode__patient__in=noord, signed_at__isnull=False).exists()


def test_seed_demo_gives_plans_with_a_needling_referral_an_override_and_follow_ups(settings):
    from patients.models import Appointment, BiofeedbackSession, NeedlingReferral, SafetyOverride, TreatmentPlan

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert TreatmentPlan.objects.filter(pelvic_floor_class="overactive").exists()
    assert NeedlingReferral.objects.exists()
    assert BiofeedbackSession.objects.count() >= 2
    assert SafetyOverride.objects.exclude(justification="").exists()
    assert Appointment.objects.filter(status="planned").exists()


def test_every_demo_therapist_finds_an_overdue_and_a_no_improvement_patient(settings):
    from patients.selectors.followups import therapist_worklists

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    for email in ["therapist1@noord.example", "therapist2@noord.example", "therapist1@zuid.example"]:
        lists = therapist_worklists(User.objects.get(email=email))
        assert lists["overdue"].count >= 1, email
        assert lists["no_improvement"].count >= 1, email


def test_every_demo_record_downloads_as_a_valid_fhir_bundle(settings):
    from fhir.resources.R4B.bundle import Bundle

    from patients.documents.fhir import fhir_json, patient_record_fhir
    from patients.models import Patient

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    patients = list(Patient.objects.all())
    bundles = [Bundle.model_validate_json(fhir_json(patient_record_fhir(patient))) for patient in patients]

    assert len(bundles) == 20
    kinds = {entry.resource.get_resource_type() for bundle in bundles for entry in bundle.entry}
    assert {"Patient", "EpisodeOfCare", "Condition", "Observation", "CarePlan"} <= kinds
