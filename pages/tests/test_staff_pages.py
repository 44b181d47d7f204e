"""Staff write the portal pages: who may, and what the forms accept."""

import re

import pytest

from pages.models import Kind, Page, PageText, Status

EDITORS = ["carla", "dieter", "olga", "ada"]
NOT_EDITORS = ["gina", "gustav", "anton", "stella"]


def urls(page: Page) -> list[str]:
    return [
        "/office/pages/",
        "/office/pages/new/",
        f"/office/pages/{page.pk}/settings/",
        f"/office/pages/{page.pk}/delete/",
        f"/office/pages/{page.pk}/de/",
        f"/office/pages/{page.pk}/ar/",
    ]


@pytest.mark.parametrize("name", EDITORS)
def test_editors_open_every_page_view(cast, guide, name):
    client = cast.client(name)
    for url in urls(guide):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_other_roles_are_refused(cast, guide, name):
    client = cast.client(name)
    for url in urls(guide):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/office/pages/{guide.pk}/delete/").status_code == 403
    assert Page.objects.filter(pk=guide.pk).exists()


def test_another_offices_commissioner_does_not_find_the_page(cast, guide):
    client = cast.client("otto")
    for url in urls(guide)[2:]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/office/pages/{guide.pk}/delete/").status_code == 404
    assert (
        client.post(
            f"/office/pages/{guide.pk}/de/", {"title": "Gekapert", "body": "x"}
        ).status_code
        == 404
    )
    assert PageText.objects.get(page=guide, language="de").title == "Wegweiser"


def test_anonymous_visitors_are_sent_to_the_login(client, guide):
    for url in urls(guide):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_language_is_404(cast, guide):
    assert cast.client("carla").get(f"/office/pages/{guide.pk}/xx/").status_code == 404


