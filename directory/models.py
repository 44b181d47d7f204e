from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, Office


class PartnerKind(models.TextChoices):
    IMMIGRATION_AUTHORITY = "immigration_authority", _("Immigration authority")
    JOBCENTER = "jobcenter", _("Jobcenter")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
    BAMF = "bamf", _("Federal Office for Migration and Refugees (BAMF)")
    STATE_DIRECTORATE = "state_directorate", _("State directorate")
    EMBASSY = "embassy", _("Embassy or consulate")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY_DEPARTMENT = "county_department", _("County department")
    WELFARE = "welfare", _("Welfare organisation")
    REFUGEE_COUNCIL = "refugee_council", _("Refugee council")
    STATE_COMMISSIONER = "state_commissioner", _("State commissioner")
    WELCOME_CENTRE = "welcome_centre", _("Welcome centre")
    MIGRATION_COUNSELLING = "migration_counselling", _("Migration counselling (MBE)")
    YOUTH_MIGRATION = "youth_migration", _("Youth migration service")
    ADDICTION_COUNSELLING = "addiction_counselling", _("Addiction counselling")
    DEBT_COUNSELLING = "debt_counselling", _("Debt counselling")
    FAMILY_COUNSELLING = "family_counselling", _("Marriage and family counselling")
    HEALTH_INSURER = "health_insurer", _("Health insurer")
    BANK = "bank", _("Bank")
    HOUSING_COMPANY = "housing_company", _("Housing company")
    SCHOOL = "school", _("School or childcare")
    CLUB = "club", _("Club or association")
    VOLUNTEERS = "volunteers", _("Volunteer group")
    ACCOMMODATION = "accommodation", _("Accommodation operator or social care")
    OTHER = "other", _("Other")


class PartnerQuerySet(models.QuerySet["Partner"]):
    def of_office(self, office: Office | None) -> "PartnerQuerySet":
        return self.filter(office=office) if office else self.none()

    def active(self) -> "PartnerQuerySet":
        return self.filter(active=True)

    def serving(self, municipality: Municipality) -> "PartnerQuerySet":
        """Without municipalities a partner serves the whole county, this one too."""
        return self.filter(
            models.Q(municipalities=municipality) | models.Q(municipalities=None)
        ).distinct()

    def named_like(self, text: str) -> "PartnerQuerySet":
        return self.filter(name__icontains=text)


class Partner(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="partners"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="partners",
        verbose_name=_("municipalities served"),
        help_text=_("Leave empty when the partner serves the whole county."),
    )
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[municipalities])

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="partner_unique_per_office"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("function"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
