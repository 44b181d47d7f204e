"""The pages every office must have, and the demo content."""

from accounts.models import Office
from pages.actions import ensure_required_pages, save_text
from pages.demo import seed_demo_pages
from pages.models import REQUIRED_KINDS, Kind, Page, PageText, Status
from pages.nav import kind_url, start_text
from portal.languages import BY_CODE, CODES


def snapshot(office) -> list[tuple]:
    return list(
        PageText.objects.filter(page__office=office)
        .order_by("page__slug", "language")
        .values_list("page__slug", "language", "title", "body", "based_on_revision")
    )


def test_required_pages_are_created_once_with_german_texts(cast):
    created = ensure_required_pages(cast.erz)
    assert {page.kind for page in created} == set(REQUIRED_KINDS)
    before = snapshot(cast.erz)
    assert ensure_required_pages(cast.erz) == []
    assert snapshot(cast.erz) == before
    for page in created:
        assert page.status("de") == Status.CURRENT
    easy = Page.objects.get(office=cast.erz, kind="easy_language")
    assert easy.status("ls") == Status.CURRENT


def test_staff_changes_to_required_pages_are_kept(cast):
    ensure_required_pages(cast.erz)
    imprint = Page.objects.get(office=cast.erz, kind="imprint")
    save_text(imprint, "de", "Impressum", "Eigener Text", cast.carla)
    ensure_required_pages(cast.erz)
    assert PageText.objects.get(page=imprint, language="de").body == "Eigener Text"


def test_the_statement_names_the_saxon_bodies_only_for_saxon_offices(cast):
    mv = Office.objects.create(
        name="Landkreis Rostock", code="LRO", slug="rostock", federal_state="MV"
    )
    ensure_required_pages(cast.erz)
    ensure_required_pages(mv)

    def statement(office) -> str:
        return PageText.objects.get(
            page__office=office, page__kind="accessibility", language="de"
        ).body

    for office in (cast.erz, mv):
        for part in ("BITV 2.0", "EN 301 549", "teilweise vereinbar", "Formular"):
            assert part in statement(office)
        assert "{" not in statement(office)
    assert "Sächsischen Inklusionsgesetz" in statement(cast.erz)
    assert "Sachsen" not in statement(mv)


def test_the_demo_is_idempotent_and_shows_every_status(cast):
    seed_demo_pages(cast.erz)
    before = snapshot(cast.erz)
    seed_demo_pages(cast.erz)
    assert snapshot(cast.erz) == before

    def page(slug):
        return Page.objects.get(office=cast.erz, slug=slug)

    for slug in ("start", "datenschutz", "barrierefreiheit"):
        assert {code: page(slug).status(code) for code in CODES} == dict.fromkeys(
            CODES, Status.CURRENT
        ), slug
    assert page("wegweiser").status("ar") == Status.CURRENT
    assert page("wegweiser").status("fa") == Status.MISSING
    assert page("einwohnerversammlung").status("en") == Status.OUTDATED
    assert page("einwohnerversammlung").status("ar") == Status.MISSING
    assert page("impressum").texts.count() == 1
    assert set(page("leichte-sprache").texts.values_list("language", flat=True)) == {
        "de",
        "ls",
    }


def test_the_demo_adds_no_translation_of_another_german_text(cast):
    ensure_required_pages(cast.erz)
    privacy = Page.objects.get(office=cast.erz, kind="privacy")
    save_text(privacy, "de", "Datenschutz", "Ein ganz anderer Text", cast.carla)
    seed_demo_pages(cast.erz)
    assert list(privacy.texts.values_list("language", flat=True)) == ["de"]


def test_start_text_gives_the_introduction_in_the_readers_language(cast):
    assert start_text(cast.erz, BY_CODE["ar"]) is None
    seed_demo_pages(cast.erz)
    arabic = start_text(cast.erz, BY_CODE["ar"])
    assert arabic is not None
    assert arabic.title == "أهلاً وسهلاً"
    assert arabic.language.code == "ar"
    assert not arabic.fallback and not arabic.outdated
    PageText.objects.filter(page__office=cast.erz, language="ar").delete()
    fallback = start_text(cast.erz, BY_CODE["ar"])
    assert fallback is not None
    assert fallback.title == "Willkommen"
    assert fallback.fallback
    assert fallback.language.code == "de"


def test_kind_url_finds_the_privacy_notice_for_the_submission_form(cast):
    assert kind_url(cast.erz, BY_CODE["fa"], Kind.PRIVACY) == ""
    ensure_required_pages(cast.erz)
    assert (
        kind_url(cast.erz, BY_CODE["fa"], Kind.PRIVACY)
        == "/p/erzgebirgskreis/fa/page/datenschutz/"
    )
