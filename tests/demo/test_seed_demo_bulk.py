import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clinic.choices import Role
from clinic.models import User
from demo.records import DETAILED_PATIENTS
from patients.models import OutcomeMeasure, Patient, SessionNote
from programs.models import BladderEntry, ExerciseLog

# Seeding and fuzzing take seconds a test: they run with `make test-slow` and in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# 14 patients per practice: the first ten hand-written, four through the bulk path.
PATIENTS = 2 * (DETAILED_PATIENTS + 4)


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", patients=PATIENTS, stdout=out)
    return out.getvalue()


def bulk_patients():
    return [
        patient
        for patient in Patient.objects.select_related("user").order_by("pk")
        if int(patient.user.email.split("@")[0].removeprefix("patient")) > DETAILED_PATIENTS
    ]


def test_bulk_patients_get_a_complete_record(seeded):
    patients = bulk_patients()
    assert len(patients) == 8
    for patient in patients:
        episode = patient.episodes.open().get()
        assert episode.screening.decision == "continue"
        assert episode.intake.taken_by == episode.therapist
        assert episode.assessments.exists()
        assert episode.classifications.get().pelvic_floor_class in {"overactive", "underactive"}
        assert episode.measures.count() >= 3
        assert episode.notes.exclude(signed_at=None).exists()
        assert episode.plan.status == "active"
        assert episode.plan.goals.exists()
        assert episode.plan.interventions.exists()
        assert episode.plan.history.exists()
        assert episode.programs.get(status="active").items.exists()
        assert ExerciseLog.objects.filter(patient=patient).exists()
        # Beside the finished care's sessions, the open episode has its follow-up appointments.
        assert episode.appointments.exists()
    # Women's and men's cases both come round: overactive as well as underactive floors.
    classes = {patient.episodes.open().get().classifications.get().pelvic_floor_class for patient in patients}
    assert classes == {"overactive", "underactive"}


def test_the_bulk_seed_reports_progress_and_a_second_run_adds_nothing(seeded, settings):
    assert "complete records" in seeded
    assert "exercise logs" in seeded
    counts = (Patient.objects.count(), ExerciseLog.objects.count(), BladderEntry.objects.count())
    call_command("seed_demo", patients=PATIENTS, stdout=StringIO())
    assert (Patient.objects.count(), ExerciseLog.objects.count(), BladderEntry.objects.count()) == counts


def test_every_demo_patient_shares_one_password_hash(seeded):
    hashes = set(User.objects.filter(role=Role.PATIENT).values_list("password", flat=True))
    assert len(hashes) == 1


def test_the_pages_render_a_bulk_record(seeded, client):
    patient = bulk_patients()[0]
    episode = patient.episodes.open().get()
    client.force_login(episode.therapist)
    for url in (
        reverse("patients:patient_detail", args=[patient.pk]),
        reverse("patients:episode_detail", args=[episode.pk]),
        reverse("patients:plan_detail", args=[episode.pk]),
        reverse("programs:program_detail", args=[episode.programs.get().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert patient.last_name in response.content.decode()
    client.force_login(patient.user)
    for name in ("portal:home", "portal:week", "portal:diary"):
        assert client.get(reverse(name)).status_code == 200, name


def test_no_demo_record_is_dated_after_today(seeded):
    today = timezone.localdate()
    assert not OutcomeMeasure.objects.filter(measured_on__gt=today).exists()
    assert not SessionNote.objects.filter(session_on__gt=today).exists()
    assert not ExerciseLog.objects.filter(done_on__gt=today).exists()


def test_bulk_patients_have_a_year_of_finished_care(seeded):
    """Some bulk patients were treated before: a discharged episode with its sessions, measures and discharge."""
    today = timezone.localdate()
    finished = [episode for patient in bulk_patients() for episode in patient.episodes.filter(status="discharged")]
    assert finished
    for episode in finished:
        assert today - datetime.timedelta(days=365) <= episode.discharged_on < today
        assert episode.discharge.pgi_i and episode.discharge.goals_met
        assert 4 <= episode.appointments.filter(status="done").count() <= 12
        assert episode.classifications.get().main_pattern
        assert episode.measures.filter(kind="pgi_i").exists()
        assert episode.discharged_on < episode.patient.episodes.open().get().started_on
    for patient in bulk_patients():
        assert patient.episodes.open().count() == 1


def indexes(*models):
    """Each table's indexes by name, with their columns and orders, as the database reports them."""
    from django.db import connection

    with connection.cursor() as cursor:
        return {
            model._meta.db_table: {
                name: (found["columns"], found["orders"])
                for name, found in connection.introspection.get_constraints(cursor, model._meta.db_table).items()
                if found["index"]
            }
            for model in models
        }


def test_the_bulk_load_leaves_the_logs_and_diaries_indexed_as_migrated(settings):
    """The seed drops these indexes while it loads on PostgreSQL; the pages that filter on them need every one back."""
    from programs.models import BowelEntry

    before = indexes(ExerciseLog, BladderEntry, BowelEntry)
    settings.DEBUG = True
    call_command("seed_demo", patients=PATIENTS, stdout=StringIO())
    assert ExerciseLog.objects.exists()
    assert all(len(table) >= 3 for table in before.values())
    assert indexes(ExerciseLog, BladderEntry, BowelEntry) == before
