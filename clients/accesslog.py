"""The access log as a hash chain per office: append, prune, verify.

Entry n of an office stores digest_n = SHA-256(digest_{n-1}, its own values),
starting from the chain's anchor (the genesis, or the last pruned entry).
Changing an entry's values breaks its digest; recomputing that digest breaks
the next entry's; deleting entries leaves a gap in the sequence; deleting the
newest ones disagrees with the head row (AccessChain). Whoever can rewrite
the head and every later entry can rewrite history: that is why the verify
command prints the head digest for the operator to note outside the system.
"""

import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import Office

from .models import GENESIS_DIGEST, AccessChain, PersonAccess

# Rows fetched per round trip while walking a chain.
CHUNK_SIZE = 2000


class AccessLogBroken(Exception):
    """The chain does not verify; raised where going on would hide it."""


def entry_digest(
    previous: str,
    sequence: int,
    office_id: int,
    user_id: int,
    person_number: int,
    at: datetime.datetime,
    path: str,
) -> str:
    # JSON of ints and one string is unambiguous; the time in UTC with
    # microseconds reads back the same from SQLite and PostgreSQL.
    values = [
        sequence,
        office_id,
        user_id,
        person_number,
        at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        path,
    ]
    canonical = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def digest_of(previous: str, entry: PersonAccess) -> str:
    return entry_digest(
        previous,
        entry.sequence,
        entry.office_id,
        entry.user_id,
        entry.person_number,
        entry.at,
        entry.path,
    )


# -- append --------------------------------------------------------------


def append(entries: Sequence[PersonAccess]) -> None:
    """Add new entries to their offices' chains, in the order given.

    One locked head read, one insert and one head update per office.
    """
    if not entries:
        return
    office_ids = sorted({e.office_id for e in entries})
    with transaction.atomic():
        heads = _locked_heads(office_ids)
        for entry in entries:
            head = heads[entry.office_id]
            if entry.person_number is None:
                entry.person_number = entry.person_id
            head.last_sequence += 1
            entry.sequence = head.last_sequence
            entry.digest = digest_of(head.last_digest, entry)
            head.last_digest = entry.digest
        PersonAccess.objects.bulk_create(entries)
        for office_id in office_ids:
            heads[office_id].save(update_fields=["last_sequence", "last_digest"])


def _locked_heads(office_ids: list[int]) -> dict[int, AccessChain]:
    # Always in office order, so that two appends never wait for each other
    # crosswise.
    def lock() -> dict[int, AccessChain]:
        rows = AccessChain.objects.select_for_update().filter(office_id__in=office_ids)
        return {h.office_id: h for h in rows.order_by("office_id")}

    heads = lock()
    if len(heads) < len(office_ids):
        # An office's first entry. get_or_create survives a rival creating
        # the same head; the lock is taken afterwards.
        for office_id in office_ids:
            if office_id not in heads:
                AccessChain.objects.get_or_create(office_id=office_id)
        heads = lock()
    return heads


# -- verify --------------------------------------------------------------


@dataclass
class Walk:
    """What walking (part of) a chain found; stops at the first broken entry."""

    entries: int
    last_sequence: int
    last_digest: str
    last_id: int | None = None
    problem: str = ""
    broken_sequence: int | None = None
    broken_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem

    def breaks(self, sequence: int, pk: int | None, problem: str) -> None:
        self.problem = problem
        self.broken_sequence = sequence
        self.broken_id = pk


def walk(office_id: int, after: int, digest: str, upto: int) -> Walk:
    """Recompute the chain from the entry after sequence `after` (whose
    digest is `digest`) up to sequence `upto`."""
    found = Walk(entries=0, last_sequence=after, last_digest=digest)
    entries = PersonAccess.objects.filter(
        office_id=office_id, sequence__gt=after, sequence__lte=upto
    )
    for entry in entries.order_by("sequence").iterator(chunk_size=CHUNK_SIZE):
        expected = found.last_sequence + 1
        if entry.sequence != expected:
            found.breaks(entry.sequence, entry.pk, _gap(expected, entry.sequence))
            return found
        computed = digest_of(found.last_digest, entry)
        if computed != entry.digest:
            problem = (
                f"its digest {entry.digest} differs from the {computed} computed "
                "from its values and the previous entry's digest: this entry "
                "or the one before it was changed"
            )
            found.breaks(entry.sequence, entry.pk, problem)
            return found
        found.entries += 1
        found.last_sequence = entry.sequence
        found.last_digest = entry.digest
        found.last_id = entry.pk
    if found.last_sequence != upto:
        # The newest entries, up to the head, are gone.
        missing = found.last_sequence + 1
        found.breaks(missing, None, _missing(missing, upto))
    return found


def _gap(expected: int, sequence: int) -> str:
    if sequence < expected:
        return "its sequence number was used before"
    return f"{_missing(expected, sequence - 1)} before it"


def _missing(first: int, last: int) -> str:
    if first == last:
        return f"the entry with sequence {first} is missing"
    return f"the entries with sequence {first} to {last} are missing"


