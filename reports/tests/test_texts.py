"""/statistics/texts/: the chapters of the activity report in the office's words."""

import pytest

from reports.models import ReportText

from .helpers import get_english

URL = "/statistics/texts/"


def post(client, url, **data):
    fields = {"year": "2025", "position": "1", "heading": "Vorwort", "body": "Text."}
    return client.post(url, fields | data, headers={"accept-language": "en"})


def test_the_commissioner_writes_edits_and_deletes_a_chapter(cast):
    client = cast.client("carla")
    assert post(client, f"{URL}new/").status_code == 302
    text = ReportText.objects.get()
    assert (text.office, text.year, text.updated_by) == (cast.erz, 2025, cast.carla)
    post(cast.client("dieter"), f"{URL}{text.pk}/", heading="Ausblick")
    text.refresh_from_db()
    assert text.heading == "Ausblick"
    assert text.updated_by == cast.dieter
    assert "Ausblick" in get_english(client, URL).content.decode()
    assert client.post(f"{URL}{text.pk}/delete/").status_code == 302
    assert not ReportText.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"heading": ""}, "This field is required."),
        ({"year": "1850"}, "Choose a year from 2000 to 2100."),
        ({"position": "-1"}, "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(cast, data, message):
    response = post(cast.client("carla"), f"{URL}new/", **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportText.objects.exists()


@pytest.mark.parametrize("name", ["anton", "gina", "olga", "stella"])
def test_only_commissioner_and_deputy_write_the_texts(cast, name):
    assert cast.client(name).get(URL).status_code == 403


def test_another_office_cannot_open_or_delete_a_chapter(cast):
    text = ReportText.objects.create(
        office=cast.erz, year=2025, heading="Vorwort", body="x", updated_by=cast.carla
    )
    client = cast.client("otto")
    assert client.get(f"{URL}{text.pk}/").status_code == 404
    assert client.post(f"{URL}{text.pk}/delete/").status_code == 404
    assert ReportText.objects.filter(pk=text.pk).exists()
