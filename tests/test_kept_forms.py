"""A form posted after the session ended: the login page says why, and the form comes back with what was typed."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from patients.models import SessionNote, TreatmentPlan
from programs.models import BladderEntry, ExerciseLog
from tests.auth import login
from tests.factories import CareEpisodeFactory, PatientFactory, ProgramItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(therapist, patient_user):
    patient = PatientFactory(practice=therapist.practice, responsible_therapist=therapist, user=patient_user)
    return CareEpisodeFactory(patient=patient, therapist=therapist)


def forms(episode):
    """Return (user, url, typed fields, a field whose typed value the form shows again) per form."""
    return {
        "diary": (
            episode.patient.user,
            reverse("portal:bladder_new"),
            {"recorded_at": "2026-11-30T07:15", "moment": "night", "voided_ml": "345", "leakage": "none"},
            "345",
        ),
        "session note": (
            episode.therapist,
            reverse("patients:note_create", args=[episode.pk]),
            {"session_on": "2026-11-30", "subjective": "Minder urgeklachten sinds de oefeningen"},
            "Minder urgeklachten sinds de oefeningen",
        ),
        "plan": (
            episode.therapist,
            reverse("patients:plan_create", args=[episode.pk]),
            {"analysis": "Overactieve bekkenbodem, ontspanning eerst", "goals-TOTAL_FORMS": "0"},
            "Overactieve bekkenbodem, ontspanning eerst",
        ),
    }


@pytest.mark.parametrize("name", ["diary", "session note", "plan"])
def test_after_a_timeout_the_login_page_says_why_and_the_form_comes_back_as_typed(client, episode, name):
    user, url, typed, shown = forms(episode)[name]
    login(client, user)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        response = client.post(url, {**typed, "csrfmiddlewaretoken": "x", "password": "secret"}, follow=True)
        assert response.request["PATH_INFO"] == reverse("login")
        assert "zonder activiteit" in response.text and "wat u typte is bewaard" in response.text
        assert not BladderEntry.objects.exists() and not SessionNote.objects.exists()
        assert not TreatmentPlan.objects.exists()

        login(client, user)
        page = client.get(url)
        assert shown in page.text
        assert "secret" not in page.text
        assert shown not in client.get(url).text, "what was typed is given back once"


def test_what_was_typed_comes_back_only_on_its_own_page_and_for_the_same_account(client, episode, therapist):
    _user, url, typed, shown = forms(episode)["session note"]
    login(client, therapist)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        client.post(url, typed)
        login(client, episode.patient.user)
        client.get(reverse("portal:home"))
        login(client, therapist)
        assert shown not in client.get(url).text


def test_an_exercise_marked_done_after_a_timeout_comes_back_on_the_start_page_as_typed(client, episode):
    item = ProgramItemFactory(program__episode=episode, program__status="active")
    user = episode.patient.user
    done_url = reverse("portal:item_done", args=[item.pk])
    login(client, user)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        typed = {"submission": str(uuid.uuid4()), "difficulty": "hard", "pain": "6"}
        response = client.post(done_url, typed, follow=True)
        assert "wat u typte is bewaard" in response.text
        assert not ExerciseLog.objects.exists()

        login(client, user)
        page = client.get(done_url, follow=True)  # where the login sends the patient back to
        assert page.request["PATH_INFO"] == reverse("portal:home")
        form = next(item_.done_form for item_ in page.context["items"] if item_.pk == item.pk)
        assert form.initial == {"submission": typed["submission"], "difficulty": "hard", "pain": "6"}
        assert 'value="6"' in page.text
        again = client.get(reverse("portal:home"))
        assert 'value="6"' not in again.text, "what was typed is given back once"
