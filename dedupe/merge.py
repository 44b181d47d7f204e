"""Merging two records of one person into one, and undoing it.

A merge re-points everything that refers to the merged record at the kept
one. The relations are found through Person's meta, hidden ones included
(guidance.ImportRow.person has related_name "+" and is missing from
`_meta.related_objects`), so that a model added later moves along without
a change here; tests/test_merge.py fails on a relation of a kind this
module cannot move. History tables keep what was; this app's own rows
(a Merge names both records) stay as they are.

Rows that would break a unique constraint on the kept record:
- an identical row with nothing hanging off it (the same nationality or
  language on both) is dropped and remembered, to be recreated on undo;
- anything else (two running cares of one kind) refuses the merge, so that
  staff settle it first.

The merged record is not deleted and not marked on its own table (clients
is below dedupe): an active Merge hides it, see merged_away_ids(). Only its
household membership is cleared, so that the household does not list the
person twice. Empty fields of the kept record are filled from the merged
one. All of it is written into Merge.record, and undo() replays it
backwards, or refuses when the rows have changed since so that an exact
undo is impossible. Rows with history are saved one by one (their history
names the user and the merge as reason, "dedupe.Merge <pk>"); rows without
history (nationalities, languages, the access log, import rows) are
updated in one query.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.db.models.fields.reverse_related import ForeignObjectRel, ManyToManyRel
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from accounts.models import User
from clients.models import DatePrecision, Gender, Person, ResidenceStatus

from .models import Merge


class MergeError(Exception):
    """Why a merge or an undo is refused, in the user's language."""


# Taken from the merged record when the kept one has no value.
FILLED_FIELDS = (
    "given_names",
    "name_original",
    "gender",
    "residence_status",
    "municipality",
    "address",
    "phone",
    "email",
)
# Filled together, by their own rules (see _fill).
BIRTH_DATE_FIELDS = ("birth_date", "birth_date_precision")
HOUSEHOLD_FIELDS = ("household", "household_role")
# Never taken from the merged record: the kept record's identity and name
# (staff chose it), and what the database maintains.
# anonymised_at: anonymised records are hidden and never offered for a merge.
KEPT_FIELDS = (
    "id",
    "office",
    "family_name",
    "name_key",
    "created_at",
    "updated_at",
    "anonymised_at",
)
# Values that say "not known" although they are not empty.
UNKNOWN_VALUES = {
    "gender": Gender.UNSTATED,
    "residence_status": ResidenceStatus.UNKNOWN,
}
PRECISION_RANK: dict[str, int] = {
    DatePrecision.YEAR.value: 1,
    DatePrecision.MONTH.value: 2,
    DatePrecision.DAY.value: 3,
}

# Models that point at persons but are not the person's: left alone.
# Blocking keys are made again from the kept record, not moved.
NOT_MOVED = {"dedupe.Merge", "dedupe.PersonKey"}

ROWS, LINKS, SKIP, UNSUPPORTED = "rows", "links", "skip", "unsupported"


def merged_away_ids() -> QuerySet[Merge, int]:
    """Ids of persons merged into another record: to exclude wherever
    persons are listed or counted (a subquery, not a list)."""
    return Merge.objects.active().values_list("merged_id", flat=True)


def merged_into_id(pk: int, office_id: int) -> int | None:
    """The id of the record a person of the office now lives on, following
    merges of merges (to redirect to it); None when not merged away."""
    if not 0 < pk < 2**63:
        return None  # no such record; the database could not even compare it
    active = Merge.objects.active().filter(office_id=office_id)
    current = pk
    # No cycles: a record merged away cannot be kept in another merge.
    while (
        kept := active.filter(merged_id=current)
        .values_list("kept_id", flat=True)
        .first()
    ) is not None:
        current = kept
    return None if current == pk else current


def merged_into(person: Person) -> Person | None:
    kept = merged_into_id(person.pk, person.office_id)
    return None if kept is None else Person.objects.get(pk=kept)


# -- the relations -------------------------------------------------------


def reverse_relations() -> list[ForeignObjectRel]:
    """Every relation from another model to Person, hidden ones included."""
    return [
        rel
        for rel in Person._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel)
    ]


