"""The people of benchmark "dedupe": who they are, and how intake misspells them.

Given names and the common family names come from the demo's pools
(demo/data.py: origins, their names in Latin spellings and the original
script), drawn with the skew of real registers: a pool's names are ordered by
how common they are and drawn in proportion to 1/rank^0.3 (the first 1.4 times
that), so that about 8 % of the men are a Mohammed, 5 % an Ahmad and 3 % an
Ali. The demo has a dozen family names
per origin, while a real register of a million has thousands: half of the
family names come from a generated tail instead (TAIL_NAMES per origin,
syllables in the origin's style with the spelling variants German offices
make of them, Latin only). Without that tail every name of a million persons
would be shared by a thousand others, which is not what a lookup meets.

Pure Python, no database: the build (bench/dedupe_data.py) and the intake
records of the measurement (bench/dedupe_measure.py) both draw from here.
"""

import datetime
import itertools
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from demo.data import ERZ, ORIGINS, Name, Origin, spelling_variants

T = TypeVar("T")

SEED = "lotse-bench-dedupe"
# Within a pool: 1/rank^SKEW, so that ~8 % of the men are a Mohammed.
SKEW = 0.3
TAIL_SHARE = 0.5
TAIL_NAMES = 4000
YEARS = 70  # birth dates over this many years before REFERENCE
REFERENCE = datetime.date(2026, 7, 1)
PHONE_SHARE = 0.35
MUNICIPALITY_SHARE = 0.92
ORIGINAL_SHARE = 0.85  # of persons whose names have an original script

# The style of a generated family name per origin: onsets, vowels, endings,
# prefixes with their share, spelling rules (old, new) that offices apply.
Style = tuple[
    list[str], list[str], list[str], list[tuple[str, float]], list[tuple[str, str]]
]
_ARABIC: Style = (
    "b d f h j k kh l m n q r s sh t z".split(),
    "a a i u ou".split(),
    ["", "i", "awi", "an", "ani"],
    [("Al-", 0.35), ("Abu ", 0.05)],
    [("ou", "u"), ("kh", "ch"), ("sh", "sch"), ("j", "dsch"), ("Al-", "Al"),
     ("Al-", "El-"), ("q", "k"), ("awi", "aoui"), ("i", "y")],
)  # fmt: skip
_PERSIAN: Style = (
    "b d f gh h j k kh m n p r s sh t z".split(),
    "a a e i o u".split(),
    ["i", "zadeh", "pour", "i", "ani"],
    [],
    [("kh", "ch"), ("sh", "sch"), ("j", "dsch"), ("gh", "g"), ("zadeh", "sade"),
     ("pour", "pur"), ("i", "y")],
)  # fmt: skip
_PASHTO: Style = (
    "b d g h j k kh l m n p r s sh t w z".split(),
    "a a e i o u".split(),
    ["zai", "khel", "i", "yar", ""],
    [],
    [("kh", "ch"), ("sh", "sch"), ("zai", "sai"), ("w", "v"), ("j", "dsch")],
)  # fmt: skip
_SLAVIC: Style = (
    "b d h k l m n p r s t v z ch sh".split(),
    "a e i o u y".split(),
    ["enko", "chuk", "yk", "ov", "ev", "ets", "iak", "ko"],
    [],
    [("ch", "tsch"), ("sh", "sch"), ("v", "w"), ("y", "j"), ("z", "s"),
     ("iak", "jak")],
)  # fmt: skip
_TIGRINYA: Style = (
    "b d f g h k l m n r s t w y z".split(),
    "a e i o".split(),
    ["", "e", "ay", "om", "ab", "u"],
    [("Gebre", 0.1), ("Wolde", 0.05)],
    [("ay", "ai"), ("Gebre", "Ghebre"), ("Wolde", "Welde"), ("y", "j"), ("w", "v")],
)  # fmt: skip
_TURKISH: Style = (
    "b c d g h k l m n r s t y z".split(),
    "a e i o u".split(),
    ["", "er", "oglu", "an", "ci", "li"],
    [],
    [("oglu", "ogullari"), ("c", "dsch"), ("y", "j")],
)  # fmt: skip
_CAUCASIAN: Style = (
    "b d g k l m n r s t v z sh".split(),
    "a e i o u".split(),
    ["dze", "shvili", "ia", "ava"],
    [],
    [("shvili", "schwili"), ("v", "w"), ("sh", "sch")],
)  # fmt: skip
_EUROPEAN: Style = (
    "b d g k l m n p r s t w z".split(),
    "a e i o u".split(),
    ["ski", "escu", "ak", "ek", "ar", "ov"],
    [],
    [("ski", "sky"), ("w", "v"), ("escu", "esku")],
)  # fmt: skip
_GERMAN: Style = (
    "b d f g h k l m n p r s t w".split(),
    "a e i o u".split(),
    ["er", "mann", "el", "ert", "ner"],
    [],
    [("mann", "man"), ("ei", "ai"), ("t", "th")],
)  # fmt: skip
STYLES = {
    "sy": _ARABIC, "iq": _ARABIC, "xx": _ARABIC, "so": _ARABIC,
    "sy_kurd": _ARABIC, "iq_kurd": _ARABIC,
    "af_dari": _PERSIAN, "ir": _PERSIAN, "af_pashto": _PASHTO,
    "ua": _SLAVIC, "ru": _SLAVIC, "aussiedler": _GERMAN,
    "er": _TIGRINYA, "tr": _TURKISH, "ge": _CAUCASIAN, "eu": _EUROPEAN,
    "de": _GERMAN,
}  # fmt: skip
# Vietnamese family names really are few (Nguyen, Tran, Le …): no tail.
NO_TAIL = {"vn"}


