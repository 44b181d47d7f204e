"""Writes to the pool that touch several rows: all of them, or none."""

import datetime

from django.db import IntegrityError, transaction
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .models import Mediator, Rate, RateScheme
from .pool_forms import (
    DUPLICATE_RATE,
    DUPLICATE_SCHEME,
    MediatorForm,
    RateForm,
    RateSchemeForm,
)

SAVED_MEANWHILE = _(
    "Someone else changed this mediator at the same time. Check the entries "
    "and save again."
)


def save_mediator(
    form: MediatorForm, rows: list[BaseInlineFormSet], today: datetime.date
) -> Mediator | None:
    """Store the mediator with municipalities, languages and weekly times.

    Data entered now counts as confirmed now. A parallel save that breaks a
    constraint (the same login, the same language) is reported on the form.
    """
    creating = form.instance.pk is None
    try:
        with transaction.atomic():
            if creating:
                form.instance.confirmed_on = today
            mediator = form.save()
            for formset in rows:
                formset.instance = mediator
                formset.save()
    except IntegrityError:
        if creating:
            form.instance.pk = None  # rolled back: the page is still "new"
        form.add_error(None, SAVED_MEANWHILE)
        return None
    return mediator


def confirm_mediator(mediator: Mediator, today: datetime.date) -> None:
    mediator.confirmed_on = today
    mediator.save(update_fields=["confirmed_on"])


def create_scheme(
    scheme_form: RateSchemeForm, rate_form: RateForm
) -> RateScheme | None:
    """A scheme always has a rate: both are stored, or neither."""
    try:
        with transaction.atomic():
            scheme = scheme_form.save()
            rate_form.instance.scheme = scheme
            rate_form.save()
    except IntegrityError:
        scheme_form.add_error("name", DUPLICATE_SCHEME)
        return None
    return scheme


def save_scheme(form: RateSchemeForm) -> RateScheme | None:
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error("name", DUPLICATE_SCHEME)
        return None


def add_rate(form: RateForm) -> Rate | None:
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error("valid_from", DUPLICATE_RATE)
        return None