def test_the_list_creates_the_required_pages_and_shows_the_matrix(cast, guide):
    response = cast.client("carla").get("/office/pages/")
    html = re.sub(r"\s+", " ", response.content.decode())
    kinds = set(Page.objects.filter(office=cast.erz).values_list("kind", flat=True))
    assert kinds == {
        "start",
        "accessibility",
        "easy_language",
        "imprint",
        "privacy",
        "guide",
    }
    assert "<caption" in html
    arabic = '<span lang="ar" dir="rtl">العربية</span></th>'
    assert f'<th scope="col" class="kern-table__header">{arabic}' in html
    row = html.split('<span lang="de">Wegweiser</span>', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(
        r'<td class="kern-table__cell"><a class="kern-link" href="([^"]+)">(\w+)<', row
    )
    assert cells == [
        (f"/office/pages/{guide.pk}/de/", "Current"),
        (f"/office/pages/{guide.pk}/ls/", "Missing"),
        (f"/office/pages/{guide.pk}/en/", "Current"),
        (f"/office/pages/{guide.pk}/ar/", "Missing"),
        (f"/office/pages/{guide.pk}/fa/", "Missing"),
        (f"/office/pages/{guide.pk}/uk/", "Outdated"),
        (f"/office/pages/{guide.pk}/ru/", "Missing"),
        (f"/office/pages/{guide.pk}/tr/", "Missing"),
    ]


def test_editing_the_german_text_outdates_the_translations(cast, guide):
    response = cast.client("dieter").post(
        f"/office/pages/{guide.pk}/de/",
        {"title": "Wegweiser", "body": "# Anmelden\r\n\r\nNeu: sofort anmelden."},
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.source_revision == 3
    assert guide.status("en") == Status.OUTDATED
    german = PageText.objects.get(page=guide, language="de")
    assert german.body == "# Anmelden\n\nNeu: sofort anmelden."
    assert german.updated_by == cast.dieter


def test_the_translation_form_shows_the_german_source(cast, guide):
    html = cast.client("olga").get(f"/office/pages/{guide.pk}/ar/").content.decode()
    assert 'readonly lang="de" dir="ltr">' in html
    assert "Melden Sie Ihre Wohnung bald an." in html
    # The fields take Arabic, right to left.
    assert re.search(r'<textarea name="body"[^>]*lang="ar" dir="rtl"', html)


def test_saving_a_translation_bases_it_on_the_current_revision(cast, guide):
    response = cast.client("olga").post(
        f"/office/pages/{guide.pk}/uk/",
        {"title": "Путівник", "body": "# Реєстрація\n\nЗареєструйте житло швидко."},
    )
    assert response.status_code == 302
    ukrainian = PageText.objects.get(page=guide, language="uk")
    assert ukrainian.based_on_revision == guide.source_revision == 2
    assert ukrainian.status == Status.CURRENT
    assert ukrainian.updated_by == cast.olga


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "body": "Text"},
        {"title": "Titel", "body": ""},
        {"title": "Titel\x07", "body": "Text"},
        {"title": "Titel", "body": "Text \u202e verdreht"},
        {"title": "x" * 201, "body": "Text"},
        {"title": "Titel", "body": "x" * 50_001},
    ],
)
def test_bad_text_gives_form_errors_and_changes_nothing(cast, guide, data):
    response = cast.client("carla").post(f"/office/pages/{guide.pk}/de/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    guide.refresh_from_db()
    assert guide.source_revision == 2
    assert PageText.objects.get(page=guide, language="de").title == "Wegweiser"


def test_a_new_page_is_created_with_its_german_text(cast, required):
    response = cast.client("ada").post(
        "/office/pages/new/",
        {
            "kind": Kind.FAQ,
            "slug": "fragen",
            "position": 20,
            "title": "Fragen und Antworten",
            "body": "# Wann?\n\nDienstags.",
        },
    )
    assert response.status_code == 302
    page = Page.objects.get(office=cast.erz, slug="fragen")
    assert page.kind == Kind.FAQ
    assert page.source_revision == 1
    assert page.texts.get().title == "Fragen und Antworten"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"slug": "impressum"}, "slug"),
        ({"slug": "Mit Leerzeichen"}, "slug"),
        ({"kind": Kind.IMPRINT}, "kind"),
        ({"kind": "nonsense"}, "kind"),
        ({"position": "-1"}, "position"),
        ({"title": "\x1b[31m"}, "title"),
    ],
)
def test_bad_new_pages_are_refused(cast, required, changes, field):
    data = {
        "kind": Kind.GUIDE,
        "slug": "neu",
        "position": 10,
        "title": "Neu",
        "body": "Text",
        **changes,
    }
    response = cast.client("carla").post("/office/pages/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Page.objects.filter(office=cast.erz).count() == 5


def test_the_same_address_may_be_used_by_another_office(cast, required):
    response = cast.client("otto").post(
        "/office/pages/new/",
        {
            "kind": Kind.OTHER,
            "slug": "impressum",
            "position": 1,
            "title": "I",
            "body": "T",
        },
    )
    assert response.status_code == 302
    assert Page.objects.get(office=cast.gr, slug="impressum").kind == Kind.OTHER


def test_a_page_is_deleted_after_confirmation(cast, guide):
    client = cast.client("carla")
    assert client.get(f"/office/pages/{guide.pk}/delete/").status_code == 200
    assert Page.objects.filter(pk=guide.pk).exists()
    assert client.post(f"/office/pages/{guide.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=guide.pk).exists()


@pytest.mark.parametrize(
    "kind", ["start", "accessibility", "easy_language", "imprint", "privacy"]
)
def test_required_pages_cannot_be_deleted(cast, required, kind):
    page = required[kind]
    client = cast.client("carla")
    assert client.get(f"/office/pages/{page.pk}/delete/").status_code == 403
    assert client.post(f"/office/pages/{page.pk}/delete/").status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()


def test_address_and_order_can_be_changed(cast, guide, required):
    client = cast.client("carla")
    url = f"/office/pages/{guide.pk}/settings/"
    assert client.post(url, {"slug": "impressum", "position": 5}).status_code == 200
    assert (
        client.post(url, {"slug": "erste-schritte", "position": 5}).status_code == 302
    )
    guide.refresh_from_db()
    assert (guide.slug, guide.position) == ("erste-schritte", 5)
