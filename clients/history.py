"""A person's change history, readable: who changed which field from what to what."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Field
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import DeletedObject

from accounts.models import User

from .models import Person

KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime.datetime
    user: User | None
    kind: str
    changes: list[FieldChange] = field(default_factory=list)


def readable(model_field: Field, value: Any) -> str:
    if isinstance(value, DeletedObject):
        # simple_history wraps an empty foreign key as a deleted object too.
        return "–" if value.pk is None else str(_("(deleted)"))
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def person_changes(person: Person, limit: int = 50) -> list[HistoryEntry]:
    """The newest changes first; one extra record is read so the oldest shown
    still has something to be compared with."""
    records = list(
        person.history.select_related(
            "history_user", "municipality", "household"
        ).order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        entry = HistoryEntry(
            newer.history_date, newer.history_user, str(KINDS[newer.history_type])
        )
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, foreign_keys_are_objs=True)
            for change in delta.changes:
                model_field = Person._meta.get_field(change.field)
                assert isinstance(model_field, Field)
                entry.changes.append(
                    FieldChange(
                        str(model_field.verbose_name),
                        readable(model_field, change.old),
                        readable(model_field, change.new),
                    )
                )
            if not entry.changes:
                continue  # a save that changed no tracked field
        entries.append(entry)
    return entries
