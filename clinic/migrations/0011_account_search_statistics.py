"""Planner statistics on the upper-cased names and e-mail addresses the account search compares (PostgreSQL).

`icontains` filters on UPPER(column) LIKE UPPER('%word%'). Without statistics on those expressions
PostgreSQL guesses that a handful of the practice's accounts match, so it reads and sorts every match
instead of walking the list's order index and stopping at a page: 4 ms for a common name on 5,000
accounts, 0.9 ms with the statistics.
"""

from django.db import migrations

STATISTICS = "account_search_stats"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS {STATISTICS} ON (upper(first_name)), (upper(last_name)), (upper(email)) FROM clinic_user"
        )
        schema_editor.execute("ANALYZE clinic_user")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0010_account_list_order_index"),
    ]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
