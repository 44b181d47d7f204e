"""The public portal as the browser tests see it, built with the real actions.

The cast's office Erzgebirgskreis gets what a reader meets on its portal:
the demo pages (pages.demo: translated, missing and outdated texts), the
topics, a place, a site with consultation hours, the office's contact data,
routing rules, a reply template and one concern with a photo and a public
answer in German. Everything German in it is listed in ``GERMAN`` so that
the tests can check it is marked ``lang="de"`` on pages in other languages.
"""

import secrets
from dataclasses import dataclass

from django.urls import reverse

from accounts.models import Municipality, Office, Site, User
from cases.actions import seed_topics
from cases.models import Status, Topic
from conftest import Cast
from dedupe.tests.world import build_dedupe
from guidance.tests.world import build_guidance
from housing.tests.world import build_housing
from lib.uploads import CleanFile
from mediators.tests.world import build_mediators
from pages.demo import FAQ_SLUG, GUIDE_SLUG, seed_demo_pages
from pages.models import Page
from portal import actions
from portal.languages import BY_CODE
from portal.models import ReplyTemplate, RoutingRule
from privacy.tests.matrix_world import build_privacy
from reports.tests.world import build_reports
from schedule.tests.world import build_schedule

OFFICE_SLUG = "erzgebirgskreis"
HOUSING = "Housing and accommodation"
# The office's own data, which no one translates.
SITE = "Annaberg-Buchholz"
HOURS = "Jeden Donnerstag, 9–12 Uhr und nach Vereinbarung"
ACCESS = "Eingang ebenerdig, Aufzug im Haus"
ADDRESS = ["Paulus-Jenisius-Straße 24", "09456 Annaberg-Buchholz"]
COMMISSIONER = "Integrations- und Ausländerbeauftragte des Erzgebirgskreises"
OWN_TOPIC = "Gartenprojekt"
ANSWER = "Wir haben mit dem Betreiber gesprochen. Die Heizung wird repariert."
# Texts that are German wherever they appear (compared with a whole text node).
GERMAN = [
    "Erzgebirgskreis",
    SITE,
    HOURS,
    ACCESS,
    *ADDRESS,
    COMMISSIONER,
    OWN_TOPIC,
    ANSWER,
]
# The demo's pages (pages.demo.seed_demo_pages), by their address.
DEMO_PAGES = [
    "start",
    GUIDE_SLUG,
    FAQ_SLUG,
    "barrierefreiheit",
    "leichte-sprache",
    "impressum",
    "datenschutz",
]


@dataclass(frozen=True)
class PortalWorld:
    office: Office
    carla: User
    # The topic that rule sends to dieter.
    housing: int
    # The code of the concern with the public answer.
    answered_code: str
    # For tests/browser/pages.py: the objects of the staff pages (ids, and
    # the schedule's session day and cancellation link's secret).
    ids: dict[str, int | str]

    def url(self, name: str, lang: str, **kwargs) -> str:
        return reverse(
            name, kwargs={"office": self.office.slug, "lang": lang, **kwargs}
        )


def build_portal(cast: Cast) -> PortalWorld:
    office = cast.erz
    _office_data(office)
    seed_topics(office)
    Topic.objects.create(office=office, name=OWN_TOPIC)
    Municipality.objects.create(office=office, name="Aue-Bad Schlema")
    seed_demo_pages(office)
    housing = Topic.objects.get(office=office, source=HOUSING)
    RoutingRule.objects.create(
        office=office, position=10, topic=housing, assign_to=cast.dieter
    )
    rule = RoutingRule.objects.create(office=office, position=90, assign_to=cast.gina)
    template = ReplyTemplate.objects.create(
        office=office, title="Eingang bestätigt", language="de", text="Danke."
    )
    answered, code = _answered_concern(office, cast)
    return PortalWorld(
        office=office,
        carla=cast.carla,
        housing=housing.pk,
        answered_code=code,
        ids={
            "portal_concern": answered.pk,
            "attachment": answered.submission.attachments.get().pk,
            "rule": rule.pk,
            "reply_template": template.pk,
            "portal_page": Page.objects.get(office=office, slug=GUIDE_SLUG).pk,
            **build_schedule(cast),
            **build_mediators(cast),
            **build_guidance(cast),
            **build_reports(cast),
            **build_dedupe(cast),
            **build_housing(cast),
            **build_privacy(cast),
        },
    )


def _office_data(office: Office) -> None:
    office.commissioner_title = COMMISSIONER
    office.address = "\n".join(ADDRESS)
    office.phone = "03733 831-0"
    office.email = "integration@example.org"
    office.save()
    Site.objects.filter(office=office, name=SITE).update(
        address="\n".join(ADDRESS), hours=HOURS, accessibility=ACCESS
    )


def _answered_concern(office: Office, cast: Cast):
    # Sent from the German portal, so the German answer is in the language
    # the person asked for and is marked German on every other page.
    photo = CleanFile("heizung.jpg", b"\xff\xd8 stored as checked", "image/jpeg")
    sent = actions.Sent(
        kind="complaint",
        text="Die Heizung in unserem Zimmer ist seit zwei Wochen kaputt.",
        form_token=secrets.token_urlsafe(24),
        challenge_solved=True,
        files=[photo],
    )
    receipt = actions.submit(office, BY_CODE["de"], sent)
    concern = receipt.concern
    concern.status = Status.IN_PROGRESS
    concern.save(update_fields=["status"])
    actions.publish_answer(concern, ANSWER, "de", cast.carla)
    return concern, receipt.code