def handling(rel: ForeignObjectRel) -> str:
    """How a merge treats a relation: ROWS are re-pointed, LINKS re-linked
    through their many-to-many manager, SKIP left as they are."""
    model = model_of(rel)
    if issubclass(model, HistoricalChanges) or model._meta.label in NOT_MOVED:
        return SKIP
    if model._meta.auto_created:
        # The table behind a many-to-many field: moved through its field.
        return SKIP
    if isinstance(rel, ManyToManyRel):
        through = rel.through
        assert isinstance(through, type)
        # With an own through model, that model's foreign key is moved.
        return LINKS if through._meta.auto_created else SKIP
    if rel.field.many_to_one or rel.field.one_to_one:
        target = rel.field.target_field
        return ROWS if target == Person._meta.pk else UNSUPPORTED
    return UNSUPPORTED


def own_links() -> list[models.ManyToManyField]:
    """Person's own many-to-many fields (the responsible guides)."""
    return [f for f in Person._meta.many_to_many if isinstance(f, models.Field)]


def unsupported() -> list[str]:
    found = [
        f"{_label(rel)}.{rel.field.name}"
        for rel in reverse_relations()
        if handling(rel) == UNSUPPORTED
    ]
    found += [
        f"clients.Person.{f.name}"
        for f in own_links()
        if not f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]
    return found


def model_of(rel: ForeignObjectRel) -> type[models.Model]:
    model = rel.related_model
    assert isinstance(model, type)
    return model


def concrete(model: type[models.Model], name: str) -> models.Field:
    found = model._meta.get_field(name)
    assert isinstance(found, models.Field)
    return found


def _has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def _label(rel: ForeignObjectRel) -> str:
    return model_of(rel)._meta.label


def _tag(obj: models.Model, user: User, reason: str) -> models.Model:
    # simple_history reads these when it writes the historical row.
    obj._history_user = user  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj


def _values(obj: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


# -- merge ---------------------------------------------------------------


@dataclass
class _Plan:
    moves: list[tuple[ForeignObjectRel, models.Model]] = field(default_factory=list)
    drops: list[tuple[models.Model, models.Model]] = field(default_factory=list)
    links: list[tuple[ForeignObjectRel, models.Model, bool]] = field(
        default_factory=list
    )


def merge(kept: Person, merged: Person, user: User, reason: str = "") -> Merge:
    """Make `merged` part of `kept`; refused with a MergeError, never half done."""
    if kept.pk == merged.pk:
        raise MergeError(_("A record cannot be merged with itself."))
    if kept.office_id != merged.office_id:
        raise MergeError(_("Only records of the same office can be merged."))
    if user.office_id != kept.office_id:
        raise MergeError(_("You can only merge records of your own office."))
    if unsupported():
        raise MergeError(
            _("Merging is not possible at the moment. Please tell the administrator.")
        )
    try:
        with transaction.atomic():
            return _merge(kept, merged, user, reason.strip())
    except IntegrityError as error:
        # Someone merged one of the two at the same moment, or a constraint
        # this module does not read (an expression) would break.
        raise MergeError(
            _("The records were changed at the same time. Please try again.")
        ) from error


def _merge(kept: Person, merged: Person, user: User, reason: str) -> Merge:
    locked = Person.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk])
    fresh = {p.pk: p for p in locked}
    if len(fresh) != 2:
        raise MergeError(_("One of the records no longer exists."))
    kept, merged = fresh[kept.pk], fresh[merged.pk]
    away = set(
        Merge.objects.active()
        .filter(merged__in=[kept, merged])
        .values_list("merged_id", flat=True)
    )
    if merged.pk in away:
        raise MergeError(_("This record was already merged into another one."))
    if kept.pk in away:
        raise MergeError(
            _("The record to keep was itself merged into another one. Keep that one.")
        )
    plan = _plan(kept, merged)
    record = Merge.objects.create(
        office_id=kept.office_id, kept=kept, merged=merged, by=user, reason=reason
    )
    mark = f"dedupe.Merge {record.pk}"
    log = _apply(plan, kept, merged, user, mark)
    log["filled"] = _fill(kept, merged)
    if log["filled"]:
        names = [change["field"] for change in log["filled"]]
        _tag(kept, user, mark).save(update_fields=[*names, "updated_at"])
    if merged.household_id is not None:
        log["cleared"] = [
            {"field": "household", "old": merged.household_id},
            {"field": "household_role", "old": merged.household_role},
        ]
        merged.household = None
        merged.household_role = ""
        _tag(merged, user, mark).save(update_fields=[*HOUSEHOLD_FIELDS, "updated_at"])
    record.record = log
    record.save(update_fields=["record"])
    return record


