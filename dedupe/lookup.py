"""Likely existing persons for a record being taken in.

Candidates come from the stored blocking keys (models.PersonKey): a few
indexed queries, the same on SQLite and PostgreSQL. Keys shared by very many
persons (the key of "Mohammed" alone, or of a common name in one birth
year) are not used: their block would be thousands of persons, and the
smaller keys of the same record (another name part, a pair of name parts,
a part with the birth year) find the same person. The candidates are then
scored one by one by the matcher, with term frequencies from the same key
counts, so that a common name counts for little.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from clients.models import Person

from .keys import FIELDS, record_of
from .matching import Match, Record, blocking_keys, compare
from .merge import merged_away_ids
from .models import PersonKey
from .quality import THRESHOLD

# Blocks are taken smallest first until they hold this many key rows (at
# least one block, however large it is, so that a record of only common
# names still finds its candidates); a key of more persons than BLOCK_LIMIT
# is left out when smaller ones exist.
BLOCK_ROWS = 3000
BLOCK_LIMIT = 20000
# Scored per lookup at the most: the persons sharing the most keys with the
# record (counted in the database).
CANDIDATE_LIMIT = 150
# The persons of an office, for term frequencies; recounted hourly.
TOTAL_SECONDS = 3600
# Frequencies are shares of at least this many persons: in a small office
# every name would otherwise look common (one Karimi of three persons).
MIN_POPULATION = 5000


@dataclass(frozen=True)
class Found:
    person_id: int
    match: Match

    @property
    def score(self) -> float:
        return self.match.score


def office_size(office_id: int) -> int:
    key = f"dedupe-office-size-{office_id}"
    size = cache.get(key)
    if size is None:
        size = Person.objects.filter(office_id=office_id).count()
        cache.set(key, size, TOTAL_SECONDS)
    return max(int(size), MIN_POPULATION)


def likely_persons(
    office_id: int,
    record: Record,
    *,
    exclude: Iterable[int] = (),
    threshold: float = THRESHOLD,
    limit: int = 10,
) -> list[Found]:
    """The office's persons that are likely the same as the record, best
    first, with the matcher's score and reasons."""
    keys = blocking_keys(record)
    if not keys:
        return []
    sizes = dict(
        PersonKey.objects.filter(office_id=office_id, key__in=keys)
        .values("key")
        # COUNT(*), not COUNT(id): PostgreSQL answers it from the index alone.
        .annotate(n=Count("*"))
        .values_list("key", "n")
        .order_by()
    )
    ids = _candidates(office_id, _blocks(sizes), set(exclude))
    if not ids:
        return []
    total = office_size(office_id)

    def frequency(token_key: str) -> float:
        return sizes.get(f"t:{token_key}", 1) / total

    persons = (
        Person.objects.filter(pk__in=ids)
        .exclude(pk__in=merged_away_ids())
        .values(*FIELDS)
    )
    found = [
        Found(values["pk"], compare(record, record_of(values), frequency))
        for values in persons
    ]
    found = [item for item in found if item.score >= threshold]
    found.sort(key=lambda item: (-item.score, item.person_id))
    return found[:limit]


def _blocks(sizes: dict[str, int]) -> list[str]:
    """The smallest blocks, until they hold BLOCK_ROWS rows."""
    chosen: list[str] = []
    rows = 0
    for key in sorted(sizes, key=sizes.__getitem__):
        size = sizes[key]
        if chosen and (rows + size > BLOCK_ROWS or size > BLOCK_LIMIT):
            break
        chosen.append(key)
        rows += size
    return chosen


def _candidates(office_id: int, blocks: list[str], exclude: set[int]) -> list[int]:
    """The persons who share the most of these keys with the record."""
    if not blocks:
        return []
    rows = (
        PersonKey.objects.filter(office_id=office_id, key__in=blocks)
        .exclude(person_id__in=exclude)
        .values("person_id")
        .annotate(shared=Count("*"))
        .order_by("-shared", "person_id")
        .values_list("person_id", flat=True)[:CANDIDATE_LIMIT]
    )
    return list(rows)
