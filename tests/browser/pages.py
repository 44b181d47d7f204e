"""Every page a person sees, for the accessibility test (test_pages.py).

A new page gets one line: a name for the test id, its path and who opens it.
``at("/concerns/{concern}/")`` fills in the ids of the objects that the
``page_data`` fixture (conftest.py) creates: person, concern, partner,
contact, topic, household, follow_up, referral, consent, the portal's
portal_concern, rule, reply_template and portal_page (portal_data.py), and
the ``staff_member`` (a cast member, set by PageData). A page that needs
other data: add it to ``page_data`` and its id to ``PageData.ids``.

The public portal is listed here in German; test_portal.py opens each of its
pages in every portal language.

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
    ids: dict[str, int | str]

    def __post_init__(self) -> None:
        # The staff pages edit a member of the cast, who needs no extra data.
        self.ids.setdefault("staff_member", self.cast.gina.pk)

    def user(self, name: str) -> User:
        if name == "newcomer":
            return self.newcomer
        if hasattr(self.cast, name):
            return getattr(self.cast, name)
        # Users of the page data outside the cast, e.g. farid the mediator.
        return User.objects.get(username=name)


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
    Entry(
        "office statistics compared",
        at("/statistics/?start=2025-01-01&end=2026-12-31&compare=on"),
        "carla",
    ),
    Entry("accommodations", at("/accommodation/"), "carla"),
    Entry("accommodation", at("/accommodation/{accommodation}/"), "carla"),
    Entry("accommodation create", at("/accommodation/new/"), "carla"),
    Entry("accommodation edit", at("/accommodation/{accommodation}/edit/"), "carla"),
    Entry("care ratio rule", at("/accommodation/settings/"), "carla"),
    Entry("minimum standards", at("/accommodation/standards/"), "carla"),
    Entry(
        "minimum standards history", at("/accommodation/standards/history/"), "carla"
    ),
    Entry(
        "minimum standards version",
        at("/accommodation/standards/{catalogue}/"),
        "carla",
    ),
    Entry("standard create", at("/accommodation/standards/{catalogue}/new/"), "carla"),
    Entry(
        "standard edit",
        at("/accommodation/standards/{catalogue}/{standard}/edit/"),
        "carla",
    ),
    Entry(
        "standard remove",
        at("/accommodation/standards/{catalogue}/{standard}/remove/"),
        "carla",
    ),
    Entry(
        "inspection create",
        at("/accommodation/{accommodation}/inspections/new/"),
        "carla",
    ),
    Entry("inspection", at("/accommodation/inspections/{inspection}/"), "carla"),
    Entry(
        "inspection edit", at("/accommodation/inspections/{inspection}/edit/"), "carla"
    ),
    Entry(
        "inspection findings",
        at("/accommodation/inspections/{inspection}/findings/"),
        "carla",
    ),
    Entry(
        "inspection photos",
        at("/accommodation/inspections/{inspection}/photos/"),
        "carla",
    ),
    Entry(
        "deficiency create",
        at("/accommodation/inspections/{inspection}/deficiencies/new/"),
        "carla",
    ),
    Entry(
        "deficiency settle",
        at(
            "/accommodation/inspections/{reinspection}/deficiencies/{deficiency}/settle/"
        ),
        "carla",
    ),
    Entry("data protection requests", at("/privacy/"), "carla"),
    Entry(
        "data protection request", at("/privacy/requests/{access_request}/"), "carla"
    ),
    Entry("restriction", at("/privacy/requests/{restriction}/"), "dieter"),
    Entry("access report", at("/privacy/persons/{privacy_person}/access/"), "carla"),
    Entry("erasure", at("/privacy/persons/{privacy_person}/erase/"), "carla"),
    Entry("restrict", at("/privacy/persons/{privacy_person}/restrict/"), "carla"),
    Entry("retention rules", at("/privacy/retention/"), "carla"),
    Entry("retention dry run", at("/privacy/retention/due/"), "carla"),
    Entry("likely duplicates", at("/clients/duplicates/"), "olga"),
    Entry(
        "merge two records",
        at("/clients/duplicates/{dup_first}/merge/{dup_second}/"),
        "carla",
    ),
    Entry("person with duplicates", at("/clients/{dup_first}/"), "carla"),
    Entry("report files", at("/statistics/reports/"), "carla"),
    Entry("report files of the state", at("/statistics/reports/"), "stella"),
    Entry("report run", at("/statistics/reports/{report_run}/"), "carla"),
    Entry("report texts", at("/statistics/texts/"), "carla"),
    Entry("report text create", at("/statistics/texts/new/"), "carla"),
    Entry("report text edit", at("/statistics/texts/{report_text}/"), "carla"),
    Entry("staff list", at("/accounts/staff/"), "ada"),
    Entry("staff create", at("/accounts/staff/new/"), "ada"),
    Entry("staff edit", at("/accounts/staff/{staff_member}/"), "ada"),
    Entry("portal inbox", at("/office/portal/inbox/"), "carla"),
    Entry(
        "portal answer", at("/office/portal/concerns/{portal_concern}/answer/"), "carla"
    ),
    Entry("portal rules", at("/office/portal/rules/"), "carla"),
    Entry("portal rule edit", at("/office/portal/rules/{rule}/"), "carla"),
    Entry("reply templates", at("/office/portal/replies/"), "carla"),
    Entry(
        "reply template edit",
        at("/office/portal/replies/{reply_template}/"),
        "carla",
    ),
    Entry("portal concern detail", at("/concerns/{portal_concern}/"), "carla"),
    Entry("portal page list", at("/office/pages/"), "carla"),
    Entry("portal page create", at("/office/pages/new/"), "carla"),
    Entry("portal page settings", at("/office/pages/{portal_page}/settings/"), "carla"),
    Entry("portal page delete", at("/office/pages/{portal_page}/delete/"), "carla"),
    Entry("portal page text edit", at("/office/pages/{portal_page}/ar/"), "carla"),
    # The cast has two offices, so /p/ lists them instead of redirecting.
    Entry("portal offices", at("/p/"), None),
    Entry("portal start", at("/p/erzgebirgskreis/de/"), None),
    Entry("portal send form", at("/p/erzgebirgskreis/de/send/"), None),
    Entry("portal status", at("/p/erzgebirgskreis/de/status/"), None),
    Entry("portal page index", at("/p/erzgebirgskreis/de/pages/"), None),
    Entry("portal page", at("/p/erzgebirgskreis/de/page/wegweiser/"), None),
    Entry("hours overview", at("/hours/"), "olga"),
    Entry("site create", at("/hours/sites/new/"), "olga"),
    Entry("site edit", at("/hours/sites/{site}/"), "olga"),
    Entry("room create", at("/hours/sites/{site}/rooms/new/"), "olga"),
    Entry("room edit", at("/hours/rooms/{room}/"), "olga"),
    Entry("hours rule create", at("/hours/rules/new/"), "olga"),
    Entry("hours rule edit", at("/hours/rules/{hours_rule}/"), "olga"),
    Entry("hours rule end", at("/hours/rules/{hours_rule}/end/"), "olga"),
    Entry("cancellation create", at("/hours/cancellations/new/"), "olga"),
    Entry("hours budget", at("/hours/budget/"), "anton"),
    Entry("budget create", at("/hours/budget/new/"), "olga"),
    Entry("budget edit", at("/hours/budget/{budget}/"), "olga"),
    Entry("session", at("/hours/sessions/{hours_rule}/{session_day}/"), "carla"),
    Entry("appointment list", at("/hours/appointments/"), "olga"),
    Entry("appointment create", at("/hours/appointments/new/"), "olga"),
    Entry(
        "appointment create for a client",
        at("/hours/appointments/new/?client={person}"),
        "gina",
    ),
    Entry("appointment detail", at("/hours/appointments/{appointment}/"), "carla"),
    Entry("outreach list", at("/hours/outreach/"), "gina"),
    Entry("outreach create", at("/hours/outreach/new/"), "gina"),
    Entry("outreach detail", at("/hours/outreach/{outreach}/"), "carla"),
    Entry("outreach edit", at("/hours/outreach/{outreach}/edit/"), "carla"),
    Entry("my calendar", at("/hours/calendar/"), "dieter"),
    Entry("portal hours", at("/p/erzgebirgskreis/de/hours/"), None),
    Entry("portal site hours", at("/p/erzgebirgskreis/de/hours/{site}/"), None),
    Entry(
        "portal booking form",
        at("/p/erzgebirgskreis/de/book/{hours_rule}/{session_day}/"),
        None,
    ),
    Entry(
        "portal appointment",
        at("/p/erzgebirgskreis/de/appointment/{appointment_token}/"),
        None,
    ),
    Entry("mediator list", at("/mediators/"), "gina"),
    Entry("mediator create", at("/mediators/new/"), "olga"),
    Entry("mediator detail", at("/mediators/{mediator}/"), "olga"),
    Entry("mediator edit", at("/mediators/{mediator}/edit/"), "olga"),
    Entry("mediator upkeep", at("/mediators/upkeep/"), "olga"),
    Entry("rate scheme list", at("/mediators/rates/"), "olga"),
    Entry("rate scheme create", at("/mediators/rates/new/"), "olga"),
    Entry("rate scheme detail", at("/mediators/rates/{rate_scheme}/"), "olga"),
    Entry("rate scheme edit", at("/mediators/rates/{rate_scheme}/edit/"), "olga"),
    Entry("rate add", at("/mediators/rates/{rate_scheme}/add/"), "olga"),
    Entry("mediator request list", at("/mediators/requests/"), "gina"),
    Entry("mediator request create", at("/mediators/requests/new/"), "gina"),
    Entry(
        "mediator request detail",
        at("/mediators/requests/{mediator_request}/"),
        "gina",
    ),
    Entry(
        "mediator statement",
        at("/mediators/{mediator}/statement/{statement_month}/"),
        "olga",
    ),
    Entry("mediator payments", at("/mediators/payments/{statement_month}/"), "olga"),
    Entry("mediator demand", at("/mediators/demand/"), "anton"),
    Entry("mediator's own assignments", at("/mediators/mine/"), "farid"),
    Entry("mediator's own assignment", at("/mediators/mine/{assignment}/"), "farid"),
    Entry("care list", at("/guidance/cares/"), "gina"),
    Entry("care create", at("/guidance/cares/new/?person={care_person}"), "olga"),
    Entry("care detail", at("/guidance/cares/{care}/"), "gina"),
    Entry("care assign", at("/guidance/cares/{care}/assign/"), "olga"),
    Entry("care transfer", at("/guidance/cares/{care}/transfer/"), "olga"),
    Entry("care end", at("/guidance/cares/{care}/end/"), "gina"),
    Entry("plan step edit", at("/guidance/steps/{plan_step}/"), "gina"),
    Entry("plan templates", at("/guidance/templates/"), "olga"),
    Entry("plan template edit", at("/guidance/templates/{plan_template}/"), "olga"),
    Entry("trainings", at("/guidance/trainings/"), "gina"),
    Entry("training create", at("/guidance/trainings/new/"), "gina"),
    Entry("training edit", at("/guidance/trainings/{training}/"), "gina"),
    Entry("caseloads", at("/guidance/caseload/"), "anton"),
    Entry("recognition lists", at("/guidance/imports/"), "olga"),
    Entry("recognition list upload", at("/guidance/imports/new/"), "olga"),
    Entry(
        "recognition list preview",
        at("/guidance/imports/{recognition_import}/"),
        "olga",
    ),
    Entry("single entry", at("/guidance/intake/new/"), "olga"),
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
    # The portal: the proof-of-work challenge (JSON), an attachment (a file
    # download), POST-only deletions, the accessibility feedback's POST
    # target (a GET goes to the statement) and the office's address, which
    # goes on to its start page in the browser's language.
    "challenge",
    "attachment",
    "rule_delete",
    "reply_template_delete",
    "accessibility_feedback",
    "office",
    # Consultation hours: POST-only actions (the new feed address is shown
    # on the calendar page, listed above) and the iCalendar feeds.
    "cancellation_delete",
    "walk_in_add",
    "walk_in_move",
    "appointment_cancel",
    "appointment_outcome",
    "feed_token",
    "feed_revoke",
    "site_feed",
    "staff_feed",
    # Mediators: POST-only actions, the downloads (PDF, CSV, XLSX) and the
    # addresses that go on to the current month.
    "mediator_confirm",
    "request_offer",
    "request_cancel",
    "request_unfilled",
    "assignment_withdraw",
    "assignment_cancel",
    "assignment_work",
    "own_accept",
    "own_decline",
    "statement_current",
    "statement_pdf",
    "statement_csv",
    "statement_xlsx",
    "payments_current",
    "payments_csv",
    "payments_xlsx",
    # The guide service: POST-only actions and the original list (a file).
    "care_reopen",
    "import_commit",
    "import_discard",
    "import_original",
    # Accommodations: POST-only entries and actions, and a photo (a file).
    "occupancy_add",
    "staffing_add",
    "inspection_complete",
    "photo",
    "photo_remove",
    "deficiency_remove",
    # Duplicates: undoing a merge is POST-only.
    "merge_undo",
    # Data protection: the report files and a POST-only lifting.
    "download_pdf",
    "download_json",
    "lift",
    # Reports: the file downloads and a POST-only deletion.
    "run_download",
    "text_delete",
}