def _apply(
    plan: "_Plan", kept: Person, merged: Person, user: User, mark: str
) -> dict[str, list[dict[str, Any]]]:
    """Write the plan; returns what was written, for undo."""
    log: dict[str, list[dict[str, Any]]] = {
        "moved": [],
        "linked": [],
        "own_links": [],
        "dropped": [],
        "filled": [],
        "cleared": [],
    }
    for duplicate, same_as in plan.drops:
        log["dropped"].append(
            {
                "model": duplicate._meta.label,
                "pk": duplicate.pk,
                "values": _values(duplicate),
                "same_as": same_as.pk,
            }
        )
        duplicate.delete()
    moves: dict[tuple[str, str], list[Any]] = {}
    for rel, row in plan.moves:
        moves.setdefault((_label(rel), rel.field.name), []).append(row.pk)
    for (label, name), pks in moves.items():
        _repoint(apps.get_model(label), name, pks, kept.pk, user, mark)
        log["moved"].append(
            {"model": label, "field": name, "old": merged.pk, "pks": pks}
        )
    for rel, obj, kept_had in plan.links:
        manager = getattr(_tag(obj, user, mark), rel.field.name)
        manager.remove(merged)
        if not kept_had:
            manager.add(kept)
        log["linked"].append(
            {
                "model": _label(rel),
                "pk": obj.pk,
                "field": rel.field.name,
                "old": merged.pk,
                "kept_had": kept_had,
            }
        )
    for m2m in own_links():
        theirs = getattr(merged, m2m.name)
        ours = getattr(kept, m2m.name)
        had = set(ours.values_list("pk", flat=True))
        for other in list(theirs.all()):
            theirs.remove(other)
            if other.pk not in had:
                ours.add(other)
            log["own_links"].append(
                {"field": m2m.name, "pk": other.pk, "kept_had": other.pk in had}
            )
    return log


def _plan(kept: Person, merged: Person) -> _Plan:
    """What moves, what is dropped; refuses on a row that cannot move."""
    plan = _Plan()
    for rel in reverse_relations():
        how = handling(rel)
        if how not in (ROWS, LINKS):
            continue
        model = model_of(rel)
        name = rel.field.name
        rows = model._base_manager.filter(**{name: merged}).order_by("pk")
        if how == LINKS:
            for obj in rows:
                through = getattr(obj, name)
                plan.links.append((rel, obj, through.filter(pk=kept.pk).exists()))
        elif how == ROWS:
            for row in rows:
                clash = _clash(model, rel.field, row, kept)
                if clash is None:
                    plan.moves.append((rel, row))
                elif clash[1] and _droppable(row, clash[0], rel.field):
                    plan.drops.append((row, clash[0]))
                else:
                    raise MergeError(
                        _(
                            "These records cannot be merged: each has a %(thing)s "
                            "(“%(row)s”) and a person can have only one. Change or "
                            "end one of them first."
                        )
                        % {"thing": model._meta.verbose_name, "row": row}
                    )
    return plan


