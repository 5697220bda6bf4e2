"""The hash chain that makes the access log tamper-evident.

Each entry stores the hash of the entry before it in the same chain (one chain per practice, so
practices do not wait on each other) and a hash over its own content plus that link. Changing,
removing or inserting an entry breaks every hash after it, which `verify_access_log` reports.
"""

import hashlib

from django.db import connection, transaction

from clinic.models import AccessLogEntry

GENESIS_HASH = "0" * 64
CHAIN_LOCK_NAMESPACE = 7513  # advisory-lock namespace of the access-log chains (after NEN 7513)
HASHED_FIELDS = [
    "occurred_at",
    "user_id",
    "user_role",
    "practice_id",
    "patient_id",
    "patient_label",
    "action",
    "part",
    "outcome",
    "client_ip",
    "on_behalf_of",
    "grounds",
    "detail",
]


def entry_digest(entry: AccessLogEntry) -> str:
    """Return the SHA-256 over the entry's content and the hash it links to."""
    parts = [entry.previous_hash]
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        parts.append(value.isoformat() if hasattr(value, "isoformat") else "" if value is None else str(value))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _lock_chain(practice_id):
    """Serialise appends to one chain until the transaction ends (PostgreSQL; SQLite writes serially anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [CHAIN_LOCK_NAMESPACE, practice_id or 0])


def append_entry(**fields) -> AccessLogEntry:
    """Add one entry at the end of its practice's chain."""
    with transaction.atomic():
        entry = AccessLogEntry(**fields)
        _lock_chain(entry.practice_id)
        last_hash = (
            AccessLogEntry.objects.filter(practice_id=entry.practice_id)
            .order_by("-pk")
            .values_list("entry_hash", flat=True)
            .first()
        )
        entry.previous_hash = last_hash or GENESIS_HASH
        entry.entry_hash = entry_digest(entry)
        entry.save(force_insert=True)
    return entry


def first_broken_link(batch_size=5000):
    """Return (entry id, reason) of the first entry whose chain is broken, or None when all hold."""
    expected_previous = {}
    entries = AccessLogEntry.objects.order_by("pk").iterator(chunk_size=batch_size)
    for entry in entries:
        if entry.previous_hash != expected_previous.get(entry.practice_id, GENESIS_HASH):
            return entry.pk, "previous_hash does not match the entry before it (removed or inserted entry)"
        if entry.entry_hash != entry_digest(entry):
            return entry.pk, "content does not match its hash (changed entry)"
        expected_previous[entry.practice_id] = entry.entry_hash
    return None
