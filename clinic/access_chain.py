"""The hash chain that makes the access log tamper-evident.

Each entry stores the hash of the entry before it in the same chain (one chain per practice, so
practices do not wait on each other) and a hash over its own content plus that link. Changing,
removing or inserting an entry breaks every hash after it, which `verify_access_log` reports.

Someone with full rights on the database could still remove the newest entries, or rewrite the
chain from some entry on, since the hashes need no key. Checkpoints anchor the chain outside the
database: the last id and hash of each chain, signed with a key the database does not hold. A
checkpoint whose end entry is gone, or now differs, shows that the log was cut back or rewritten.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import salted_hmac

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


def _checkpoint_signature(body: dict) -> str:
    secret = settings.ACCESS_LOG_CHECKPOINT_KEY or settings.SECRET_KEY
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return salted_hmac("clinic.access_log_checkpoint", canonical, secret=secret, algorithm="sha256").hexdigest()


def checkpoint(practice_id=None) -> dict:
    """Return a signed checkpoint of the end of every chain, or of one practice's chain.

    The chain of entries without a practice (failed logins for unknown addresses) is the one of
    practice None; it is in the checkpoint of all chains only.
    """
    entries = AccessLogEntry.objects.all()
    if practice_id is not None:
        entries = entries.filter(practice_id=practice_id)
    last_ids = entries.values("practice_id").annotate(last_id=Max("pk")).values_list("last_id", flat=True)
    ends = AccessLogEntry.objects.filter(pk__in=list(last_ids)).order_by("pk")
    body = {
        "written_at": timezone.now().isoformat(),
        "chains": [
            {"practice": end.practice_id, "last_id": end.pk, "last_hash": end.entry_hash}
            for end in ends.only("pk", "practice_id", "entry_hash")
        ],
    }
    return {**body, "signature": _checkpoint_signature(body)}


def checkpoint_problems(saved: dict) -> list[str]:
    """Return what the log lacks compared with a checkpoint: a bad signature, or chain ends gone or changed."""
    body = {key: value for key, value in saved.items() if key != "signature"}
    if not hmac.compare_digest(str(saved.get("signature", "")), _checkpoint_signature(body)):
        return ["the checkpoint's signature does not match: it was changed or signed with another key"]
    ends = {
        entry.pk: entry
        for entry in AccessLogEntry.objects.filter(pk__in=[chain["last_id"] for chain in body["chains"]]).only(
            "pk", "practice_id", "entry_hash"
        )
    }
    problems = []
    for chain in body["chains"]:
        end = ends.get(chain["last_id"])
        if end is None:
            problems.append(
                f"entry {chain['last_id']}, the end of the chain of practice {chain['practice']} at the checkpoint "
                f"of {body['written_at']}, is missing: entries were removed from the end of the log"
            )
        elif end.entry_hash != chain["last_hash"] or end.practice_id != chain["practice"]:
            problems.append(
                f"entry {chain['last_id']} differs from the checkpoint of {body['written_at']}: "
                "the chain was rewritten up to it"
            )
    return problems
