"""Every page of the pool × every member of the cast: the status each gets.

Reading the pool is for those who keep it or ask for mediators; keeping it
and seeing rates for the desk roles (POOL_ROLES, PAY_ROLES); the analyst
and the state view never see names. Otto's own office has a pool too, so
he reaches lists (his own) but another office's objects are 404 to him.
"""

import pytest

from .factories import make_mediator, make_scheme

USERS = ["anon", "carla", "dieter", "gina", "gustav", "olga", "anton", "ada"]
USERS += ["otto", "stella"]


def row(*codes: int) -> dict[str, int]:
    return dict(zip(USERS, codes, strict=True))


READ_LIST = row(302, 200, 200, 200, 200, 200, 403, 200, 200, 403)
READ_OBJECT = row(302, 200, 200, 200, 200, 200, 403, 200, 404, 403)
KEEP_LIST = row(302, 200, 200, 403, 403, 200, 403, 200, 200, 403)
KEEP_OBJECT = row(302, 200, 200, 403, 403, 200, 403, 200, 404, 403)
KEEP_POST = row(302, 302, 302, 403, 403, 302, 403, 302, 404, 403)

PAGES = [
    ("/mediators/", READ_LIST),
    ("/mediators/{mediator}/", READ_OBJECT),
    ("/mediators/new/", KEEP_LIST),
    ("/mediators/{mediator}/edit/", KEEP_OBJECT),
    ("/mediators/upkeep/", KEEP_LIST),
    ("/mediators/rates/", KEEP_LIST),
    ("/mediators/rates/new/", KEEP_LIST),
    ("/mediators/rates/{scheme}/", KEEP_OBJECT),
    ("/mediators/rates/{scheme}/edit/", KEEP_OBJECT),
    ("/mediators/rates/{scheme}/add/", KEEP_OBJECT),
]


@pytest.fixture
def world(cast) -> dict:
    scheme = make_scheme(cast.erz)
    make_mediator(cast.gr, "Olena", "Koval")
    return {"mediator": make_mediator(cast.erz, scheme=scheme).pk, "scheme": scheme.pk}


def client_for(cast, name, client):
    return client if name == "anon" else cast.client(name)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_get_page(cast, world, client, user, path, expected):
    response = client_for(cast, user, client).get(path.format(**world))
    assert response.status_code == expected[user], f"{user} GET {path}"


@pytest.mark.parametrize("user", USERS)
def test_confirm_button(cast, world, client, user):
    url = "/mediators/{mediator}/confirm/".format(**world)
    response = client_for(cast, user, client).post(url)
    assert response.status_code == KEEP_POST[user], f"{user} POST {url}"