def _unique_sets(
    model: type[models.Model], fk: models.Field
) -> list[tuple[tuple[str, ...], models.Q | None]]:
    sets: list[tuple[tuple[str, ...], models.Q | None]] = []
    if fk.unique:
        sets.append(((fk.name,), None))
    for together in model._meta.unique_together:
        if fk.name in together:
            sets.append((tuple(together), None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and fk.name in (
            constraint.fields or ()
        ):
            sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def _clash(
    model: type[models.Model], fk: models.Field, row: models.Model, kept: Person
) -> tuple[models.Model, bool] | None:
    """The kept person's row that `row` would collide with, and whether the
    constraint holds always (not only under a condition)."""
    manager = model._base_manager
    for names, condition in _unique_sets(model, fk):
        lookup = {}
        for name in names:
            attname = concrete(model, name).attname
            lookup[attname] = getattr(row, attname)
        lookup[fk.attname] = kept.pk
        others = manager.filter(**lookup).exclude(pk=row.pk)
        if condition is not None:
            if not manager.filter(condition, pk=row.pk).exists():
                continue
            others = others.filter(condition)
        other = others.first()
        if other is not None:
            return other, condition is None
    return None


def _droppable(row: models.Model, same_as: models.Model, fk: models.Field) -> bool:
    """A duplicate says nothing more than the kept person's row, and
    nothing else refers to it (deleting it loses nothing)."""
    ignored = {row._meta.pk.attname, fk.attname}  # type: ignore[union-attr]
    mine = {k: v for k, v in _values(row).items() if k not in ignored}
    theirs = {k: v for k, v in _values(same_as).items() if k not in ignored}
    referred = [
        rel
        for rel in row._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel)
        and not issubclass(model_of(rel), HistoricalChanges)
    ]
    return mine == theirs and not referred


def _chunks(pks: list[Any], size: int = 500) -> Iterator[list[Any]]:
    # Databases limit the parameters of one query (SQLite: 32766).
    for start in range(0, len(pks), size):
        yield pks[start : start + size]


def _repoint(
    model: type[models.Model], name: str, pks: list[Any], to: int, user: User, mark: str
) -> None:
    """Point the rows' field at another person: saved one by one where the
    model keeps history (so that it records the change), else in bulk."""
    attname = concrete(model, name).attname
    for chunk in _chunks(pks):
        rows = model._base_manager.filter(pk__in=chunk)
        if not _has_history(model):
            rows.update(**{attname: to})
            continue
        for row in rows:
            setattr(row, attname, to)
            _tag(row, user, mark).save(update_fields=[name])


def _is_unknown(person: Person, name: str) -> bool:
    value = getattr(person, concrete(Person, name).attname)
    return value in (None, "") or UNKNOWN_VALUES.get(name) == value


def _birth_date_better(kept: Person, merged: Person) -> bool:
    """The merged record's date is known and more precise than the kept one's,
    and agrees with it as far as the kept one goes."""
    if merged.birth_date is None:
        return False
    if kept.birth_date is None:
        return True
    ours = PRECISION_RANK.get(kept.birth_date_precision, 0)
    theirs = PRECISION_RANK.get(merged.birth_date_precision, 0)
    if theirs <= ours:
        return False
    same_year = kept.birth_date.year == merged.birth_date.year
    same_month = kept.birth_date.month == merged.birth_date.month
    return same_year and (ours < PRECISION_RANK[DatePrecision.MONTH] or same_month)


def _fill(kept: Person, merged: Person) -> list[dict[str, Any]]:
    names = [
        n for n in FILLED_FIELDS if _is_unknown(kept, n) and not _is_unknown(merged, n)
    ]
    if _birth_date_better(kept, merged):
        names += BIRTH_DATE_FIELDS
    if kept.household_id is None and merged.household_id is not None:
        names += HOUSEHOLD_FIELDS
    filled = []
    for name in names:
        attname = concrete(Person, name).attname
        old, new = getattr(kept, attname), getattr(merged, attname)
        if old != new:
            filled.append({"field": name, "old": old, "new": new})
            setattr(kept, attname, new)
    return filled


# -- undo ----------------------------------------------------------------


def undo(record: Merge, user: User) -> None:
    """Put everything back as it was before the merge, or refuse."""
    if user.office_id != record.office_id:
        raise MergeError(_("You can only undo merges of your own office."))
    try:
        with transaction.atomic():
            _undo(record, user)
    except IntegrityError as error:
        raise MergeError(_changed_since()) from error


def _changed_since() -> str:
    return _(
        "The records were changed since the merge, so it cannot be undone exactly."
    )


def _undo(record: Merge, user: User) -> None:
    fresh = Merge.objects.select_for_update().get(pk=record.pk)
    if fresh.undone_at is not None:
        raise MergeError(_("This merge was already undone."))
    if Merge.objects.active().filter(merged_id=fresh.kept_id).exists():
        raise MergeError(
            _(
                "The kept record was merged into another one since. "
                "Undo that merge first."
            )
        )
    kept = Person.objects.select_for_update().get(pk=fresh.kept_id)
    merged = Person.objects.select_for_update().get(pk=fresh.merged_id)
    log = fresh.record
    mark = f"dedupe.Merge {fresh.pk} undo"
    _check(log, kept, merged)

    for change in log["filled"]:
        field_ = concrete(Person, change["field"])
        setattr(kept, field_.attname, field_.to_python(change["old"]))
    if log["filled"]:
        names = [change["field"] for change in log["filled"]]
        _tag(kept, user, mark).save(update_fields=[*names, "updated_at"])
    for change in log["cleared"]:
        field_ = concrete(Person, change["field"])
        setattr(merged, field_.attname, field_.to_python(change["old"]))
    if log["cleared"]:
        names = [change["field"] for change in log["cleared"]]
        _tag(merged, user, mark).save(update_fields=[*names, "updated_at"])

    for link in log["own_links"]:
        other = _own_link_model(link["field"])._base_manager.get(pk=link["pk"])
        getattr(merged, link["field"]).add(other)
        if not link["kept_had"]:
            getattr(kept, link["field"]).remove(other)
    for link in log["linked"]:
        model = apps.get_model(link["model"])
        obj = _tag(model._base_manager.get(pk=link["pk"]), user, mark)
        manager = getattr(obj, link["field"])
        manager.add(merged)
        if not link["kept_had"]:
            manager.remove(kept)
    for move in log["moved"]:
        model = apps.get_model(move["model"])
        _repoint(model, move["field"], move["pks"], move["old"], user, mark)
    for dropped in log["dropped"]:
        model = apps.get_model(dropped["model"])
        values = {
            f.attname: f.to_python(dropped["values"][f.attname])
            for f in model._meta.concrete_fields
        }
        row = model(**values)
        if _has_history(model):
            _tag(row, user, mark)
        row.save(force_insert=True)

    fresh.undone_at = timezone.now()
    fresh.undone_by = user
    fresh.save(update_fields=["undone_at", "undone_by"])
    record.undone_at, record.undone_by = fresh.undone_at, user


def _own_link_model(name: str) -> type[models.Model]:
    model = concrete(Person, name).related_model
    assert isinstance(model, type)
    return model


def _check(log: dict[str, list[dict[str, Any]]], kept: Person, merged: Person) -> None:
    """Refuse when a row the merge wrote is no longer as the merge left it."""
    for change in log["filled"]:
        field_ = concrete(Person, change["field"])
        if getattr(kept, field_.attname) != field_.to_python(change["new"]):
            raise MergeError(
                _(
                    "“%(field)s” of the kept record was changed since the merge, "
                    "so it cannot be undone exactly."
                )
                % {"field": field_.verbose_name}
            )
    for change in log["cleared"]:
        field_ = concrete(Person, change["field"])
        if getattr(merged, field_.attname) not in (None, ""):
            raise MergeError(_changed_since())
    for link in log["own_links"]:
        model = _own_link_model(link["field"])
        if not model._base_manager.filter(pk=link["pk"]).exists():
            raise MergeError(_changed_since())
        moved = getattr(kept, link["field"]).filter(pk=link["pk"]).exists()
        if not link["kept_had"] and not moved:
            raise MergeError(_changed_since())
    for link in log["linked"]:
        model = _model(link["model"])
        obj = model._base_manager.filter(pk=link["pk"]).first()
        if obj is None or (
            not link["kept_had"]
            and not getattr(obj, link["field"]).filter(pk=kept.pk).exists()
        ):
            raise MergeError(_gone(model, link["pk"]))
    for move in log["moved"]:
        model = _model(move["model"])
        for chunk in _chunks(move["pks"]):
            still = model._base_manager.filter(pk__in=chunk, **{move["field"]: kept})
            missing = set(chunk) - set(still.values_list("pk", flat=True))
            if missing:
                raise MergeError(_gone(model, min(missing)))
    for dropped in log["dropped"]:
        model = _model(dropped["model"])
        if model._base_manager.filter(pk=dropped["pk"]).exists():
            raise MergeError(_changed_since())


def _model(label: str) -> type[models.Model]:
    try:
        return apps.get_model(label)
    except LookupError as error:
        raise MergeError(_changed_since()) from error


def _gone(model: type[models.Model], pk: int) -> str:
    return _(
        "The %(thing)s no. %(pk)s that the merge moved was deleted or changed "
        "since, so the merge cannot be undone exactly."
    ) % {"thing": model._meta.verbose_name, "pk": pk}
