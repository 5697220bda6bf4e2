"""SQL a migration runs itself: guard triggers written apart for PostgreSQL and SQLite, indexes dropped alone."""

from django.db import migrations


def vendor_sql(*, forwards: dict[str, list[str]], backwards: dict[str, list[str]]) -> migrations.RunPython:
    """Return an operation running the statements of the connection's vendor forwards and back (others: none)."""

    def run(statements):
        def apply(apps, schema_editor):
            for statement in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forwards), run(backwards))


def drop_index(table: str, column: str, name: str) -> migrations.RunSQL:
    """Return an operation dropping one single-column index (named alike by Django on every vendor); back rebuilds it.

    For an index that a composite index starting with the same column makes redundant: altering the field's
    db_index instead would also drop and re-add its foreign-key constraint, which checks every row again.
    """
    return migrations.RunSQL(
        f'DROP INDEX IF EXISTS "{name}"', reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")'
    )
