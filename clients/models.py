import datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, Office, User
from directory.models import Partner
from lib.names import name_key, name_tokens


class ResidenceStatus(models.TextChoices):
    ASYLUM_PROCEDURE = (
        "asylum_procedure",
        _("Asylum seeker in procedure (Aufenthaltsgestattung)"),
    )
    TOLERATED = "tolerated", _("Tolerated (Duldung)")
    PROTECTION = "protection", _("Recognised refugee or subsidiary protection (§ 25)")
    TEMPORARY_PROTECTION = (
        "temporary_protection",
        _("Temporary protection Ukraine (§ 24)"),
    )
    OTHER_PERMIT = "other_permit", _("Other residence permit")
    SETTLEMENT = "settlement", _("Settlement permit")
    EU = "eu", _("EU free movement")
    LATE_REPATRIATE = "late_repatriate", _("Late repatriate (Spätaussiedler)")
    GERMAN = "german", _("German citizen")
    UNKNOWN = "unknown", _("Unknown")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Full date")
    MONTH = "month", _("Month and year only")
    YEAR = "year", _("Year only")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    DIVERSE = "diverse", _("Diverse")
    UNSTATED = "unstated", _("Not stated")


class HouseholdRole(models.TextChoices):
    HEAD = "head", _("Head of household")
    PARTNER = "partner", _("Spouse or partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other relative")


class Household(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="households"
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example: Family Haddad")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User) -> "PersonQuerySet":
        """Persons a staff member may open; the only way views list persons."""
        if not user.is_authenticated or not user.sees_persons or not user.office_id:
            return self.none()
        # A record merged into another one lives on there (dedupe.Merge).
        merges = apps.get_model("dedupe", "Merge").objects
        merged_away = merges.filter(merged=OuterRef("pk"), undone_at__isnull=True)
        mine = self.filter(
            office_id=user.office_id, anonymised_at__isnull=True
        ).exclude(Exists(merged_away))
        if user.sees_whole_office:
            return mine
        # Art. 18: a restricted record is left to the commissioner and deputy.
        requests = apps.get_model("privacy", "DataRequest").objects
        restricted = requests.restricting().filter(person=OuterRef("pk"))
        mine = mine.exclude(Exists(restricted))
        if user.has_role("office_staff"):
            return mine
        # A guide: own clients and the parties of concerns assigned or shared.
        from_concerns = Q(assigned_to=user) | Q(shared_with=user)
        # Looked up by name: cases builds on clients, not the other way round.
        concern_model = apps.get_model("cases", "Concern")
        involved = concern_model.objects.filter(from_concerns, persons=OuterRef("pk"))
        # Exists, not a join on guides: a join repeats a person once per guide.
        own = Person.guides.through.objects.filter(person=OuterRef("pk"), user=user)
        return mine.filter(Exists(own) | Exists(involved))

    def matching_name(self, query: str) -> "PersonQuerySet":
        """Transliteration-folded search: each typed name part must match."""
        tokens = name_tokens(query)
        if not tokens:
            return self.none()
        every_token = Q()
        for token in tokens:
            every_token &= Q(name_key__contains=f" {token}")
        joined = Q(name_key__contains=f" {''.join(tokens)} ")
        return self.filter(every_token | joined)

    def search(self, query: str) -> "PersonQuerySet":
        """Folded name search, plus plain substrings (a digit, a typed fragment)."""
        query = query.strip()
        if not query:
            return self
        text = (
            Q(family_name__icontains=query)
            | Q(given_names__icontains=query)
            | Q(name_original__icontains=query)
        )
        # One query with both conditions, not a subquery over every office.
        return self.filter(text) | self.matching_name(query)


class Person(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="persons")
    family_name = models.CharField(
        _("family name"),
        max_length=120,
        help_text=_("In Latin script, as on the papers."),
    )
    given_names = models.CharField(_("given names"), max_length=120, blank=True)
    name_original = models.CharField(
        _("name in original script"),
        max_length=200,
        blank=True,
        help_text=_("For example in Arabic or Cyrillic script."),
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNSTATED
    )
    residence_status = models.CharField(
        _("residence status"),
        max_length=25,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.UNKNOWN,
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
        related_name="persons",
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    household_role = models.CharField(
        _("role in the household"),
        max_length=10,
        choices=HouseholdRole.choices,
        blank=True,
    )
    guides = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="clients",
        verbose_name=_("responsible integration guides"),
    )
    # Folded name parts (lib.names) so that name search is one indexed LIKE.
    name_key = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when erasure or retention removed what identified it; the row stays
    # for the statistics (privacy.anonymise).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["name_key", "updated_at"])

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "given_names"]
        indexes = [models.Index(fields=["office", "family_name"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.family_name, self.given_names, self.name_original)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return (
            f"{self.family_name}, {self.given_names}"
            if self.given_names
            else self.family_name
        )

    @property
    def birth_date_display(self) -> str:
        """The date only as precisely as it is known (01.01.1990 may mean 1990)."""
        if not self.birth_date:
            return ""
        if self.birth_date_precision == DatePrecision.YEAR:
            return str(self.birth_date.year)
        if self.birth_date_precision == DatePrecision.MONTH:
            return self.birth_date.strftime("%m/%Y")
        return self.birth_date.strftime("%d.%m.%Y")

    def age_on(self, day: datetime.date) -> int | None:
        if not self.birth_date:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Nationality(models.Model):
    """One row per nationality, so that statistics can count by country."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="nationalities"
    )
    # ISO 3166-1 alpha-2, or XX for stateless / unclear (ISO reserves XX).
    country = models.CharField(_("nationality"), max_length=2)

    class Meta:
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "country"], name="nationality_once"
            )
        ]

    def __str__(self) -> str:
        from lib.iso import country_name

        return country_name(self.country)


class PersonLanguage(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="languages"
    )
    # ISO 639-3, e.g. prs Dari, ckb Sorani, tir Tigrinya.
    code = models.CharField(_("language"), max_length=3)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="language_once")
        ]

    def __str__(self) -> str:
        from lib.iso import language_name

        return language_name(self.code)


class ConsentPurpose(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling and keeping the record")
    SHARE_WITH_PARTNER = (
        "share_with_partner",
        _("Sharing personal data with a named partner"),
    )
    CONTACT_EMAIL = "contact_email", _("Contact by e-mail")
    CONTACT_PHONE = "contact_phone", _("Contact by phone or text message")


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral")
    PORTAL = "portal", _("Through the public portal")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self, on: datetime.datetime | None = None) -> "ConsentQuerySet":
        on = on or timezone.now()
        return self.filter(given_on__lte=on.date()).filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=on)
        )

    def covering_partner(self, partner: Partner) -> "ConsentQuerySet":
        return self.active().filter(
            purpose=ConsentPurpose.SHARE_WITH_PARTNER, partner=partner
        )


class Consent(models.Model):
    """What the person agreed to, when and how; withdrawn consents stay on record."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(
        _("purpose"), max_length=25, choices=ConsentPurpose.choices
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("partner"),
        help_text=_("Required when personal data may be shared with a partner."),
    )
    given_on = models.DateField(_("given on"), default=datetime.date.today)
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="share_with_partner") | Q(partner__isnull=False),
                name="sharing_consent_names_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on:%d.%m.%Y})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None or self.withdrawn_at > timezone.now()

    def withdraw(self) -> None:
        if self.withdrawn_at is None:
            self.withdrawn_at = timezone.now()
            self.save(update_fields=["withdrawn_at"])


