"""The backup drill: `make backup` of a database with data, `make restore` into a fresh one, nothing missing.

It runs against a PostgreSQL of its own, so the machine's shared server is never touched.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.live.conftest import PROJECT_DIR
from tests.live.servers import PostgresServer

pytestmark = pytest.mark.live

ACCESS_READS = """
import django
django.setup()
from clinic.access_log import record_access
from clinic.choices import AccessAction, RecordPart, Role
from patients.models import Patient
for patient in Patient.objects.select_related("practice")[:10]:
    user = patient.practice.users.filter(role=Role.THERAPIST).first()
    record_access(None, action=AccessAction.READ, part=RecordPart.PATIENT, patient=patient, user=user)
"""


def row_counts(url):
    """Return the number of rows of every table in the database's public schema."""
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        count = sql.SQL("SELECT count(*) FROM {}")
        return {table: conn.execute(count.format(sql.Identifier(table))).fetchone()[0] for table in tables}


@pytest.fixture
def postgres():
    server = PostgresServer()
    server.start()
    yield server
    server.remove()


def test_make_restore_of_make_backup_gives_every_row_back_and_a_verified_access_log(postgres, tmp_path):
    source = postgres.create_database("clinic")
    media = tmp_path / "media"
    (media / "letters").mkdir(parents=True)
    (media / "letters" / "referral.pdf").write_bytes(b"%PDF-1.4 uploaded letter")
    env = {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": "backup-drill-" + "x" * 50,
        "DJANGO_SETTINGS_MODULE": "clinic.settings",
        "MEDIA_ROOT": str(media),
    }

    def run(*command, **extra):
        done = subprocess.run(command, cwd=PROJECT_DIR, env={**env, **extra}, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run(sys.executable, "manage.py", "migrate", "--no-input", "-v0", DATABASE_URL=source)
    run(sys.executable, "manage.py", "seed_demo", "--patients", "6", DATABASE_URL=source, DEBUG="1")
    run(sys.executable, "-c", ACCESS_READS, DATABASE_URL=source)
    make = ["make", "--no-print-directory", f"BIN={Path(sys.executable).parent}", f"BACKUP_DIR={tmp_path / 'backups'}"]
    run(*make, "backup", DATABASE_URL=source)

    fresh = postgres.create_database("restored")
    restored_media = tmp_path / "restored-media"
    output = run(*make, "restore", DATABASE_URL=fresh, MEDIA_ROOT=str(restored_media))

    before, after = row_counts(source), row_counts(fresh)
    print(f"\n[drill] backup and restore: {len(before)} tables, {sum(before.values())} rows", flush=True)
    assert before["patients_patient"] and before["clinic_accesslogentry"], "the drill backed up nothing"
    assert after == before
    assert f"Access log intact: {before['clinic_accesslogentry']} entries verified." in output
    assert (restored_media / "letters" / "referral.pdf").read_bytes() == b"%PDF-1.4 uploaded letter"
