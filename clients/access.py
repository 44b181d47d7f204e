"""The one way to fetch a person: office, role and assignment checked, read logged."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.http import StaffRequest

from .accesslog import append
from .models import Consent, Person, PersonAccess


def log_person_read(request: StaffRequest, persons: Iterable[Person]) -> None:
    """Append one entry per person to the office's chained access log."""
    user = request.user
    path = request.path[:500]
    append(
        [
            PersonAccess(
                office_id=p.office_id,
                user=user,
                person=p,
                person_number=p.pk,
                path=path,
            )
            for p in persons
        ]
    )


def get_person_for(request: StaffRequest, pk: int, *, log: bool = True) -> Person:
    """Another office's person is 404 (its existence is not revealed);
    one of the own office that the user may not see is 403."""
    user = request.user
    if not user.sees_persons or user.office_id is None:
        raise PermissionDenied
    # One query on the usual path; the second only tells 403 from 404.
    person = Person.objects.visible_to(user).filter(pk=pk).first()
    if person is None:
        if Person.objects.filter(pk=pk, office_id=user.office_id).exists():
            raise PermissionDenied
        raise Http404
    if log:
        log_person_read(request, [person])
    return person


def get_consent_for(request: StaffRequest, pk: int) -> Consent:
    consent = Consent.objects.filter(pk=pk).select_related("person").first()
    if consent is None:
        raise Http404
    get_person_for(request, consent.person_id, log=False)
    return consent
