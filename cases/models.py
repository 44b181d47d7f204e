import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Office, Site, User
from clients.models import Consent, Household, Person
from directory.models import Partner
from lib.crypto import EncryptedTextField


class Topic(models.Model):
    """The office's taxonomy of topics; seeded from DOMAIN.md, editable."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("name"), max_length=120)
    active = models.BooleanField(_("in use"), default=True)
    # The English source of a default topic, so that the public portal can
    # show it in the reader's language; empty for topics the office added,
    # which the portal shows in German, marked as such.
    source = models.CharField(max_length=120, blank=True, editable=False)
    public = models.BooleanField(
        _("offered on the public portal"),
        default=True,
        help_text=_("Topics the public can choose when sending a concern."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="topic_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def public_label(self) -> tuple[str, bool]:
        """The name in the active language, and whether it is translated."""
        if self.source:
            return gettext(self.source), True
        return self.name, False


class ConcernType(models.TextChoices):
    VISIT = "visit", _("Walk-in visit")
    REQUEST = "request", _("Request")
    COMPLAINT = "complaint", _("Complaint")
    PETITION = "petition", _("Petition")
    INQUIRY = "inquiry", _("Inquiry")
    CONFLICT = "conflict", _("Conflict between migrants and residents")


class Channel(models.TextChoices):
    CONSULTATION_HOUR = "consultation_hour", _("Consultation hour")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    PORTAL = "portal", _("Public portal")
    PARTNER_REFERRAL = "partner_referral", _("Referral by a partner")
    OUTREACH = "outreach", _("Outreach visit")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for partner")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFERRED = "referred", _("Referred to the competent agency")
    ADVISED = "advised", _("Advice given")
    MEDIATED = "mediated", _("Mediated")
    NOT_RESOLVED = "not_resolved", _("Could not be resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Justification(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    PARTLY = "partly", _("Partly justified")
    NOT_JUSTIFIED = "not_justified", _("Not justified")


OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS, Status.WAITING]


class ConcernQuerySet(models.QuerySet["Concern"]):
    def visible_to(self, user: User) -> "ConcernQuerySet":
        """Concerns a staff member may open; the only way views list concerns."""
        if not user.is_authenticated or not user.sees_persons or not user.office_id:
            return self.none()
        mine = self.filter(office_id=user.office_id)
        if user.sees_whole_office or user.has_role("office_staff"):
            return mine
        shared = Concern.shared_with.through.objects.filter(
            concern=OuterRef("pk"), user=user
        )
        own_client = Person.guides.through.objects.filter(
            user=user, person__concerns=OuterRef("pk")
        )
        return mine.filter(Q(assigned_to=user) | Exists(shared) | Exists(own_client))

    def open(self) -> "ConcernQuerySet":
        # A positive IN lets the database use the (office, status) index.
        return self.filter(status__in=OPEN_STATUSES)

    def for_list(self) -> "ConcernQuerySet":
        """What a list row shows, fetched in a fixed number of queries."""
        return self.select_related("assigned_to", "site").prefetch_related(
            "topics",
            models.Prefetch(
                "persons",
                queryset=Person.objects.only("id", "family_name", "given_names"),
            ),
        )


class Concern(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="concerns"
    )
    number = models.CharField(_("case number"), max_length=30, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    type = models.CharField(_("type"), max_length=20, choices=ConcernType.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = EncryptedTextField(
        _("description"), blank=True, help_text=_("Confidential counselling note.")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="concerns", verbose_name=_("topics")
    )
    persons = models.ManyToManyField(
        Person, blank=True, related_name="concerns", verbose_name=_("persons concerned")
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("household"),
    )
    group_description = models.CharField(
        _("group"),
        max_length=200,
        blank=True,
        help_text=_("For example: the residents of one accommodation."),
    )
    anonymous = models.BooleanField(
        _("nobody named"),
        default=False,
        help_text=_("For example an anonymous complaint."),
    )
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("site")
    )
    # A complaint or concern about an accommodation (housing app).
    accommodation = models.ForeignKey(
        "housing.Accommodation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("accommodation"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_concerns",
        verbose_name=_("assigned to"),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_concerns",
        verbose_name=_("shared with"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_note = EncryptedTextField(_("note on the outcome"), blank=True)
    justification = models.CharField(
        _("complaint justified?"),
        max_length=20,
        choices=Justification.choices,
        blank=True,
    )
    opened_on = models.DateField(_("opened on"), default=datetime.date.today)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The day the office first did something for the concern (an activity, a
    # referral, a public answer): the statistics count days to it.
    first_response_on = models.DateField(
        _("first response on"), null=True, blank=True, editable=False
    )
    # Raised on every edit; a save against an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Empty for concerns the public sent through the portal.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when erasure or retention removed what identified it; the row stays
    # for the statistics (privacy.anonymise).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[topics, persons, shared_with])

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-opened_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "number"], name="concern_number_unique"
            ),
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="concern_sequence_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status", "-opened_on"]),
            # The list's order; on PostgreSQL the included columns let paging
            # over keys run as an index-only scan (ignored on SQLite, whose
            # indexes carry the row id anyway).
            models.Index(
                fields=["office", "-opened_on", "-sequence"],
                include=["id", "status"],
                name="concern_list_order",
            ),
            models.Index(fields=["assigned_to", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("cases:concern_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_complaint(self) -> bool:
        return self.type == ConcernType.COMPLAINT

    def assign_number(self) -> None:
        """Next number of the office in the year the concern was opened."""
        self.year = self.opened_on.year
        last = (
            Concern.objects.filter(office=self.office, year=self.year)
            .order_by("-sequence")
            .values_list("sequence", flat=True)
            .first()
        )
        self.sequence = (last or 0) + 1
        self.number = f"{self.office.code}-{self.year}-{self.sequence:05d}"


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def pending(self) -> "FollowUpQuerySet":
        return self.filter(done_at__isnull=True)

    def due_before(self, day: datetime.date) -> "FollowUpQuerySet":
        return self.pending().filter(due_on__lte=day)


class FollowUp(models.Model):
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("what is to be done"), max_length=300)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("assigned to"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.due_on:%d.%m.%Y} {self.note}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Phone call")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment")
    MEDIATION = "mediation", _("Mediation")
    COUNSELLING = "counselling", _("Counselling")
    CLARIFICATION = "clarification", _("Clarification with a department")


class Activity(models.Model):
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    minutes = models.PositiveIntegerField(_("minutes spent"))
    language = models.CharField(
        _("language used"), max_length=3, blank=True, help_text=_("ISO 639-3 code.")
    )
    mediator_needed = models.BooleanField(
        _("a language mediator was needed"), default=False
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("staff member"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["staff", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%d.%m.%Y}"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class Referral(models.Model):
    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="referrals"
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("partner"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("person whose data is passed on"),
    )
    shares_personal_data = models.BooleanField(
        _("personal data is passed to the partner"), default=True
    )
    # The consent the referral relied on, kept even if withdrawn later.
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    reason = EncryptedTextField(_("reason for the referral"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SENT,
    )
    result = EncryptedTextField(_("result"), blank=True)
    sent_on = models.DateField(_("sent on"), default=datetime.date.today)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shares_personal_data=False) | Q(consent__isnull=False),
                name="referral_sharing_needs_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_status_display()})"
