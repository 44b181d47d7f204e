"""Caseload figures: active clients per guide, per FTE, district and status.

The world of these tests, January to April 2026 (hand-computed below):

- Amir (Annaberg, protection): from 10 Jan with Gina, handed to Gustav on
  15 Feb: Gina Jan–Feb, Gustav Feb–Apr.
- Bahar (Aue, temporary protection): with Gina since Nov 2025, ended 28 Feb.
- Chen (no municipality, unknown status): with Gustav from 5 Mar.
- Dana (municipality without district, protection): since 20 Jan, no guide.
- Emil (Annaberg): with Gina, ended 31 Dec 2025: counts nowhere.
- Gül (Aue, protection): from 1 Apr Gina, Gustav from 11 Apr, Gina again
  from 21 Apr: once for each of them in April.
- Hana (Annaberg, protection): from 5 Apr with Gerd, who has no weekly hours.
- Ivo of the other office, whose spell (wrongly) names Gina: never counted.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from accounts.models import Municipality, Role
from cases.tests.factories import make_person
from clients.models import ResidenceStatus
from conftest import make_user
from guidance.caseload import (
    caseload,
    default_period,
    fte_of,
    per_fte,
)
from guidance.models import Care, CareSpell, EndReason
from lib.months import months_between

from .factories import make_care

JAN, APR = datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)
PROTECTION = "Recognised refugee or subsidiary protection (§ 25)"
TEMPORARY = "Temporary protection Ukraine (§ 24)"
D1, D075 = Decimal("1.00"), Decimal("0.75")


def day(month: int, number: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, number)


def hand_over(care: Care, to, on: datetime.date) -> None:
    CareSpell.objects.filter(care=care, ended_on__isnull=True).update(
        ended_on=on - datetime.timedelta(days=1)
    )
    CareSpell.objects.create(care=care, guide=to, began_on=on)
    Care.objects.filter(pk=care.pk).update(guide=to)


def end(care: Care, on: datetime.date) -> None:
    CareSpell.objects.filter(care=care, ended_on__isnull=True).update(ended_on=on)
    Care.objects.filter(pk=care.pk).update(ended_on=on, end_reason=EndReason.MOVED)


def build_world(cast) -> None:
    erz = cast.erz
    annaberg = Municipality.objects.create(
        office=erz, name="Annaberg-Buchholz", district="Annaberg"
    )
    aue = Municipality.objects.create(office=erz, name="Aue", district="Aue")
    nowhere = Municipality.objects.create(office=erz, name="Sehmatal")
    gerd = make_user("gerd", erz, Role.GUIDE)

    def person(name, place, status=ResidenceStatus.PROTECTION, office=erz):
        return make_person(
            office, family=name, municipality=place, residence_status=status
        )

    amir = make_care(erz, person("Amir", annaberg), cast.gina, cast.olga, day(1, 10))
    hand_over(amir, cast.gustav, day(2, 15))
    bahar = make_care(
        erz,
        person("Bahar", aue, ResidenceStatus.TEMPORARY_PROTECTION),
        cast.gina,
        cast.olga,
        day(11, 1, 2025),
    )
    end(bahar, day(2, 28))
    make_care(
        erz,
        person("Chen", None, ResidenceStatus.UNKNOWN),
        cast.gustav,
        cast.olga,
        day(3, 5),
    )
    make_care(erz, person("Dana", nowhere), None, cast.olga, day(1, 20))
    emil = make_care(
        erz, person("Emil", annaberg), cast.gina, cast.olga, day(6, 1, 2025)
    )
    end(emil, day(12, 31, 2025))
    guel = make_care(erz, person("Gül", aue), cast.gina, cast.olga, day(4, 1))
    hand_over(guel, cast.gustav, day(4, 11))
    hand_over(guel, cast.gina, day(4, 21))
    make_care(erz, person("Hana", annaberg), gerd, cast.olga, day(4, 5))
    make_care(cast.gr, person("Ivo", None, office=cast.gr), cast.gina, cast.otto)


@pytest.fixture
def world(cast):
    build_world(cast)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def guide_rows(found) -> dict[str, list[tuple[int, Decimal | None]]]:
    return {
        row.name: [(cell.active, cell.per_fte) for cell in row.months]
        for row in found.guides
    }


def test_months_between_spans_years():
    assert months_between(day(11, 1, 2025), day(2, 1)) == [
        day(11, 1, 2025),
        day(12, 1, 2025),
        day(1, 1),
        day(2, 1),
    ]


def test_default_period_is_the_last_twelve_months():
    assert default_period(day(6, 10)) == (day(7, 1, 2025), day(6, 1))
    assert default_period(day(12, 31)) == (day(1, 1), day(12, 1))


def test_fte_comes_from_weekly_hours():
    assert fte_of(Decimal("40")) == Decimal("1.00")
    assert fte_of(Decimal("30")) == Decimal("0.75")
    assert fte_of(None) is None
    assert fte_of(Decimal("0")) is None
    assert per_fte(2, Decimal("0.75")) == Decimal("2.7")
    assert per_fte(2, None) is None


def test_per_guide_counts_transfers_for_both_and_stops_after_the_end(cast, world):
    found = caseload(cast.erz.pk, JAN, APR)
    assert found.months == [day(1, 1), day(2, 1), day(3, 1), day(4, 1)]
    D = Decimal
    assert guide_rows(found) == {
        "Gerd Test": [(0, None), (0, None), (0, None), (1, None)],
        # Amir and Bahar in January and February (Amir handed over on
        # 15 Feb, Bahar ended 28 Feb); Gül once in April although Gina
        # held her twice.
        "Gina Test": [(2, D("2.0")), (2, D("2.0")), (0, D("0.0")), (1, D("1.0"))],
        # 30 hours: 0.75 FTE.
        "Gustav Test": [(0, D("0.0")), (1, D("1.3")), (2, D("2.7")), (3, D("4.0"))],
    }


def test_fte_and_guides_without_weekly_hours(cast, world):
    found = caseload(cast.erz.pk, JAN, APR)
    ftes = {row.name: row.fte for row in found.guides}
    assert ftes == {"Gerd Test": None, "Gina Test": D1, "Gustav Test": D075}
    assert [row.name for row in found.without_hours] == ["Gerd Test"]


def test_office_totals_and_average_per_fte(cast, world):
    found = caseload(cast.erz.pk, JAN, APR)
    assert [month.cares for month in found.office] == [3, 3, 3, 5]
    # Only guides with weekly hours and clients that month: Jan 2/1,
    # Feb 3/1.75, Mar 2/0.75, Apr 4/1.75 (Gerd's Hana left out).
    assert [month.per_fte for month in found.office] == [
        Decimal("2.0"),
        Decimal("1.7"),
        Decimal("2.7"),
        Decimal("2.3"),
    ]


def test_districts_with_unknown_for_no_municipality_or_no_district(cast, world):
    found = caseload(cast.erz.pk, JAN, APR)
    assert [(row.label, row.months) for row in found.districts] == [
        ("Annaberg", [1, 1, 1, 2]),
        ("Aue", [1, 1, 0, 1]),
        ("Unknown", [1, 1, 2, 2]),
    ]


def test_residence_statuses_by_their_labels(cast, world):
    found = caseload(cast.erz.pk, JAN, APR)
    assert [(row.label, row.months) for row in found.statuses] == [
        (PROTECTION, [2, 2, 2, 4]),
        (TEMPORARY, [1, 1, 0, 0]),
        ("Unknown", [0, 0, 1, 1]),
    ]


def test_other_offices_cares_never_count(cast, world):
    found = caseload(cast.gr.pk, JAN, APR)
    assert [month.cares for month in found.office] == [1, 1, 1, 1]
    # Gina's spell on the other office's care shows only there.
    assert guide_rows(caseload(cast.erz.pk, JAN, APR))["Gina Test"][0][0] == 2


def test_query_count_does_not_grow_with_rows(cast, world, django_assert_num_queries):
    with django_assert_num_queries(4):
        caseload(cast.erz.pk, day(5, 1, 2023), APR)


def test_chart_draws_a_panel_per_guide_on_one_scale(cast, world):
    chart = caseload(cast.erz.pk, JAN, APR).chart()
    assert [panel.name for panel in chart.panels] == [
        "Gerd Test",
        "Gina Test",
        "Gustav Test",
    ]
    assert chart.most == 3
    gustav = chart.panels[2]
    assert [point.active for point in gustav.points] == [0, 1, 2, 3]
    # The highest value touches the top of the plot, zero its bottom.
    assert gustav.points[-1].y == chart.plot_top
    assert gustav.points[0].y == chart.plot_bottom


def test_too_long_a_period_is_refused():
    with pytest.raises(ValueError):
        caseload(1, day(1, 1, 2023), day(1, 1))
