"""Secure messages through the pages: the patient's portal page, the therapist's conversation page and the caseload."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from clinic.choices import AccessAction, AccessOutcome, RecordPart
from clinic.models import AccessLogEntry, Practice
from patients.choices import EpisodeStatus, MessageSide
from patients.models import Conversation, Message, NoteAddendum
from patients.services.messages import message_send
from tests.auth import login
from tests.factories import CareEpisodeFactory, PatientFactory, SessionNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(therapist, patient_user):
    Practice.objects.filter(pk=therapist.practice_id).update(phone="050 123 45 67", email="info@noord.example")
    patient = PatientFactory(
        practice=therapist.practice,
        responsible_therapist=therapist,
        user=patient_user,
        first_name="Sanne",
        last_name="Visser",
        email="sanne@example.org",
    )
    return CareEpisodeFactory(patient=patient, therapist=therapist, main_complaint="Urineverlies bij hoesten")


def portal_url(episode=None):
    return reverse("portal:episode_messages", args=[episode.pk]) if episode else reverse("portal:messages")


def conversation_url(episode):
    return reverse("patients:episode_messages", args=[episode.pk])


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_portal_says_plainly_that_messages_are_not_for_emergencies(client, episode, patient_user):
    page = login(client, patient_user).get(portal_url())
    assert page.status_code == 200
    assert "niet bedoeld voor spoed" in page.text
    assert "112" in page.text and "huisartsenpost" in page.text
    assert 'name="body"' in page.text

    english = in_english(client).get(portal_url())
    assert "not for emergencies" in english.text
    assert "112" in english.text and "GP out-of-hours service" in english.text


def test_the_patient_sends_a_message_and_the_therapist_answers(
    client, episode, patient_user, therapist, django_capture_on_commit_callbacks
):
    login(client, patient_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(portal_url(), {"body": "Mag ik de oefening ook staand doen?"})
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.side, message.author) == (MessageSide.PATIENT, patient_user)
    assert [notice.to for notice in mail.outbox] == [[therapist.email]]

    login(client, therapist)
    caseload = client.get(reverse("patients:dashboard"))
    assert "Berichten die op antwoord wachten" in caseload.text
    assert conversation_url(episode) in caseload.text
    assert "wacht al" in caseload.text
    assert "Onbeantwoord" in client.get(episode.get_absolute_url()).text

    page = client.get(conversation_url(episode))
    assert "Mag ik de oefening ook staand doen?" in page.text
    assert AccessLogEntry.objects.filter(
        user=therapist, patient=episode.patient, part=RecordPart.MESSAGES, action=AccessAction.READ
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(conversation_url(episode), {"body": "Ja, staand mag. Rustig opbouwen."})
    assert Conversation.objects.get().awaiting_answer_since is None
    assert mail.outbox[-1].to == ["sanne@example.org"]
    assert "Rustig" not in mail.outbox[-1].body
    assert "Elk bericht is beantwoord." in client.get(reverse("patients:dashboard")).text

    login(client, patient_user)
    assert "Ja, staand mag. Rustig opbouwen." in client.get(portal_url()).text


def test_the_conversation_page_in_english(client, episode, patient_user, therapist):
    message_send(episode=episode, body="A question", acting_user=patient_user)
    page = in_english(login(client, therapist)).get(conversation_url(episode))
    assert "The patient has been waiting for an answer for" in page.text
    assert "Send answer" in page.text
    assert "Unanswered messages" not in page.text


def test_a_message_too_long_keeps_what_was_typed(client, episode, patient_user):
    typed = "Lang verhaal " * 200
    page = login(client, patient_user).post(portal_url(), {"body": typed})
    assert page.status_code == 200
    assert "is-invalid" in page.text and typed.strip() in page.text
    assert not Message.objects.exists()


def test_a_discharged_episode_shows_how_to_reach_the_practice_and_takes_no_message(client, episode, patient_user):
    message_send(episode=episode, body="Dank voor de behandeling.", acting_user=patient_user)
    CareEpisode = type(episode)
    CareEpisode.objects.filter(pk=episode.pk).update(
        status=EpisodeStatus.DISCHARGED, discharged_on=timezone.localdate()
    )
    login(client, patient_user)

    page = client.get(portal_url())
    assert "Dank voor de behandeling." in page.text
    assert "Zo bereikt u de praktijk" in page.text and "050 123 45 67" in page.text
    assert 'name="body"' not in page.text
    refused = client.post(portal_url(), {"body": "Nog een vraag"})
    assert refused.status_code == 200 and "afgesloten" in refused.text
    assert Message.objects.count() == 1


def test_a_patient_with_several_episodes_chooses_the_conversation(client, episode, patient_user):
    earlier = CareEpisodeFactory(
        patient=episode.patient,
        therapist=episode.therapist,
        main_complaint="Bekkenpijn",
        started_on=episode.started_on - datetime.timedelta(days=400),
        status=EpisodeStatus.DISCHARGED,
        discharged_on=episode.started_on - datetime.timedelta(days=200),
    )
    page = login(client, patient_user).get(portal_url())
    assert portal_url(earlier) in page.text and 'name="body"' in page.text
    assert 'name="body"' not in client.get(portal_url(earlier)).text


def test_another_patients_conversation_is_not_found(client, episode, practice):
    from tests.factories import PatientUserFactory

    other = PatientUserFactory(practice=practice)
    PatientFactory(practice=practice, user=other)
    login(client, other)
    assert client.get(portal_url(episode)).status_code == 404
    assert client.post(portal_url(episode), {"body": "Hallo"}).status_code == 404
    assert not Message.objects.exists()
    assert AccessLogEntry.objects.filter(user=other, outcome=AccessOutcome.DENIED).count() == 2


def test_wrong_role_and_wrong_practice_are_refused_on_the_conversation_page(
    client, episode, patient_user, other_therapist, practice_admin
):
    login(client, patient_user)
    assert client.get(conversation_url(episode)).status_code == 403
    login(client, practice_admin)
    assert client.get(conversation_url(episode)).status_code == 403
    assert client.get(portal_url()).status_code == 403
    login(client, other_therapist)
    assert client.get(conversation_url(episode)).status_code == 404
    assert client.post(conversation_url(episode), {"body": "Hallo"}).status_code == 404
    assert not Message.objects.exists()


def test_the_therapist_turns_a_message_into_an_addendum(client, episode, patient_user, therapist):
    message = message_send(episode=episode, body="Sinds gisteren minder pijn.", acting_user=patient_user)
    note = SessionNoteFactory(episode=episode, signed_at=timezone.now())
    login(client, therapist)
    assert f'id="message{message.pk}_note"' in client.get(conversation_url(episode)).text

    response = client.post(reverse("patients:message_addendum", args=[message.pk]), {"note": note.pk})

    assert response.status_code == 302 and response.url == note.get_absolute_url()
    addendum = NoteAddendum.objects.get(from_message=message)
    assert addendum.note == note and "Sinds gisteren minder pijn." in addendum.text


@pytest.mark.parametrize("note", ["", "abc", "99999999999999999999", "draft"])
def test_a_bad_note_choice_is_refused_with_a_message(client, episode, patient_user, therapist, note):
    message = message_send(episode=episode, body="Vraag", acting_user=patient_user)
    if note == "draft":
        note = SessionNoteFactory(episode=episode).pk
    login(client, therapist)
    response = client.post(reverse("patients:message_addendum", args=[message.pk]), {"note": note}, follow=True)
    assert response.status_code == 200
    assert "Kies een ondertekend sessieverslag" in response.text
    assert not NoteAddendum.objects.exists()


def test_after_the_discharge_the_therapist_reads_but_cannot_answer(client, episode, patient_user, therapist):
    message_send(episode=episode, body="Laatste vraag", acting_user=patient_user)
    type(episode).objects.filter(pk=episode.pk).update(
        status=EpisodeStatus.DISCHARGED, discharged_on=timezone.localdate()
    )
    login(client, therapist)
    page = client.get(conversation_url(episode))
    assert "Laatste vraag" in page.text and 'name="body"' not in page.text
    assert "berichten zijn gesloten" in page.text
    assert "Berichten die op antwoord wachten" in client.get(reverse("patients:dashboard")).text
    assert conversation_url(episode) not in client.get(reverse("patients:dashboard")).text
    refused = client.post(conversation_url(episode), {"body": "Toch nog een antwoord"})
    assert refused.status_code == 200 and "afgesloten" in refused.text
    assert Message.objects.count() == 1


def test_the_patients_own_reading_and_writing_of_messages_is_no_access_log_entry_as_on_every_portal_page(
    client, episode, patient_user, therapist
):
    # NEN 7513 logs who else looked at the record; the portal logs a patient's own pages only when refused
    # (PortalMixin.log), so "who opened my record" lists the practice's looks, not the patient's own.
    message_send(episode=episode, body="Hoe gaat het met de oefeningen?", acting_user=therapist)
    login(client, patient_user)
    for page in (reverse("portal:home"), reverse("portal:diary"), portal_url(), portal_url(episode)):
        assert client.get(page).status_code == 200
    assert client.post(portal_url(), {"body": "Goed, dank u."}).status_code == 302
    assert Message.objects.filter(author=patient_user).exists()
    assert not AccessLogEntry.objects.filter(user=patient_user).exists()

    too_long = client.post(portal_url(), {"body": "x" * 2001})
    assert too_long.status_code == 200
    assert AccessLogEntry.objects.filter(
        user=patient_user, part=RecordPart.MESSAGES, action=AccessAction.CREATE, outcome=AccessOutcome.FAILED
    ).exists()

    login(client, therapist)
    client.get(conversation_url(episode))
    read = AccessLogEntry.objects.get(user=therapist, part=RecordPart.MESSAGES, action=AccessAction.READ)
    assert (read.patient, read.outcome) == (episode.patient, AccessOutcome.SUCCESS)
