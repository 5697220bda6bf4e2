"""SQL a migration runs per database vendor: guard triggers are written apart for PostgreSQL and SQLite."""

from django.db import migrations


def vendor_sql(*, forwards: dict[str, list[str]], backwards: dict[str, list[str]]) -> migrations.RunPython:
    """Return an operation running the statements of the connection's vendor forwards and back (others: none)."""

    def run(statements):
        def apply(apps, schema_editor):
            for statement in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forwards), run(backwards))
