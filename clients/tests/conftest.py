import pytest

from accounts.models import Municipality
from clients.models import Person


@pytest.fixture
def annaberg(cast) -> Municipality:
    return Municipality.objects.create(office=cast.erz, name="Annaberg-Buchholz")


@pytest.fixture
def ahmad(cast) -> Person:
    """Gina's client in the Erzgebirge."""
    person = Person.objects.create(
        office=cast.erz,
        family_name="Haddad",
        given_names="Ahmad",
        name_original="أحمد حداد",
    )
    person.guides.add(cast.gina)
    return person


@pytest.fixture
def foreign_person(cast) -> Person:
    """A person of the other office (Görlitz)."""
    return Person.objects.create(
        office=cast.gr, family_name="Muhammad", given_names="Khalid"
    )
