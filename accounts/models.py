from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Office(models.Model):
    """A county's (or city's) integration office; every record belongs to one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    # Prefix of case numbers, e.g. ERZ-2026-00042.
    code = models.CharField(_("case number prefix"), max_length=8, unique=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, help_text=_("Two letters, e.g. SN or MV.")
    )
    commissioner_title = models.CharField(
        _("title of the commissioner"), max_length=200, blank=True
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Raised whenever something the public portal shows changes (portal/cache.py).
    portal_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["portal_version"])

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="municipalities"
    )
    name = models.CharField(_("name"), max_length=200)
    district = models.CharField(_("district or region"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="municipality_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A place where the office keeps consultation hours."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    accessibility = models.TextField(_("accessibility of the building"), blank=True)
    # Published on the portal's start page as written (in German).
    hours = models.TextField(
        _("consultation hours"),
        blank=True,
        help_text=_("As published, e.g. “Tue 08:00–12:00, Thu by appointment”."),
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="site_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COMMISSIONER = "commissioner", _("Commissioner")
    DEPUTY = "deputy", _("Deputy commissioner")
    GUIDE = "guide", _("Integration guide")
    OFFICE_STAFF = "office_staff", _("Office staff")
    ANALYST = "analyst", _("Analyst / leadership")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Freelance; sees only their own assignments (mediators app).
    MEDIATOR = "mediator", _("Language mediator")
    # Installation-wide: aggregates across offices (e.g. a state ministry).
    STATE_VIEW = "state_view", _("State view")


# Who may see what; each rule in one place so the access helpers read alike.
WHOLE_OFFICE_ROLES = {Role.COMMISSIONER, Role.DEPUTY}
PERSON_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.GUIDE, Role.OFFICE_STAFF}
NOTE_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.GUIDE}
STATISTICS_ROLES = {Role.COMMISSIONER, Role.DEPUTY, Role.ANALYST}
SETTINGS_ROLES = {Role.ADMINISTRATOR, Role.COMMISSIONER}


class User(AbstractUser):
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Empty only for installation-wide roles such as the state view."),
    )
    weekly_hours = models.DecimalField(
        _("weekly working hours"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # A state ministry sees the offices of its own state only.
    federal_state = models.CharField(
        _("federal state seen in the state view"),
        max_length=2,
        blank=True,
        help_text=_("Two letters, e.g. MV; empty: every office of the installation."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> set[str]:
        if not self.is_active:
            return set()
        roles = set(self.role_grants.values_list("role", flat=True))
        if self.office_id is None:
            # Without an office nobody may see office data, whatever was granted.
            roles &= {Role.STATE_VIEW}
        return roles

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def office_pk(self) -> int:
        """The office's id for users who work in one; others may not be here."""
        if self.office_id is None:
            raise PermissionDenied
        return self.office_id

    @property
    def sees_whole_office(self) -> bool:
        return self.has_role(*WHOLE_OFFICE_ROLES)

    @property
    def sees_persons(self) -> bool:
        return self.has_role(*PERSON_ROLES)

    @property
    def sees_notes(self) -> bool:
        return self.has_role(*NOTE_ROLES)

    @property
    def sees_statistics(self) -> bool:
        return self.has_role(*STATISTICS_ROLES)

    @property
    def manages_settings(self) -> bool:
        return self.has_role(*SETTINGS_ROLES)

    @property
    def is_state_viewer(self) -> bool:
        return self.has_role(Role.STATE_VIEW)

    def state_offices(self) -> "models.QuerySet[Office]":
        """The offices the state view shows this user, by name."""
        offices = Office.objects.order_by("name")
        if self.federal_state:
            offices = offices.filter(federal_state=self.federal_state)
        return offices

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in sorted(self.roles)]


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"
