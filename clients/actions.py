"""Multi-step writes on persons: each in one transaction, all or nothing."""

from django.db import transaction

from accounts.models import Office, Role, User

from .models import Household, HouseholdRole, Nationality, Person, PersonLanguage


def save_person(form, office: Office, user: User) -> Person:
    """Create or update a person from a valid PersonForm, with nationalities
    and languages; a guide who creates a person becomes their guide."""
    with transaction.atomic():
        person = form.save(commit=False)
        adding = person._state.adding
        if adding:
            person.office = office
        person.save()
        _replace_nationalities(person, form.countries)
        _replace_languages(person, form.language_codes)
        if adding and user.has_role(Role.GUIDE):
            person.guides.add(user)
        return person


def _replace_nationalities(person: Person, countries: list[str]) -> None:
    person.nationalities.exclude(country__in=countries).delete()
    kept = set(person.nationalities.values_list("country", flat=True))
    Nationality.objects.bulk_create(
        Nationality(person=person, country=c) for c in countries if c not in kept
    )


def _replace_languages(person: Person, codes: list[str]) -> None:
    person.languages.exclude(code__in=codes).delete()
    kept = set(person.languages.values_list("code", flat=True))
    PersonLanguage.objects.bulk_create(
        PersonLanguage(person=person, code=c) for c in codes if c not in kept
    )


def create_household(form, office: Office, head: Person | None) -> Household:
    """A new household; the person it was created from becomes its head."""
    with transaction.atomic():
        household = form.save(commit=False)
        household.office = office
        household.save()
        if head is not None:
            head.household = household
            head.household_role = HouseholdRole.HEAD
            head.save(update_fields=["household", "household_role", "updated_at"])
        return household
