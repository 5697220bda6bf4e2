"""A trigram index on the names the patient search compares: each search read every patient of the practice."""

from django.db import migrations

from clinic.migration_sql import trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0026_foreign_keys_indexed_by_composites"),
    ]

    operations = [trigram_index("patients_patient", "patient_name_trgm_idx", ["first_name", "last_name"])]
