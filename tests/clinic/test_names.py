"""Dutch name order: by the last name without its prefix, in every list of people."""

import pytest
from django.urls import reverse

from clinic.names import name_sort_key
from tests.auth import login
from tests.factories import PatientFactory, PatientUserFactory


@pytest.mark.parametrize(
    ("first", "last", "key"),
    [
        ("Joyce", "de Boer", "boer joyce de"),
        ("Sem", "van der Berg", "berg sem van der"),
        ("Lotte", "van 't Hof", "hof lotte van 't"),
        ("Lotte", "van ’t Hof", "hof lotte van 't"),
        ("Daan", "De Vries", "vries daan de"),
        ("Anna", "Jansen", "jansen anna"),
        ("Piet", "Van", "van piet"),  # a prefix word that is the whole name stays the name
        ("Eva", "in den Bosch", "bosch eva in den"),
    ],
)
def test_a_name_sorts_by_its_last_name_without_the_prefix(first, last, key):
    assert name_sort_key(first, last) == key


NAMES = [
    ("Anna", "Jansen"),
    ("Joyce", "de Boer"),
    ("Daan", "De Vries"),
    ("Sem", "van der Berg"),
    ("Lotte", "van 't Hof"),
]
DUTCH_ORDER = ["Sem van der Berg", "Joyce de Boer", "Lotte van 't Hof", "Anna Jansen", "Daan De Vries"]


@pytest.mark.django_db
def test_account_list_stands_de_boer_under_b(client, practice_admin):
    for first, last in NAMES:
        PatientUserFactory(practice=practice_admin.practice, first_name=first, last_name=last)
    login(client, practice_admin)

    listed = [str(user) for user in client.get(reverse("clinic:account_list")).context["object_list"]]

    assert [name for name in listed if name in DUTCH_ORDER] == DUTCH_ORDER


@pytest.mark.django_db
def test_patient_list_sorts_the_dutch_way_and_finds_a_last_name_without_its_prefix(client, therapist):
    for first, last in NAMES:
        PatientFactory(practice=therapist.practice, responsible_therapist=therapist, first_name=first, last_name=last)
    login(client, therapist)
    url = reverse("patients:patient_list")

    assert [str(patient) for patient in client.get(url).context["object_list"]] == DUTCH_ORDER
    assert [str(patient) for patient in client.get(url, {"q": "berg"}).context["object_list"]] == ["Sem van der Berg"]


@pytest.mark.django_db
def test_a_renamed_patient_moves_in_the_order(therapist):
    patient = PatientFactory(practice=therapist.practice, first_name="Joyce", last_name="Boer")
    patient.last_name = "van Dijk"
    patient.save(update_fields=["last_name"])
    patient.refresh_from_db()
    assert patient.sort_name == "dijk joyce van"
