"""Answering data protection requests: each one recorded, none half done."""

from collections import Counter

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from cases.models import Concern, Status
from clients.models import Person
from guidance.models import Care
from mediators.models import Request
from schedule.models import Appointment

from . import anonymise
from .disclosure import Disclosure, disclose, person_ids
from .models import DataRequest, RequestKind, RequestStatus


class RequestRefused(Exception):
    """Why a request cannot be carried out now, in the user's language."""


# The parts of a record that may be kept on a ground of Art. 17(3).
PARTS = {
    "concerns": gettext_lazy("Concerns and what was recorded on them"),
    "guide_service": gettext_lazy("Guide services and their plans"),
    "appointments": gettext_lazy("Appointments"),
    "mediator_requests": gettext_lazy("Language mediator requests"),
}


def _number(office_id: int) -> str:
    year = timezone.localdate().year
    count = DataRequest.objects.filter(
        office_id=office_id, number__startswith=f"DS-{year}-"
    ).count()
    return f"DS-{year}-{count + 1:04d}"


def _record(person: Person, kind: str, by: User, **values: object) -> DataRequest:
    return DataRequest.objects.create(
        office_id=person.office_id,
        number=_number(person.office_id),
        kind=kind,
        person=person,
        created_by=by,
        **values,
    )


def answer_access(
    person: Person, language: str, by: User
) -> tuple[DataRequest, Disclosure]:
    """The report is made here and handed out, never stored: a stored copy
    would be one more place holding everything about the person."""
    disclosure = disclose(person, language)
    outcome = {s.key: len(s.records) for s in disclosure.sections}
    with transaction.atomic():
        request = _record(
            person,
            RequestKind.ACCESS,
            by,
            status=RequestStatus.DONE,
            outcome={"disclosed": outcome, "language": language},
            done_by=by,
            done_at=timezone.now(),
        )
    return request, disclosure


def erase(
    person: Person,
    by: User,
    *,
    received_on,
    kept: dict[str, str],
    note: str = "",
) -> DataRequest:
    """Anonymise everything about the person except the parts kept on a
    ground the law allows. Concerns that also concern other persons keep
    their texts (they are the others' records too); they are counted so
    that staff can review them. The person's record becomes an empty stub
    that the statistics still count, unless something is kept: then the
    record is restricted instead, since the kept parts must stay
    attributable."""
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        _refuse_while_open(locked)
        ids = person_ids(locked)
        counts: Counter = Counter()
        shared = 0
        if "concerns" not in kept:
            own, shared = _own_concerns(ids)
            counts.update(
                anonymise.concerns(
                    own, mediator_requests_too="mediator_requests" not in kept
                )
            )
        if "guide_service" not in kept:
            counts.update(anonymise.cares(Care.objects.filter(person_id__in=ids)))
        if "appointments" not in kept:
            counts.update(
                anonymise.appointments(Appointment.objects.filter(client_id__in=ids))
            )
        if "mediator_requests" not in kept:
            counts.update(
                anonymise.mediator_requests(
                    Request.objects.filter(concern__persons__in=ids)
                )
            )
        if not kept:
            counts.update(anonymise.persons(Person.objects.filter(pk__in=ids)))
        request = _record(
            locked,
            RequestKind.ERASURE,
            by,
            received_on=received_on,
            status=RequestStatus.DONE,
            kept=[{"part": part, "ground": ground} for part, ground in kept.items()],
            note=note,
            outcome={"changed": dict(counts), "shared_concerns_kept": shared},
            done_by=by,
            done_at=timezone.now(),
        )
        if kept:
            _record(
                locked,
                RequestKind.RESTRICTION,
                by,
                received_on=received_on,
                status=RequestStatus.DONE,
                note=_("Restricted because parts are kept, see %(number)s.")
                % {"number": request.number},
                done_by=by,
                done_at=timezone.now(),
            )
    return request


def _refuse_while_open(person: Person) -> None:
    open_concerns = Concern.objects.filter(persons=person).exclude(status=Status.CLOSED)
    if open_concerns.exists():
        raise RequestRefused(_("The person still has open concerns; close them first."))
    if Care.objects.active().filter(person=person).exists():
        raise RequestRefused(
            _("The person is still in the guide service; end it first.")
        )


def _own_concerns(ids: list[int]) -> tuple[QuerySet[Concern], int]:
    """The person's concerns that concern nobody else, and how many others."""
    theirs = Concern.objects.filter(persons__in=ids).distinct()
    someone_else = Concern.persons.through.objects.filter(
        concern_id=OuterRef("pk")
    ).exclude(person_id__in=ids)
    shared = theirs.filter(Exists(someone_else))
    return theirs.exclude(Exists(someone_else)), shared.count()


def restrict(person: Person, by: User, *, received_on, note: str = "") -> DataRequest:
    with transaction.atomic():
        return _record(
            person,
            RequestKind.RESTRICTION,
            by,
            received_on=received_on,
            status=RequestStatus.DONE,
            note=note,
            done_by=by,
            done_at=timezone.now(),
        )


def lift_restriction(request: DataRequest, by: User) -> None:
    with transaction.atomic():
        DataRequest.objects.filter(pk=request.pk).update(lifted_at=timezone.now())
