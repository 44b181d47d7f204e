"""Demo chapters of the activity report (seed 003): the office's own words
for last year's Tätigkeitsbericht, before its numbers. German, as written
by the commissioner; the year is the one before the day the demo is loaded."""

from django.utils import timezone

from accounts.models import Office, Role
from reports.models import ReportText

CHAPTERS = [
    (
        "Vorwort",
        "Das vergangene Jahr war geprägt von vielen Gesprächen in den "
        "Sprechstunden, von Anfragen aus Gemeinden und Unterkünften und von der "
        "engen Zusammenarbeit mit Jobcenter, Ausländerbehörde und den Verbänden.\n\n"
        "Allen, die sich für ein gutes Miteinander im Landkreis einsetzen, "
        "danke ich herzlich.",
    ),
    (
        "Schwerpunkte des Jahres",
        "Besonders häufig ging es um Wohnen, den Zugang zu Arbeit und "
        "Sprachkursen sowie um Fragen im Aufenthaltsrecht. Beschwerden wurden "
        "sorgfältig geprüft und mit den zuständigen Stellen geklärt.\n\n"
        "In den Sprechstunden vor Ort konnten viele Anliegen sofort beantwortet "
        "werden; bei Bedarf wurden Sprachmittlerinnen und Sprachmittler "
        "hinzugezogen.",
    ),
    (
        "Ausblick",
        "Im kommenden Jahr sollen die Sprechstunden in den kleineren Gemeinden "
        "ausgebaut und die Vernetzung mit den Migrantenorganisationen gestärkt "
        "werden.",
    ),
]


def seed_reports(office: Office) -> None:
    year = timezone.localdate().year - 1
    if office.federal_state == "MV" or office.report_texts.filter(year=year).exists():
        return
    author = office.staff.filter(role_grants__role=Role.COMMISSIONER).first()
    if author is None:
        return
    ReportText.objects.bulk_create(
        ReportText(
            office=office,
            year=year,
            position=position,
            heading=heading,
            body=body,
            updated_by=author,
        )
        for position, (heading, body) in enumerate(CHAPTERS, start=1)
    )
