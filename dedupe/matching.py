"""Decide whether two person records are likely the same person, and say why.

Pure Python, no database: the caller hands in two ``Record``s and a
``frequency(key)`` function (the share of persons whose name has that token
key, counted in the database; a dict's ``get`` in tests).

How a name becomes tokens
-------------------------
Every name part is split on spaces, hyphens and apostrophes and brought to
lower-case ASCII letters: Arabic-script names (Arabic, Persian, Pashto)
through a letter table of our own that keeps ``و``/``ي`` as the long vowels
they usually are, every other handled script (Latin with diacritics, Greek,
Cyrillic, Armenian, Georgian, Ethiopic) through anyascii. Scripts without
written vowels that we have no table for (Hebrew) and scripts that are not
alphabets (Han, Kana, Hangul, Devanagari and the other Indic scripts, Thai …)
are not guessed at: the record is marked ``unsupported``.

Particles are normalised so that joined and apart spellings meet: the
article (al-, el-, ul-, and the assimilated ar-/as-/ad-… before the same
consonant, ``ال``) is dropped, ``Abd``/``Abdul``/``Abdel``/``Abdur`` plus the
next name becomes one token (Abd al-Rahman = Abdulrahman = Abdurrahman =
``عبد الرحمن``), ``ullah``/``ad-din`` join the name before them, and
bin/ben/ibn/bint/ould are dropped.

Each token has a *key*: its consonant skeleton after merging letters that
transliteration schemes swap (kh/ch→h, sh/sch→s, z→s, w→v, q/c→k, j/dj/zh
and a consonantal y→j, ph→f, th→t, dh→d, doubled letters once, a final h
after a vowel dropped). Mohammed, Muhammad, Mohamad and ``محمد`` all have
the key ``mhmd``; Dmytro and Dmitrii ``dmtr``; Oleksandr, Olexandr and
Aleksandr ``lksndr``. Tokens with equal keys are then told apart by their
vowels where both sides have them: Hassan (a-a) is not Hussein (u-ei), Amir
is not Amira and Ali is not Alia (a final -a marks a different name).

Score
-----
Evidence is added up in bits, as in Fellegi-Sunter / Splink: a name token
that agrees adds ``log2(0.9 / frequency(key))`` (capped), so that a shared
"Mohammed" adds little and a shared rare family name a lot; name parts
present on both records that find no partner count against; the date of
birth, the municipality and the phone add or subtract according to how
telling they are. The sum plus a prior is turned into a probability in
[0, 1]. Token order does not matter (swapped family and given names are
found and reported). Two caps keep staff from being offered the wrong
person: a clearly different name on both records (Hassan/Hussein Haddad,
born the same day: twins) and a single agreeing name part with no agreeing
date of birth or phone (two "Haddad"s) both stay at a score of at most 0.5,
below ``dedupe.quality.THRESHOLD``.

Blocking keys
-------------
``blocking_keys(record)`` returns short strings that two records of the same
person share with high probability:

* ``t:<key>`` for every token key (plus the key without a joined article,
  Alhussein → ``t:hsn``);
* ``y:<key>:<year>`` for every token key and the birth year, and for a
  year-only (or 01.01. placeholder) date also the years either side;
* ``p:<key1>+<key2>`` for each pair of distinct token keys (sorted, so that
  swapped names meet), at most ten pairs.

The lookup stores them in a table and, per new record, uses only the keys
whose blocks are small: a ``t:mhmd`` block is huge, ``y:mhmd:1993`` or
``p:hsn+mhmd`` is not. The rescoring with ``compare`` then decides.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from django.utils.translation import get_language, gettext
from rapidfuzz.distance import JaroWinkler

# Precision values as in clients.models.DatePrecision (not imported: this
# module stays free of models so that it runs without a database).
DAY, MONTH, YEAR = "day", "month", "year"

MAX_TOKENS = 8  # per name view; a 500-character name is not compared in full
MAX_TOKEN_LENGTH = 30

# Evidence in bits.
PRIOR = -8.0
TOKEN_CAP = 12.0
TOKEN_M = 0.9
MIN_FREQUENCY = 1e-5
CONFLICT = -14.0  # a name part on each side that finds no partner
NEAR_MISS = 0.5  # share of CONFLICT forgiven for a pair almost similar enough
LEFTOVER = -0.5
CLEARLY_DIFFERENT = 0.65  # token similarity below which names contradict
CONTRADICTED_CAP = 0.0
ONE_NAME_CAP = 0.0  # a name part on one side only (missing on the other)
INITIAL = 0.5
MATCH_SIM = 0.8

DATE_SAME_DAY = 12.0
DATE_SAME_MONTH = 7.0
DATE_SAME_YEAR = 5.0
DATE_NEAR_YEAR = 2.5
DATE_SWAPPED = 4.0
DATE_SAME_YEAR_OTHER_DAY = -6.0
DATE_CONTRADICTS = -10.0
DATE_YEAR_CONTRADICTS = -8.0
SAME_MUNICIPALITY = 1.5
SAME_PHONE = 8.0


@dataclass(frozen=True)
class Record:
    """What intake knows about a person; every field may be empty."""

    family_name: str
    given_names: str
    name_original: str
    birth_date: datetime.date | None
    birth_precision: str
    municipality_id: int | None = None
    phone: str = ""


@dataclass(frozen=True)
class Token:
    display: str  # as written, for reasons
    text: str  # lower-case ASCII letters, particles normalised
    key: str  # consonant skeleton: frequency and blocking key
    vowels: tuple[str, ...] | None  # vowel class per slot; None: script without vowels
    part: str  # "family", "given" or "original"
    alt_key: str = ""  # key without a joined article (Alhussein → hsn)


@dataclass
class Match:
    score: float
    reasons: list[str] = field(default_factory=list)
    unsupported: bool = False


def _(message: str) -> str:
    # gettext looks the active translation up on every call; the reasons are
    # built for every candidate, so cache per language.
    return _translate(get_language(), message)


@lru_cache(maxsize=512)
def _translate(language: str | None, message: str) -> str:
    return gettext(message)


# --- Letters -----------------------------------------------------------------

_HANDLED_SCRIPTS = frozenset(
    {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "ETHIOPIC", "ARABIC"}
)

# Arabic script, Persian and Pashto letters included, straight to the merged
# letters of _REPLACEMENTS. "V" and "Y" stand for و and ي, whose value
# depends on their place (see _arabic_word).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u",
    "ئ": "i", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "h",
    "د": "d", "ذ": "d", "ر": "r", "ز": "s", "س": "s", "ش": "s", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "s", "ع": "", "غ": "g", "ف": "f", "ق": "k",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "V",
    "ي": "Y", "ى": "a", "پ": "p", "چ": "s", "ژ": "j", "گ": "g", "ک": "k",
    "ی": "Y", "ټ": "t", "ډ": "d", "ړ": "r", "ږ": "g", "ښ": "s", "ځ": "s",
    "څ": "s", "ڼ": "n", "ې": "e", "ۍ": "i", "ګ": "g", "ڭ": "g", "ە": "a",
    "ۆ": "o", "ێ": "e", "ڕ": "r", "ڵ": "l", "ڤ": "v", "ھ": "h",
}  # fmt: skip

_Z_SOUNDS = frozenset("ضذظ")
_AS_Z = str.maketrans("ضذظ", "ززز")

# Order matters: longer spellings first. ch is ш in French and ч in
# Ukrainian and German spellings (Chevtchenko, Schewtschenko): both become s.
_REPLACEMENTS = [
    ("tsch", "s"),
    ("dsch", "j"),
    ("sch", "s"),
    ("tch", "s"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("ch", "s"),
    ("sh", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("w", "v"),
]
# Consonants that schemes and dialects swap (Horenyuk/Gorenjuk, Taghi/تقی,
# Gamal/Jamal): equal coarse keys make a weaker match than equal keys.
_COARSE = str.maketrans("gkjdpv", "hhhtbf")
_VOWEL_LETTERS = frozenset("aeiouy")
_IU = frozenset({"ia", "ie", "io", "iu"})
_NON_LETTERS = re.compile(r"[^a-z]+")
_SPLIT = re.compile(r"[\s\-‐‑–—_.,;/()]+")
_APOSTROPHES = re.compile(r"['`’‘ʻʼʿʾ]")
_DIGITS = re.compile(r"\d")

_ARTICLES = frozenset({"al", "el", "ul", "il"})
# Spellings after _merge (az → as, ash → as).
_ASSIMILATED = frozenset({"ad", "ar", "as", "at", "an"})
_ABD = ("abdul", "abdel", "abdal", "abdol", "abdur", "abdus", "abdar", "abdu", "abd")
_DROPPED = frozenset({"bin", "ben", "ibn", "bint", "ould", "uld", "valad"})
_JOIN_BEFORE = {"ullah": "lah", "ulla": "lah", "allah": "lah", "ollah": "lah"}
_DIN = frozenset({"din", "deen", "dine"})


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _scripts(text: str) -> set[str]:
    return {_script(c) for c in text if not c.isascii() and c.isalpha()}


def _arabic_word(word: str) -> str:
    out = []
    for i, char in enumerate(word):
        value = _ARABIC.get(char)
        if value is None:
            value = _NON_LETTERS.sub("", anyascii(char).lower())
        elif value in ("V", "Y"):
            # و and ي are consonants at the start and before alif, else long vowels.
            consonant = i == 0 or word[i + 1 : i + 2] in ("ا", "آ")
            if value == "V" and word[i - 1 : i] == "ا":
                consonant = True  # داود Dawud
            if value == "V":
                value = "va" if i == 0 else ("v" if consonant else "u")
            else:
                value = "ja" if i == 0 else ("j" if consonant else "i")
        out.append(value)
    return "".join(out)


def _ascii_word(word: str, arabic: bool) -> str:
    if arabic:
        if word in ("الله", "لله"):
            return "allah"
        if word.startswith("عبد"):
            return "abd " + _ascii_word(word[3:], True) if len(word) > 3 else "abd"
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        return _arabic_word(word)
    return _NON_LETTERS.sub("", anyascii(word).lower())


def _merge(word: str) -> str:
    for old, new in _REPLACEMENTS:
        if old in word:
            word = word.replace(old, new)
    return _glides(word)


def _glides(word: str) -> str:
    # A y (or the French i) before a vowel at the start is a consonant (Yusuf
    # = Jusuf = يوسف, Iouliia = Yuliya); inside a word j next to a vowel is a
    # glide (Horenyuk = Gorenjuk, Evhenij = Evgeniy, Maryam = Mariam = مريم).
    if len(word) > 1 and (
        word[0] == "y" and word[1] in _VOWEL_LETTERS or word[:2] in _IU
    ):
        word = "j" + word[1:]
    if "j" in word[1:]:
        chars = list(word)
        for i in range(1, len(chars)):
            if chars[i] == "j" and (
                chars[i - 1] in _VOWEL_LETTERS or word[i + 1 : i + 2] in _VOWEL_LETTERS
            ):
                chars[i] = "y"
        word = "".join(chars)
    return word


def _vowel_class(group: str) -> str:
    if not group:
        return ""
    last = group[-1]
    if last in "iy":
        return "I"
    if last == "u":
        return "U"
    if last == "o":
        return "O"
    if last == "a":
        return "A"
    # Ends in e.
    if group.endswith("ee") or group.endswith("ie"):
        return "I"
    if group.endswith("ae"):
        return "A"
    return "E"


def _shape(word: str) -> tuple[str, tuple[str, ...]]:
    """Consonant skeleton and the vowel class of each slot around it."""
    skeleton: list[str] = []
    slots: list[str] = []
    group = ""
    for char in word:
        if char in _VOWEL_LETTERS:
            group += char
            continue
        if skeleton and skeleton[-1] == char and not group:
            continue  # doubled consonant
        slots.append(_vowel_class(group))
        skeleton.append(char)
        group = ""
    slots.append(_vowel_class(group))
    if len(skeleton) > 1 and skeleton[-1] == "h" and slots[-2]:
        # Fatimah = Fatima, Abdullah = Abdulla.
        skeleton.pop()
        slots.pop()
    return "".join(skeleton), tuple(slots)


def _normalise_words(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(display, ascii) pairs with particles joined or dropped."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        display, word = words[i]
        i += 1
        if word in _ARTICLES or (
            word in _ASSIMILATED
            and i < len(words)
            and words[i][1][:1] == word[-1:]
            and len(words[i][1]) > 2
        ):
            continue
        if word in _DROPPED and len(words) > 2:
            continue
        if word in _ABD and i < len(words):
            # Abd al-Rahman, Abdul Rahman: one name.
            while i < len(words) and words[i][1] in _ARTICLES | _ASSIMILATED:
                display = f"{display} {words[i][0]}"
                i += 1
            if i < len(words):
                display = f"{display} {words[i][0]}"
                word = "abd" + words[i][1]
                i += 1
        elif word.startswith(_ABD) and len(word) > 5:
            for prefix in _ABD:
                if word.startswith(prefix):
                    rest = word[len(prefix) :]
                    for article in ("al", "el", "ul", "ur", "ar", "as", "ad"):
                        if rest.startswith(article) and len(rest) > len(article) + 2:
                            rest = rest[len(article) :]
                            break
                    word = "abd" + rest
                    break
        if out and (word in _JOIN_BEFORE or word in _DIN):
            prev_display, prev = out.pop()
            word = prev + _JOIN_BEFORE.get(word, "din")
            display = f"{prev_display} {display}"
        out.append((display, word))
    return out


@dataclass(frozen=True)
class _View:
    tokens: tuple[Token, ...]
    truncated: bool = False
    digits: bool = False


def _parse(text: str, part: str) -> tuple[_View | None, str | None]:
    """Tokens of one name field, or the name of a script we do not handle."""
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        return _View(()), None
    for script in _scripts(text):
        if script not in _HANDLED_SCRIPTS:
            return None, script.title()
    digits = bool(_DIGITS.search(text))
    truncated = False
    arabic = "ARABIC" in _scripts(text)
    words: list[tuple[str, str]] = []
    alts: dict[str, str] = {}
    for raw in _SPLIT.split(text):
        if not raw:
            continue
        if len(words) >= MAX_TOKENS * 2:
            truncated = True
            break
        raw = _APOSTROPHES.sub("", raw)
        if not raw:
            continue
        is_arabic = arabic and not raw.isascii()
        converted = _ascii_word(raw, is_arabic)
        for piece in converted.split(" "):
            piece = _NON_LETTERS.sub("", piece)
            if len(piece) > MAX_TOKEN_LENGTH:
                piece = piece[:MAX_TOKEN_LENGTH]
                truncated = True
            if piece:
                merged = _glides(piece) if is_arabic else _merge(piece)
                if "ch" in piece and not is_arabic:
                    # Michael, Christian, Chalil: ch may be k or h as well.
                    alts[merged] = _shape(_merge(piece.replace("ch", "k")))[0]
                elif is_arabic and _Z_SOUNDS.intersection(raw):
                    # ض ذ ظ are d in Arabic and z in Persian (Reda/Reza).
                    alt = _ascii_word(raw.translate(_AS_Z), True).split(" ")[-1]
                    alts[merged] = _shape(_glides(alt))[0]
                words.append((raw, merged))
    tokens = []
    for display, word in _normalise_words(words)[:MAX_TOKENS]:
        skeleton, slots = _shape(word)
        alt_key = ""
        if (
            word[:2] in ("al", "el")
            and len(word) >= 6
            and word[2] not in _VOWEL_LETTERS
        ):
            alt_key = _shape(word[2:])[0]
        alt_key = alts.get(word, alt_key)
        tokens.append(
            Token(
                display=display,
                text=word,
                key=skeleton or "~" + word,
                vowels=None if (arabic and not display.isascii()) else slots,
                part=part,
                alt_key=alt_key,
            )
        )
    if len(_normalise_words(words)) > MAX_TOKENS:
        truncated = True
    return _View(tuple(tokens), truncated, digits), None


@dataclass(frozen=True)
class _Parsed:
    views: tuple[_View, ...]
    unsupported: tuple[str, ...]


@lru_cache(maxsize=20000)
def _parse_record(family: str, given: str, original: str) -> _Parsed:
    views: list[_View] = []
    unsupported: list[str] = []
    latin: list[Token] = []
    truncated = digits = False
    for text, part in ((family, "family"), (given, "given")):
        view, script = _parse(text, part)
        if view is None:
            unsupported.append(script or "")
            continue
        latin.extend(view.tokens)
        truncated |= view.truncated
        digits |= view.digits
    if latin:
        views.append(_View(tuple(latin[:MAX_TOKENS]), truncated, digits))
    view, script = _parse(original, "original")
    if view is None:
        unsupported.append(script or "")
    elif view.tokens:
        keys = [t.key for t in view.tokens]
        if not views or keys != [t.key for t in views[0].tokens]:
            views.append(view)
    return _Parsed(tuple(views), tuple(unsupported))


def unsupported_scripts(record: Record) -> list[str]:
    """Scripts of the record's names that the matcher cannot compare (a
    name in Han or Devanagari script): intake says so instead of guessing."""
    parsed = _parse_record(record.family_name, record.given_names, record.name_original)
    return [script for script in dict.fromkeys(parsed.unsupported) if script]


def name_tokens(record: Record) -> list[Token]:
    """All normalised tokens of a record, the original-script name included."""
    parsed = _parse_record(record.family_name, record.given_names, record.name_original)
    return [token for view in parsed.views for token in view.tokens]


# --- Token similarity --------------------------------------------------------


def _vowel_penalty(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How much the vowels say that two tokens with one skeleton differ."""
    penalty = 0.0
    last = min(len(a), len(b)) - 1
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if i == last:
            if {x, y} in ({"A", ""}, {"A", "I"}):
                penalty += 0.35  # Amir/Amira, Ali/Alia: a different name
            continue
        if not x or not y or x == y:
            continue
        if "E" in (x, y) or {x, y} in ({"O", "A"}, {"O", "U"}):
            continue
        # The last syllable tells Hassan from Hossein; earlier vowels vary
        # more between schemes (Maryam/Miriam).
        penalty += 0.25 if i == last - 1 else 0.12
    return penalty


