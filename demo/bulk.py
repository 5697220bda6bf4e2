"""Fast inserts of many rows for the demo data set: COPY on PostgreSQL, bulk_create elsewhere."""

import time
from operator import attrgetter

from django.db import connection, models

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
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    readers = [_row_value(field) for field in fields]
    rows = (tuple(read(obj) for read in readers) for obj in objects)
    return insert_rows(model, [field.name for field in fields], rows, progress=progress)
