"""Every table of the installation, and what it holds about people.

The office must be able to say what it stores about whom. Each model is
declared here exactly once, in one of three kinds:

- ``About`` a client: rows found from a person along ``paths`` (lookups from
  the model to clients.Person). They make up the access report (Art. 15)
  and are what erasure and retention anonymise.
- ``Others``: personal data of people who are not clients of the office
  (staff, language mediators, partners' contact persons, people seen only
  at the door) or technical data (sign-in attempts, sessions). Each says
  why it is not part of a client's report and how it is limited.
- ``Nothing``: no personal data, with the reason.

privacy/tests/test_registry.py fails when a model is added without being
declared here, and when a model that can reach a person is not declared
as ``About``. History tables (django-simple-history) belong to their model.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class About:
    """Rows about a client. ``hidden`` fields are left out of the report
    (internal keys, digests); everything else is shown."""

    paths: tuple[str, ...]
    hidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Others:
    why: Promise


@dataclass(frozen=True)
class Nothing:
    why: Promise


Declaration = About | Others | Nothing

STAFF = _(
    "Staff accounts and their work; shown to staff in their own account, "
    "not part of a client's report."
)
TECHNICAL = _(
    "Technical records of the service (sign-ins, sessions, queued work); kept "
    "briefly and never linked to a client's record."
)
SETTINGS = _("The office's own settings and texts.")

DECLARATIONS: dict[str, Declaration] = {
    # Django and third-party apps.
    "auth.Permission": Nothing(SETTINGS),
    "auth.Group": Nothing(SETTINGS),
    "contenttypes.ContentType": Nothing(SETTINGS),
    "sessions.Session": Others(TECHNICAL),
    "otp_totp.TOTPDevice": Others(STAFF),
    "axes.AccessFailureLog": Others(TECHNICAL),
    "axes.AccessAttempt": Others(TECHNICAL),
    "axes.AccessAttemptExpiration": Others(TECHNICAL),
    "axes.AccessLog": Others(TECHNICAL),
    "django_tasks_database.DBTaskResult": Others(
        _(
            "Queued background work names records by number only; results "
            "are removed after 14 days (manage.py prune_db_task_results)."
        )
    ),
    # The office and its staff.
    "accounts.Office": Nothing(SETTINGS),
    "accounts.Municipality": Nothing(SETTINGS),
    "accounts.Site": Nothing(SETTINGS),
    "accounts.User": Others(STAFF),
    "accounts.RoleGrant": Others(STAFF),
    "directory.Partner": Others(
        _("Organisations the office works with; contact data of organisations.")
    ),
    "directory.PartnerContact": Others(
        _("Contact persons at partner organisations, with their consent at work.")
    ),
    # Clients.
    "clients.Household": About(("members",)),
    "clients.Person": About(("pk",), hidden=("name_key",)),
    "clients.Nationality": About(("person",)),
    "clients.PersonLanguage": About(("person",)),
    "clients.Consent": About(("person",)),
    "clients.PersonAccess": About(
        ("person",), hidden=("digest", "sequence", "person_number")
    ),
    "clients.AccessChain": Nothing(
        _("The last link of each office's access log chain: numbers and a hash.")
    ),
    "cases.Topic": Nothing(SETTINGS),
    "cases.Concern": About(("persons",), hidden=("year", "sequence", "version")),
    "cases.FollowUp": About(("concern__persons",)),
    "cases.Activity": About(("concern__persons",)),
    "cases.Referral": About(("person", "concern__persons")),
    "reports.ReportText": Nothing(_("Chapters of the activity report.")),
    "reports.ReportRun": Nothing(_("Report files hold counts of at least 5 only.")),
    "reports.ReportFile": Nothing(_("Report files hold counts of at least 5 only.")),
    "portal.Submission": About(
        ("concern__persons",), hidden=("code_digest", "form_token")
    ),
    "portal.Attachment": About(("submission__concern__persons",), hidden=("file",)),
    "portal.RoutingRule": Nothing(SETTINGS),
    "portal.ReplyTemplate": Nothing(SETTINGS),
    "portal.Throttle": Others(
        _("Counts per network address against abuse; kept for a day.")
    ),
    "pages.Page": Nothing(_("Public pages of the office.")),
    "pages.PageText": Nothing(_("Public pages of the office.")),
    # Language mediators: their own data is staff-like; requests are the
    # clients'.
    "mediators.RateScheme": Nothing(SETTINGS),
    "mediators.Rate": Nothing(SETTINGS),
    "mediators.Mediator": Others(
        _("Language mediators of the pool; they see and confirm their own data.")
    ),
    "mediators.MediatorLanguage": Others(
        _("Language mediators of the pool; they see and confirm their own data.")
    ),
    "mediators.Availability": Others(
        _("Language mediators of the pool; they see and confirm their own data.")
    ),
    "mediators.Request": About(("concern__persons",)),
    "mediators.Assignment": About(("request__concern__persons",), hidden=("reasons",)),
    # Integration guides.
    "guidance.Care": About(("person",)),
    "guidance.CareSpell": About(("care__person",)),
    "guidance.PlanTemplate": Nothing(SETTINGS),
    "guidance.TemplateStep": Nothing(SETTINGS),
    "guidance.PlanStep": About(("care__person",)),
    "guidance.RecognitionImport": Others(
        _(
            "An uploaded list from the immigration authority; its rows are "
            "shown with the persons they created, the file is removed once "
            "the list is imported."
        )
    ),
    "guidance.ImportRow": About(("person",)),
    "guidance.Training": Others(STAFF),
    # Duplicates.
    "dedupe.Merge": About(("kept", "merged"), hidden=("record",)),
    "dedupe.PersonKey": About(("person",)),
    # Accommodation.
    "housing.Accommodation": Nothing(_("Buildings and their operators.")),
    "housing.Occupancy": Nothing(_("Numbers of residents.")),
    "housing.Staffing": Nothing(_("Staff numbers of an accommodation.")),
    "housing.Settings": Nothing(SETTINGS),
    "housing.Catalogue": Nothing(SETTINGS),
    "housing.Standard": Nothing(SETTINGS),
    "housing.Inspection": Others(
        _(
            "Inspection notes record what residents said without names; "
            "inspectors are staff."
        )
    ),
    "housing.Finding": Nothing(_("Findings about a building.")),
    "housing.Photo": Others(
        _("Photos of buildings; staff are told not to photograph residents.")
    ),
    "housing.Deficiency": Nothing(_("Deficiencies of a building.")),
    # Consultation hours.
    "schedule.Room": Nothing(SETTINGS),
    "schedule.HoursRule": Others(STAFF),
    "schedule.Cancellation": Others(STAFF),
    "schedule.Appointment": About(
        ("client",), hidden=("cancel_digest", "portal_language")
    ),
    "schedule.WalkIn": Others(
        _(
            "The waiting list at the door: a first name or a number for the "
            "day, removed by the retention run."
        )
    ),
    "schedule.OutreachEvent": Nothing(_("Events of the office.")),
    "schedule.OutreachNote": Others(
        _("Notes on an event, written without names of clients.")
    ),
    "schedule.HoursBudget": Nothing(SETTINGS),
    "schedule.FeedToken": Others(STAFF),
    # Data protection: a request names the record by number only.
    "privacy.DataRequest": About(("person",), hidden=("outcome",)),
    "privacy.RetentionRule": Nothing(SETTINGS),
    "privacy.RetentionRun": Nothing(_("Counts of records treated, no names.")),
}


def label_of(model: type[models.Model]) -> str:
    """The declaration's key; history tables answer for their model."""
    instance_type = getattr(model, "instance_type", None)
    if instance_type is not None:
        model = instance_type
    return model._meta.label


def declaration(model: type[models.Model]) -> Declaration | None:
    return DECLARATIONS.get(label_of(model))


def client_models() -> list[tuple[type[models.Model], About]]:
    """The models about clients, in the order declared (the report's order)."""
    found = []
    for label, declared in DECLARATIONS.items():
        if isinstance(declared, About):
            found.append((apps.get_model(label), declared))
    return found
