"""Taking people in: a recognition list checked and committed, or one person.

A list is checked before anything is written (ImportRow per row), then
committed whole in one transaction: a failure in the middle leaves no person
and no care behind, and the list stays checked for another try. Lists of
more than TASK_THRESHOLD rows are checked and committed by the task worker.
"""

import datetime
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Municipality, Office, User
from clients.models import DatePrecision, Nationality, Person, PersonLanguage
from dedupe.tasks import enqueue_keys
from lib.names import name_key

from .actions import plan_for
from .intake import (
    Cell,
    ListError,
    PersonIndex,
    check_rows,
    count_rows,
    iter_rows,
    read_table,
)
from .models import (
    Care,
    CareKind,
    CareSpell,
    ImportRow,
    ImportStatus,
    PlanStep,
    PlanTemplate,
    RecognitionImport,
    RowOutcome,
    file_digest,
)
from .templates_seed import ensure_templates

logger = logging.getLogger(__name__)

TASK_THRESHOLD = 2_000
BATCH = 2_000


class CommitRefused(Exception):
    """The list cannot be committed as asked; the message says why."""


def receive_list(
    office: Office, user: User, content: bytes, name: str, source: str
) -> RecognitionImport:
    """Keep the file and check it: now, or by the worker when it is long."""
    found = RecognitionImport.objects.create(
        office=office,
        source=source,
        file_name=name[:255],
        original=content,
        digest=file_digest(content),
        uploaded_by=user,
    )
    try:
        table = read_table(content, name)
    except ListError as error:
        _fail(found, str(error))
        return found
    found.rows_total = count_rows(table)
    found.save(update_fields=["rows_total"])
    if found.rows_total > TASK_THRESHOLD:
        from .intake_tasks import check_list

        language = translation.get_language()
        transaction.on_commit(lambda: check_list.enqueue(found.pk, language))
    else:
        check_import(found, table)
    return found


def _fail(found: RecognitionImport, problem: str) -> None:
    found.rows.all().delete()
    found.status, found.problem, found.rows_done = ImportStatus.FAILED, problem, 0
    found.save(update_fields=["status", "problem", "rows_done"])


def check_import(
    found: RecognitionImport, table: list[list[Cell]] | None = None
) -> None:
    """Every row's outcome stored; the import CHECKED or FAILED."""
    try:
        if table is None:
            table = read_table(bytes(found.original), found.file_name)
        checked = check_rows(iter_rows(table, found.office), PersonIndex(found.office))
        found.rows.all().delete()
        batch: list[ImportRow] = []
        done = 0
        for row in checked:
            batch.append(
                ImportRow(
                    source=found,
                    number=row.number,
                    data=row.data,
                    outcome=row.outcome,
                    message=row.message,
                    person_id=row.person_id,
                )
            )
            if len(batch) == BATCH:
                done += _store(found, batch)
        done += _store(found, batch)
    except ListError as error:
        _fail(found, str(error))
        return
    found.status, found.rows_total, found.problem = ImportStatus.CHECKED, done, ""
    found.save(update_fields=["status", "rows_total", "rows_done", "problem"])


def _store(found: RecognitionImport, batch: list[ImportRow]) -> int:
    ImportRow.objects.bulk_create(batch)
    count = len(batch)
    found.rows_done += count
    # Progress for the page that refreshes itself meanwhile.
    RecognitionImport.objects.filter(pk=found.pk).update(rows_done=found.rows_done)
    batch.clear()
    return count


def outcome_counts(found: RecognitionImport) -> dict[str, int]:
    counts = Counter(found.rows.values_list("outcome", flat=True))
    return {outcome: counts.get(outcome, 0) for outcome in RowOutcome.values}


def commit_import(found: RecognitionImport, user: User, skip_errors: bool) -> bool:
    """Start the commit; True when it is done already, False when queued."""
    counts = outcome_counts(found)
    if counts[RowOutcome.ERROR] and not skip_errors:
        raise CommitRefused(
            _(
                "Some rows have errors. Correct the list and upload it again, or "
                "tick the box to import the rows without errors."
            )
        )
    claimed = RecognitionImport.objects.filter(
        pk=found.pk, status=ImportStatus.CHECKED
    ).update(status=ImportStatus.IMPORTING, rows_done=0, problem="")
    if not claimed:
        raise CommitRefused(_("This list is no longer waiting for a decision."))
    if counts[RowOutcome.NEW] + counts[RowOutcome.EXISTING] > TASK_THRESHOLD:
        from .intake_tasks import commit_list

        language = translation.get_language()
        transaction.on_commit(lambda: commit_list.enqueue(found.pk, user.pk, language))
        return False
    return run_commit(found.pk, user.pk)


def run_commit(import_id: int, user_id: int) -> bool:
    """All rows or none; on failure the list is CHECKED again with the problem."""
    found = RecognitionImport.objects.select_related("office").get(pk=import_id)
    user = User.objects.get(pk=user_id)
    try:
        with transaction.atomic():
            written = _write(found, user)
            found.status, found.committed_at = ImportStatus.DONE, timezone.now()
            found.rows_done = written
            found.save(update_fields=["status", "committed_at", "rows_done"])
    except Exception:
        logger.exception("Import %s failed and was rolled back", import_id)
        RecognitionImport.objects.filter(pk=import_id).update(
            status=ImportStatus.CHECKED,
            rows_done=0,
            problem=_(
                "The import failed and nothing was stored. Check the list again "
                "or ask the administrator."
            ),
        )
        return False
    return True


