"""Whether the database's migrations are those of this version of Lotse."""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


@dataclass(frozen=True)
class MigrationGaps:
    # In the code, not yet in the database: `manage.py migrate` applies them.
    unapplied: list[str]
    # In the database, unknown to the code: the data is newer than the code.
    unknown: list[str]


def migration_gaps() -> MigrationGaps:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    loader = executor.loader
    plan = executor.migration_plan(loader.graph.leaf_nodes())
    applied = loader.applied_migrations or {}
    # Migrations a squashed one stands for are known, though not in the graph.
    replaced = {key for m in loader.replacements.values() for key in m.replaces}
    unknown = [
        key
        for key in applied
        if key[0] in loader.migrated_apps
        and key not in loader.graph.nodes
        and key not in replaced
    ]
    return MigrationGaps(
        unapplied=[f"{m.app_label}.{m.name}" for m, _backwards in plan],
        unknown=sorted(f"{app}.{name}" for app, name in unknown),
    )
