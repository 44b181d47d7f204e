"""The default first-steps templates, one per kind of care.

The steps are the office's own words (in German, as the office writes them),
not interface text: the office edits them afterwards. Recognition follows the
tasks the guides in seed 004 name; voluntary departure follows seed 001.
Steps that pass the person's data to the immigration authority need the
person's consent before they can be marked done.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Office

from .models import CareKind, PlanTemplate, TemplateStep


@dataclass(frozen=True)
class Step:
    title: str
    description: str
    due_after_days: int
    needs_consent: bool = False


RECOGNITION_NAME = "Erste Schritte nach der Anerkennung"
RECOGNITION_STEPS = [
    Step(
        "Information über die ersten Schritte nach dem Anerkennungsbescheid",
        "Bescheid gemeinsam lesen, Fristen und nächste Termine erklären.",
        7,
    ),
    Step(
        "Anmeldung beim Jobcenter",
        "Antrag auf Bürgergeld stellen, gegebenenfalls begleiten.",
        14,
    ),
    Step(
        "Anmeldung bei der Krankenkasse",
        "Krankenkasse wählen, Mitgliedschaft beantragen, Gesundheitskarte.",
        14,
    ),
    Step(
        "Eröffnung eines Bankkontos",
        "Basiskonto eröffnen, Kontoverbindung an Jobcenter und Vermieter geben.",
        21,
    ),
    Step(
        "Erläuterung von Rechten und Pflichten",
        "Mitwirkungspflichten, Meldepflichten, Wohnsitzauflage, Integrationskurs.",
        30,
    ),
    Step(
        "Wohnen: von der Wohnungsnutzungsvereinbarung zum Mietvertrag",
        "Nutzungsvereinbarung besprechen, Wohnungssuche und Mietvertrag begleiten.",
        90,
    ),
    Step(
        "Orientierung im Haushalt und im Wohnumfeld",
        "Hausordnung, Nahverkehr, Einkauf und Versorgung, Führung des Haushalts.",
        30,
    ),
    Step(
        "Kindertagesstätte und Schule",
        "Anmeldung in Kita, Hort und Schule; Elterngespräche vorbereiten.",
        60,
    ),
    Step(
        "Familiennachzug",
        "Über den Familiennachzug beraten und an die Fachberatung vermitteln.",
        90,
    ),
    Step(
        "Arbeitssuche und Bewerbungen",
        "Arbeitsmöglichkeiten suchen, Bewerbungen schreiben, Gespräche vorbereiten.",
        120,
    ),
    Step(
        "Freizeitangebote und Vereine",
        "Soziale Kontakte im Umfeld fördern, Vereine und Angebote vermitteln.",
        120,
    ),
    Step(
        "Vermittlung an Fachberatungsstellen",
        "Zum Beispiel Migrations-, Sucht-, Schuldner- oder Familienberatung.",
        60,
    ),
]

DEPARTURE_NAME = "Begleitete freiwillige Ausreise"
DEPARTURE_STEPS = [
    Step(
        "Anfrage der Ausländerbehörde aufnehmen",
        "Die Ausländerbehörde meldet die ausreisepflichtige Person mit der Bitte "
        "um Beratung zur freiwilligen Ausreise.",
        0,
    ),
    Step(
        "Beratung zur freiwilligen Ausreise",
        "Vorteile erklären: kein Kontakt zur Polizei, kein negativer Vermerk in "
        "den Ausreisedokumenten.",
        14,
    ),
    Step(
        "Zielflughafen nach Wahl der Person an die Ausländerbehörde geben",
        "Die Person bestimmt den Zielflughafen; er wird der Behörde mitgeteilt.",
        21,
        needs_consent=True,
    ),
    Step(
        "Ausreisetermin rechtzeitig mitteilen",
        "Den mit der Ausländerbehörde abgestimmten Termin der Person "
        "rechtzeitig mitteilen.",
        28,
        needs_consent=True,
    ),
    Step(
        "Begleitung mit dem gesamten Gepäck zum Flughafen",
        "Die Person wird mit ihrem Gepäck zum Flughafen begleitet.",
        42,
    ),
    Step(
        "Ausreise an die Ausländerbehörde melden",
        "Der Behörde bestätigen, dass die Ausreise erfolgt ist.",
        42,
        needs_consent=True,
    ),
]

DEFAULTS: dict[str, tuple[str, list[Step]]] = {
    CareKind.RECOGNITION: (RECOGNITION_NAME, RECOGNITION_STEPS),
    CareKind.DEPARTURE: (DEPARTURE_NAME, DEPARTURE_STEPS),
}


def ensure_templates(office: Office) -> list[PlanTemplate]:
    """The office's template for each kind, created with the default steps
    where it is missing; existing templates are left as the office made them."""
    found = []
    with transaction.atomic():
        for kind, (name, steps) in DEFAULTS.items():
            template, created = PlanTemplate.objects.get_or_create(
                office=office, kind=kind, defaults={"name": name}
            )
            if created:
                TemplateStep.objects.bulk_create(
                    TemplateStep(
                        template=template,
                        position=position,
                        title=step.title,
                        description=step.description,
                        due_after_days=step.due_after_days,
                        needs_consent=step.needs_consent,
                    )
                    for position, step in enumerate(steps, start=1)
                )
            found.append(template)
    return found
