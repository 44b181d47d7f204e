"""Every staff URL × every role: the status each one must get.

The cast (conftest.py): carla commissioner, dieter deputy, gina guide of the
client, gustav guide without assignment, olga office staff, anton analyst,
ada administrator, otto commissioner of another office, stella state view.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User
from cases.models import FollowUp, Referral
from cases.tests.factories import make_concern, make_partner, make_person, make_topic
from clients.models import Consent, Household
from conftest import logged_in
from dedupe.tests.world import build_dedupe
from directory.models import PartnerContact
from guidance.tests.world import build_guidance
from housing.tests.world import build_housing
from lib.uploads import CleanFile
from mediators.tests.world import build_mediators
from pages.actions import create_page, ensure_required_pages
from portal.actions import Sent, submit
from portal.languages import BY_CODE
from portal.models import ReplyTemplate, RoutingRule
from privacy.tests.matrix_world import build_privacy
from reports.tests.world import build_reports
from schedule.tests.world import build_schedule

USERS = [
    "anon",
    "carla",
    "dieter",
    "gina",
    "gustav",
    "olga",
    "anton",
    "ada",
    "otto",
    "stella",
]


def row(anon, carla, dieter, gina, gustav, olga, anton, ada, otto, stella) -> dict:
    values = [anon, carla, dieter, gina, gustav, olga, anton, ada, otto, stella]
    return dict(zip(USERS, values, strict=True))


# What each kind of page answers, user by user.
PERSON_OBJECT = row(302, 200, 200, 200, 403, 200, 403, 403, 404, 403)
PERSON_LIST = row(302, 200, 200, 200, 200, 200, 403, 403, 200, 403)
PERSON_POST = row(302, 302, 302, 302, 403, 302, 403, 403, 404, 403)
ANY_STAFF = row(302, 200, 200, 200, 200, 200, 200, 200, 200, 200)
DESK = row(302, 200, 200, 200, 200, 200, 302, 302, 200, 302)
DIRECTORY_LIST = row(302, 200, 200, 200, 200, 200, 403, 200, 200, 403)
DIRECTORY_OBJECT = row(302, 200, 200, 200, 200, 200, 403, 200, 404, 403)
DIRECTORY_NEW = row(302, 200, 200, 403, 403, 200, 403, 200, 200, 403)
DIRECTORY_EDIT = row(302, 200, 200, 403, 403, 200, 403, 200, 404, 403)
TOPICS = row(302, 200, 403, 403, 403, 403, 403, 200, 200, 403)
TOPIC_OBJECT = row(302, 200, 403, 403, 403, 403, 403, 200, 404, 403)
STATISTICS = row(302, 200, 200, 403, 403, 403, 200, 403, 200, 403)
STATE = row(302, 403, 403, 403, 403, 403, 403, 403, 403, 200)
# Report files: the statistics roles of the office, and the state view for
# its own state-wide runs; the office's run is not the state view's.
REPORT_RUNS = row(302, 200, 200, 403, 403, 403, 200, 403, 200, 200)
REPORT_RUN = row(302, 200, 200, 403, 403, 403, 200, 403, 404, 404)
# The report's chapters are written by the commissioner and the deputy.
REPORT_TEXTS = row(302, 200, 200, 403, 403, 403, 403, 403, 200, 403)
REPORT_TEXT = row(302, 200, 200, 403, 403, 403, 403, 403, 404, 403)
REPORT_TEXT_POST = row(302, 302, 302, 403, 403, 403, 403, 403, 404, 403)
# Duplicates are found and merged at the desk (commissioner, deputy, office
# staff); a pair or a merge of another office is not found.
DUPLICATES = row(302, 200, 200, 403, 403, 200, 403, 403, 200, 403)
DUPLICATE_PAIR = row(302, 200, 200, 403, 403, 200, 403, 403, 404, 403)
MERGE_POST = row(302, 302, 302, 403, 403, 302, 403, 403, 404, 403)
# Accommodation controlling: guides read the register and inspections; the
# commissioner, deputy and office staff keep it and inspect; the care ratio
# rule is the commissioner's and deputy's.
HOUSING_LIST = row(302, 200, 200, 200, 200, 200, 403, 403, 200, 403)
HOUSING_OBJECT = row(302, 200, 200, 200, 200, 200, 403, 403, 404, 403)
HOUSING_MANAGE = row(302, 200, 200, 403, 403, 200, 403, 403, 200, 403)
HOUSING_MANAGE_OBJECT = row(302, 200, 200, 403, 403, 200, 403, 403, 404, 403)
HOUSING_POST = row(302, 302, 302, 403, 403, 302, 403, 403, 404, 403)
# An empty count comes back as the page with the form's errors.
HOUSING_FORM_POST = row(302, 200, 200, 403, 403, 200, 403, 403, 404, 403)
HOUSING_SETTINGS = row(302, 200, 200, 403, 403, 403, 403, 403, 200, 403)
# Data protection requests and retention: the commissioner and the deputy,
# each office its own; a request or person of another office is not found.
PRIVACY = row(302, 200, 200, 403, 403, 403, 403, 403, 200, 403)
PRIVACY_OBJECT = row(302, 200, 200, 403, 403, 403, 403, 403, 404, 403)
PRIVACY_POST = row(302, 302, 302, 403, 403, 403, 403, 403, 404, 403)
STAFF = row(302, 200, 403, 403, 403, 403, 403, 200, 200, 403)
STAFF_MEMBER = row(302, 200, 403, 403, 403, 403, 403, 200, 404, 403)
STAFF_POST = row(302, 302, 403, 403, 403, 403, 403, 302, 404, 403)
# A portal concern routed to gina: only those who read notes see its answer
# page and attachments.
PORTAL_NOTES = row(302, 200, 200, 200, 403, 403, 403, 403, 404, 403)
PAGES_LIST = row(302, 200, 200, 403, 403, 200, 403, 200, 200, 403)
PAGES_OBJECT = row(302, 200, 200, 403, 403, 200, 403, 200, 404, 403)
# Consultation hours: managers (commissioner, deputy, office staff, admin)
# keep sites, rules and budgets; the desk (all who see persons) works with
# sessions, appointments and outreach; the analyst reads the budget.
HOURS_OVERVIEW = row(302, 200, 200, 200, 200, 200, 403, 200, 200, 403)
HOURS_MANAGE = row(302, 200, 200, 403, 403, 200, 403, 200, 200, 403)
HOURS_MANAGE_OBJECT = row(302, 200, 200, 403, 403, 200, 403, 200, 404, 403)
HOURS_BUDGET = row(302, 200, 200, 403, 403, 200, 200, 200, 200, 403)
HOURS_POST = row(302, 302, 302, 403, 403, 302, 403, 302, 404, 403)
DESK_LIST = row(302, 200, 200, 200, 200, 200, 403, 403, 200, 403)
DESK_OBJECT = row(302, 200, 200, 200, 200, 200, 403, 403, 404, 403)
DESK_POST = row(302, 302, 302, 302, 302, 302, 403, 403, 404, 403)
# An online booking with carla: those who see the whole office or work the
# front desk read it; guides only their own or their clients'.
APPOINTMENT = row(302, 200, 200, 403, 403, 200, 403, 403, 404, 403)
APPOINTMENT_POST = row(302, 302, 302, 403, 403, 302, 403, 403, 404, 403)
OFFICE_MEMBER = row(302, 200, 200, 200, 200, 200, 200, 200, 200, 403)
OFFICE_MEMBER_POST = row(302, 302, 302, 302, 302, 302, 302, 302, 302, 403)
FEED_TOKEN_POST = row(302, 200, 200, 200, 200, 200, 200, 200, 200, 403)
# Language mediators: the pool is read by those who keep it and those who
# ask for mediators (DIRECTORY_* rows), kept and paid by the commissioner,
# deputy, office staff and administrator. A request made by gina: the desk
# and gina see it, not the other guide. Demand is for planning (analyst
# too). Nobody in the cast is a mediator, so their own pages are closed.
MEDIATOR_REQUEST = row(302, 200, 200, 200, 403, 200, 403, 403, 404, 403)
MEDIATOR_REQUEST_POST = row(302, 302, 302, 302, 403, 302, 403, 403, 404, 403)
MEDIATOR_PAY_REDIRECT = row(302, 302, 302, 403, 403, 302, 403, 302, 404, 403)
MEDIATOR_PAYMENTS_REDIRECT = row(302, 302, 302, 403, 403, 302, 403, 302, 302, 403)
MEDIATOR_DEMAND = row(302, 200, 200, 403, 403, 200, 200, 403, 200, 403)
MEDIATOR_OWN = row(302, 403, 403, 403, 403, 403, 403, 403, 403, 403)
# The guide service: the desk (commissioner, deputy, office staff) takes
# people in and assigns them; gina holds the world's care, gustav does not;
# the analyst reads caseloads only, the administrator edits plan templates.
CARE_OBJECT = row(302, 200, 200, 200, 403, 200, 403, 403, 404, 403)
CARE_DESK_OBJECT = row(302, 200, 200, 403, 403, 200, 403, 403, 404, 403)
CARE_DESK_POST = row(302, 302, 302, 403, 403, 302, 403, 403, 404, 403)
INTAKE = row(302, 200, 200, 403, 403, 200, 403, 403, 200, 403)
CASELOAD = row(302, 200, 200, 403, 403, 200, 200, 403, 200, 403)


@pytest.fixture
def world(cast):
    person = make_person(cast.erz, "Haddad", "Mohammed")
    person.guides.add(cast.gina)
    concern = make_concern(cast.erz, cast.carla, person, assigned_to=cast.gina)
    partner = make_partner(cast.erz)
    return {
        "person": person.pk,
        "concern": concern.pk,
        "partner": partner.pk,
        "contact": PartnerContact.objects.create(
            partner=partner, name="Frau Berger"
        ).pk,
        "topic": make_topic(cast.erz).pk,
        "household": Household.objects.create(
            office=cast.erz, name="Familie Haddad"
        ).pk,
        "follow_up": FollowUp.objects.create(
            concern=concern,
            due_on=datetime.date.today(),
            note="Anrufen",
            created_by=cast.carla,
        ).pk,
        "referral": Referral.objects.create(
            concern=concern,
            partner=partner,
            shares_personal_data=False,
            created_by=cast.carla,
        ).pk,
        "consent": Consent.objects.create(
            person=person, purpose="counselling", form="oral", recorded_by=cast.carla
        ).pk,
        "staff_member": cast.gina.pk,
        **portal_world(cast),
        **build_schedule(cast),
        **build_mediators(cast),
        **build_guidance(cast),
        **build_reports(cast),
        **build_dedupe(cast),
        **build_housing(cast),
        **build_privacy(cast),
    }


def portal_world(cast) -> dict:
    RoutingRule.objects.create(office=cast.erz, position=1, assign_to=cast.gina)
    photo = CleanFile("foto.jpg", b"\xff\xd8 stored as checked", "image/jpeg")
    sent = Sent(kind="complaint", text="Heizung kaputt", form_token="t", files=[photo])
    receipt = submit(cast.erz, BY_CODE["de"], sent)
    ensure_required_pages(cast.erz)
    page = create_page(cast.erz, "guide", "wegweiser", 1, "Wegweiser", "Text", None)
    return {
        "portal_concern": receipt.concern.pk,
        "attachment": receipt.concern.submission.attachments.get().pk,
        "rule": RoutingRule.objects.get().pk,
        "reply_template": ReplyTemplate.objects.create(
            office=cast.erz, title="Eingang", text="Danke."
        ).pk,
        "portal_page": page.pk,
    }


GET_PAGES = [
    ("desk", "/desk/", DESK),
    ("password_change", "/accounts/password/", ANY_STAFF),
    ("search", "/search/?q=Haddad", PERSON_LIST),
    ("concern_list", "/concerns/", PERSON_LIST),
    ("concern_create", "/concerns/new/", PERSON_LIST),
    ("concern_detail", "/concerns/{concern}/", PERSON_OBJECT),
    ("concern_edit", "/concerns/{concern}/edit/", PERSON_OBJECT),
    ("concern_close", "/concerns/{concern}/close/", PERSON_OBJECT),
    ("party_add", "/concerns/{concern}/persons/?q=Haddad", PERSON_OBJECT),
    ("activity_create", "/concerns/{concern}/activities/new/", PERSON_OBJECT),
    ("follow_up_create", "/concerns/{concern}/follow-ups/new/", PERSON_OBJECT),
    ("referral_create", "/concerns/{concern}/referrals/new/", PERSON_OBJECT),
    ("referral_result", "/referrals/{referral}/", PERSON_OBJECT),
    ("topic_list", "/settings/topics/", TOPICS),
    ("topic_edit", "/settings/topics/{topic}/", TOPIC_OBJECT),
    ("person_list", "/clients/", PERSON_LIST),
    ("person_create", "/clients/new/", PERSON_LIST),
    ("person_detail", "/clients/{person}/", PERSON_OBJECT),
    ("person_edit", "/clients/{person}/edit/", PERSON_OBJECT),
    ("consent_create", "/clients/{person}/consents/new/", PERSON_OBJECT),
    ("household_create", "/clients/households/new/", PERSON_LIST),
    ("partner_list", "/partners/", DIRECTORY_LIST),
    ("partner_create", "/partners/new/", DIRECTORY_NEW),
    ("partner_detail", "/partners/{partner}/", DIRECTORY_OBJECT),
    ("partner_edit", "/partners/{partner}/edit/", DIRECTORY_EDIT),
    ("contact_create", "/partners/{partner}/contacts/new/", DIRECTORY_EDIT),
    ("contact_edit", "/partners/contacts/{contact}/edit/", DIRECTORY_EDIT),
    ("contact_delete", "/partners/contacts/{contact}/delete/", DIRECTORY_EDIT),
    ("office", "/statistics/", STATISTICS),
    ("state", "/statistics/state/", STATE),
    ("request_list", "/privacy/", PRIVACY),
    ("request_detail", "/privacy/requests/{access_request}/", PRIVACY_OBJECT),
    ("download_pdf", "/privacy/requests/{access_request}/report.pdf", PRIVACY_OBJECT),
    (
        "download_json",
        "/privacy/requests/{access_request}/report.json",
        PRIVACY_OBJECT,
    ),
    ("access_report", "/privacy/persons/{privacy_person}/access/", PRIVACY_OBJECT),
    ("erase", "/privacy/persons/{privacy_person}/erase/", PRIVACY_OBJECT),
    ("restrict", "/privacy/persons/{privacy_person}/restrict/", PRIVACY_OBJECT),
    ("retention", "/privacy/retention/", PRIVACY),
    ("retention_due", "/privacy/retention/due/", PRIVACY),
    ("accommodation_list", "/accommodation/", HOUSING_LIST),
    ("accommodation_detail", "/accommodation/{accommodation}/", HOUSING_OBJECT),
    ("accommodation_create", "/accommodation/new/", HOUSING_MANAGE),
    (
        "accommodation_edit",
        "/accommodation/{accommodation}/edit/",
        HOUSING_MANAGE_OBJECT,
    ),
    ("settings", "/accommodation/settings/", HOUSING_SETTINGS),
    ("catalogue", "/accommodation/standards/", HOUSING_MANAGE),
    ("catalogue_history", "/accommodation/standards/history/", HOUSING_MANAGE),
    (
        "catalogue_version",
        "/accommodation/standards/{catalogue}/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "standard_create",
        "/accommodation/standards/{catalogue}/new/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "standard_edit",
        "/accommodation/standards/{catalogue}/{standard}/edit/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "standard_remove",
        "/accommodation/standards/{catalogue}/{standard}/remove/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "inspection_create",
        "/accommodation/{accommodation}/inspections/new/",
        HOUSING_MANAGE_OBJECT,
    ),
    ("inspection_detail", "/accommodation/inspections/{inspection}/", HOUSING_OBJECT),
    (
        "inspection_edit",
        "/accommodation/inspections/{inspection}/edit/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "inspection_findings",
        "/accommodation/inspections/{inspection}/findings/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "photo_add",
        "/accommodation/inspections/{inspection}/photos/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "photo",
        "/accommodation/inspections/{inspection}/photos/{photo}/",
        HOUSING_OBJECT,
    ),
    (
        "deficiency_create",
        "/accommodation/inspections/{inspection}/deficiencies/new/",
        HOUSING_MANAGE_OBJECT,
    ),
    (
        "deficiency_settle",
        "/accommodation/inspections/{reinspection}/deficiencies/{deficiency}/settle/",
        HOUSING_MANAGE_OBJECT,
    ),
    ("duplicate_list", "/clients/duplicates/", DUPLICATES),
    (
        "merge_pair",
        "/clients/duplicates/{dup_first}/merge/{dup_second}/",
        DUPLICATE_PAIR,
    ),
    ("run_list", "/statistics/reports/", REPORT_RUNS),
    ("run_detail", "/statistics/reports/{report_run}/", REPORT_RUN),
    ("run_download", "/statistics/reports/{report_run}/csv/", REPORT_RUN),
    ("text_list", "/statistics/texts/", REPORT_TEXTS),
    ("text_create", "/statistics/texts/new/", REPORT_TEXTS),
    ("text_edit", "/statistics/texts/{report_text}/", REPORT_TEXT),
    ("staff_list", "/accounts/staff/", STAFF),
    ("staff_create", "/accounts/staff/new/", STAFF),
    ("staff_edit", "/accounts/staff/{staff_member}/", STAFF_MEMBER),
    ("inbox", "/office/portal/inbox/", PERSON_LIST),
    ("answer", "/office/portal/concerns/{portal_concern}/answer/", PORTAL_NOTES),
    ("attachment", "/office/portal/attachments/{attachment}/", PORTAL_NOTES),
    ("rules", "/office/portal/rules/", TOPICS),
    ("rule_edit", "/office/portal/rules/{rule}/", TOPIC_OBJECT),
    ("reply_templates", "/office/portal/replies/", TOPICS),
    ("reply_template_edit", "/office/portal/replies/{reply_template}/", TOPIC_OBJECT),
    ("page_list", "/office/pages/", PAGES_LIST),
    ("page_create", "/office/pages/new/", PAGES_LIST),
    ("page_settings", "/office/pages/{portal_page}/settings/", PAGES_OBJECT),
    ("text_edit", "/office/pages/{portal_page}/ar/", PAGES_OBJECT),
    ("page_delete", "/office/pages/{portal_page}/delete/", PAGES_OBJECT),
    ("hours_overview", "/hours/", HOURS_OVERVIEW),
    ("site_create", "/hours/sites/new/", HOURS_MANAGE),
    ("site_edit", "/hours/sites/{site}/", HOURS_MANAGE_OBJECT),
    ("room_create", "/hours/sites/{site}/rooms/new/", HOURS_MANAGE_OBJECT),
    ("room_edit", "/hours/rooms/{room}/", HOURS_MANAGE_OBJECT),
    ("hours_rule_create", "/hours/rules/new/", HOURS_MANAGE),
    ("hours_rule_edit", "/hours/rules/{hours_rule}/", HOURS_MANAGE_OBJECT),
    ("hours_rule_end", "/hours/rules/{hours_rule}/end/", HOURS_MANAGE_OBJECT),
    ("cancellation_create", "/hours/cancellations/new/", HOURS_MANAGE),
    ("budget_month", "/hours/budget/", HOURS_BUDGET),
    ("budget_create", "/hours/budget/new/", HOURS_MANAGE),
    ("budget_edit", "/hours/budget/{budget}/", HOURS_MANAGE_OBJECT),
    ("session", "/hours/sessions/{hours_rule}/{session_day}/", DESK_OBJECT),
    ("appointment_list", "/hours/appointments/", DESK_LIST),
    ("appointment_create", "/hours/appointments/new/", DESK_LIST),
    ("appointment_detail", "/hours/appointments/{appointment}/", APPOINTMENT),
    ("outreach_list", "/hours/outreach/", DESK_LIST),
    ("outreach_create", "/hours/outreach/new/", DESK_LIST),
    ("outreach_detail", "/hours/outreach/{outreach}/", DESK_OBJECT),
    ("outreach_edit", "/hours/outreach/{outreach}/edit/", DESK_OBJECT),
    ("my_calendar", "/hours/calendar/", OFFICE_MEMBER),
    ("mediator_list", "/mediators/", DIRECTORY_LIST),
    ("mediator_create", "/mediators/new/", DIRECTORY_NEW),
    ("mediator_detail", "/mediators/{mediator}/", DIRECTORY_OBJECT),
    ("mediator_edit", "/mediators/{mediator}/edit/", DIRECTORY_EDIT),
    ("upkeep", "/mediators/upkeep/", DIRECTORY_NEW),
    ("rate_list", "/mediators/rates/", DIRECTORY_NEW),
    ("rate_create", "/mediators/rates/new/", DIRECTORY_NEW),
    ("rate_detail", "/mediators/rates/{rate_scheme}/", DIRECTORY_EDIT),
    ("rate_edit", "/mediators/rates/{rate_scheme}/edit/", DIRECTORY_EDIT),
    ("rate_add", "/mediators/rates/{rate_scheme}/add/", DIRECTORY_EDIT),
    ("request_list", "/mediators/requests/", DESK_LIST),
    ("request_create", "/mediators/requests/new/", DESK_LIST),
    ("request_detail", "/mediators/requests/{mediator_request}/", MEDIATOR_REQUEST),
    ("statement_current", "/mediators/{mediator}/statement/", MEDIATOR_PAY_REDIRECT),
    ("statement", "/mediators/{mediator}/statement/2026-11/", DIRECTORY_EDIT),
    ("statement_pdf", "/mediators/{mediator}/statement/2026-11/pdf/", DIRECTORY_EDIT),
    ("statement_csv", "/mediators/{mediator}/statement/2026-11/csv/", DIRECTORY_EDIT),
    (
        "statement_xlsx",
        "/mediators/{mediator}/statement/2026-11/xlsx/",
        DIRECTORY_EDIT,
    ),
    ("payments_current", "/mediators/payments/", MEDIATOR_PAYMENTS_REDIRECT),
    ("payments", "/mediators/payments/2026-11/", DIRECTORY_NEW),
    ("payments_csv", "/mediators/payments/2026-11/csv/", DIRECTORY_NEW),
    ("payments_xlsx", "/mediators/payments/2026-11/xlsx/", DIRECTORY_NEW),
    ("demand", "/mediators/demand/", MEDIATOR_DEMAND),
    ("own_list", "/mediators/mine/", MEDIATOR_OWN),
    ("own_detail", "/mediators/mine/{assignment}/", MEDIATOR_OWN),
    ("care_list", "/guidance/cares/", DESK_LIST),
    ("care_create", "/guidance/cares/new/?person={care_person}", CARE_DESK_OBJECT),
    ("care_detail", "/guidance/cares/{care}/", CARE_OBJECT),
    ("care_assign", "/guidance/cares/{care}/assign/", CARE_DESK_OBJECT),
    ("care_transfer", "/guidance/cares/{care}/transfer/", CARE_DESK_OBJECT),
    ("care_end", "/guidance/cares/{care}/end/", CARE_OBJECT),
    ("step_edit", "/guidance/steps/{plan_step}/", CARE_OBJECT),
    ("template_list", "/guidance/templates/", HOURS_MANAGE),
    ("template_edit", "/guidance/templates/{plan_template}/", HOURS_MANAGE_OBJECT),
    ("training_list", "/guidance/trainings/", DESK_LIST),
    ("training_create", "/guidance/trainings/new/", DESK_LIST),
    ("training_edit", "/guidance/trainings/{training}/", CARE_OBJECT),
    ("caseload", "/guidance/caseload/", CASELOAD),
    ("import_list", "/guidance/imports/", INTAKE),
    ("import_create", "/guidance/imports/new/", INTAKE),
    ("import_detail", "/guidance/imports/{recognition_import}/", CARE_DESK_OBJECT),
    (
        "import_original",
        "/guidance/imports/{recognition_import}/original/",
        CARE_DESK_OBJECT,
    ),
    ("intake_create", "/guidance/intake/new/", INTAKE),
]

# Those without the roles an action needs are stopped before the method is
# looked at; everyone else gets 405 for a GET.
PERSON_GATE = {"anon", "anton", "ada", "stella"}
STAFF_GATE = {"anon", "dieter", "gina", "gustav", "olga", "anton", "stella"}
HOURS_GATE = {"anon", "gina", "gustav", "anton", "stella"}
DESK_GATE = {"anon", "anton", "ada", "stella"}
# The state view works in no office (and mediators, not in the cast, neither).
OFFICE_GATE = {"anon", "stella"}
REQUEST_GATE = {"anon", "anton", "ada", "stella"}
CARE_GATE = {"anon", "gina", "gustav", "anton", "ada", "stella"}
TEXT_GATE = {"anon", "gina", "gustav", "olga", "anton", "ada", "stella"}
MERGE_GATE = {"anon", "gina", "gustav", "anton", "ada", "stella"}
HOUSING_GATE = MERGE_GATE
PRIVACY_GATE = MERGE_GATE | {"olga"}
# POST-only before anything else: a GET is 405 for everyone.
NO_GATE: set[str] = set()
EVERYONE = set(USERS)

# Actions that only take POST; a GET by someone let in is 405.
POST_ACTIONS = [
    (
        "occupancy_add",
        "/accommodation/{accommodation}/occupancy/",
        HOUSING_FORM_POST,
        HOUSING_GATE,
    ),
    (
        "staffing_add",
        "/accommodation/{accommodation}/staffing/",
        HOUSING_FORM_POST,
        HOUSING_GATE,
    ),
    (
        "inspection_complete",
        "/accommodation/inspections/{inspection}/complete/",
        HOUSING_POST,
        HOUSING_GATE,
    ),
    (
        "photo_remove",
        "/accommodation/inspections/{inspection}/photos/{photo}/remove/",
        HOUSING_POST,
        HOUSING_GATE,
    ),
    (
        "deficiency_remove",
        "/accommodation/inspections/{inspection}/deficiencies/{deficiency}/remove/",
        HOUSING_POST,
        HOUSING_GATE,
    ),
    ("merge_undo", "/clients/duplicates/merges/{merge}/undo/", MERGE_POST, MERGE_GATE),
    ("lift", "/privacy/requests/{restriction}/lift/", PRIVACY_POST, PRIVACY_GATE),
    (
        "text_delete",
        "/statistics/texts/{report_text}/delete/",
        REPORT_TEXT_POST,
        TEXT_GATE,
    ),
    ("follow_up_done", "/follow-ups/{follow_up}/done/", PERSON_POST, PERSON_GATE),
    ("concern_reopen", "/concerns/{concern}/reopen/", PERSON_POST, PERSON_GATE),
    (
        "consent_withdraw",
        "/clients/consents/{consent}/withdraw/",
        PERSON_POST,
        PERSON_GATE,
    ),
    (
        "staff_reset_second_factor",
        "/accounts/staff/{staff_member}/second-factor/reset/",
        STAFF_POST,
        STAFF_GATE,
    ),
    ("rule_delete", "/office/portal/rules/{rule}/delete/", STAFF_POST, STAFF_GATE),
    (
        "reply_template_delete",
        "/office/portal/replies/{reply_template}/delete/",
        STAFF_POST,
        STAFF_GATE,
    ),
    (
        "cancellation_delete",
        "/hours/cancellations/{cancellation}/delete/",
        HOURS_POST,
        HOURS_GATE,
    ),
    (
        "walk_in_add",
        "/hours/sessions/{hours_rule}/{session_day}/walk-ins/",
        DESK_POST,
        DESK_GATE,
    ),
    ("walk_in_move", "/hours/walk-ins/{walk_in}/move/", DESK_POST, DESK_GATE),
    (
        "appointment_cancel",
        "/hours/appointments/{appointment}/cancel/",
        APPOINTMENT_POST,
        DESK_GATE,
    ),
    (
        "appointment_outcome",
        "/hours/appointments/{appointment}/outcome/",
        APPOINTMENT_POST,
        DESK_GATE,
    ),
    ("feed_token", "/hours/calendar/feed/", FEED_TOKEN_POST, OFFICE_GATE),
    ("feed_revoke", "/hours/calendar/feed/revoke/", OFFICE_MEMBER_POST, OFFICE_GATE),
    ("mediator_confirm", "/mediators/{mediator}/confirm/", HOURS_POST, HOURS_GATE),
    (
        "request_offer",
        "/mediators/requests/{mediator_request}/offer/",
        MEDIATOR_REQUEST_POST,
        REQUEST_GATE,
    ),
    (
        "request_cancel",
        "/mediators/requests/{mediator_request}/cancel/",
        MEDIATOR_REQUEST_POST,
        REQUEST_GATE,
    ),
    (
        "request_unfilled",
        "/mediators/requests/{mediator_request}/unfilled/",
        MEDIATOR_REQUEST_POST,
        REQUEST_GATE,
    ),
    (
        "assignment_withdraw",
        "/mediators/assignments/{assignment}/withdraw/",
        MEDIATOR_REQUEST_POST,
        REQUEST_GATE,
    ),
    (
        "assignment_cancel",
        "/mediators/assignments/{assignment}/cancel/",
        MEDIATOR_REQUEST_POST,
        REQUEST_GATE,
    ),
    (
        "assignment_work",
        "/mediators/assignments/{assignment}/work/",
        MEDIATOR_REQUEST,
        REQUEST_GATE,
    ),
    ("care_reopen", "/guidance/cares/{care}/reopen/", CARE_DESK_POST, CARE_GATE),
    (
        "import_commit",
        "/guidance/imports/{recognition_import}/commit/",
        CARE_DESK_POST,
        NO_GATE,
    ),
    (
        "import_discard",
        "/guidance/imports/{recognition_import}/discard/",
        CARE_DESK_POST,
        NO_GATE,
    ),
    ("own_accept", "/mediators/mine/{assignment}/accept/", MEDIATOR_OWN, EVERYONE),
    ("own_decline", "/mediators/mine/{assignment}/decline/", MEDIATOR_OWN, EVERYONE),
]

# Pages anybody may open: the login itself, the health check, the language,
# and the public portal (tested in portal/tests and pages/tests).
PUBLIC = {"home", "healthz", "set_language", "login", "logout", "otp_setup"} | {
    "offices",
    "office",
    "start",
    "submit",
    "status",
    "challenge",
    "index",
    "page",
    "accessibility_feedback",
    # Consultation hours on the portal (schedule/tests/test_public_*.py) and
    # the calendar feeds, whose secret address is the key (test_feeds.py).
    "hours",
    "site_hours",
    "site_feed",
    "book",
    "appointment",
    "staff_feed",
}


def client_for(cast, name, client):
    return client if name == "anon" else cast.client(name)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize(
    ("name", "path", "expected"), GET_PAGES, ids=[p[0] for p in GET_PAGES]
)
def test_get_page(cast, world, client, user, name, path, expected):
    response = client_for(cast, user, client).get(path.format(**world))
    assert response.status_code == expected[user], f"{user} GET {path}"


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize(
    ("name", "path", "expected", "gate"),
    POST_ACTIONS,
    ids=[p[0] for p in POST_ACTIONS],
)
def test_post_action(cast, world, client, user, name, path, expected, gate):
    http = client_for(cast, user, client)
    url = path.format(**world)
    at_the_gate = user in gate
    assert http.get(url).status_code == (expected[user] if at_the_gate else 405)
    assert http.post(url).status_code == expected[user], f"{user} POST {path}"


# What a mediator who logs in may open besides their own assignments.
MEDIATOR_MAY = {"own_list": 200, "own_detail": 200, "desk": 302, "password_change": 200}


@pytest.mark.parametrize(
    ("name", "path", "expected"), GET_PAGES, ids=[p[0] for p in GET_PAGES]
)
def test_a_mediator_reaches_only_their_own_assignments(
    cast, world, name, path, expected
):
    """farid is the world's mediator with a login: every other staff page
    is closed to him, the desk sends him to his assignments."""
    farid = User.objects.get(username="farid")
    response = logged_in(farid).get(path.format(**world))
    if name in MEDIATOR_MAY:
        assert response.status_code == MEDIATOR_MAY[name]
    else:
        assert response.status_code in (403, 404), f"farid GET {path}"
    if name == "desk":
        assert response["Location"] == "/mediators/mine/"


def _named_urls(patterns, found=None):
    found = set() if found is None else found
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _named_urls(pattern.url_patterns, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.add(pattern.name)
    return found


def test_matrix_covers_every_url():
    covered = {page[0] for page in GET_PAGES + POST_ACTIONS} | PUBLIC
    assert _named_urls(get_resolver().url_patterns) - covered == set()