@dataclass
class Verdict:
    """An office's whole chain, checked against its head."""

    office: Office
    walk: Walk
    head_digest: str

    @property
    def ok(self) -> bool:
        return self.walk.ok


def verify_chain(office: Office | int) -> Verdict:
    """Walk the office's chain from its anchor to its head.

    Entries appended meanwhile lie behind the head that was read first and
    wait for the next run; a prune meanwhile moves the anchor, so then the
    walk is repeated from the new one.
    """
    if isinstance(office, int):
        office = Office.objects.get(pk=office)
    head = AccessChain.objects.filter(office=office).first()
    if head is None:
        return _headless(office)
    found = _walk_from_anchor(head)
    if not found.ok and _anchor_moved(head):
        head = AccessChain.objects.get(office=office)
        found = _walk_from_anchor(head)
    if found.ok:
        _check_ends(head, found)
    return Verdict(office=office, walk=found, head_digest=head.last_digest)


def _walk_from_anchor(head: AccessChain) -> Walk:
    return walk(
        head.office_id, head.anchor_sequence, head.anchor_digest, head.last_sequence
    )


def _anchor_moved(head: AccessChain) -> bool:
    now = AccessChain.objects.filter(pk=head.pk).values_list(
        "anchor_sequence", flat=True
    )
    return now.first() != head.anchor_sequence


def _check_ends(head: AccessChain, found: Walk) -> None:
    """The walk agrees with the head, and no entry lies outside the chain."""
    if found.last_digest != head.last_digest:
        problem = (
            f"the chain's head names digest {head.last_digest} for it, "
            f"but the entry's digest is {found.last_digest}"
        )
        found.breaks(head.last_sequence, found.last_id, problem)
        return
    entries = PersonAccess.objects.filter(office_id=head.office_id)
    before = entries.filter(sequence__lte=head.anchor_sequence).first()
    if before is not None:
        found.breaks(before.sequence, before.pk, "the entry lies before the anchor")
        return
    beyond = (
        entries.filter(sequence__gt=head.last_sequence).order_by("sequence").first()
    )
    # Appends move the head in the same transaction: an entry past it is
    # one appended since the head was read, or one slipped in.
    if beyond is not None and not _head_reaches(head, beyond.sequence):
        found.breaks(beyond.sequence, beyond.pk, "the entry lies beyond the head")


def _head_reaches(head: AccessChain, sequence: int) -> bool:
    now = AccessChain.objects.filter(pk=head.pk).values_list("last_sequence", flat=True)
    return (now.first() or 0) >= sequence


def _headless(office: Office) -> Verdict:
    found = Walk(entries=0, last_sequence=0, last_digest=GENESIS_DIGEST)
    first = PersonAccess.objects.filter(office=office).order_by("sequence").first()
    if first is not None:
        found.breaks(first.sequence, first.pk, "the office has entries but no head")
    return Verdict(office=office, walk=found, head_digest=GENESIS_DIGEST)


# -- prune ---------------------------------------------------------------


def prune_access_log(office: Office | int, before: datetime.datetime) -> int:
    """Delete the office's entries older than `before` from the start of
    the chain; returns how many went.

    Only a prefix goes: an old entry behind a newer one (clocks are not
    monotonic) waits until that one is old too. The part that goes is
    verified first (AccessLogBroken otherwise, nothing deleted), and the last
    deleted entry becomes the anchor, so the rest still verifies.
    """
    office_id = _pk(office)
    with transaction.atomic():
        head = AccessChain.objects.select_for_update().filter(pk=office_id).first()
        if head is None:
            return 0
        cut = _cut(head, before)
        if cut <= head.anchor_sequence:
            return 0
        found = walk(office_id, head.anchor_sequence, head.anchor_digest, cut)
        if not found.ok:
            raise AccessLogBroken(
                f"Entry {found.broken_sequence} of the access log of office "
                f"{office_id}: {found.problem}"
            )
        doomed = PersonAccess.objects.filter(office_id=office_id, sequence__lte=cut)
        deleted, _counts = doomed.delete()
        head.anchor_sequence = cut
        head.anchor_digest = found.last_digest
        head.save(update_fields=["anchor_sequence", "anchor_digest"])
    return deleted


def prunable(office: Office | int, before: datetime.datetime) -> QuerySet[PersonAccess]:
    """The entries prune_access_log() would delete now (for a dry run)."""
    office_id = _pk(office)
    head = AccessChain.objects.filter(pk=office_id).first()
    if head is None:
        return PersonAccess.objects.none()
    return PersonAccess.objects.filter(
        office_id=office_id,
        sequence__gt=head.anchor_sequence,
        sequence__lte=_cut(head, before),
    )


def _cut(head: AccessChain, before: datetime.datetime) -> int:
    """The sequence of the last entry of the prefix older than `before`."""
    first_kept = (
        PersonAccess.objects.filter(
            office_id=head.pk, sequence__gt=head.anchor_sequence, at__gte=before
        )
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    return head.last_sequence if first_kept is None else first_kept - 1


def _pk(office: Office | int) -> int:
    return office if isinstance(office, int) else office.pk
