import pytest

from patients.models import CareEpisode, Patient
from tests.factories import CareEpisodeFactory, PatientFactory, PatientUserFactory
from tests.query_plans import estimated_rows, plan_of

pytestmark = pytest.mark.django_db


def test_therapist_sees_only_patients_of_own_practice(therapist, other_practice):
    own = PatientFactory(practice=therapist.practice)
    PatientFactory(practice=other_practice)
    assert list(Patient.objects.for_user(therapist)) == [own]


def test_patient_sees_only_own_record(practice):
    account = PatientUserFactory(practice=practice)
    own = PatientFactory(practice=practice, user=account)
    PatientFactory(practice=practice)
    assert list(Patient.objects.for_user(account)) == [own]
    CareEpisodeFactory(patient=own)
    CareEpisodeFactory(patient__practice=practice)
    assert [episode.patient for episode in CareEpisode.objects.for_user(account)] == [own]


def test_practice_admin_sees_no_clinical_records(practice_admin):
    PatientFactory(practice=practice_admin.practice)
    assert not Patient.objects.for_user(practice_admin).exists()


def test_deactivated_therapist_sees_nothing(therapist):
    PatientFactory(practice=therapist.practice)
    therapist.is_active = False
    assert not Patient.objects.for_user(therapist).exists()


def test_search_by_name_birth_date_and_bsn(practice):
    match = PatientFactory(practice=practice, last_name="Zwart", bsn="111222333")
    PatientFactory(practice=practice, last_name="Wit")
    birth = match.date_of_birth
    assert list(Patient.objects.search("zwa")) == [match]
    assert list(Patient.objects.search("111222333")) == [match]
    assert match in Patient.objects.search(birth.strftime("%d-%m-%Y"))


def test_the_planner_knows_how_many_patients_a_search_matches(practice):
    """Guessing a handful, PostgreSQL would read and sort every match for each page of a search."""
    PatientFactory.create_batch(30, practice=practice, last_name="Jansen")
    PatientFactory.create_batch(30, practice=practice, last_name="Smit")

    assert estimated_rows(Patient.objects.search("jansen")) >= 20


def test_a_name_search_can_be_served_by_the_name_index_as_django_writes_it(practice, therapist):
    """The index holds the expression `icontains` compares, UPPER(column::text): any other would never serve it.

    Whether PostgreSQL takes it depends on how many patients match (a common name is read faster in list order);
    here nothing else could serve the search.
    """
    Patient.objects.bulk_create(PatientFactory.build_batch(300, practice=practice, responsible_therapist=therapist))
    PatientFactory(practice=practice, last_name="Kowalczyk")

    assert "patient_name_trgm_idx" in plan_of(Patient.objects.search("kowalc"))
