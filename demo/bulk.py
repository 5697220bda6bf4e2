"""Fast inserts of many rows for the demo data set: COPY on PostgreSQL, bulk_create elsewhere."""

import time
from contextlib import contextmanager
from operator import attrgetter

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object

BATCH = 5000


class Progress:
    """Prints a running count now and then, so a long seed shows it is moving."""

    def __init__(self, write, label, *, every=250_000):
        self.write, self.label, self.every = write, label, every
        self.count = 0
        self.started = time.monotonic()

    def add(self, rows=1):
        before = self.count
        self.count += rows
        if self.count // self.every > before // self.every:
            self.write(f"  {self.label}: {self.count:,} rows ({time.monotonic() - self.started:.1f} s)")

    def done(self):
        self.write(f"  {self.label}: {self.count:,} rows in {time.monotonic() - self.started:.1f} s")
        return self.count


def _trust_keys(cursor) -> bool:
    """Skip the per-row foreign-key triggers for this COPY when allowed, as pg_restore does.

    Only inside a transaction and only for a superuser: the rows are built from keys just read in the
    same transaction, and checking millions of them one by one at commit would double the load time.
    """
    if not connection.in_atomic_block:
        return False
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cursor.fetchone()[0]:
        return False
    cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def insert_rows(model, fields, rows, *, progress=None):
    """Insert an iterable of value tuples (in `fields` order) into the model's table; return the count."""
    counter = progress or Progress(lambda message: None, model._meta.model_name)
    if connection.vendor == "postgresql":
        columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            trusted = _trust_keys(cursor)
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    counter.add()
            if trusted:
                cursor.execute("SET LOCAL session_replication_role = origin")
    else:
        attnames = [model._meta.get_field(name).attname for name in fields]
        batch = []
        for row in rows:
            batch.append(model(**dict(zip(attnames, row, strict=True))))
            if len(batch) == BATCH:
                model.objects.bulk_create(batch)
                counter.add(len(batch))
                batch = []
        model.objects.bulk_create(batch)
        counter.add(len(batch))
    return counter.count


@contextmanager
def indexes_deferred(*models):
    """Drop the tables' secondary indexes for a bulk load and build them again after it, as pg_restore does.

    Building an index once over a million rows takes a fraction of keeping it up to date row by row. Indexes that
    back a constraint (primary key, unique) stay. Meant for a transaction, so a failed load keeps its indexes;
    elsewhere than PostgreSQL this does nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " WHERE i.indrelid = ANY(%s::regclass[])"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [[model._meta.db_table for model in models]],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)


def reserve_ids(model, count) -> list[int]:
    """Take `count` new primary keys for the model's table, so that rows written by COPY can be pointed at."""
    if count <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite writes one transaction at a time: past the highest key ever handed out is free.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        handed_out = cursor.fetchone()
    highest = model._base_manager.aggregate(highest=models.Max("pk"))["highest"] or 0
    start = max(highest, handed_out[0] if handed_out else 0) + 1
    return list(range(start, start + count))


def with_ids(objects):
    """Give unsaved instances of one model their primary keys now; return them."""
    if objects:
        for obj, pk in zip(objects, reserve_ids(type(objects[0]), len(objects)), strict=True):
            obj.pk = pk
    return objects


def history_objects(objects, *, reason=""):
    """Return the "created" history rows of saved instances, as simple-history's bulk_history_create builds them."""
    if not objects:
        return []
    history = type(objects[0]).history.model
    tracked = [field.attname for field in history.tracked_fields]
    now = timezone.now()
    return [
        history(
            history_date=now,
            history_user=None,
            history_change_reason=get_change_reason_from_object(obj) or reason,
            history_type="+",
            **{name: getattr(obj, name) for name in tracked},
        )
        for obj in objects
    ]


def _row_value(field):
    """Return how to read a field's value for COPY: psycopg adapts plain Python values itself."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.pre_save(obj, True)
    if isinstance(field, models.JSONField):
        return lambda obj: field.get_db_prep_save(getattr(obj, field.attname), connection)
    return attrgetter(field.attname)


def insert_objects(objects, *, progress=None):
    """Insert unsaved model instances of one model without fetching their keys back; return the count."""
    if not objects:
        return 0
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        if progress:
            progress.add(len(objects))
        return len(objects)
    # Keys given beforehand (with_ids) are written too; otherwise the table's sequence numbers the rows.
    fields = [field for field in model._meta.concrete_fields if not field.primary_key or objects[0].pk is not None]
    readers = [_row_value(field) for field in fields]
    rows = (tuple(read(obj) for read in readers) for obj in objects)
    return insert_rows(model, [field.name for field in fields], rows, progress=progress)
