"""What the schema of a database holds now, for work that runs after `migrate` through today's models."""

from django.db import connections, router
from django.db.migrations.loader import MigrationLoader


def fully_migrated(using: str, *models) -> bool:
    """Return whether database `using` holds every migration of the apps of `models`, and is where they are written.

    Midway a partial or backwards `migrate` (`migrate patients 0016`), today's tables and columns are not
    all there, so data loaded through today's models waits for the next full `migrate`.
    """
    if any(router.db_for_write(model) != using for model in models):
        return False
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    labels = {model._meta.app_label for model in models}
    return all(node in loader.applied_migrations for label in labels for node in loader.graph.leaf_nodes(label))
