"""Everything stored about a person (Art. 15 GDPR), as data and as a PDF.

The report walks the registry: every model declared as holding data about
clients, found from the person along its declared paths, with every field
that is not an internal key, the earlier versions kept by the history
tables, the consents and the log of who opened the record. Records of
persons merged into this one belong to it and are included.

Labels and values are written in the language chosen for the report (the
person's language where the portal has it); the JSON has both the raw
value and the words, so that it is readable and can be processed.
"""

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from clients.models import Person
from dedupe.models import Merge
from lib.pdf import html_to_pdf
from portal import languages

from .registry import About, client_models

# ISO 639-3 codes of a person's languages → the portal language to write in.
REPORT_LANGUAGE_OF = {
    "deu": "de",
    "eng": "en",
    "ara": "ar",
    "apc": "ar",
    "arz": "ar",
    "fas": "fa",
    "pes": "fa",
    "prs": "fa",
    "ukr": "uk",
    "rus": "ru",
    "tur": "tr",
}
# Always the same for every row of an office, or said elsewhere in the report.
LEFT_OUT = {"id", "office"}
# Labels for fields declared without one (Django would show the bare name).
LABELS = {
    "at": translation.gettext_lazy("when"),
    "care": translation.gettext_lazy("guide service"),
    "cancelled_at": translation.gettext_lazy("cancelled at"),
    "concern": translation.gettext_lazy("concern"),
    "consent": translation.gettext_lazy("consent"),
    "content_type": translation.gettext_lazy("type of file"),
    "created_at": translation.gettext_lazy("created at"),
    "created_by": translation.gettext_lazy("created by"),
    "data": translation.gettext_lazy("data of the row"),
    "done_by": translation.gettext_lazy("done by"),
    "guide": translation.gettext_lazy("integration guide"),
    "key": translation.gettext_lazy("search key"),
    "mediator": translation.gettext_lazy("language mediator"),
    "needs_consent": translation.gettext_lazy("needs consent"),
    "path": translation.gettext_lazy("page"),
    "person": translation.gettext_lazy("person"),
    "recorded_at": translation.gettext_lazy("recorded at"),
    "recorded_by": translation.gettext_lazy("recorded by"),
    "reminder_sent_at": translation.gettext_lazy("reminder sent at"),
    "request": translation.gettext_lazy("mediator request"),
    "rule": translation.gettext_lazy("consultation hours"),
    "size": translation.gettext_lazy("size in bytes"),
    "source": translation.gettext_lazy("source"),
    "submission": translation.gettext_lazy("portal submission"),
    "updated_at": translation.gettext_lazy("changed at"),
    "user": translation.gettext_lazy("who"),
}


@dataclass
class Value:
    name: str
    label: str
    raw: Any
    shown: str


@dataclass
class Version:
    at: datetime.datetime
    kind: str
    by: str
    changes: list[Value]


@dataclass
class Record:
    number: int
    title: str
    values: list[Value]
    versions: list[Version] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    records: list[Record]


@dataclass
class Disclosure:
    person: Person
    language: str
    made_at: datetime.datetime
    sections: list[Section]

    @property
    def record_count(self) -> int:
        return sum(len(section.records) for section in self.sections)


def report_language(person: Person) -> str:
    """The first of the person's languages the portal speaks; else German."""
    for code in person.languages.values_list("code", flat=True):
        if code in REPORT_LANGUAGE_OF:
            return REPORT_LANGUAGE_OF[code]
    return languages.SOURCE.code


def person_ids(person: Person) -> list[int]:
    """The person and every record merged into it, following merge chains."""
    found = [person.pk]
    frontier = [person.pk]
    while frontier:
        frontier = list(
            Merge.objects.active()
            .filter(kept_id__in=frontier)
            .values_list("merged_id", flat=True)
        )
        found.extend(frontier)
    return found


def disclose(person: Person, language: str) -> Disclosure:
    with translation.override(language):
        ids = person_ids(person)
        sections = [
            _section(model, declared, ids) for model, declared in client_models()
        ]
        return Disclosure(
            person=person,
            language=language,
            made_at=timezone.now(),
            sections=[s for s in sections if s.records],
        )


def rows_of(
    model: type[models.Model], declared: About, ids: list[int]
) -> models.QuerySet:
    reaches = Q()
    for path in declared.paths:
        reaches |= Q(**{f"{path}__in": ids})
    return model._default_manager.filter(reaches).distinct().order_by("pk")


def shown_fields(model: type[models.Model], declared: About) -> list[models.Field]:
    fields: list[models.Field] = []
    for f in model._meta.get_fields():
        if not f.concrete or f.auto_created and not f.many_to_many:
            continue
        if f.name in LEFT_OUT or f.name in declared.hidden:
            continue
        fields.append(f)  # type: ignore[arg-type]
    return fields


