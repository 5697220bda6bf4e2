import json
import threading
from importlib import import_module
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.access_chain import GENESIS_HASH, entry_digest, first_broken_link
from clinic.access_log import record_access
from clinic.choices import AccessAction
from clinic.models import AccessLogEntry
from tests.factories import PatientFactory

SQLITE_APPEND_ONLY_TRIGGER = import_module("clinic.migrations.0004_access_log_hash_chain").SQLITE_APPEND_ONLY_TRIGGER

pytestmark = pytest.mark.django_db


def log(user, patient, action=AccessAction.READ, part="patient"):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = user
    return record_access(request, action=action, part=part, patient=patient)


def test_entry_records_who_what_when_and_from_where(therapist):
    patient = PatientFactory(practice=therapist.practice)
    entry = log(therapist, patient)
    assert entry.user == therapist
    assert entry.user_role == "therapist"
    assert entry.practice == therapist.practice
    assert entry.patient == patient and entry.patient_label == str(patient)
    assert entry.client_ip == "192.0.2.7"
    assert entry.occurred_at is not None


def test_entries_form_one_chain_per_practice(therapist, other_therapist):
    first = log(therapist, PatientFactory(practice=therapist.practice))
    elsewhere = log(other_therapist, PatientFactory(practice=other_therapist.practice))
    second = log(therapist, first.patient)
    assert first.previous_hash == GENESIS_HASH
    assert elsewhere.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.entry_hash
    assert second.entry_hash == entry_digest(second)


def test_an_append_is_one_statement_so_the_chain_is_held_only_while_it_runs(therapist):
    """On PostgreSQL; SQLite, which writes one transaction at a time anyway, appends in a few."""
    patient = PatientFactory(practice=therapist.practice)
    first = log(therapist, patient)
    with CaptureQueriesContext(connection) as captured:
        second = log(therapist, patient)
    assert len(captured) == (1 if connection.vendor == "postgresql" else 3)
    second.refresh_from_db()
    assert second.previous_hash == first.entry_hash and second.entry_hash == entry_digest(second)


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_of_one_practice_form_one_unbroken_chain(therapist):
    """Eight requests logging at once: every entry links to the one before it, none to the same."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are PostgreSQL's; SQLite takes one at a time")
    patient = PatientFactory(practice=therapist.practice)

    def append_some():
        try:
            for _ in range(10):
                log(therapist, patient)
        finally:
            connection.close()

    threads = [threading.Thread(target=append_some) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert first_broken_link() is None
    entries = AccessLogEntry.objects.filter(practice=therapist.practice)
    assert entries.count() == 80
    assert entries.values("previous_hash").distinct().count() == 80


def test_verify_reports_an_intact_log(therapist):
    for _ in range(3):
        log(therapist, PatientFactory(practice=therapist.practice))
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert "3 entries" in out.getvalue()


def tamper(sql, params):
    """Change the table behind the app's back, as an attacker with full database rights would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # a superuser switching triggers off
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER clinic_access_log_append_only")
            cursor.execute(sql, params)
            cursor.execute(SQLITE_APPEND_ONLY_TRIGGER)


def test_verify_finds_the_first_changed_entry(therapist):
    entries = [log(therapist, PatientFactory(practice=therapist.practice)) for _ in range(4)]
    tamper("UPDATE clinic_accesslogentry SET action = 'delete' WHERE id = %s", [entries[2].pk])
    with pytest.raises(CommandError, match=f"entry {entries[2].pk}: content"):
        call_command("verify_access_log")


def test_verify_finds_a_removed_entry(therapist):
    entries = [log(therapist, PatientFactory(practice=therapist.practice)) for _ in range(4)]
    tamper("DELETE FROM clinic_accesslogentry WHERE id = %s", [entries[1].pk])
    with pytest.raises(CommandError, match=f"entry {entries[2].pk}: previous_hash"):
        call_command("verify_access_log")


def test_the_app_cannot_change_or_delete_entries(therapist):
    entry = log(therapist, PatientFactory(practice=therapist.practice))
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(action=AccessAction.DELETE)
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()


def test_database_refuses_changes_to_entries(therapist):
    entry = log(therapist, PatientFactory(practice=therapist.practice))
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.action = AccessAction.DELETE
        entry.save()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            entry.delete()


