"""A trigram index on the names and addresses the account search compares: each read every account of the practice."""

from django.db import migrations

from clinic.migration_sql import trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0017_foreign_keys_indexed_by_composites"),
    ]

    operations = [trigram_index("clinic_user", "account_search_trgm_idx", ["first_name", "last_name", "email"])]
