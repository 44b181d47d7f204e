"""Every directory page × every member of the cast: the status each must get."""

import pytest
from django.urls import reverse

READERS = {"carla": 200, "dieter": 200, "gina": 200, "gustav": 200, "olga": 200}
WRITERS = {"carla": 200, "dieter": 200, "gina": 403, "gustav": 403, "olga": 200}
OUTSIDERS = {"anton": 403, "stella": 403}

PAGES = [
    ("partner_list", None, {**READERS, "ada": 200, **OUTSIDERS, "otto": 200}),
    ("partner_detail", "partner", {**READERS, "ada": 200, **OUTSIDERS, "otto": 404}),
    ("partner_create", None, {**WRITERS, "ada": 200, **OUTSIDERS, "otto": 200}),
    ("partner_edit", "partner", {**WRITERS, "ada": 200, **OUTSIDERS, "otto": 404}),
    ("contact_create", "partner", {**WRITERS, "ada": 200, **OUTSIDERS, "otto": 404}),
    ("contact_edit", "contact", {**WRITERS, "ada": 200, **OUTSIDERS, "otto": 404}),
    ("contact_delete", "contact", {**WRITERS, "ada": 200, **OUTSIDERS, "otto": 404}),
]
CASES = [
    (page, arg, who, status)
    for page, arg, table in PAGES
    for who, status in table.items()
]


@pytest.mark.parametrize(("page", "arg", "who", "status"), CASES)
def test_directory_page_status_by_role(
    cast, jobcenter, contact, page, arg, who, status
):
    args = {"partner": [jobcenter.pk], "contact": [contact.pk], None: []}[arg]
    response = cast.client(who).get(reverse(f"directory:{page}", args=args))
    assert response.status_code == status


@pytest.mark.parametrize(("page", "arg", "table"), PAGES)
def test_directory_page_needs_login(client, jobcenter, contact, page, arg, table):
    args = {"partner": [jobcenter.pk], "contact": [contact.pk], None: []}[arg]
    response = client.get(reverse(f"directory:{page}", args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