def _person_from(office: Office, data: dict[str, Any]) -> Person:
    born = data.get("birth_date")
    family, given = data["family_name"], data["given_names"]
    return Person(
        office=office,
        family_name=family,
        given_names=given,
        birth_date=datetime.date.fromisoformat(born) if born else None,
        birth_date_precision=data.get("birth_date_precision", DatePrecision.DAY),
        municipality_id=data.get("municipality_id"),
        phone=data.get("phone", ""),
        # bulk_create skips Person.save(), which sets the key otherwise.
        name_key=name_key(family, given, ""),
    )


def _write(found: RecognitionImport, user: User) -> int:
    office = found.office
    rows = list(
        found.rows.filter(outcome__in=[RowOutcome.NEW, RowOutcome.EXISTING]).order_by(
            "number"
        )
    )
    new_rows = [row for row in rows if row.outcome == RowOutcome.NEW]
    persons = Person.objects.bulk_create(
        [_person_from(office, row.data) for row in new_rows], batch_size=BATCH
    )
    _add_history(Person, persons, user)
    # The duplicate lookup's keys follow in the background, once committed.
    ids = [person.pk for person in persons]
    transaction.on_commit(lambda: enqueue_keys(ids))
    person_of: dict[int, int] = {
        row.number: row.person_id for row in rows if row.person_id
    }
    for row, person in zip(new_rows, persons, strict=True):
        row.person_id = person_of[row.number] = person.pk
    Nationality.objects.bulk_create(
        (
            Nationality(
                person_id=person_of[row.number], country=row.data["nationality"]
            )
            for row in new_rows
            if row.data.get("nationality")
        ),
        batch_size=BATCH,
    )
    PersonLanguage.objects.bulk_create(
        (
            PersonLanguage(person_id=person_of[row.number], code=row.data["language"])
            for row in new_rows
            if row.data.get("language")
        ),
        batch_size=BATCH,
    )
    today = timezone.localdate()
    cares = Care.objects.bulk_create(
        [
            Care(
                office=office,
                person_id=person_of[row.number],
                kind=CareKind.RECOGNITION,
                source=found.source,
                recognised_on=datetime.date.fromisoformat(row.data["recognised_on"]),
                started_on=today,
                created_by=user,
            )
            for row in rows
        ],
        batch_size=BATCH,
    )
    _add_history(Care, cares, user)
    # The first steps are copied when a guide takes the care on (assign):
    # a list of 100,000 would otherwise write 1.2 million steps nobody works
    # on yet, and the due dates count better from the guide's first day.
    for row, care in zip(rows, cares, strict=True):
        row.care_id = care.pk
    # One plain UPDATE per row through executemany: bulk_update's CASE and
    # the ORM's per-value work take most of the time at 100,000 rows.
    table = connection.ops.quote_name(ImportRow._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET person_id = %s, care_id = %s WHERE id = %s",
            [(row.person_id, row.care_id, row.pk) for row in rows],
        )
    return len(rows)


def _chunks(items: list[int], size: int = 5_000) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _add_history(model: type[Person] | type[Care], objs: list[Any], user: User) -> None:
    """The "created" history rows, as simple_history's save() would write them,
    copied in the database from the rows just written."""
    history = model.history.model  # type: ignore[union-attr]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in history.tracked_fields)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for pks in _chunks([obj.pk for obj in objs]):
            marks = ", ".join(["%s"] * len(pks))
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, "
                "history_date, history_type, history_user_id, history_change_reason) "
                f"SELECT {columns}, %s, %s, %s, NULL "
                f"FROM {quote(model._meta.db_table)} "
                f"WHERE id IN ({marks})",
                [now, "+", user.pk, *pks],
            )


def discard_import(found: RecognitionImport) -> bool:
    discarded = RecognitionImport.objects.filter(
        pk=found.pk, status__in=[ImportStatus.CHECKED, ImportStatus.FAILED]
    ).update(status=ImportStatus.DISCARDED)
    if discarded:
        found.rows.all().delete()
    return bool(discarded)


# --- One person at a time ------------------------------------------------------


@dataclass
class Intake:
    family_name: str
    given_names: str
    birth_date: datetime.date
    birth_date_precision: str
    nationality: str
    municipality: Municipality
    recognised_on: datetime.date
    source: str
    phone: str = ""
    language: str = ""
    guide: User | None = None


def take_in(
    office: Office, user: User, intake: Intake, person: Person | None = None
) -> Care:
    """The person (new unless given) and the care, with the guide's spell."""
    with transaction.atomic():
        if person is None:
            person = Person.objects.create(
                office=office,
                family_name=intake.family_name,
                given_names=intake.given_names,
                birth_date=intake.birth_date,
                birth_date_precision=intake.birth_date_precision,
                municipality=intake.municipality,
                phone=intake.phone,
            )
            if intake.nationality:
                Nationality.objects.create(person=person, country=intake.nationality)
            if intake.language:
                PersonLanguage.objects.create(person=person, code=intake.language)
        care = Care.objects.create(
            office=office,
            person=person,
            kind=CareKind.RECOGNITION,
            guide=intake.guide,
            source=intake.source,
            recognised_on=intake.recognised_on,
            created_by=user,
        )
        ensure_templates(office)
        template = PlanTemplate.objects.get(office=office, kind=CareKind.RECOGNITION)
        PlanStep.objects.bulk_create(plan_for(care, list(template.steps.all())))
        if intake.guide is not None:
            CareSpell.objects.create(
                care=care, guide=intake.guide, began_on=care.started_on
            )
            person.guides.add(intake.guide)
    return care
