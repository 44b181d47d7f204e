"""Who should be asked first for a request: the ranked candidates.

Candidates are the active mediators of the request's office who speak its
language. Each gets points in tiers; every tier outweighs all tiers below it
together, so the order is: language and dialect, then mode, then place, then
the usual hours; fair spreading and feedback are weighed against each other
only among those equal above.

=========================  ============================================
Dialect asked for matches  1600
Level of the language      320 per level: native 1280 … basic (A2) 320
Works in the mode          160
Place (on site only)       80 when they cover the municipality (or the
                           whole county); not counted for phone/video
Usual hours                40 when a weekly window holds the whole time
Fair spreading             20, minus 2 per accepted or done assignment in
                           the last 90 days (at least 0): fewer come first
Feedback                   2 per star of the average rating in the same
                           90 days (2–10); 6, as for three stars, without
=========================  ============================================

Who is busy then (another offered or accepted assignment overlapping the
time) or whose confidentiality pledge or certificate of good conduct is
missing or expired on the request's day cannot be offered the assignment;
they stay in the list, below everyone who can, with the reason. The mode, the
place and the usual hours only lower the rank: staff may still ask.

The ranking is one handful of queries for the whole pool, whatever its size
(bench/mediators.py): never a query per candidate.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from lib.iso import language_name

from .models import (
    HOLDING,
    Assignment,
    AssignmentStatus,
    Availability,
    Level,
    Mediator,
    MediatorLanguage,
    Mode,
    Request,
)

DIALECT_POINTS = 1600
LEVEL_POINTS = 320
MODE_POINTS = 160
PLACE_POINTS = 80
HOURS_POINTS = 40
FAIRNESS_POINTS = 20
FAIRNESS_STEP = 2
FEEDBACK_PER_STAR = 2
FEEDBACK_UNKNOWN_STARS = 3

# Fair spreading and feedback look at the same recent past: one query over
# a quarter's assignments. A year of feedback would read four times the rows
# and, in a pool of thousands, cost more than the whole rest of the ranking.
RECENT = datetime.timedelta(days=90)
# No assignment lasts longer (the request_duration_plausible constraint):
# bounds the overlap query to an index range instead of the whole past.
LONGEST = datetime.timedelta(minutes=600)


# Every column, so that a candidate's mediator is a whole object. It is built
# on first use only: a page shows the first twenty of a thousand candidates,
# and building them all would cost more than the ranking's queries.
MEDIATOR_FIELDS = [f.attname for f in Mediator._meta.concrete_fields]
_AT = {name: index for index, name in enumerate(MEDIATOR_FIELDS)}
MODE_FIELDS: dict[str, str] = {
    Mode.ON_SITE: "on_site",
    Mode.PHONE: "by_phone",
    Mode.VIDEO: "by_video",
}


@dataclass(eq=False)
class Candidate:
    score: int
    offerable: bool
    # Human sentences, in the order of the tiers, in the reader's language.
    reasons: list[str]
    # The reasons that keep them from being offered the assignment.
    blockers: list[str]
    recent: int
    row: tuple = field(repr=False)

    @property
    def mediator_id(self) -> int:
        return self.row[_AT["id"]]

    @cached_property
    def mediator(self) -> Mediator:
        return Mediator.from_db("default", MEDIATOR_FIELDS, self.row)


def rank(request: Request) -> list[Candidate]:
    """Everyone who could be asked, best first; those who cannot be offered
    the assignment last."""
    pool = MediatorLanguage.objects.filter(
        language=request.language,
        mediator__office_id=request.office_id,
        mediator__active=True,
    )
    return _Ranking(request, pool).candidates()


def assess(request: Request, mediator: Mediator) -> Candidate | None:
    """The ranking's view of one mediator; None if they are no candidate at
    all (another office, inactive, or without the language)."""
    pool = MediatorLanguage.objects.filter(
        language=request.language,
        mediator_id=mediator.pk,
        mediator__office_id=request.office_id,
        mediator__active=True,
    )
    found = _Ranking(request, pool).candidates()
    return found[0] if found else None


def level_phrase(level: int) -> str:
    phrases: dict[int, str] = {
        Level.NATIVE: gettext("native speaker"),
        Level.FLUENT: gettext("fluent, C1–C2"),
        Level.GOOD: gettext("good, B1–B2"),
        Level.BASIC: gettext("basic, A2"),
    }
    return phrases.get(level, "")


def weekdays_plural() -> list[str]:
    return [
        gettext("Mondays"),
        gettext("Tuesdays"),
        gettext("Wednesdays"),
        gettext("Thursdays"),
        gettext("Fridays"),
        gettext("Saturdays"),
        gettext("Sundays"),
    ]


class _Ranking:
    """One ranking run: the facts fetched in bulk, then one pass in Python.

    Sentences are translated once per run and only filled in per candidate;
    gettext per candidate would cost more than all the queries.
    """

    def __init__(self, request: Request, pool: QuerySet[MediatorLanguage]) -> None:
        self.request = request
        self.pool = pool
        self.ids = pool.values("mediator_id")
        self.now = timezone.now()
        self.start = timezone.localtime(request.starts_at)
        self.end = timezone.localtime(request.ends_at)
        self.day = self.start.date()

    # --- the facts, a query each -------------------------------------------

    def speakers(self) -> dict[int, tuple[tuple, list[tuple[str, int]]]]:
        """Each candidate's row of the mediator table and (dialect, level)s."""
        found: dict[int, tuple[tuple, list[tuple[str, int]]]] = {}
        columns = [f"mediator__{name}" for name in MEDIATOR_FIELDS]
        rows = self.pool.order_by().values_list("dialect", "level", *columns)
        for dialect, level, *mediator in rows:
            entry = found.setdefault(mediator[_AT["id"]], (tuple(mediator), []))
            entry[1].append((dialect, level))
        return found

    def windows(self) -> dict[int, tuple[datetime.time, datetime.time] | None]:
        """Who has usual hours at all, with the span of those that hold the
        request's whole time (None if none does)."""
        if self.start.date() == self.end.date():
            holding = Q(
                weekday=self.start.weekday(),
                start__lte=self.start.time(),
                end__gte=self.end.time(),
            )
        else:
            holding = Q(pk__in=[])
        rows = (
            Availability.objects.filter(mediator_id__in=self.ids)
            .values("mediator_id")
            .annotate(
                first=Min("start", filter=holding), last=Max("end", filter=holding)
            )
            .values_list("mediator_id", "first", "last")
        )
        return {
            mediator_id: (start, end) if start is not None else None
            for mediator_id, start, end in rows
        }

    def busy(self) -> dict[int, list[tuple[datetime.datetime, datetime.datetime]]]:
        """Other assignments that hold the mediator's time then."""
        request = self.request
        rows = (
            Assignment.objects.filter(
                mediator_id__in=self.ids,
                status__in=HOLDING,
                starts_at__gt=request.starts_at - LONGEST,
            )
            .overlapping(request.starts_at, request.ends_at)
            .exclude(request_id=request.pk)
            .order_by()
            .values_list("mediator_id", "starts_at", "ends_at")
        )
        found: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = {}
        for mediator_id, starts_at, ends_at in rows:
            found.setdefault(mediator_id, []).append((starts_at, ends_at))
        return found

    def answers(self) -> dict[int, set[str]]:
        """How each mediator stands to this very request."""
        found: dict[int, set[str]] = {}
        if self.request.pk is None:
            return found
        rows = Assignment.objects.filter(request_id=self.request.pk).values_list(
            "mediator_id", "status"
        )
        for mediator_id, status in rows:
            found.setdefault(mediator_id, set()).add(status)
        return found

    def history(self) -> dict[int, tuple[int, float | None]]:
        """Accepted or done assignments since RECENT (those still to come
        included: they are a share too) and their average feedback."""
        rows = (
            Assignment.objects.filter(
                mediator_id__in=self.ids,
                starts_at__gte=self.now - RECENT,
                status__in=[AssignmentStatus.ACCEPTED, AssignmentStatus.DONE],
            )
            .values("mediator_id")
            .annotate(recent=Count("pk"), rating=Avg("rating"))
            .values_list("mediator_id", "recent", "rating")
        )
        return {mediator_id: (recent, rating) for mediator_id, recent, rating in rows}

    def coverage(self) -> tuple[set[int], set[int]]:
        """Who names municipalities at all, and who names the request's."""
        through = Mediator.municipalities.through
        rows = (
            through.objects.filter(mediator_id__in=self.ids)
            .values("mediator_id")
            .annotate(
                here=Count("pk", filter=Q(municipality_id=self.request.municipality_id))
            )
        )
        limited, covering = set(), set()
        for row in rows:
            limited.add(row["mediator_id"])
            if row["here"]:
                covering.add(row["mediator_id"])
        return limited, covering

    # --- the pass ----------------------------------------------------------

    def candidates(self) -> list[Candidate]:
        speakers = self.speakers()
        if not speakers:
            return []
        request = self.request
        on_site = request.mode == Mode.ON_SITE
        place_counts = on_site and request.municipality_id is not None
        windows = self.windows()
        busy = self.busy()
        answers = self.answers()
        history = self.history()
        limited, covering = self.coverage() if place_counts else (set(), set())
        texts = _Texts(request, self.start)
        wanted_dialect = request.dialect.strip().casefold()

        found = []
        works_at = _AT[MODE_FIELDS.get(request.mode, "on_site")]
        pledge_at, conduct_at = _AT["pledge_valid_until"], _AT["conduct_valid_until"]
        for mediator_id, (row, spoken) in speakers.items():
            reasons: list[str] = []
            blockers: list[str] = []
            score = 0

            # Language and dialect.
            match = [
                (dialect, level)
                for dialect, level in spoken
                if wanted_dialect and dialect.strip().casefold() == wanted_dialect
            ]
            dialect, level = max(match or spoken, key=itemgetter(1))
            score += LEVEL_POINTS * level
            reasons.append(texts.speaks[level])
            if wanted_dialect:
                if match:
                    score += DIALECT_POINTS
                    reasons.append(texts.dialect_matches % {"dialect": dialect})
                else:
                    others = ", ".join(sorted({d for d, _lv in spoken if d}))
                    reasons.append(
                        texts.other_dialect % {"dialect": others}
                        if others
                        else texts.no_dialect
                    )

            # Mode and place.
            if row[works_at]:
                score += MODE_POINTS
                reasons.append(texts.works)
            else:
                reasons.append(texts.does_not_work)
            if place_counts:
                if mediator_id not in limited:
                    score += PLACE_POINTS
                    reasons.append(texts.whole_county)
                elif mediator_id in covering:
                    score += PLACE_POINTS
                    reasons.append(texts.covers)
                else:
                    reasons.append(texts.does_not_cover)

            # The usual hours, and whether anything else holds the time.
            window = windows.get(mediator_id)
            if window:
                score += HOURS_POINTS
                reasons.append(texts.available(*window))
            elif mediator_id in windows:
                reasons.append(texts.not_in_hours)
            else:
                reasons.append(texts.no_hours)
            for starts_at, ends_at in busy.get(mediator_id, ()):
                blockers.append(texts.busy(starts_at, ends_at))
            stands = answers.get(mediator_id, set())
            if AssignmentStatus.OFFERED in stands:
                blockers.append(texts.offered)
            if stands & {AssignmentStatus.ACCEPTED, AssignmentStatus.DONE}:
                blockers.append(texts.accepted)
            elif AssignmentStatus.DECLINED in stands:
                reasons.append(texts.declined)

            # Fair spreading and feedback.
            recent, rating = history.get(mediator_id, (0, None))
            score += max(0, FAIRNESS_POINTS - FAIRNESS_STEP * recent)
            reasons.append(texts.recent(recent))
            if rating is None:
                score += FEEDBACK_PER_STAR * FEEDBACK_UNKNOWN_STARS
                reasons.append(texts.no_feedback)
            else:
                score += round(FEEDBACK_PER_STAR * rating)
                reasons.append(texts.feedback(rating))

            # Documents on the day.
            blockers += texts.documents(row[pledge_at], row[conduct_at], self.day)

            found.append(
                Candidate(
                    score=score,
                    offerable=not blockers,
                    reasons=reasons + blockers,
                    blockers=blockers,
                    recent=recent,
                    row=row,
                )
            )
        last, first = _AT["last_name"], _AT["first_name"]
        found.sort(
            key=lambda c: (
                not c.offerable,
                -c.score,
                c.recent,
                c.row[last],
                c.row[first],
                c.mediator_id,
            )
        )
        return found


