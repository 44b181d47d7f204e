from django.db import IntegrityError, transaction

from .forms import DUPLICATE_NAME, PartnerForm
from .models import Partner


def save_partner(form: PartnerForm) -> Partner | None:
    """Store the partner and its municipalities together, or nothing.

    The form checks the name; a second save racing it still hits the
    constraint, which is reported on the form instead of as a server error.
    """
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error("name", DUPLICATE_NAME)
        return None
