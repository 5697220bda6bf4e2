"""Profile each benchmarked page in-process: its queries, their time, and EXPLAIN for sequential scans.

A sequential scan of a large table on a main page means a missing index; the benchmark fails on one.
"""

import re
import time

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Tables that grow with the patients' activity (logs, diaries, measures, items, appointments) rather than one
# row per patient or episode: at 10,000 patients a hash join over a 10,000-row table costs about a millisecond
# and is the planner's right choice, a scan of a million log rows is not.
LARGE_TABLE_ROWS = 15_000
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def large_tables():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s", [LARGE_TABLE_ROWS])
        return {name for (name,) in cursor.fetchall()}


def seq_scans(sql, large):
    """Return the large tables the plan of one query reads from start to end."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    return sorted({table for table in SEQ_SCAN.findall(plan) if table in large})


def profile_page(path, session_key, large):
    """Return (status, queries, ms in SQL, ms in total, [(seq-scanned tables, sql)])."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    total_ms = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    scans = []
    for query in captured.captured_queries:
        if query["sql"].lstrip().upper().startswith("SELECT"):
            tables = seq_scans(query["sql"], large)
            if tables:
                scans.append((tables, query["sql"]))
    return response.status_code, len(captured), sql_ms, total_ms, scans


def profile_pages(pages):
    """Print one line per page; return the pages that scan a large table sequentially."""
    large = large_tables()
    offenders = []
    print(f"{'page':<24} status queries  sql ms  total ms  seq scans of large tables")
    for name, path, session_key in pages:
        profile_page(path, session_key, large)  # warm the caches of this process first
        status, count, sql_ms, total_ms, scans = profile_page(path, session_key, large)
        tables = sorted({table for found, _sql in scans for table in found})
        print(f"{name:<24} {status:>6} {count:>7} {sql_ms:>7.1f} {total_ms:>9.1f}  {', '.join(tables) or '-'}")
        for found, sql in scans:
            print(f"    {', '.join(found)}: {sql[:400]}")
        if scans:
            offenders.append(name)
    return offenders
