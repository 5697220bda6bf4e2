"""Read PostgreSQL's plans of the app's queries: whether an index serves them, how many rows it expects."""

import re

import pytest
from django.db import connection, transaction


def skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's")


def assert_index_serves(sql):
    """Assert that PostgreSQL finds the query's rows through an index's condition and takes their order from it.

    An empty test table makes every plan cheap, so sorting is priced out: a Sort left in the plan means no
    index gives the order, a Filter (not a join's) that rows are read and thrown away.
    """
    skip_unless_postgresql()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Index Cond" in plan and "Sort" not in plan and not re.search(r"^\s*Filter:", plan, re.MULTILINE), plan


def estimated_rows(queryset):
    """Return the number of rows PostgreSQL expects the queryset to find, with fresh statistics of its table."""
    skip_unless_postgresql()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {queryset.model._meta.db_table}")
    return int(re.search(r"rows=(\d+)", queryset.explain()).group(1))


def plan_of(queryset):
    """Return PostgreSQL's plan of the queryset with fresh statistics, as on a table too large to read whole.

    A test's table fits in a few pages, which PostgreSQL reads whole rather than through any index.
    """
    skip_unless_postgresql()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {queryset.model._meta.db_table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()
