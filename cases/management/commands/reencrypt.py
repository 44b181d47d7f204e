"""Move every encrypted value to the current key (README, "Encryption keys").

Every encrypted column of every model is walked, history models included,
found by the field's class: a field encrypted later is covered without a
change here. Values under the current key are left alone, so the command
can be interrupted and started again, and runs while Lotse serves.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from lib import crypto


@dataclass
class Column:
    model: type[models.Model]
    field: crypto.EncryptedTextField

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"


def encrypted_columns() -> list[Column]:
    return [
        Column(model, field)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
        for field in crypto.encrypted_fields(model)
    ]


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key of "
        "LOTSE_FIELD_KEYS, in batches; values already under it stay as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only count the values not yet under the first key; "
            "fail if there are any.",
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        columns = encrypted_columns()
        if check:
            self.count(columns)
        else:
            self.move(columns)

    def count(self, columns: list[Column]) -> None:
        old = unreadable = 0
        for column in columns:
            column_old = column_unreadable = 0
            for stored in crypto.stored_values(column.model, column.field):
                if crypto.under_current_key(stored):
                    continue
                if crypto.opens(stored):
                    column_old += 1
                else:
                    column_unreadable += 1
            if column_old or column_unreadable:
                self.stdout.write(
                    f"{column}: {column_old} under an old key, "
                    f"{column_unreadable} unreadable"
                )
            old += column_old
            unreadable += column_unreadable
        self.finish(len(columns), old, unreadable, "still under an old key")

    def move(self, columns: list[Column]) -> None:
        moved = unreadable = 0
        for column in columns:
            column_unreadable = 0

            def change(stored: str) -> str | None:
                nonlocal column_unreadable
                if crypto.under_current_key(stored):
                    return None
                if not crypto.opens(stored):
                    column_unreadable += 1
                    return None
                return crypto.rotate(stored)

            column_moved = crypto.rewrite(column.model, column.field, change)
            if column_moved or column_unreadable:
                self.stdout.write(
                    f"{column}: {column_moved} re-encrypted, "
                    f"{column_unreadable} unreadable"
                )
            moved += column_moved
            unreadable += column_unreadable
        self.stdout.write(f"{moved} values re-encrypted under the current key.")
        self.finish(len(columns), 0, unreadable, "")

    def finish(self, columns: int, old: int, unreadable: int, what: str) -> None:
        problems = []
        if old:
            problems.append(f"{old} values {what}: run `manage.py reencrypt`")
        if unreadable:
            # Keep the old key until these are explained: removing it loses them.
            problems.append(
                f"{unreadable} values cannot be decrypted with any key in "
                "LOTSE_FIELD_KEYS"
            )
        if problems:
            raise CommandError("; ".join(problems) + ".")
        self.stdout.write(
            f"All values of {columns} encrypted columns are under the current key."
        )
