"""A trigram index on the upper-cased names the patient search compares (PostgreSQL).

`icontains` filters on UPPER(column) LIKE UPPER('%word%'), which no B-tree serves: each search read every
patient of the practice, and counted them all again for its pages. pg_trgm's GIN index finds the names
that hold the word; the extension is a trusted one, so the database's owner may add it.
"""

from django.db import migrations

from clinic.migration_sql import vendor_sql

INDEX = "patient_name_trgm_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0026_foreign_keys_indexed_by_composites"),
    ]

    operations = [
        vendor_sql(
            forwards={
                "postgresql": [
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                    f"CREATE INDEX {INDEX} ON patients_patient USING gin "
                    "((upper(first_name::text)) gin_trgm_ops, (upper(last_name::text)) gin_trgm_ops)",
                ]
            },
            backwards={"postgresql": [f"DROP INDEX IF EXISTS {INDEX}"]},
        )
    ]
