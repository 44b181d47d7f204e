"""Which guide could take a care: the office's active guides, ranked.

Staff see the order with the reasons and confirm one; nothing is applied by
itself. A guide's area and languages are read from the people they care for
now (accounts keep no area per guide), so a new guide starts with neither:

=====================  ==============================================
Same municipality      4 points: already cares for people living there
Same district          2 points: cares for people elsewhere in its district
Shared language        2 points: cares for people who speak a language of
                       the person
Caseload               breaks ties: fewer running cares per full-time
                       equivalent (weekly hours / 40) first
=====================  ==============================================
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext, ngettext

from accounts.models import Role, User
from clients.models import PersonLanguage
from lib.iso import language_name

from .models import Care

MUNICIPALITY_POINTS = 4
DISTRICT_POINTS = 2
LANGUAGE_POINTS = 2
FULL_TIME_HOURS = Decimal("40")


@dataclass
class Suggestion:
    guide: User
    score: int
    active: int
    fte: Decimal
    reasons: list[str] = field(default_factory=list)

    @property
    def per_fte(self) -> Decimal:
        return (Decimal(self.active) / self.fte).quantize(Decimal("0.1"))


def guides_of(office_id: int):
    return User.objects.filter(
        office_id=office_id, is_active=True, role_grants__role=Role.GUIDE
    ).distinct()


def full_time_equivalent(guide: User) -> tuple[Decimal, bool]:
    """The guide's FTE, and whether it was known (unknown counts as full time)."""
    hours = guide.weekly_hours
    if not hours or hours <= 0:
        return Decimal("1"), False
    return (Decimal(hours) / FULL_TIME_HOURS).quantize(Decimal("0.01")), True


def suggest_guides(care: Care) -> list[Suggestion]:
    person = care.person
    place = person.municipality
    wanted = set(person.languages.values_list("code", flat=True))
    guides = list(guides_of(care.office_id))
    rows = (
        Care.objects.active()
        .filter(office_id=care.office_id, guide__in=guides)
        .exclude(pk=care.pk)
        .values_list(
            "guide_id",
            "person_id",
            "person__municipality_id",
            "person__municipality__district",
        )
    )
    active: dict[int, int] = defaultdict(int)
    same_place: dict[int, int] = defaultdict(int)
    same_district: dict[int, int] = defaultdict(int)
    persons: dict[int, set[int]] = defaultdict(set)
    for guide_id, person_id, municipality_id, district in rows:
        active[guide_id] += 1
        persons[guide_id].add(person_id)
        if place is None:
            continue
        if municipality_id == place.pk:
            same_place[guide_id] += 1
        elif place.district and district == place.district:
            same_district[guide_id] += 1
    spoken: dict[int, set[str]] = defaultdict(set)
    if wanted:
        found = PersonLanguage.objects.filter(
            person_id__in={p for ids in persons.values() for p in ids}, code__in=wanted
        ).values_list("person_id", "code")
        by_person: dict[int, set[str]] = defaultdict(set)
        for person_id, code in found:
            by_person[person_id].add(code)
        for guide_id, ids in persons.items():
            for person_id in ids:
                spoken[guide_id] |= by_person.get(person_id, set())

    suggestions = []
    for guide in guides:
        reasons: list[str] = []
        score = 0
        if place is not None:
            if same_place[guide.pk]:
                score += MUNICIPALITY_POINTS
                reasons.append(
                    ngettext(
                        "Cares for %(count)s person in %(place)s",
                        "Cares for %(count)s people in %(place)s",
                        same_place[guide.pk],
                    )
                    % {"count": same_place[guide.pk], "place": place.name}
                )
            elif same_district[guide.pk]:
                score += DISTRICT_POINTS
                reasons.append(
                    gettext("Cares for people elsewhere in %(district)s")
                    % {"district": place.district}
                )
            else:
                reasons.append(
                    gettext("Cares for nobody in %(place)s yet") % {"place": place.name}
                )
        if wanted:
            shared = sorted(language_name(code) for code in spoken[guide.pk])
            if shared:
                score += LANGUAGE_POINTS
                reasons.append(
                    gettext("Cares for people who speak %(languages)s")
                    % {"languages": ", ".join(shared)}
                )
            else:
                reasons.append(gettext("Cares for nobody who speaks the same language"))
        fte, known = full_time_equivalent(guide)
        suggestion = Suggestion(guide, score, active[guide.pk], fte, reasons)
        reasons.append(
            ngettext(
                "%(count)s running care, %(per_fte)s per full-time equivalent",
                "%(count)s running cares, %(per_fte)s per full-time equivalent",
                suggestion.active,
            )
            % {
                "count": suggestion.active,
                "per_fte": formats.number_format(suggestion.per_fte, 1),
            }
        )
        if not known:
            reasons.append(gettext("Weekly hours not recorded: counted as full time"))
        suggestions.append(suggestion)
    suggestions.sort(
        key=lambda s: (
            -s.score,
            Decimal(s.active) / s.fte,
            s.guide.last_name,
            s.guide.first_name,
            s.guide.pk,
        )
    )
    return suggestions
