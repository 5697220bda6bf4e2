"""The record in the Django admin: every part listed and opened, nothing deleted, signed notes and addenda read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from patients.models import Message, NoteAddendum, SessionNote

pytestmark = pytest.mark.django_db

RECORD_MODELS = [model for model in admin.site._registry if model._meta.app_label == "patients"]
# Written only by the app: shown in the admin, never added or changed there.
WRITTEN_BY_THE_APP = {"noteaddendum", "remindersent", "conversation", "message", "messagenotice"}
NOT_ADDED_HERE = WRITTEN_BY_THE_APP | {"calendarfeed"}


def admin_url(model, view, *args):
    return reverse(f"admin:patients_{model._meta.model_name}_{view}", args=args)


def test_every_record_admin_lists_opens_and_never_deletes(admin_client, full_record):
    """One pass over every admin of the record on one full record."""
    for model in RECORD_MODELS:
        name = model._meta.model_name
        instance = model.objects.order_by("pk").first()
        change_url = admin_url(model, "change", instance.pk)

        listing = admin_client.get(admin_url(model, "changelist"))
        assert change_url in listing.text, name
        assert 'value="delete_selected"' not in listing.text, name
        assert admin_client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200, name

        page = admin_client.get(change_url)
        assert page.status_code == 200, name
        assert ('name="_save"' in page.text) is (name not in WRITTEN_BY_THE_APP and instance != full_record["signed"])
        assert admin_url(model, "delete", instance.pk) not in page.text, name
        assert admin_client.post(admin_url(model, "delete", instance.pk), {"post": "yes"}).status_code == 403, name
        assert model.objects.filter(pk=instance.pk).exists(), name

        adding = admin_client.get(admin_url(model, "add"))
        assert adding.status_code == (403 if name in NOT_ADDED_HERE else 200), name


def test_patient_admin_lists_the_patient_and_picks_accounts_by_id(admin_client, patient):
    listing = admin_client.get(reverse("admin:patients_patient_changelist"), {"q": patient.last_name})
    assert patient.last_name in listing.text
    page = admin_client.get(reverse("admin:patients_patient_change", args=[patient.pk]))
    assert f'value="{patient.last_name}"' in page.text
    assert f'name="responsible_therapist" value="{patient.responsible_therapist_id}"' in page.text
    assert 'class="vForeignKeyRawIdAdminField"' in page.text


def test_draft_note_is_edited_in_the_admin_but_not_signed_there(admin_client, full_record):
    draft = full_record["draft"]
    page = admin_client.get(reverse("admin:patients_sessionnote_change", args=[draft.pk]))
    assert 'name="subjective"' in page.text
    assert 'name="_save"' in page.text
    assert 'name="signed_at"' not in page.text


def test_signed_note_and_its_addenda_are_read_only_in_the_admin(admin_client, full_record):
    signed = full_record["signed"]
    addendum = NoteAddendum.objects.get(note=signed)
    url = reverse("admin:patients_sessionnote_change", args=[signed.pk])

    page = admin_client.get(url)
    assert signed.subjective in page.text
    assert addendum.text in page.text
    assert 'name="subjective"' not in page.text
    assert 'name="addenda-0-text"' not in page.text
    assert 'name="_save"' not in page.text

    assert admin_client.post(url, {"subjective": "rewritten"}).status_code == 403
    assert SessionNote.objects.get(pk=signed.pk).subjective == signed.subjective

    addendum_url = reverse("admin:patients_noteaddendum_change", args=[addendum.pk])
    assert 'name="text"' not in admin_client.get(addendum_url).text
    assert admin_client.post(addendum_url, {"text": "rewritten"}).status_code == 403
    assert NoteAddendum.objects.get(pk=addendum.pk).text == addendum.text


def test_intake_shows_its_births_without_a_delete_box(admin_client, full_record):
    intake = full_record["episode"].intake
    page = admin_client.get(reverse("admin:patients_intake_change", args=[intake.pk]))
    assert 'name="births-0-year"' in page.text
    assert 'name="births-0-DELETE"' not in page.text


def test_a_sent_message_is_read_only_in_the_admin(admin_client, full_record):
    message = Message.objects.get(conversation__episode=full_record["episode"])
    url = reverse("admin:patients_message_change", args=[message.pk])

    page = admin_client.get(url)
    assert message.body in page.text
    assert 'name="body"' not in page.text
    assert admin_client.post(url, {"body": "rewritten"}).status_code == 403
    assert Message.objects.get(pk=message.pk).body == message.body
    conversation = admin_client.get(reverse("admin:patients_conversation_change", args=[message.conversation_id]))
    assert message.body in conversation.text and 'name="messages-0-body"' not in conversation.text
