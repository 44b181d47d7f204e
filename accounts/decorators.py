"""The gate in front of every staff view: logged in, second factor, role."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def staff_required(*roles: str) -> Callable[..., Any]:
    """Allow verified staff; with roles given, only staff holding one of them."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_verified():  # type: ignore[attr-defined]
                # Password given but no second factor yet: finish logging in.
                return redirect("accounts:otp_setup")
            if not user.roles:  # type: ignore[attr-defined]
                raise PermissionDenied
            if roles and not user.has_role(*roles):  # type: ignore[attr-defined]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