@dataclass(frozen=True)
class Someone:
    """A generated person, as the build writes them."""

    origin: str
    gender: str
    family_name: str
    given_names: str
    name_original: str
    birth_date: datetime.date | None
    birth_precision: str
    phone: str
    has_municipality: bool


def picker(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> Callable[[], T]:
    """A fast weighted draw (cumulative weights computed once)."""
    items = [item for item, _weight in pairs]
    cumulative = list(itertools.accumulate(weight for _item, weight in pairs))
    total = cumulative[-1]
    random_ = rng.random
    return lambda: items[bisect(cumulative, random_() * total)]


def ranked(rng: random.Random, names: Sequence[Name]) -> Callable[[], Name]:
    """A pool's names, the first ones the more common (1/rank^SKEW), the
    very first (Mohammed in the Arabic and Persian pools) doubled."""
    pairs = [
        (name, rank**-SKEW * (1.4 if rank == 1 else 1))
        for rank, name in enumerate(names, 1)
    ]
    return picker(rng, pairs)


@cache
def tail(origin: str) -> tuple[tuple[str, ...], ...]:
    """TAIL_NAMES generated family names of an origin's style, each with its
    spelling variants (the first is the usual one); the same on every run."""
    if origin in NO_TAIL or origin not in STYLES:
        return ()
    onsets, vowels, endings, prefixes, rules = STYLES[origin]
    rng = random.Random(f"{SEED}-tail-{origin}")
    seen: set[str] = set()
    names: list[tuple[str, ...]] = []
    while len(names) < TAIL_NAMES:
        syllables = rng.choice((2, 2, 3))
        stem = "".join(
            rng.choice(onsets) + rng.choice(vowels) for _n in range(syllables)
        )
        stem += rng.choice(["", "", "r", "n", "l", "m", "d"])
        prefix = ""
        for candidate, share in prefixes:
            if rng.random() < share:
                prefix = candidate
                break
        name = prefix + stem.capitalize() + rng.choice(endings)
        if prefix.endswith(" "):
            name = prefix + (stem + rng.choice(endings)).capitalize()
        if name in seen or len(name) < 4:
            continue
        seen.add(name)
        variants = [name]
        for old, new in rules:
            if old in name and len(variants) < 4:
                variant = name.replace(old, new, 1)
                if variant not in variants:
                    variants.append(variant)
        names.append(tuple(variants))
    return tuple(names)


@cache
def variants_of() -> dict[str, tuple[str, ...]]:
    """Every Latin spelling (pools and tails) and all spellings of its name."""
    found = dict(spelling_variants())
    for origin in ORIGINS:
        for spellings in tail(origin):
            for spelling in spellings:
                found.setdefault(spelling, spellings)
    return found


class People:
    """Draws persons as the office's register holds them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.origin = picker(rng, list(ERZ.origins.items()))
        self.gender = picker(
            rng, [("male", 53), ("female", 45), ("unstated", 1.8), ("diverse", 0.2)]
        )
        self.male = {key: ranked(rng, o.male) for key, o in ORIGINS.items()}
        self.female = {key: ranked(rng, o.female) for key, o in ORIGINS.items()}
        self.family = {key: ranked(rng, o.family) for key, o in ORIGINS.items()}

    def spelling(self, spellings: Sequence[str]) -> str:
        rng = self.rng
        return spellings[0] if rng.random() < 0.6 else rng.choice(spellings)

    def someone(self) -> Someone:
        rng = self.rng
        key = self.origin()
        o = ORIGINS[key]
        sex = self.gender()
        given_name = (self.female if sex == "female" else self.male)[key]()
        family, family_script = self.family_name(key, o, sex)
        given = self.spelling(given_name[0])
        original = ""
        if given_name[1] and family_script and rng.random() < ORIGINAL_SHARE:
            original = f"{given_name[1]} {family_script}"
        born, precision = self.birth(o)
        phone = ""
        if rng.random() < PHONE_SHARE:
            phone = f"+49 15{rng.randint(1, 9)} {rng.randrange(10**7, 10**8)}"
        return Someone(
            origin=key,
            gender=sex,
            family_name=family,
            given_names=given,
            name_original=original,
            birth_date=born,
            birth_precision=precision,
            phone=phone,
            has_municipality=rng.random() < MUNICIPALITY_SHARE,
        )

    def family_name(self, key: str, o: Origin, sex: str) -> tuple[str, str]:
        """A family name in Latin and its original script ("" for the tail)."""
        names = tail(key)
        if names and self.rng.random() < TAIL_SHARE:
            return self.spelling(self.rng.choice(names)), ""
        spellings, script = self.family[key]()
        latin = self.spelling(spellings)
        if sex == "female" and o.feminine[0]:
            latin += o.feminine[0]
            script += o.feminine[1] if script else ""
        return latin, script

    def birth(self, o: Origin) -> tuple[datetime.date | None, str]:
        rng = self.rng
        if rng.random() < 0.02:
            return None, "day"
        if rng.random() < 0.22:
            age = rng.randint(0, 17)
        else:
            age = 18 + round(rng.betavariate(2, 3.5) * (YEARS - 18))
        born = REFERENCE - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        # The demo's shares per origin, a little raised: about a fifth of
        # all dates are known by year only (written 01.01.).
        if rng.random() < o.year_only + 0.03:
            return born.replace(month=1, day=1), "year"
        if rng.random() < 0.03:
            return born.replace(day=1), "month"
        return born, "day"
