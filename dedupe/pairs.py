"""The office's likely duplicates, ranked: pairs of persons that share a
small blocking key, scored by the matcher."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.core.cache import cache
from django.db.models import Count, Max

from clients.models import Person

from .keys import FIELDS, record_of
from .lookup import office_size
from .matching import Match, compare
from .merge import merged_away_ids
from .models import Merge, PersonKey
from .quality import THRESHOLD

# Blocks of more persons give too many pairs to score; their members meet
# in smaller blocks (a pair of name parts, a part with the birth year).
PAIR_BLOCK_LIMIT = 40
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Pair:
    first_id: int
    second_id: int
    match: Match


def office_pairs(office_id: int) -> list[Pair]:
    """Every likely pair of the office, best first; kept for ten minutes
    unless a person or a merge changed since."""
    version = hashlib.sha256(_version(office_id).encode()).hexdigest()[:16]
    key = f"dedupe-pairs-{office_id}-{version}"
    found = cache.get(key)
    if found is None:
        found = _pairs(office_id)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _version(office_id: int) -> str:
    persons = Person.objects.filter(office_id=office_id).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    merges = Merge.objects.filter(office_id=office_id).aggregate(
        n=Count("id"), undone=Max("undone_at")
    )
    return f"{persons['n']}-{persons['changed']}-{merges['n']}-{merges['undone']}"


def _pairs(office_id: int) -> list[Pair]:
    away = set(merged_away_ids())
    small = (
        PersonKey.objects.filter(office_id=office_id)
        .values("key")
        .annotate(n=Count("id"))
        .filter(n__gte=2, n__lte=PAIR_BLOCK_LIMIT)
        .values("key")
    )
    blocks: dict[str, list[int]] = defaultdict(list)
    for key, person_id in PersonKey.objects.filter(
        office_id=office_id, key__in=small
    ).values_list("key", "person_id"):
        if person_id not in away:
            blocks[key].append(person_id)
    candidates = {
        pair for members in blocks.values() for pair in combinations(sorted(members), 2)
    }
    sizes = dict(
        PersonKey.objects.filter(office_id=office_id, key__startswith="t:")
        .values("key")
        .annotate(n=Count("id"))
        .values_list("key", "n")
        .order_by()
    )
    total = office_size(office_id)

    def frequency(token_key: str) -> float:
        return sizes.get(f"t:{token_key}", 1) / total

    involved = {pk for pair in candidates for pk in pair}
    # The office's persons in one pass (a list of ids could pass the
    # database's limit of parameters).
    records = {
        values["pk"]: record_of(values)
        for values in Person.objects.filter(office_id=office_id)
        .values(*FIELDS)
        .iterator(chunk_size=5000)
        if values["pk"] in involved
    }
    scored = []
    for first, second in candidates:
        match = compare(records[first], records[second], frequency)
        if match.score >= THRESHOLD:
            scored.append(Pair(first, second, match))
    scored.sort(key=lambda pair: (-pair.match.score, pair.first_id, pair.second_id))
    return scored