def _similarity(a: Token, b: Token) -> float:
    if a.text == b.text:
        return 1.0
    if a.key == b.key:
        if a.vowels is None or b.vowels is None:
            return 0.92
        return max(0.3, 0.95 - _vowel_penalty(a.vowels, b.vowels))
    if a.alt_key and a.alt_key == b.key or b.alt_key and b.alt_key == a.key:
        return 0.88
    if len(a.key) > 1 and a.key.translate(_COARSE) == b.key.translate(_COARSE):
        if a.vowels is None or b.vowels is None:
            return 0.85
        return max(0.3, 0.87 - _vowel_penalty(a.vowels, b.vowels))
    if len(a.key) < 2 or len(b.key) < 2:
        return 0.0
    if (a.text[:3] == "abd") != (b.text[:3] == "abd"):
        return 0.5  # Abdulrahman is not Rahmani
    skeleton = JaroWinkler.normalized_similarity(a.key, b.key)
    if a.vowels is None or b.vowels is None:
        return min(0.88, skeleton - 0.1)
    text = JaroWinkler.normalized_similarity(a.text, b.text)
    return min(0.9, max(text, skeleton) - 0.07)


def _tie_break(a: Token, b: Token) -> float:
    # Ayman and Iman have one key: pair each with its closer spelling.
    if a.key != b.key or a.text == b.text:
        return 0.0
    return JaroWinkler.normalized_similarity(a.text, b.text)