# The digest before an office's first entry.
GENESIS_DIGEST = "0" * 64


class PersonAccess(models.Model):
    """Every opening of a person's record: who, when, which record, which page.

    Append only, through clients.accesslog: each office's entries form a hash
    chain (sequence 1, 2, 3…, each digest covering the previous one), so that
    a changed, removed or slipped-in entry shows in `manage.py
    verify_access_log`.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The chain covers person_number, not this key: a merge moves the key to
    # the kept record and an erasure clears it without breaking the chain.
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesses",
    )
    # The person's id when the record was opened; after an erasure a number
    # that identifies nobody.
    person_number = models.BigIntegerField(editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    path = models.CharField(max_length=500)
    sequence = models.PositiveBigIntegerField(editable=False)
    digest = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("access to a person's record")
        verbose_name_plural = _("accesses to persons' records")
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "sequence"], name="access_sequence_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.person_number} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self._state.adding and self.sequence is None:
            # A new entry joins its office's chain (a plain create() too).
            # Imported here: accesslog builds on these models.
            from .accesslog import append

            append([self])
            return
        super().save(*args, **kwargs)


class AccessChain(models.Model):
    """The head of an office's access log chain, locked by every append so
    that two requests never continue the same entry.

    The anchor is where verification starts: the last pruned entry, or the
    genesis (sequence 0) while nothing has been pruned.
    """

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_digest = models.CharField(max_length=64, default=GENESIS_DIGEST)
    anchor_sequence = models.PositiveBigIntegerField(default=0)
    anchor_digest = models.CharField(max_length=64, default=GENESIS_DIGEST)

    class Meta:
        verbose_name = _("access log chain")
        verbose_name_plural = _("access log chains")

    def __str__(self) -> str:
        return f"{self.office_id}: {self.last_sequence} {self.last_digest[:12]}"
