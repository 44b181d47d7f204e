"""The topics every new office starts with (DOMAIN.md, seeds 000, 001, 004)."""

from django.utils.translation import gettext_noop

DEFAULT_TOPICS = [
    gettext_noop("Asylum procedure"),
    gettext_noop("Residence"),
    gettext_noop("Benefits (AsylbLG)"),
    gettext_noop("Benefits (SGB II / Bürgergeld)"),
    gettext_noop("Benefits (SGB XII)"),
    gettext_noop("Moving house"),
    gettext_noop("Language courses"),
    gettext_noop("School"),
    gettext_noop("Vocational training"),
    gettext_noop("Study"),
    gettext_noop("Work"),
    gettext_noop("Recognition of foreign qualifications"),
    gettext_noop("Health"),
    gettext_noop("Childcare and school"),
    gettext_noop("Family reunification"),
    gettext_noop("Neighbourhood conflicts"),
    gettext_noop("Discrimination and racism"),
    gettext_noop("Return and voluntary departure"),
    gettext_noop("Addiction"),
    gettext_noop("Domestic violence"),
    gettext_noop("Debts"),
    gettext_noop("Everyday matters (bank account, health insurance)"),
    gettext_noop("Leisure and clubs"),
    gettext_noop("Housing and accommodation"),
]
