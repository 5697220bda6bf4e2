"""SQL a migration runs itself: guard triggers for PostgreSQL and SQLite, indexes dropped alone, trigram indexes."""

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


def trigram_index(table: str, name: str, columns: list[str]) -> migrations.RunPython:
    """Return an operation adding a GIN trigram index on the upper-cased columns (PostgreSQL; others: none).

    `icontains` compares UPPER(column::text) LIKE UPPER('%word%'), which no B-tree serves; pg_trgm's index
    finds the rows that hold the word. The extension is a trusted one: the database's owner may add it.
    """
    expressions = ", ".join(f"(upper({column}::text)) gin_trgm_ops" for column in columns)
    return vendor_sql(
        forwards={
            "postgresql": [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f"CREATE INDEX {name} ON {table} USING gin ({expressions})",
            ]
        },
        backwards={"postgresql": [f"DROP INDEX IF EXISTS {name}"]},
    )
