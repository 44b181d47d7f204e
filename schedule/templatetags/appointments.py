"""Appointments on pages of other apps (a person's page), and language names.

Clients must not import the schedule, so the person's page asks for its
appointments through this tag instead of its view.
"""

from django import template
from django.db.models import QuerySet
from django.utils import timezone

from clients.models import Person
from lib import iso
from schedule.access import appointments_visible_to
from schedule.models import Appointment, AppointmentStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_appointments(context: template.Context, person: Person) -> QuerySet:
    """The person's coming appointments that the user may see."""
    appointments: QuerySet[Appointment] = appointments_visible_to(
        context["request"].user
    )
    return appointments.filter(
        client=person, status=AppointmentStatus.BOOKED, starts_at__gte=timezone.now()
    ).select_related("site", "staff")


@register.filter
def language_name(code: str) -> str:
    return iso.language_name(code) if code else ""
