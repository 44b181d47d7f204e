"""The demo's users on its login page, with the code their app would show now."""

from base64 import b32encode
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.otp import current_code
from demo.data import ALL_STAFF, DEMO_PASSWORD

register = template.Library()


@dataclass
class DemoLogin:
    username: str
    name: str
    roles: str
    note: str | Promise
    office: str
    password: str
    secret: str
    code: str


@register.simple_tag
def demo_users() -> list[DemoLogin]:
    """Only the demo's own users, and only in a demo installation."""
    if not settings.DEMO:
        return []
    notes = {staff.username: staff.note for staff in ALL_STAFF}
    devices = (
        TOTPDevice.objects.filter(
            user__username__in=notes, user__is_active=True, confirmed=True
        )
        .select_related("user__office")
        .prefetch_related("user__role_grants")
        .order_by("pk")
    )
    by_username = {device.user.username: device for device in devices}
    return [
        demo_login(by_username[username], notes[username])
        for username in notes
        if username in by_username
    ]


def demo_login(device: TOTPDevice, note: str | Promise) -> DemoLogin:
    user = device.user
    roles = [str(grant.get_role_display()) for grant in user.role_grants.all()]
    secret = b32encode(device.bin_key).decode()
    return DemoLogin(
        username=user.username,
        name=user.get_full_name(),
        roles=", ".join(sorted(roles)),
        note=note,
        office=user.office.name if user.office else _("All offices, aggregates only"),
        password=DEMO_PASSWORD,
        # In groups of four, as authenticator apps accept it and people read it.
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        code=current_code(device),
    )
