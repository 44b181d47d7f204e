"""Retention: the dry run lists exactly what is past its period, the run
treats exactly that, and the statistics stay the same."""

import io

from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from cases.models import Concern
from cases.tests.factories import make_concern
from clients.accesslog import verify_chain
from clients.models import Person, PersonAccess
from privacy import retention
from privacy.models import RetentionKind, RetentionRule, RetentionRun
from reports.breakdowns import BREAKDOWNS, count_all
from reports.scope import Period, Scope

from .world import AMINA_NOTE, build, closed

NOW = timezone.now()
LONG_AGO = NOW - relativedelta(months=40)
LATELY = NOW - relativedelta(months=2)


def statistics(cast) -> dict:
    today = timezone.localdate()
    scope = Scope((cast.erz.pk,), Period(today.replace(year=today.year - 5), today))
    return {slug: dict(v) for slug, v in count_all(BREAKDOWNS, scope).items()}


def due_pks(cast) -> dict[str, set[int]]:
    return {
        item.rule.kind: set(item.rows.values_list("pk", flat=True))
        for item in retention.due(cast.erz.pk)
    }


def old_and_new(cast):
    """Amina's matters ended 40 months ago; a concern of Yusuf's closed lately."""
    world = build(cast, closed_at=LONG_AGO)
    recent = make_concern(
        cast.erz, cast.carla, world.yusuf, description="Neu", opened_on=LATELY.date()
    )
    closed(recent, LATELY)
    return world, recent


def test_the_dry_run_lists_exactly_the_records_past_their_period(cast):
    world, recent = old_and_new(cast)
    due = due_pks(cast)
    assert due[RetentionKind.CLOSED_CONCERNS] == {
        world.own.pk,
        world.shared.pk,
        world.theirs.pk,
    }
    assert recent.pk not in due[RetentionKind.CLOSED_CONCERNS]
    assert len(due[RetentionKind.APPOINTMENTS]) == 1
    assert len(due[RetentionKind.GUIDE_PLANS]) == 1
    # Yusuf had a concern lately: his record stays; Amina's is due. Her
    # record was changed today (created): persons count from their last change.
    assert world.yusuf.pk not in due[RetentionKind.PERSONS]


def test_the_command_lists_the_same_records_and_changes_nothing(cast):
    world, recent = old_and_new(cast)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    listed = out.getvalue()
    assert f"cases.concern {world.own.pk}:" in listed
    assert f"cases.concern {recent.pk}:" not in listed
    assert Concern.objects.get(pk=world.own.pk).description == AMINA_NOTE


def test_the_run_treats_what_the_dry_run_listed_and_keeps_the_numbers(cast):
    world, recent = old_and_new(cast)
    listed = due_pks(cast)
    before = statistics(cast)
    call_command("apply_retention")  # tasks run at once in the tests
    assert statistics(cast) == before
    for pk in listed[RetentionKind.CLOSED_CONCERNS]:
        assert Concern.objects.get(pk=pk).description == ""
    assert Concern.objects.get(pk=recent.pk).description == "Neu"
    run = RetentionRun.objects.get(office=cast.erz)
    assert run.counts["cases.concern"] == 3
    # Nothing is past its period any more: the next dry run is empty.
    assert all(not pks for pks in due_pks(cast).values())


def test_a_delete_rule_deletes(cast):
    world, recent = old_and_new(cast)
    RetentionRule.objects.create(
        office=cast.erz, kind=RetentionKind.CLOSED_CONCERNS, months=36, action="delete"
    )
    retention.apply(cast.erz.pk)
    assert not Concern.objects.filter(pk=world.own.pk).exists()
    assert not Concern.history.filter(id=world.own.pk).exists()
    assert Concern.objects.filter(pk=recent.pk).exists()


def test_old_access_log_entries_are_pruned_and_the_chain_still_verifies(cast):
    world, _recent = old_and_new(cast)
    old = NOW - relativedelta(months=30)
    for _ in range(3):
        PersonAccess.objects.create(
            office=cast.erz, user=cast.carla, person=world.amina, at=old, path="/x/"
        )
    cast.client("carla").get(f"/clients/{world.yusuf.pk}/")
    assert due_pks(cast)[RetentionKind.ACCESS_LOGS] == set(
        PersonAccess.objects.filter(at=old).values_list("pk", flat=True)
    )
    retention.apply(cast.erz.pk)
    assert list(PersonAccess.objects.values_list("person", flat=True)) == [
        world.yusuf.pk
    ]
    assert verify_chain(cast.erz).ok


def test_rules_are_set_per_office_on_the_retention_page(cast):
    carla = cast.client("carla")
    page = carla.get("/privacy/retention/")
    assert page.status_code == 200
    data = {}
    for rule in retention.rules_of(cast.erz.pk):
        data[f"{rule.kind}-months"] = rule.months
        data[f"{rule.kind}-action"] = rule.action
    data["closed_concerns-months"] = 60
    assert carla.post("/privacy/retention/", data).status_code == 302
    assert (
        RetentionRule.objects.get(office=cast.erz, kind="closed_concerns").months == 60
    )
    assert not RetentionRule.objects.filter(office=cast.gr).exists()


def test_a_rule_cannot_delete_what_must_stay_countable(cast):
    carla = cast.client("carla")
    data = {}
    for rule in retention.rules_of(cast.erz.pk):
        data[f"{rule.kind}-months"] = rule.months
        data[f"{rule.kind}-action"] = rule.action
    data["persons-action"] = "delete"
    data["appointments-months"] = 0
    response = carla.post("/privacy/retention/", data)
    assert response.status_code == 200
    assert not RetentionRule.objects.exists()


def test_persons_whose_matters_all_ended_long_ago_are_anonymised(cast):
    world, _recent = old_and_new(cast)
    Person.objects.filter(pk=world.amina.pk).update(updated_at=LONG_AGO)
    assert world.amina.pk in due_pks(cast)[RetentionKind.PERSONS]
    retention.apply(cast.erz.pk)
    assert Person.objects.get(pk=world.amina.pk).family_name == "–"
    assert Person.objects.get(pk=world.yusuf.pk).family_name == "Demir"


def test_the_dry_run_page_lists_the_records(cast):
    world, recent = old_and_new(cast)
    page = cast.client("dieter").get("/privacy/retention/due/").content.decode()
    assert str(world.own) in page
    assert str(recent) not in page
    assert cast.client("olga").get("/privacy/retention/due/").status_code == 403
