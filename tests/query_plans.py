"""Read PostgreSQL's plan of a query the app ran, to check that an index serves it."""

import pytest
from django.db import connection, transaction


def assert_index_serves(sql):
    """Assert that PostgreSQL finds the query's rows through an index's condition and takes their order from it.

    An empty test table makes every plan cheap, so sorting is priced out: a Sort left in the plan means no
    index gives the order, a Filter that rows are read and thrown away.
    """
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Index Cond" in plan and "Sort" not in plan and "Filter" not in plan, plan
