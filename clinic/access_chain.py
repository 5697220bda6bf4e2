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

from clinic.models import AccessChainHead, AccessLogEntry

GENESIS_HASH = "0" * 64
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


def content_text(entry: AccessLogEntry) -> str:
    """Return what the entry's hash covers besides the link: its fields, each after a separator."""
    parts = []
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        parts.append(value.isoformat() if hasattr(value, "isoformat") else "" if value is None else str(value))
    return "".join(f"\x1f{part}" for part in parts)


def entry_digest(entry: AccessLogEntry) -> str:
    """Return the SHA-256 over the hash the entry links to and its content."""
    return hashlib.sha256((entry.previous_hash + content_text(entry)).encode()).hexdigest()


# The chain head moves on and the entry goes in, in one statement: the head row's lock orders the appends
# of one practice for this statement only. PostgreSQL's sha256() hashes what entry_digest() hashes.
APPEND_SQL = """
WITH head AS (
    INSERT INTO clinic_accesschainhead AS h (practice_key, previous_hash, last_hash)
    VALUES (
        %(key)s::integer,
        %(genesis)s::varchar,
        encode(sha256(convert_to(%(genesis)s::varchar || %(content)s::text, 'UTF8')), 'hex')
    )
    ON CONFLICT (practice_key) DO UPDATE
        SET previous_hash = h.last_hash,
            last_hash = encode(sha256(convert_to(h.last_hash || %(content)s::text, 'UTF8')), 'hex')
    RETURNING previous_hash, last_hash
)
INSERT INTO clinic_accesslogentry ({columns}, previous_hash, entry_hash)
SELECT {values}, head.previous_hash, head.last_hash FROM head
RETURNING id, previous_hash, entry_hash
"""


CHAIN_COLUMNS = {"id", "previous_hash", "entry_hash"}  # set by the statement, not by the entry


def _append_in_one_statement(entry):
    fields = [field for field in AccessLogEntry._meta.concrete_fields if field.attname not in CHAIN_COLUMNS]
    params = {
        f"f{index}": field.get_db_prep_save(getattr(entry, field.attname), connection)
        for index, field in enumerate(fields)
    }
    sql = APPEND_SQL.format(
        columns=", ".join(connection.ops.quote_name(field.column) for field in fields),
        values=", ".join(f"%(f{index})s" for index in range(len(fields))),
    )
    params.update(key=entry.practice_id or 0, genesis=GENESIS_HASH, content=content_text(entry))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        entry.pk, entry.previous_hash, entry.entry_hash = cursor.fetchone()
    entry._state.adding = False


def _append_in_python(entry):
    """The same append where writes are serial anyway (SQLite); a failure undoes the whole transaction."""
    with transaction.atomic(savepoint=False):
        key = entry.practice_id or 0
        head = AccessChainHead.objects.filter(practice_key=key).first()
        new = head is None
        if new:
            head = AccessChainHead(practice_key=key, previous_hash=GENESIS_HASH, last_hash=GENESIS_HASH)
        entry.previous_hash = head.last_hash
        entry.entry_hash = entry_digest(entry)
        head.previous_hash, head.last_hash = head.last_hash, entry.entry_hash
        head.save(force_insert=new, update_fields=None if new else ["previous_hash", "last_hash"])
        entry.save(force_insert=True)


def append_entry(**fields) -> AccessLogEntry:
    """Add one entry at the end of its practice's chain."""
    entry = AccessLogEntry(**fields)
    if connection.vendor == "postgresql":
        _append_in_one_statement(entry)
    else:
        _append_in_python(entry)
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
