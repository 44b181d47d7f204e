"""Every page a person sees, for the accessibility test (test_pages.py).

A new page gets one line: a name for the test id, its path and who opens it.
``at("/concerns/{concern}/")`` fills in the ids of the objects that the
``page_data`` fixture (conftest.py) creates: person, concern, partner,
contact, topic, household, follow_up, referral, consent, and the
``staff_member`` (a cast member, set by PageData). A page that needs other
data: add it to ``page_data`` and its id to ``PageData.ids``.

Users are cast names (conftest.py), "newcomer" for a user without a paired
authenticator app, or None for an anonymous visitor.

test_every_page_is_in_the_registry fails for a new URL that is neither here
nor in NOT_PAGES.
"""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.models import User
from cases.models import Concern
from clients.models import Person
from conftest import Cast
from directory.models import Partner


@dataclass
class PageData:
    """The objects and users the pages show; built by the page_data fixture."""

    cast: Cast
    newcomer: User
    person: Person
    concern: Concern
    partner: Partner
    ids: dict[str, int]

    def __post_init__(self) -> None:
        # The staff pages edit a member of the cast, who needs no extra data.
        self.ids.setdefault("staff_member", self.cast.gina.pk)

    def user(self, name: str) -> User:
        return self.newcomer if name == "newcomer" else getattr(self.cast, name)


def at(template: str) -> Callable[[PageData], str]:
    return lambda data: template.format_map(data.ids)


@dataclass(frozen=True)
class Entry:
    name: str
    path: Callable[[PageData], str]
    user: str | None
    # False: the user gave the password but no authenticator code yet.
    second_factor: bool = True
    status: int = 200


PAGES = [
    Entry("login", at("/accounts/login/"), None),
    Entry("second-factor setup", at("/accounts/second-factor/"), "newcomer", False),
    Entry("desk of a guide", at("/desk/"), "gina"),
    Entry("password change", at("/accounts/password/"), "gina"),
    Entry("desk of the commissioner", at("/desk/"), "carla"),
    Entry("search", at("/search/?q=Haddad"), "gina"),
    Entry("concern list", at("/concerns/"), "gina"),
    Entry("concern create", at("/concerns/new/"), "gina"),
    Entry("concern detail", at("/concerns/{concern}/"), "gina"),
    Entry("concern edit", at("/concerns/{concern}/edit/"), "gina"),
    Entry("concern close", at("/concerns/{concern}/close/"), "gina"),
    Entry("party add", at("/concerns/{concern}/persons/?q=Haddad"), "gina"),
    Entry("activity create", at("/concerns/{concern}/activities/new/"), "gina"),
    Entry("follow-up create", at("/concerns/{concern}/follow-ups/new/"), "gina"),
    Entry("referral create", at("/concerns/{concern}/referrals/new/"), "gina"),
    Entry("referral result", at("/referrals/{referral}/"), "gina"),
    Entry("topic list", at("/settings/topics/"), "carla"),
    Entry("topic edit", at("/settings/topics/{topic}/"), "carla"),
    Entry("person list", at("/clients/"), "gina"),
    Entry("person create", at("/clients/new/"), "gina"),
    Entry("person detail", at("/clients/{person}/"), "gina"),
    Entry("person edit", at("/clients/{person}/edit/"), "gina"),
    Entry("consent create", at("/clients/{person}/consents/new/"), "gina"),
    Entry("household create", at("/clients/households/new/"), "gina"),
    Entry("partner list", at("/partners/"), "gina"),
    Entry("partner detail", at("/partners/{partner}/"), "gina"),
    Entry("partner create", at("/partners/new/"), "olga"),
    Entry("partner edit", at("/partners/{partner}/edit/"), "olga"),
    Entry("contact create", at("/partners/{partner}/contacts/new/"), "olga"),
    Entry("contact edit", at("/partners/contacts/{contact}/edit/"), "olga"),
    Entry("contact delete", at("/partners/contacts/{contact}/delete/"), "olga"),
    Entry("office statistics", at("/statistics/"), "anton"),
    Entry("state statistics", at("/statistics/state/"), "stella"),
    Entry("staff list", at("/accounts/staff/"), "ada"),
    Entry("staff create", at("/accounts/staff/new/"), "ada"),
    Entry("staff edit", at("/accounts/staff/{staff_member}/"), "ada"),
    Entry("page not found", at("/no-such-page/"), "carla", status=404),
    Entry("no access", at("/concerns/"), "anton", status=403),
]

# URL names that show no page of their own: POST-only actions and machinery.
NOT_PAGES = {
    "home",
    "healthz",
    "set_language",
    "logout",
    "concern_reopen",
    "follow_up_done",
    "consent_withdraw",
    "staff_reset_second_factor",
}
