import base64
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp

from clinic.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from clinic.models import Practice, Role, User

pytestmark = pytest.mark.django_db


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
