"""What counts as due for upkeep, and on which days reminders go out."""

import datetime

import pytest
import time_machine

from mediators.upkeep import (
    CONDUCT,
    PLEDGE,
    STALE,
    due_reminders,
    issues_of,
    upkeep_list,
)

from .factories import make_mediator, make_scheme

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def frozen():
    # The factories date documents and confirmations from "today".
    with time_machine.travel(TODAY, tick=False):
        yield


def kinds(issues) -> list[tuple[str, int | None]]:
    return [(issue.kind, issue.days_overdue) for issue in issues]


def test_nothing_due_for_fresh_data_and_long_valid_documents(cast):
    farid = make_mediator(
        cast.erz,
        confirmed_on=TODAY,
        pledge_valid_until=TODAY + datetime.timedelta(days=61),
        conduct_valid_until=TODAY + datetime.timedelta(days=400),
    )
    assert issues_of(farid, TODAY) == []


def test_data_confirmed_366_days_ago_are_one_day_overdue(cast):
    farid = make_mediator(cast.erz, confirmed_on=TODAY - datetime.timedelta(days=366))
    assert kinds(issues_of(farid, TODAY)) == [(STALE, 1)]
    exactly_a_year = TODAY - datetime.timedelta(days=365)
    farid.confirmed_on = exactly_a_year
    assert issues_of(farid, TODAY) == []


def test_documents_within_sixty_days_or_expired_or_missing_are_due(cast):
    farid = make_mediator(
        cast.erz,
        pledge_valid_until=TODAY + datetime.timedelta(days=60),
        conduct_valid_until=TODAY - datetime.timedelta(days=3),
    )
    issues = issues_of(farid, TODAY)
    assert kinds(issues) == [(CONDUCT, 3), (PLEDGE, -60)]
    assert issues[0].expired and not issues[1].expired
    assert issues[1].days_left == 60
    farid.pledge_valid_until = None
    missing = issues_of(farid, TODAY)[0]
    assert (missing.kind, missing.missing, missing.days_overdue) == (PLEDGE, True, None)


def test_never_confirmed_comes_first(cast):
    farid = make_mediator(
        cast.erz, confirmed_on=None, conduct_valid_until=TODAY - datetime.timedelta(1)
    )
    assert kinds(issues_of(farid, TODAY)) == [(STALE, None), (CONDUCT, 1)]


def test_upkeep_list_is_the_offices_active_mediators_most_overdue_first(cast):
    scheme = make_scheme(cast.erz)
    year_ago = TODAY - datetime.timedelta(days=400)
    make_mediator(cast.erz, "Fresh", "One", scheme=scheme, confirmed_on=TODAY)
    make_mediator(
        cast.erz,
        "Soon",
        "Expiring",
        scheme=scheme,
        conduct_valid_until=TODAY + datetime.timedelta(10),
    )
    make_mediator(cast.erz, "Long", "Stale", scheme=scheme, confirmed_on=year_ago)
    make_mediator(cast.erz, "No", "Pledge", scheme=scheme, pledge_valid_until=None)
    make_mediator(
        cast.erz, "Gone", "Inactive", scheme=scheme, active=False, confirmed_on=None
    )
    make_mediator(cast.gr, "Other", "Office", confirmed_on=None)
    found = [row.mediator.last_name for row in upkeep_list(cast.erz, TODAY)]
    assert found == ["Pledge", "Stale", "Expiring"]


def test_reminders_are_due_on_the_first_of_a_month_only(cast):
    make_mediator(cast.erz, confirmed_on=None)
    assert len(due_reminders(cast.erz, datetime.date(2026, 3, 1))) == 1
    assert due_reminders(cast.erz, datetime.date(2026, 3, 2)) == []
    assert due_reminders(cast.erz, datetime.date(2026, 3, 31)) == []
