"""The office's pages as the public reads them, in every portal language."""

import re

from pages.actions import save_text
from pages.demo import seed_demo_pages
from pages.models import Page
from portal.languages import CODES

ERZ = "/p/erzgebirgskreis"


def squeeze(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_page_in_the_readers_language_has_no_note(client, guide):
    response = client.get(f"{ERZ}/en/page/wegweiser/")
    html = squeeze(response)
    assert response.status_code == 200
    assert '<h1 class="kern-heading-large">Guide</h1>' in html
    assert "<h2>Registration</h2>" in html
    assert "page-note" not in html


def test_an_untranslated_page_shows_the_german_text_marked_as_german(client, guide):
    response = client.get(f"{ERZ}/ar/page/wegweiser/")
    html = squeeze(response)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    note = re.search(
        r'<div class="kern-alert kern-alert--info page-note"[^>]*>(.*?)</div> </div>',
        html,
    )
    assert note and "العربية" in note[1]
    german = re.search(
        r'<div class="page-text" lang="de" dir="ltr">(.*?)</div> </div>', html
    )
    assert german, "the German text is not wrapped as German"
    assert '<h1 class="kern-heading-large">Wegweiser</h1>' in german[1]
    assert "Melden Sie Ihre Wohnung bald an." in german[1]
    # The note, in the reader's language, stands outside the German part.
    assert html.index("page-note") < html.index('class="page-text"')


def test_leichte_sprache_falls_back_to_german_too(client, guide):
    html = squeeze(client.get(f"{ERZ}/ls/page/wegweiser/"))
    assert "page-note" in html
    assert '<div class="page-text" lang="de" dir="ltr">' in html


def test_an_outdated_translation_is_shown_with_a_note_and_a_link_to_german(
    client, guide
):
    html = squeeze(client.get(f"{ERZ}/uk/page/wegweiser/"))
    assert '<h1 class="kern-heading-large">Путівник</h1>' in html
    assert "kern-alert--warning page-note" in html
    assert f'href="{ERZ}/de/page/wegweiser/" hreflang="de"' in html
    # A translation is in the reader's language: no German marking.
    assert '<div class="page-text">' in html


def test_a_current_translation_has_no_outdated_note(client, guide):
    html = squeeze(client.get(f"{ERZ}/en/page/wegweiser/"))
    assert "kern-alert--warning" not in html


def test_a_german_reader_sees_no_note(client, guide):
    html = squeeze(client.get(f"{ERZ}/de/page/wegweiser/"))
    assert "page-note" not in html
    assert '<div class="page-text">' in html


def test_markup_in_a_text_is_shown_escaped(client, cast, guide):
    save_text(guide, "de", "<b>Titel</b>", "<script>alert(1)</script>", cast.carla)
    html = client.get(f"{ERZ}/de/page/wegweiser/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Titel&lt;/b&gt;" in html


def test_unknown_pages_languages_and_offices_are_404(client, cast, guide):
    assert client.get(f"{ERZ}/de/page/gibt-es-nicht/").status_code == 404
    assert client.get(f"{ERZ}/xx/page/wegweiser/").status_code == 404
    assert client.get("/p/goerlitz/de/page/wegweiser/").status_code == 404


def test_the_imprint_shows_the_contact_data_of_the_office(client, cast, required):
    cast.erz.address = "Paulus-Jenisius-Straße 24\n09456 Annaberg-Buchholz"
    cast.erz.phone = "03733 831-0"
    cast.erz.email = "integration@erz.example"
    cast.erz.save()
    html = squeeze(client.get(f"{ERZ}/en/page/impressum/"))
    assert "Paulus-Jenisius-Straße 24<br>09456 Annaberg-Buchholz" in html
    assert 'href="tel:03733831-0"' in html
    assert 'href="mailto:integration@erz.example"' in html


def test_the_index_lists_guides_and_faqs_in_the_readers_language(
    client, guide, required
):
    html = squeeze(client.get(f"{ERZ}/ar/pages/"))
    wegweiser = f'href="{ERZ}/ar/page/wegweiser/" lang="de" dir="ltr">Wegweiser</a>'
    assert wegweiser in html
    assert "impressum" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_navigation_and_footer_link_the_pages(client, guide, required):
    html = squeeze(client.get(f"{ERZ}/en/pages/"))
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{ERZ}/en/page/wegweiser/"' in nav
    assert ">Guide</a>" in nav
    footer = html.split("<footer", 1)[1]
    # German titles on an English page are marked as German.
    statement = f'href="{ERZ}/en/page/barrierefreiheit/" lang="de" dir="ltr">'
    assert f"{statement}Erklärung zur Barrierefreiheit</a>" in footer
    # The Leichte Sprache page is linked in Leichte Sprache, whatever the
    # reader's language.
    easy = f'href="{ERZ}/ls/page/leichte-sprache/" lang="de" dir="ltr">'
    assert f"{easy}Informationen in Leichter Sprache</a>" in footer
    assert footer.index("barrierefreiheit") < footer.index("leichte-sprache")
    assert footer.index("leichte-sprache") < footer.index("impressum")
    assert footer.index("impressum") < footer.index("datenschutz")
    assert footer.index("datenschutz") < footer.index('href="/accounts/login/"')


def test_german_labels_are_not_marked_on_german_pages(client, guide, required):
    html = squeeze(client.get(f"{ERZ}/ls/pages/"))
    assert (
        f'href="{ERZ}/ls/page/barrierefreiheit/">Erklärung zur Barrierefreiheit</a>'
        in html
    )


def test_public_pages_set_no_cookies(client, guide, required):
    for path in (
        f"{ERZ}/ar/pages/",
        f"{ERZ}/ar/page/wegweiser/",
        f"{ERZ}/de/page/impressum/",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, path


def test_the_page_with_the_feedback_form_sets_only_the_csrf_cookie(client, required):
    response = client.get(f"{ERZ}/de/page/barrierefreiheit/")
    assert set(response.cookies) == {"csrftoken"}


def test_every_demo_page_opens_in_every_language(client, cast):
    seed_demo_pages(cast.erz)
    slugs = list(Page.objects.filter(office=cast.erz).values_list("slug", flat=True))
    for code in CODES:
        assert client.get(f"{ERZ}/{code}/pages/").status_code == 200
        for slug in slugs:
            response = client.get(f"{ERZ}/{code}/page/{slug}/")
            assert response.status_code == 200, (code, slug)


def test_the_start_page_shows_the_introduction(client, cast):
    seed_demo_pages(cast.erz)
    html = squeeze(client.get(f"{ERZ}/uk/"))
    assert '<h2 class="kern-heading-medium">Ласкаво просимо</h2>' in html
