"""Planner statistics on the upper-cased names the patient search compares (PostgreSQL).

`icontains` filters on UPPER(column) LIKE UPPER('%word%'). Without statistics on those expressions
PostgreSQL guesses that a handful of the practice's patients match, so it reads, joins and sorts every
match instead of walking the list's order index and stopping at a page: 4 ms for a common name on
5,000 patients, 1.3 ms with the statistics.
"""

from django.db import migrations

STATISTICS = "patient_search_stats"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS {STATISTICS} ON (upper(first_name)), (upper(last_name)) FROM patients_patient"
        )
        schema_editor.execute("ANALYZE patients_patient")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0007_patient_list_order_index"),
    ]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
