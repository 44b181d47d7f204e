"""A record's change history, readable: who changed which field from what to what."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Field, Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import DeletedObject

KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime.datetime
    user: Any
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
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def tracked_fields(
    model: type[Model], historical: type[Model], hidden: set[str]
) -> list[str]:
    """Fields people edit that the history keeps; many-to-many changes and
    bookkeeping (timestamps, the history's own columns) are left out."""
    kept = {f.name for f in historical._meta.concrete_fields}
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.editable and f.name in kept and f.name not in hidden and f.name != "id"
    ]


def record_changes(
    obj: Model,
    *,
    related: tuple[str, ...] = (),
    hidden: frozenset[str] = frozenset(),
    limit: int = 50,
) -> list[HistoryEntry]:
    """The newest changes first; one extra record is read so the oldest shown
    still has something to be compared with."""
    model = type(obj)
    history = obj.history  # type: ignore[attr-defined]
    records = list(
        history.select_related("history_user", *related).order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    fields = tracked_fields(model, history.model, set(hidden))
    entries = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        entry = HistoryEntry(
            newer.history_date, newer.history_user, str(KINDS[newer.history_type])
        )
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(
                older, included_fields=fields, foreign_keys_are_objs=True
            )
            for change in delta.changes:
                model_field = model._meta.get_field(change.field)
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
