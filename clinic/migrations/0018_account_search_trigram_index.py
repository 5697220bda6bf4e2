"""A trigram index on the upper-cased names and e-mail addresses the account search compares (PostgreSQL).

`icontains` filters on UPPER(column) LIKE UPPER('%word%'), which no B-tree serves: each search read every
account of the practice, and counted them all again for its pages. pg_trgm's GIN index finds the values
that hold the word; the extension is a trusted one, so the database's owner may add it.
"""

from django.db import migrations

from clinic.migration_sql import vendor_sql

INDEX = "account_search_trgm_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0017_foreign_keys_indexed_by_composites"),
    ]

    operations = [
        vendor_sql(
            forwards={
                "postgresql": [
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                    f"CREATE INDEX {INDEX} ON clinic_user USING gin ((upper(first_name::text)) gin_trgm_ops, "
                    "(upper(last_name::text)) gin_trgm_ops, (upper(email::text)) gin_trgm_ops)",
                ]
            },
            backwards={"postgresql": [f"DROP INDEX IF EXISTS {INDEX}"]},
        )
    ]
