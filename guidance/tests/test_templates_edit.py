"""Plan templates: the defaults, editing, and running plans left alone."""

import pytest
import time_machine

from cases.tests.factories import make_person
from guidance.actions import start_care
from guidance.models import CareKind, PlanTemplate, Source
from guidance.templates_seed import ensure_templates

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        yield


def formset_data(template, rows):
    data = {
        "name": template.name,
        "steps-TOTAL_FORMS": str(len(rows)),
        "steps-INITIAL_FORMS": str(template.steps.count()),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"steps-{index}-{key}"] = value
    return data


def existing_rows(template):
    return [
        {
            "id": str(step.pk),
            "template": str(template.pk),
            "position": str(step.position),
            "title": step.title,
            "description": step.description,
            "due_after_days": str(step.due_after_days),
            **({"needs_consent": "on"} if step.needs_consent else {}),
        }
        for step in template.steps.all()
    ]


def test_the_list_creates_both_default_templates(cast):
    page = cast.client("ada").get("/guidance/templates/").content.decode()
    assert "Erste Schritte nach der Anerkennung" in page
    assert "Begleitete freiwillige Ausreise" in page
    assert PlanTemplate.objects.filter(office=cast.erz).count() == 2


def test_ensure_templates_leaves_an_edited_template_alone(cast):
    template = ensure_templates(cast.erz)[0]
    template.steps.all().delete()
    ensure_templates(cast.erz)
    assert template.steps.count() == 0


def test_a_template_change_applies_to_new_cares_only(cast):
    template = ensure_templates(cast.erz)[0]
    assert template.kind == CareKind.RECOGNITION
    running = start_care(
        cast.erz, make_person(cast.erz), template.kind, Source.SELF, cast.olga
    )
    rows = existing_rows(template)
    rows[0]["title"] = "Erstgespräch"
    rows[1]["DELETE"] = "on"
    rows.append({"position": "99", "title": "Sprachkurs", "due_after_days": "45"})
    response = cast.client("olga").post(
        f"/guidance/templates/{template.pk}/", formset_data(template, rows)
    )
    assert response.status_code == 302
    assert running.steps.first().title.startswith("Information")
    assert running.steps.count() == 12
    new = start_care(
        cast.erz, make_person(cast.erz, "Karimi"), template.kind, Source.SELF, cast.olga
    )
    titles = list(new.steps.values_list("title", flat=True))
    assert titles[0] == "Erstgespräch"
    assert "Anmeldung beim Jobcenter" not in titles
    assert titles[-1] == "Sprachkurs"
    assert new.steps.last().due_on.isoformat() == "2026-04-16"


def test_bad_steps_are_refused_with_a_message(cast):
    template = ensure_templates(cast.erz)[0]
    rows = existing_rows(template)
    rows[0]["due_after_days"] = "9999"
    rows[1]["position"] = rows[2]["position"]
    response = cast.client("olga").post(
        f"/guidance/templates/{template.pk}/", formset_data(template, rows)
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert template.steps.get(position=1).due_after_days == 7


def test_duplicate_positions_are_refused(cast):
    template = ensure_templates(cast.erz)[0]
    rows = existing_rows(template)
    rows[1]["position"] = rows[2]["position"]
    response = cast.client("olga").post(
        f"/guidance/templates/{template.pk}/", formset_data(template, rows)
    )
    assert "is used twice" in response.content.decode()


def test_who_may_edit_templates(cast):
    template = ensure_templates(cast.erz)[0]
    url = f"/guidance/templates/{template.pk}/"
    assert cast.client("ada").get(url).status_code == 200
    assert cast.client("gina").get(url).status_code == 403
    assert cast.client("anton").get(url).status_code == 403
    assert cast.client("otto").get(url).status_code == 404
