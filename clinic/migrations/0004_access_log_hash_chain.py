from django.db import migrations, models

from clinic.migration_sql import vendor_sql

APPEND_ONLY_TRIGGER = """
CREATE OR REPLACE FUNCTION clinic_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER clinic_access_log_append_only
    BEFORE UPDATE OR DELETE ON clinic_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION clinic_access_log_append_only();
"""
# SQLite (development only) refuses updates; deletes stay possible there because test runs flush tables.
SQLITE_APPEND_ONLY_TRIGGER = """
CREATE TRIGGER clinic_access_log_append_only BEFORE UPDATE ON clinic_accesslogentry
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
"""
DROP_APPEND_ONLY_TRIGGER = """
DROP TRIGGER IF EXISTS clinic_access_log_append_only ON clinic_accesslogentry;
DROP FUNCTION IF EXISTS clinic_access_log_append_only();
"""


def chain_existing_entries(apps, schema_editor):
    """Give entries written before the chain existed their links, in the order they were written."""
    from clinic.access_chain import GENESIS_HASH, entry_digest

    entry_model = apps.get_model("clinic", "AccessLogEntry")
    last_hash = {}
    for entry in entry_model.objects.order_by("pk"):
        entry.previous_hash = last_hash.get(entry.practice_id, GENESIS_HASH)
        entry.entry_hash = entry_digest(entry)
        entry_model.objects.filter(pk=entry.pk).update(
            previous_hash=entry.previous_hash, entry_hash=entry.entry_hash
        )
        last_hash[entry.practice_id] = entry.entry_hash


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0003_accesslogentry_relations"),
        ("patients", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accesslogentry",
            name="patient",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=models.deletion.DO_NOTHING,
                related_name="access_log_entries",
                to="patients.patient",
                verbose_name="patient",
            ),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash of the previous entry"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="entry_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash of this entry"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accesslogentry",
            name="entry_hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="hash of this entry"),
        ),
        vendor_sql(
            forwards={"postgresql": [APPEND_ONLY_TRIGGER], "sqlite": [SQLITE_APPEND_ONLY_TRIGGER]},
            backwards={
                "postgresql": [
                    DROP_APPEND_ONLY_TRIGGER,
                ],
                "sqlite": ["DROP TRIGGER IF EXISTS clinic_access_log_append_only"],
            },
        ),
    ]