# --- Evidence ----------------------------------------------------------------


@dataclass
class _NameResult:
    bits: float
    reasons: list[str]
    matched: int
    contradicted: bool = False


def _name_bits(
    a: tuple[Token, ...], b: tuple[Token, ...], frequency: Callable[[str], float]
) -> _NameResult:
    full_a = [t for t in a if len(t.text) > 1]
    full_b = [t for t in b if len(t.text) > 1]
    pairs = sorted(
        (
            (_similarity(x, y), _tie_break(x, y), i, j)
            for i, x in enumerate(full_a)
            for j, y in enumerate(full_b)
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    bits = 0.0
    reasons: list[str] = []
    swapped = False
    for sim, _tie, i, j in pairs:
        if sim < MATCH_SIM:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = full_a[i], full_b[j]
        share = max(frequency(x.key), frequency(y.key), MIN_FREQUENCY)
        weight = min(TOKEN_CAP, max(0.0, math.log2(TOKEN_M / share)))
        quality = min(1.0, (sim - 0.7) / 0.25)
        bits += weight * quality
        reasons.append(_token_reason(x, y, sim, share))
        if {x.part, y.part} == {"family", "given"}:
            swapped = True
    contradicted = False
    left_a = [t for i, t in enumerate(full_a) if i not in used_a]
    left_b = [t for j, t in enumerate(full_b) if j not in used_b]
    conflicts = min(len(left_a), len(left_b))
    if conflicts:
        # A near miss (a spelling the rules do not know) counts less against.
        near = sorted(
            (_similarity(x, y) for x in left_a for y in left_b), reverse=True
        )[:conflicts]
        for sim in near:
            bits += CONFLICT * (1 - NEAR_MISS * min(1.0, max(0.0, (sim - 0.55) / 0.25)))
        contradicted = near[-1] < CLEARLY_DIFFERENT
        reasons.append(
            _("Names differ: %(a)s / %(b)s")
            % {
                "a": ", ".join(t.display for t in left_a),
                "b": ", ".join(t.display for t in left_b),
            }
        )
    missing = abs(len(left_a) - len(left_b))
    if missing:
        bits += LEFTOVER * missing
        if not conflicts:
            reasons.append(
                _("Name parts only on one record: %(names)s")
                % {"names": ", ".join(t.display for t in left_a or left_b)}
            )
    initials_a = [t for t in a if len(t.text) == 1]
    initials_b = [t for t in b if len(t.text) == 1]
    for initial in initials_a + initials_b:
        other = full_b if initial in initials_a else full_a
        if any(t.text[:1] == initial.text for t in other):
            bits += INITIAL
    if swapped:
        reasons.append(_("Family and given names swapped"))
    if not full_a or not full_b:
        reasons.append(_("Only initials or one-letter names to compare"))
    return _NameResult(bits, reasons, len(used_a), contradicted)


def _token_reason(x: Token, y: Token, sim: float, share: float) -> str:
    names = {"a": x.display, "b": y.display}
    if x.vowels is None or y.vowels is None:
        if x.vowels is None and y.vowels is None:
            reason = _("Name %(a)s = %(b)s") % names
        else:
            reason = _("Name %(a)s ~ %(b)s (other script)") % names
    elif x.display.casefold() == y.display.casefold():
        reason = _("Name %(a)s = %(b)s") % names
    elif sim >= 0.9:
        reason = _("Name %(a)s ~ %(b)s (spelling variant)") % names
    else:
        reason = _("Name %(a)s ~ %(b)s (similar)") % names
    if share >= 0.01:
        reason += " " + _("(very common name)")
    return reason


def _effective(date: datetime.date | None, precision: str) -> tuple[str, bool]:
    """The precision that counts, and whether 01.01. was read as year only."""
    if date is None:
        return "", False
    if precision == DAY and date.month == 1 and date.day == 1:
        return YEAR, True
    return precision if precision in (DAY, MONTH, YEAR) else "", False


def _date_text(date: datetime.date, precision: str, placeholder: bool) -> str:
    if placeholder:
        return _("%(date)s (placeholder date)") % {"date": date.strftime("%d.%m.%Y")}
    if precision == YEAR:
        return _("%(year)s (year only)") % {"year": date.year}
    if precision == MONTH:
        return date.strftime("%m/%Y")
    return date.strftime("%d.%m.%Y")


def _date_bits(a: Record, b: Record) -> tuple[float, str | None]:
    pa, placeholder_a = _effective(a.birth_date, a.birth_precision)
    pb, placeholder_b = _effective(b.birth_date, b.birth_precision)
    if not pa or not pb or a.birth_date is None or b.birth_date is None:
        if pa or pb:
            return 0.0, _("Date of birth known on one record only")
        return 0.0, None
    da, db = a.birth_date, b.birth_date
    texts = {
        "a": _date_text(da, pa, placeholder_a),
        "b": _date_text(db, pb, placeholder_b),
    }
    if pa == DAY and pb == DAY:
        if da == db:
            return DATE_SAME_DAY, _("Born %(a)s = %(b)s") % texts
        if da.year == db.year and da.month == db.day and da.day == db.month:
            return DATE_SWAPPED, _("Born %(a)s ~ %(b)s (day and month swapped)") % texts
        if da.year == db.year:
            return DATE_SAME_YEAR_OTHER_DAY, _("Born %(a)s ≠ %(b)s") % texts
        return DATE_CONTRADICTS, _("Born %(a)s ≠ %(b)s") % texts
    if pa != YEAR and pb != YEAR:
        if (da.year, da.month) == (db.year, db.month):
            return DATE_SAME_MONTH, _("Born %(a)s = %(b)s") % texts
        if da.year == db.year:
            return DATE_SAME_YEAR_OTHER_DAY, _("Born %(a)s ≠ %(b)s") % texts
        return DATE_CONTRADICTS, _("Born %(a)s ≠ %(b)s") % texts
    gap = abs(da.year - db.year)
    if gap == 0:
        return DATE_SAME_YEAR, _("Born %(a)s = %(b)s") % texts
    if gap == 1:
        return DATE_NEAR_YEAR, _("Born %(a)s ~ %(b)s (one year apart)") % texts
    return DATE_YEAR_CONTRADICTS, _("Born %(a)s ≠ %(b)s") % texts


def _phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 7 else ""


def compare(a: Record, b: Record, frequency: Callable[[str], float]) -> Match:
    parsed_a = _parse_record(a.family_name, a.given_names, a.name_original)
    parsed_b = _parse_record(b.family_name, b.given_names, b.name_original)
    reasons: list[str] = []
    unsupported = bool(parsed_a.unsupported or parsed_b.unsupported)
    for script in dict.fromkeys(parsed_a.unsupported + parsed_b.unsupported):
        reasons.append(
            _("Name in %(script)s script not compared: this script is not supported")
            % {"script": script or _("an unknown")}
        )
    best: _NameResult | None = None
    for view_a in parsed_a.views:
        for view_b in parsed_b.views:
            result = _name_bits(view_a.tokens, view_b.tokens, frequency)
            if best is None or result.bits > best.bits:
                best = result
    bits = PRIOR
    if best is None:
        reasons.append(_("No name to compare"))
    else:
        bits += best.bits
        reasons.extend(best.reasons)
        if best.matched == 0:
            bits = min(bits, PRIOR)
    if any(v.truncated for v in parsed_a.views + parsed_b.views):
        reasons.append(_("Very long name: only the first parts were compared"))
    if any(v.digits for v in parsed_a.views + parsed_b.views):
        reasons.append(_("Digits in a name were ignored"))
    date_bits, date_reason = _date_bits(a, b)
    bits += date_bits
    if date_reason:
        reasons.append(date_reason)
    if a.municipality_id is not None and a.municipality_id == b.municipality_id:
        bits += SAME_MUNICIPALITY
        reasons.append(_("Same municipality"))
    phone = _phone_digits(a.phone)
    phone_agrees = bool(phone) and phone == _phone_digits(b.phone)
    if phone_agrees:
        bits += SAME_PHONE
        reasons.append(_("Same phone"))
    if best is not None and best.matched < 2 and date_bits <= 0 and not phone_agrees:
        # One agreeing name part and nothing else (Haddad = Haddad) is no
        # duplicate yet, however rare the name.
        bits = min(bits, ONE_NAME_CAP)
    if best is not None and best.contradicted:
        # Hassan and Hussein Haddad, born the same day, are twins, not one
        # person: a clearly different name is not outweighed by the rest.
        bits = min(bits, CONTRADICTED_CAP)
    if best is None or best.matched == 0:
        # Without any agreeing name part, nothing else makes a duplicate.
        bits = min(bits, PRIOR)
    return Match(
        score=1.0 / (1.0 + 2.0**-bits), reasons=reasons, unsupported=unsupported
    )


# --- Blocking ----------------------------------------------------------------


def _years(record: Record) -> list[int]:
    precision, _placeholder = _effective(record.birth_date, record.birth_precision)
    if record.birth_date is None or not precision:
        return []
    year = record.birth_date.year
    return [year - 1, year, year + 1] if precision == YEAR else [year]


def blocking_keys(record: Record) -> set[str]:
    keys: list[str] = []
    for token in name_tokens(record):
        if len(token.text) > 1:
            keys.append(token.key)
            if token.alt_key:
                keys.append(token.alt_key)
    distinct = list(dict.fromkeys(keys))
    result = {f"t:{key}" for key in distinct}
    for year in _years(record):
        result.update(f"y:{key}:{year}" for key in distinct)
    result.update(_pairs(distinct[:5]))
    return result


def _pairs(keys: Iterable[str]) -> set[str]:
    ordered = sorted(keys)
    return {
        f"p:{x}+{y}" for i, x in enumerate(ordered) for y in ordered[i + 1 :] if x != y
    }
