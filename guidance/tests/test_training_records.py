"""Training, team meetings and supervision with hours and totals."""

import datetime
from decimal import Decimal

from guidance.models import Training, TrainingKind


def record(cast, **fields):
    training = Training.objects.create(
        office=fields.pop("office", cast.erz),
        kind=fields.pop("kind", TrainingKind.TRAINING),
        title=fields.pop("title", "SGB II"),
        day=fields.pop("day", datetime.date(2026, 2, 10)),
        hours=fields.pop("hours", Decimal("3")),
        created_by=fields.pop("by", cast.olga),
    )
    training.guides.set(fields.pop("guides", [cast.gina, cast.gustav]))
    return training


def test_the_desk_records_a_team_meeting_for_guides(cast):
    response = cast.client("olga").post(
        "/guidance/trainings/new/",
        {
            "kind": TrainingKind.TEAM,
            "title": "Fallbesprechung",
            "day": "2026-02-12",
            "hours": "1.5",
            "guides": [cast.gina.pk, cast.gustav.pk],
        },
    )
    assert response.status_code == 302
    training = Training.objects.get()
    assert training.hours == Decimal("1.5")
    assert set(training.guides.all()) == {cast.gina, cast.gustav}
    assert training.created_by == cast.olga


def test_a_guide_records_their_own_participation(cast):
    response = cast.client("gina").post(
        "/guidance/trainings/new/",
        {
            "kind": TrainingKind.SUPERVISION,
            "title": "Supervision",
            "day": "2026-02-12",
            "hours": "2",
            "guides": [cast.gustav.pk],
        },
    )
    assert response.status_code == 302
    assert list(Training.objects.get().guides.all()) == [cast.gina]


def test_implausible_hours_are_refused(cast):
    client = cast.client("olga")
    for hours in ["0", "41", "x"]:
        response = client.post(
            "/guidance/trainings/new/",
            {"kind": "training", "title": "T", "day": "2026-02-12", "hours": hours},
        )
        assert response.status_code == 200
    assert not Training.objects.exists()


def test_totals_per_kind_and_year_for_the_guide_and_the_office(cast):
    record(cast, hours=Decimal("3"))
    record(cast, kind=TrainingKind.TEAM, hours=Decimal("1.5"), guides=[cast.gustav])
    record(cast, title="Otto's", office=cast.gr, by=cast.otto, guides=[cast.otto])
    page = cast.client("gina").get("/guidance/trainings/").content.decode()
    own = page[page.index("Your hours") : page.index("The office")]
    assert '<td class="kern-table__cell">3.0</td>' in own
    assert "1.5" not in own
    office = page[page.index("The office") :]
    # 3 h for two guides is 6 h; the team meeting 1.5 h.
    assert "6.0" in office and "1.5" in office
    assert "Otto's" not in page


def test_a_guide_edits_only_what_they_recorded(cast):
    theirs = record(cast, by=cast.gina, guides=[cast.gina])
    desks = record(cast)
    client = cast.client("gina")
    assert client.get(f"/guidance/trainings/{theirs.pk}/").status_code == 200
    assert client.get(f"/guidance/trainings/{desks.pk}/").status_code == 403
    assert (
        cast.client("otto").get(f"/guidance/trainings/{theirs.pk}/").status_code == 404
    )
    assert cast.client("anton").get("/guidance/trainings/").status_code == 403
