"""Builders for hand-counted concerns, and a reader for the tables of a page."""

import datetime
from html.parser import HTMLParser

from django.test import Client

from accounts.models import Office, User
from cases.models import Concern, Referral, Topic
from clients.models import Person
from directory.models import Partner


def add_concerns(
    office: Office, by: User, how_many: int, opened_on: datetime.date, **fields
) -> list[Concern]:
    """``how_many`` concerns alike; numbers continue the office's sequence."""
    made = []
    for _ in range(how_many):
        sequence = Concern.objects.filter(office=office).count() + 1
        concern = Concern.objects.create(
            office=office,
            number=f"{office.code}-{opened_on.year}-{sequence:05d}",
            year=opened_on.year,
            sequence=sequence,
            opened_on=opened_on,
            subject="Hand-counted concern",
            created_by=by,
            **{"type": "visit", "channel": "consultation_hour", **fields},
        )
        made.append(concern)
    return made


def add_persons(
    office: Office, family_name: str, how_many: int, residence_status: str
) -> list[Person]:
    return [
        Person.objects.create(
            office=office,
            family_name=family_name,
            given_names=f"Number{n}",
            residence_status=residence_status,
        )
        for n in range(how_many)
    ]


def link(concerns: list[Concern], persons: list[Person]) -> None:
    for concern, person in zip(concerns, persons, strict=True):
        concern.persons.add(person)


def tag(concerns: list[Concern], topic: Topic) -> None:
    for concern in concerns:
        concern.topics.add(topic)


def refer(concerns: list[Concern], partner: Partner, by: User, status: str) -> None:
    for concern in concerns:
        Referral.objects.create(
            concern=concern,
            partner=partner,
            shares_personal_data=False,
            status=status,
            created_by=by,
        )


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.caption: str | None = None
        self.rows: list[list[str]] = []
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.rows = []
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("caption", "th", "td"):
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("caption", "th", "td") and self.text is not None:
            text = " ".join("".join(self.text).split())
            if tag == "caption":
                self.caption = text
            else:
                self.rows[-1].append(text)
            self.text = None
        elif tag == "table" and self.caption is not None:
            self.tables[self.caption] = self.rows

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    """{caption: rows of cell texts, header and total rows included}."""
    reader = _TableReader()
    reader.feed(html)
    return reader.tables


def get_english(client: Client, url: str):
    """Expected labels are the English source strings, whatever is translated."""
    return client.get(url, headers={"accept-language": "en"})
