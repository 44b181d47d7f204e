"""The guide service's objects that the permission matrix and the browser
tests open: gina's care of a person with its plan, a training gina recorded,
the office's recognition template and a checked recognition list."""

from clients.models import Person
from conftest import Cast
from guidance.actions import start_care
from guidance.models import (
    CareKind,
    ImportStatus,
    PlanTemplate,
    RecognitionImport,
    Source,
    Training,
    file_digest,
)


def build_guidance(cast: Cast) -> dict[str, int | str]:
    person = Person.objects.create(
        office=cast.erz, family_name="Rahimi", given_names="Soraya"
    )
    person.guides.add(cast.gina)
    care = start_care(
        cast.erz, person, CareKind.RECOGNITION, Source.IMMIGRATION, cast.olga, cast.gina
    )
    training = Training.objects.create(
        office=cast.erz,
        kind="supervision",
        title="Fallsupervision",
        day=care.started_on,
        hours=2,
        created_by=cast.gina,
    )
    training.guides.add(cast.gina)
    listed = b"Familienname;Vorname\r\nHamidi;Soraya\r\n"
    found = RecognitionImport.objects.create(
        office=cast.erz,
        file_name="liste.csv",
        original=listed,
        digest=file_digest(listed),
        status=ImportStatus.CHECKED,
        uploaded_by=cast.olga,
    )
    return {
        "care": care.pk,
        "plan_step": care.steps.first().pk,  # type: ignore[union-attr]
        "plan_template": PlanTemplate.objects.get(
            office=cast.erz, kind=CareKind.RECOGNITION
        ).pk,
        "training": training.pk,
        "recognition_import": found.pk,
        "care_person": person.pk,
    }