class _Texts:
    """The reasons' sentences, translated once per ranking."""

    def __init__(self, request: Request, start: datetime.datetime) -> None:
        language = language_name(request.language)
        self.speaks = {
            level: gettext("Speaks %(language)s (%(level)s)")
            % {"language": language, "level": level_phrase(level)}
            for level in Level.values
        }
        self.dialect_matches = gettext("Dialect matches: %(dialect)s")
        self.other_dialect = gettext("Other dialect: %(dialect)s")
        self.no_dialect = gettext("No dialect recorded")
        works: dict[str, str] = {
            Mode.ON_SITE: gettext("Works on site"),
            Mode.PHONE: gettext("Works by phone"),
            Mode.VIDEO: gettext("Works by video"),
        }
        does_not: dict[str, str] = {
            Mode.ON_SITE: gettext("Does not work on site"),
            Mode.PHONE: gettext("Does not work by phone"),
            Mode.VIDEO: gettext("Does not work by video"),
        }
        self.works = works.get(request.mode, "")
        self.does_not_work = does_not.get(request.mode, "")
        municipality = request.municipality.name if request.municipality else ""
        self.whole_county = gettext("Covers the whole county")
        self.covers = gettext("Covers %(municipality)s") % {
            "municipality": municipality
        }
        self.does_not_cover = gettext("Does not cover %(municipality)s") % {
            "municipality": municipality
        }
        self._available = gettext("Usually available %(weekday)s %(start)s–%(end)s")
        self._weekday = weekdays_plural()[start.weekday()]
        self.not_in_hours = gettext("Not in their usual hours")
        self.no_hours = gettext("No usual hours recorded")
        self._busy = gettext("Busy then: another assignment %(start)s–%(end)s")
        self.offered = gettext("Has been offered this assignment already")
        self.accepted = gettext("Has accepted this assignment")
        self.declined = gettext("Declined this assignment")
        self.no_feedback = gettext("No feedback yet")
        self._feedback = gettext("Average feedback %(rating)s of 5")
        self._ratings: dict[float, str] = {}
        self._recent: dict[int, str] = {}
        self._pledge_expired = gettext("Confidentiality pledge expired on %(day)s")
        self._no_pledge = gettext("No confidentiality pledge recorded")
        self._conduct_expired = gettext(
            "Certificate of good conduct expired on %(day)s"
        )
        self._no_conduct = gettext("No certificate of good conduct recorded")

    def available(self, start: datetime.time, end: datetime.time) -> str:
        return self._available % {
            "weekday": self._weekday,
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }

    def busy(self, starts_at: datetime.datetime, ends_at: datetime.datetime) -> str:
        start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
        return self._busy % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}

    def recent(self, count: int) -> str:
        if count not in self._recent:
            self._recent[count] = ngettext(
                "%(count)s assignment in the last 90 days "
                "(fair share: fewer come first)",
                "%(count)s assignments in the last 90 days "
                "(fair share: fewer come first)",
                count,
            ) % {"count": count}
        return self._recent[count]

    def feedback(self, rating: float) -> str:
        rounded = round(rating, 1)
        if rounded not in self._ratings:
            self._ratings[rounded] = self._feedback % {
                "rating": formats.number_format(rounded, 1)
            }
        return self._ratings[rounded]

    def documents(
        self,
        pledge: datetime.date | None,
        conduct: datetime.date | None,
        day: datetime.date,
    ) -> list[str]:
        found = []
        if pledge is None:
            found.append(self._no_pledge)
        elif pledge < day:
            found.append(self._pledge_expired % {"day": f"{pledge:%d.%m.%Y}"})
        if conduct is None:
            found.append(self._no_conduct)
        elif conduct < day:
            found.append(self._conduct_expired % {"day": f"{conduct:%d.%m.%Y}"})
        return found
