"""Guide suggestions: place, language, then caseload per FTE, with reasons."""

from accounts.models import Municipality
from cases.tests.factories import make_person
from clients.models import PersonLanguage
from guidance.suggest import suggest_guides

from .factories import make_care


def person_in(cast, place, name, *languages):
    person = make_person(cast.erz, name, municipality=place)
    for code in languages:
        PersonLanguage.objects.create(person=person, code=code)
    return person


def test_without_area_or_language_fewer_cares_per_fte_come_first(cast):
    # gina (40 h) holds 2 cares: 2.0 per FTE; gustav (30 h) holds 1: 1.3.
    make_care(cast.erz, make_person(cast.erz, "A"), cast.gina, cast.olga)
    make_care(cast.erz, make_person(cast.erz, "B"), cast.gina, cast.olga)
    make_care(cast.erz, make_person(cast.erz, "C"), cast.gustav, cast.olga)
    care = make_care(cast.erz, make_person(cast.erz, "New"), None, cast.olga)
    found = suggest_guides(care)
    assert [s.guide for s in found] == [cast.gustav, cast.gina]
    assert "1 running care, 1.3 per full-time equivalent" in found[0].reasons


def test_the_same_municipality_and_language_rank_first(cast):
    annaberg = Municipality.objects.create(
        office=cast.erz, name="Annaberg", district="Süd"
    )
    make_care(cast.erz, person_in(cast, annaberg, "A", "prs"), cast.gina, cast.olga)
    make_care(cast.erz, person_in(cast, annaberg, "B"), cast.gina, cast.olga)
    care = make_care(cast.erz, person_in(cast, annaberg, "New", "prs"), None, cast.olga)
    found = suggest_guides(care)
    assert found[0].guide == cast.gina
    assert "Cares for 2 people in Annaberg" in found[0].reasons
    assert "Cares for people who speak Dari" in found[0].reasons
    assert "Cares for nobody in Annaberg yet" in found[1].reasons
    assert "Cares for nobody who speaks the same language" in found[1].reasons


def test_the_same_district_counts_less_than_the_municipality(cast):
    annaberg = Municipality.objects.create(
        office=cast.erz, name="Annaberg", district="Süd"
    )
    thum = Municipality.objects.create(office=cast.erz, name="Thum", district="Süd")
    make_care(cast.erz, person_in(cast, thum, "A"), cast.gustav, cast.olga)
    care = make_care(cast.erz, person_in(cast, annaberg, "New"), None, cast.olga)
    found = suggest_guides(care)
    assert found[0].guide == cast.gustav
    assert "Cares for people elsewhere in Süd" in found[0].reasons


def test_the_assign_page_shows_the_suggestions_and_assigns_only_on_confirm(cast):
    care = make_care(cast.erz, make_person(cast.erz), None, cast.olga)
    client = cast.client("olga")
    page = client.get(f"/guidance/cares/{care.pk}/assign/").content.decode()
    assert "Suggested guides" in page
    assert "0 running cares, 0.0 per full-time equivalent" in page
    care.refresh_from_db()
    assert care.guide is None
    client.post(f"/guidance/cares/{care.pk}/assign/", {"guide": cast.gina.pk})
    care.refresh_from_db()
    assert care.guide == cast.gina
