"""The mediators' objects that the permission matrix and the browser tests
open: a mediator with a login (farid), his rate scheme, a request gina made
three days ahead and the offer of it to farid."""

import datetime

from django.utils import timezone

from conftest import Cast

from .factories import make_assignment, make_mediator, make_request


def build_mediators(cast: Cast) -> dict[str, int | str]:
    mediator = make_mediator(cast.erz, login=True)
    starts_at = timezone.now() + datetime.timedelta(days=3)
    request = make_request(cast.erz, cast.gina, starts_at)
    return {
        "mediator": mediator.pk,
        "rate_scheme": mediator.rate_scheme_id,
        "mediator_request": request.pk,
        "assignment": make_assignment(request, mediator).pk,
        "statement_month": timezone.localdate().strftime("%Y-%m"),
    }
