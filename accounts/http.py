from django.http import HttpRequest

from .models import User


class StaffRequest(HttpRequest):
    """A request behind ``staff_required``: the user is a logged-in staff member."""

    user: User  # type: ignore[assignment]
