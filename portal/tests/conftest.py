import io
import re

import pytest
from django.test import Client
from PIL import Image

from accounts.models import Municipality
from cases.actions import seed_topics
from portal import challenge


@pytest.fixture
def office(cast):
    seed_topics(cast.erz)
    Municipality.objects.create(office=cast.erz, name="Aue-Bad Schlema")
    return cast.erz


@pytest.fixture
def public() -> Client:
    """A person on the street: no login, a German browser."""
    return Client(headers={"accept-language": "de"})


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 35.0, 0.0), 3: "E", 4: (12.0, 42.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def form_token(html: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the form carries a token"
    return match.group(1)


def solved(client: Client, office_slug: str, lang: str = "de") -> str:
    """What the ALTCHA widget would post after solving the page's challenge."""
    response = client.get(f"/p/{office_slug}/{lang}/challenge/")
    return challenge.solve(response.json())


def fields(**overrides) -> dict:
    data = {
        "kind": "complaint",
        "topic": "",
        "municipality": "",
        "place": "",
        "text": "Die Heizung in der Unterkunft ist seit zwei Wochen kaputt.",
        "reply": "anonymous",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "answer_language": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def send(client: Client, office_slug: str, lang: str = "de", js: bool = True, **data):
    page = client.get(f"/p/{office_slug}/{lang}/send/")
    post = fields(**data)
    post.setdefault("form_token", form_token(page.content.decode()))
    if js:
        post["altcha"] = solved(client, office_slug, lang)
    return client.post(f"/p/{office_slug}/{lang}/send/", post)


def receipt_code(html: str) -> str:
    match = re.search(r"<code>([A-Z0-9-]+)</code>", html)
    assert match, "the receipt shows a code"
    return match.group(1)
