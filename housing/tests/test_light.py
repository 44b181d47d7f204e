"""The traffic light rule (housing/light.py)."""

import datetime

import pytest
from django.utils import translation

from housing.light import judge, overdue_at
from housing.models import Deficiency, DeficiencyStatus, Light, Standard

from .inspection_world import DAY, deficiency, make_accommodation, make_inspection


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def standards(count: int, critical: bool = False) -> list[Standard]:
    return [
        Standard(title=f"Standard {number}", critical=critical)
        for number in range(1, count + 1)
    ]


def test_no_failure_is_green():
    light, reason = judge([(s, True) for s in standards(5)])
    assert light == Light.GREEN
    assert reason == "Green: every assessed standard is met."


def test_one_failure_is_yellow_and_names_the_standard():
    first, *others = standards(4)
    light, reason = judge([(first, False), *((s, True) for s in others)])
    assert light == Light.YELLOW
    assert "Yellow: 1 standard is not met." in reason
    assert "Not met: Standard 1." in reason


def test_three_failures_are_still_yellow():
    light, reason = judge([(s, False) for s in standards(3)])
    assert light == Light.YELLOW
    assert "Not met: Standard 1; Standard 2; Standard 3." in reason


def test_four_failures_are_red():
    light, reason = judge([(s, False) for s in standards(4)])
    assert light == Light.RED
    assert "4 standards are not met (more than 3)" in reason


def test_one_failed_critical_standard_is_red_by_itself():
    locks = Standard(title="Zimmer sind abschließbar", critical=True)
    light, reason = judge([(locks, False), *((s, True) for s in standards(8))])
    assert light == Light.RED
    assert "Red: a critical standard is not met." in reason
    assert "Zimmer sind abschließbar (critical)" in reason


def test_a_met_critical_standard_does_not_count():
    locks = Standard(title="Zimmer sind abschließbar", critical=True)
    assert judge([(locks, True)]).light == Light.GREEN


def test_standards_not_assessed_are_listed_and_count_neither_way():
    met, *unassessed = standards(4)
    light, reason = judge([(met, True), *((s, None) for s in unassessed)])
    assert light == Light.GREEN
    assert "Not assessed: Standard 2; Standard 3; Standard 4." in reason
    assert "Not met" not in reason


def test_a_failed_critical_standard_not_assessed_is_not_red():
    locks = Standard(title="Zimmer sind abschließbar", critical=True)
    assert judge([(locks, None)]).light == Light.GREEN


def test_an_overdue_deficiency_turns_green_to_yellow():
    overdue = Deficiency(
        description="Dusche defekt", deadline=datetime.date(2026, 2, 1)
    )
    light, reason = judge([(s, True) for s in standards(3)], [overdue])
    assert light == Light.YELLOW
    assert "not remedied by its deadline" in reason
    assert "Dusche defekt (by 02/01/2026)" in reason


def test_an_overdue_deficiency_does_not_soften_red():
    overdue = Deficiency(
        description="Dusche defekt", deadline=datetime.date(2026, 2, 1)
    )
    assert judge([(s, False) for s in standards(4)], [overdue]).light == Light.RED


@pytest.mark.django_db
def test_overdue_are_the_unremedied_deficiencies_of_earlier_inspections(cast):
    site = make_accommodation(cast.erz)
    first = make_inspection(site, cast.olga, on=datetime.date(2026, 1, 5))
    still_open = deficiency(first, datetime.date(2026, 2, 1), "Dusche defekt")
    deficiency(first, datetime.date(2026, 4, 1), "Noch nicht fällig")
    remedied = deficiency(first, datetime.date(2026, 2, 1), "Küche")
    remedied.status = DeficiencyStatus.CLOSED
    remedied.save()
    again = make_inspection(site, cast.olga, on=DAY, follows_up=first)
    escalated = deficiency(first, datetime.date(2026, 2, 15), "Brandschutz")
    escalated.status, escalated.settled_by = DeficiencyStatus.ESCALATED, again
    escalated.save()
    deficiency(again, DAY, "Heute gefunden")
    assert overdue_at(again) == [still_open, escalated]