def _section(model: type[models.Model], declared: About, ids: list[int]) -> Section:
    fields = shown_fields(model, declared)
    # Related rows and earlier versions in a few queries per table, not a
    # few per row: a long-known person has thousands of log entries.
    one = [f.name for f in fields if f.is_relation and not f.many_to_many]
    many = [f.name for f in fields if f.many_to_many]
    rows = list(
        rows_of(model, declared, ids).select_related(*one).prefetch_related(*many)
    )
    pasts = _history_of(model, [row.pk for row in rows])
    records = [
        Record(
            number=row.pk,
            title=str(row),
            values=[_value(row, f) for f in fields],
            versions=_versions(pasts.get(row.pk, []), fields),
        )
        for row in rows
    ]
    return Section(
        key=model._meta.label_lower,
        title=str(model._meta.verbose_name_plural),
        records=records,
    )


def label_of(f: models.Field) -> Promise | str:
    if isinstance(f.verbose_name, Promise):
        return f.verbose_name
    return LABELS.get(f.name, f.verbose_name)


def _value(row: models.Model, f: models.Field) -> Value:
    raw, shown = _read(row, f)
    return Value(f.name, str(label_of(f)), raw, shown)


def report_msgids() -> set[str]:
    """The source texts the report shows besides its template: these need
    a translation in every portal language (tools/check_translations.py)."""
    found = {str(label) for label in LABELS.values()}
    found |= {str(label) for _kind, label in KINDS} | {"yes", "no"}
    with translation.override(None):
        for model, declared in client_models():
            found.add(str(model._meta.verbose_name_plural))
            for f in shown_fields(model, declared):
                found.add(str(label_of(f)))
                found |= {str(label) for _value, label in f.flatchoices}
    return found


def _read(row: models.Model, f: models.Field) -> tuple[Any, str]:
    if f.many_to_many:
        related = list(getattr(row, f.name).all())
        return [r.pk for r in related], ", ".join(str(r) for r in related)
    if f.is_relation:
        pk = getattr(row, f.attname)
        try:
            target = getattr(row, f.name)
        except ObjectDoesNotExist:  # a history row may name a deleted row
            target = pk
        return pk, "" if target is None else str(target)
    value = getattr(row, f.attname)
    if f.choices and value not in (None, ""):
        return value, str(dict(f.flatchoices).get(value, value))
    return _plain(value), _words(value)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, int | float | str | bool | list | dict) or value is None:
        return value
    return str(value)


def _words(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return formats.localize(value) if not isinstance(value, str) else value


def _history_of(model: type[models.Model], pks: list[int]) -> dict[int, list]:
    """Each row's earlier states from the history table, oldest first."""
    history = getattr(model, "history", None)
    found: dict[int, list] = {}
    if history is None or not pks:
        return found
    pasts = (
        history.model.objects.filter(id__in=pks)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    for past in pasts:
        found.setdefault(past.id, []).append(past)
    return found


def _versions(pasts: list, fields: list[models.Field]) -> list[Version]:
    """What changed from one earlier state to the next, when, by whom."""
    if not pasts:
        return []
    kept = {f.name for f in pasts[0]._meta.get_fields()}
    plain = [f for f in fields if not f.many_to_many and f.name in kept]
    versions = []
    before: dict[str, Any] = {}
    for past in pasts:
        changes = []
        for f in plain:
            raw = getattr(past, f.attname, None)
            if before.get(f.name, object()) != raw:
                changes.append(_value(past, f))
            before[f.name] = raw
        versions.append(
            Version(
                at=past.history_date,
                kind=str(dict(KINDS).get(past.history_type, past.history_type)),
                by=str(past.history_user or ""),
                changes=changes,
            )
        )
    return versions


KINDS = [
    ("+", translation.gettext_lazy("created")),
    ("~", translation.gettext_lazy("changed")),
    ("-", translation.gettext_lazy("deleted")),
]


def as_json(disclosure: Disclosure) -> str:
    with translation.override(disclosure.language):
        document = {
            "person": disclosure.person.pk,
            "office": str(disclosure.person.office),
            "made_at": disclosure.made_at.isoformat(),
            "language": disclosure.language,
            "sections": [
                {
                    "table": section.key,
                    "title": section.title,
                    "records": [_record_json(record) for record in section.records],
                }
                for section in disclosure.sections
            ],
        }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _record_json(record: Record) -> dict[str, Any]:
    return {
        "number": record.number,
        "title": record.title,
        "values": [vars(value) for value in record.values],
        "versions": [
            {
                "at": version.at.isoformat(),
                "kind": version.kind,
                "by": version.by,
                "changes": [vars(value) for value in version.changes],
            }
            for version in record.versions
        ],
    }


def as_pdf(disclosure: Disclosure) -> bytes:
    language = languages.get_language(disclosure.language)
    with translation.override(language.code):
        html = render_to_string(
            "privacy/pdf/disclosure.html",
            {"disclosure": disclosure, "language": language},
        )
    return html_to_pdf(html)
