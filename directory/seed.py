"""Fill an office's directory from plain data, e.g. for the demo."""

from collections.abc import Iterable

from django.db import transaction

from accounts.models import Municipality, Office

from .models import Partner

# (kind, name, names of the municipalities served; none means the whole county)
PartnerEntry = tuple[str, str, Iterable[str]]


def seed_partners(office: Office, entries: Iterable[PartnerEntry]) -> list[Partner]:
    """Running it again changes nothing: partners that exist are left as they are,
    so that edits made in the application survive a second seeding."""
    partners = []
    with transaction.atomic():
        for kind, name, municipality_names in entries:
            partner, created = Partner.objects.get_or_create(
                office=office, name=name, defaults={"kind": kind}
            )
            if created:
                partner.municipalities.set(
                    Municipality.objects.get_or_create(office=office, name=m)[0]
                    for m in municipality_names
                )
            partners.append(partner)
    return partners
