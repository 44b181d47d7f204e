"""The ranking of candidates: order, reasons, and who cannot be offered."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from accounts.models import Municipality
from mediators.models import AssignmentStatus, Level, Mode
from mediators.ranking import assess, rank

from .factories import available, make_assignment, make_mediator, make_request

# A Monday; the requests are on Thursday, 5 March 2026.
NOW = "2026-03-02 09:00 +01:00"
THURSDAY = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=timezone.get_default_timezone())

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    # English sentences and numbers, as on the pages the tests read.
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def annaberg(cast) -> Municipality:
    return Municipality.objects.create(office=cast.erz, name="Annaberg-Buchholz")


@pytest.fixture
def marienberg(cast) -> Municipality:
    return Municipality.objects.create(office=cast.erz, name="Marienberg")


def names(candidates) -> list[str]:
    return [c.mediator.first_name for c in candidates]


def dari_request(cast, **fields):
    return make_request(cast.erz, cast.olga, THURSDAY, language="prs", **fields)


def past_request(cast, days_ago: int):
    starts_at = THURSDAY - datetime.timedelta(days=days_ago + 3)
    return make_request(cast.erz, cast.olga, starts_at, language="prs")


def test_the_dialect_asked_for_comes_first_even_before_a_better_level(cast):
    make_mediator(cast.erz, "Kabul", languages=(("prs", "Kabuli", Level.NATIVE),))
    make_mediator(cast.erz, "Herat", languages=(("prs", "Herati", Level.GOOD),))
    candidates = rank(dari_request(cast, dialect="herati"))
    assert names(candidates) == ["Herat", "Kabul"]
    assert "Dialect matches: Herati" in candidates[0].reasons
    assert "Other dialect: Kabuli" in candidates[1].reasons


def test_without_a_dialect_the_level_decides(cast):
    make_mediator(cast.erz, "Good", languages=(("prs", "", Level.GOOD),))
    make_mediator(cast.erz, "Native", languages=(("prs", "", Level.NATIVE),))
    candidates = rank(dari_request(cast))
    assert names(candidates) == ["Native", "Good"]
    assert candidates[0].reasons[0] == "Speaks Dari (native speaker)"
    assert not any("ialect" in reason for reason in candidates[0].reasons)


def test_the_mode_counts_before_the_place(cast, annaberg):
    make_mediator(cast.erz, "Phoneonly", on_site=False, by_phone=True)
    make_mediator(cast.erz, "Elsewhere", municipalities=(annaberg,))
    other = Municipality.objects.create(office=cast.erz, name="Thum")
    make_mediator(cast.erz, "Faraway", municipalities=(other,))
    candidates = rank(dari_request(cast, municipality=annaberg))
    assert names(candidates) == ["Elsewhere", "Faraway", "Phoneonly"]
    assert "Works on site" in candidates[0].reasons
    assert "Covers Annaberg-Buchholz" in candidates[0].reasons
    assert "Does not cover Annaberg-Buchholz" in candidates[1].reasons
    assert "Does not work on site" in candidates[2].reasons
    # The mode and the place only lower the rank: staff may still ask.
    assert all(c.offerable for c in candidates)


def test_mediators_without_municipalities_cover_the_whole_county(cast, marienberg):
    make_mediator(cast.erz, "Everywhere")
    (candidate,) = rank(dari_request(cast, municipality=marienberg))
    assert "Covers the whole county" in candidate.reasons


def test_the_place_does_not_count_by_phone(cast, annaberg, marienberg):
    make_mediator(cast.erz, "Marien", by_phone=True, municipalities=(marienberg,))
    make_mediator(cast.erz, "Anna", by_phone=True, municipalities=(annaberg,))
    candidates = rank(dari_request(cast, mode=Mode.PHONE, municipality=annaberg))
    assert candidates[0].score == candidates[1].score
    assert "Does not work by phone" not in candidates[0].reasons
    assert not any("cover" in reason for reason in candidates[0].reasons)


def test_a_phone_request_names_who_does_not_work_by_phone(cast):
    make_mediator(cast.erz, "Onsite")
    (candidate,) = rank(dari_request(cast, mode=Mode.PHONE))
    assert "Does not work by phone" in candidate.reasons
    assert candidate.offerable


def test_usual_hours_at_that_time_raise_the_rank(cast):
    usual = make_mediator(cast.erz, "Usual")
    available(usual, 3, "08:00", "14:00")
    other_day = make_mediator(cast.erz, "Otherday")
    available(other_day, 1, "08:00", "14:00")
    too_short = make_mediator(cast.erz, "Short")
    available(too_short, 3, "08:00", "10:00")
    make_mediator(cast.erz, "Unknown")
    candidates = rank(dari_request(cast, minutes=90))
    assert names(candidates)[0] == "Usual"
    assert "Usually available Thursdays 08:00–14:00" in candidates[0].reasons
    by_name = {c.mediator.first_name: c for c in candidates}
    assert "Not in their usual hours" in by_name["Otherday"].reasons
    assert "Not in their usual hours" in by_name["Short"].reasons
    assert "No usual hours recorded" in by_name["Unknown"].reasons


def test_fewer_recent_assignments_come_first(cast):
    busy = make_mediator(cast.erz, "Busy")
    make_mediator(cast.erz, "Idle")
    for days_ago in (5, 20, 40):
        make_assignment(
            past_request(cast, days_ago), busy, status=AssignmentStatus.DONE
        )
    # Older than 90 days, or declined: not a share of the work.
    make_assignment(past_request(cast, 120), busy, status=AssignmentStatus.DONE)
    make_assignment(past_request(cast, 10), busy, status=AssignmentStatus.DECLINED)
    candidates = rank(dari_request(cast))
    assert names(candidates) == ["Idle", "Busy"]
    assert (
        "3 assignments in the last 90 days (fair share: fewer come first)"
        in candidates[1].reasons
    )
    assert (
        "0 assignments in the last 90 days (fair share: fewer come first)"
        in candidates[0].reasons
    )


def test_better_feedback_comes_first_among_equals(cast):
    praised = make_mediator(cast.erz, "Praised")
    fair = make_mediator(cast.erz, "Fair")
    for rating in (4, 5):
        make_assignment(past_request(cast, 30), praised, status="done", rating=rating)
    for rating in (2, 3):
        make_assignment(past_request(cast, 30), fair, status="done", rating=rating)
    candidates = rank(dari_request(cast))
    assert names(candidates) == ["Praised", "Fair"]
    assert "Average feedback 4.5 of 5" in candidates[0].reasons
    assert "Average feedback 2.5 of 5" in candidates[1].reasons


def test_no_feedback_counts_as_middling(cast):
    make_mediator(cast.erz, "New")
    (candidate,) = rank(dari_request(cast))
    assert "No feedback yet" in candidate.reasons


def test_a_mediator_busy_then_comes_last_and_cannot_be_offered(cast):
    busy = make_mediator(cast.erz, "Busy", languages=(("prs", "", Level.NATIVE),))
    make_mediator(cast.erz, "Free", languages=(("prs", "", Level.BASIC),))
    elsewhere = make_request(
        cast.erz,
        cast.olga,
        THURSDAY.replace(hour=9, minute=0),
        language="deu",
        minutes=90,
    )
    make_assignment(elsewhere, busy, status=AssignmentStatus.ACCEPTED)
    candidates = rank(dari_request(cast))
    assert names(candidates) == ["Free", "Busy"]
    assert not candidates[1].offerable
    assert candidates[1].blockers == ["Busy then: another assignment 09:00–10:30"]
    assert candidates[1].blockers[0] in candidates[1].reasons


def test_an_assignment_that_ended_before_does_not_make_busy(cast):
    mediator = make_mediator(cast.erz)
    # 08:00–09:30 ends as the request begins.
    before = make_request(
        cast.erz, cast.olga, THURSDAY.replace(hour=8, minute=0), minutes=90
    )
    make_assignment(before, mediator, status=AssignmentStatus.ACCEPTED)
    declined = make_request(cast.erz, cast.olga, THURSDAY, language="pus")
    make_assignment(declined, mediator, status=AssignmentStatus.DECLINED)
    (candidate,) = rank(dari_request(cast))
    assert candidate.offerable


def test_expired_documents_on_the_day_are_named_and_block_the_offer(cast):
    make_mediator(cast.erz, "Expired", conduct_valid_until=datetime.date(2026, 3, 1))
    make_mediator(cast.erz, "Nopledge", pledge_valid_until=None)
    # Valid today, but no longer on the day of the request.
    make_mediator(cast.erz, "Runsout", pledge_valid_until=datetime.date(2026, 3, 4))
    by_name = {c.mediator.first_name: c for c in rank(dari_request(cast))}
    assert by_name["Expired"].blockers == [
        "Certificate of good conduct expired on 01.03.2026"
    ]
    assert by_name["Nopledge"].blockers == ["No confidentiality pledge recorded"]
    assert by_name["Runsout"].blockers == [
        "Confidentiality pledge expired on 04.03.2026"
    ]
    assert not any(c.offerable for c in by_name.values())


def test_only_active_mediators_of_the_office_with_the_language(cast):
    make_mediator(cast.erz, "Speaker")
    make_mediator(cast.erz, "Inactive", active=False)
    make_mediator(cast.erz, "Pashto", languages=(("pus", "", Level.NATIVE),))
    make_mediator(cast.gr, "Goerlitz")
    assert names(rank(dari_request(cast))) == ["Speaker"]


def test_several_dialects_of_one_mediator_count_once(cast):
    make_mediator(
        cast.erz,
        "Both",
        languages=(("prs", "Kabuli", Level.FLUENT), ("prs", "Herati", Level.NATIVE)),
    )
    (candidate,) = rank(dari_request(cast, dialect="Kabuli"))
    assert "Dialect matches: Kabuli" in candidate.reasons
    assert "Speaks Dari (fluent, C1–C2)" in candidate.reasons


def test_an_open_offer_for_the_same_request_blocks_a_second(cast):
    mediator = make_mediator(cast.erz)
    request = dari_request(cast)
    make_assignment(request, mediator)
    (candidate,) = rank(request)
    assert candidate.blockers == ["Has been offered this assignment already"]


def test_assess_is_none_for_someone_who_is_no_candidate(cast):
    request = dari_request(cast)
    assert assess(request, make_mediator(cast.gr, "Goerlitz")) is None
    assert assess(request, make_mediator(cast.erz, "Speaker")) is not None


def test_the_ranking_is_a_fixed_handful_of_queries(
    cast, annaberg, django_assert_max_num_queries
):
    for n in range(30):
        mediator = make_mediator(cast.erz, f"M{n}", municipalities=(annaberg,))
        available(mediator, 3, "08:00", "12:00")
        make_assignment(past_request(cast, n), mediator, status="done", rating=4)
    request = dari_request(cast, municipality=annaberg, dialect="Herati")
    with django_assert_max_num_queries(6):
        candidates = rank(request)
    assert len(candidates) == 30