# --- checkpoints: the end of the chain anchored outside the database ---------------------------------


def write_checkpoint(directory):
    call_command("write_access_log_checkpoint", directory=str(directory), stdout=StringIO())
    (path,) = directory.iterdir()
    return path


def test_removing_the_newest_entries_is_found_with_a_checkpoint(tmp_path, therapist):
    """The attack: erase one's own latest reads; the chain alone still looks intact."""
    entries = [log(therapist, PatientFactory(practice=therapist.practice)) for _ in range(4)]
    path = write_checkpoint(tmp_path)

    tamper("DELETE FROM clinic_accesslogentry WHERE id IN (%s, %s)", [entries[2].pk, entries[3].pk])

    call_command("verify_access_log", stdout=StringIO())  # without the checkpoint the cut is invisible
    with pytest.raises(CommandError, match=f"entry {entries[3].pk}, the end .* is missing: entries were removed"):
        call_command("verify_access_log", checkpoint=str(path))


def test_a_chain_rewritten_up_to_the_checkpoint_is_found(tmp_path, therapist):
    entries = [log(therapist, PatientFactory(practice=therapist.practice)) for _ in range(3)]
    path = write_checkpoint(tmp_path)
    tampered = entries[-1]
    tampered.action = AccessAction.DELETE
    tampered.entry_hash = entry_digest(tampered)  # rehashed, as anyone could without a key
    tamper(
        "UPDATE clinic_accesslogentry SET action = %s, entry_hash = %s WHERE id = %s",
        [tampered.action, tampered.entry_hash, tampered.pk],
    )

    with pytest.raises(CommandError, match=f"entry {tampered.pk} differs from the checkpoint"):
        call_command("verify_access_log", checkpoint=str(path))


def test_entries_added_after_a_checkpoint_keep_the_log_intact(tmp_path, therapist, other_therapist):
    log(therapist, PatientFactory(practice=therapist.practice))
    log(other_therapist, PatientFactory(practice=other_therapist.practice))
    path = write_checkpoint(tmp_path)
    log(therapist, PatientFactory(practice=therapist.practice))

    out = StringIO()
    call_command("verify_access_log", checkpoint=str(path), stdout=out)

    assert "Access log intact: 3 entries" in out.getvalue()
    assert len(json.loads(path.read_text())["chains"]) == 2


@pytest.mark.parametrize("forged", [{"last_id": 10**6}, {"last_hash": "0" * 64}])
def test_a_checkpoint_changed_or_signed_with_another_key_is_refused(tmp_path, settings, therapist, forged):
    log(therapist, PatientFactory(practice=therapist.practice))
    path = write_checkpoint(tmp_path)
    saved = json.loads(path.read_text())
    saved["chains"][0].update(forged)
    path.write_text(json.dumps(saved))
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("verify_access_log", checkpoint=str(path))

    (tmp_path / "again").mkdir()
    genuine = write_checkpoint(tmp_path / "again")
    settings.ACCESS_LOG_CHECKPOINT_KEY = "another-key"
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("verify_access_log", checkpoint=str(genuine))


def test_a_file_that_is_no_checkpoint_is_refused_without_a_traceback(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("[1, 2]")
    with pytest.raises(CommandError, match="Not a readable checkpoint"):
        call_command("verify_access_log", checkpoint=str(path))


def test_the_practice_admin_downloads_the_signed_end_of_the_practices_chain(
    client, tmp_path, practice_admin, therapist, other_therapist
):
    entry = log(therapist, PatientFactory(practice=therapist.practice))
    log(other_therapist, PatientFactory(practice=other_therapist.practice))
    client.force_login(practice_admin)
    assert reverse("clinic:access_log_checkpoint") in client.get(reverse("clinic:access_log")).text

    response = client.get(reverse("clinic:access_log_checkpoint"))

    assert response["Content-Disposition"].startswith("attachment;")
    saved = response.json()
    download = AccessLogEntry.objects.get(action=AccessAction.EXPORT, user=practice_admin)
    assert [(chain["practice"], chain["last_id"]) for chain in saved["chains"]] == [
        (practice_admin.practice_id, download.pk)
    ]
    assert download.previous_hash != entry.previous_hash
    path = tmp_path / "download.json"
    path.write_bytes(response.content)
    call_command("verify_access_log", checkpoint=str(path), stdout=StringIO())
