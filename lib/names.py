"""Fold names so that common transliteration variants meet.

Mohammed, Muhammad and Mohamad; Yusuf, Youssef and Jusuf; Oleksandr and
Aleksandr; "محمد" and "Олександр" in their own script all fold to the same
consonant skeleton. This is a search aid, not duplicate detection: it keeps
the consonants in order, drops vowels, merges letters that transliteration
schemes swap, and collapses doubled letters.
"""

import re

from anyascii import anyascii

# Order matters: longer spellings first.
_REPLACEMENTS = [
    ("sch", "s"),
    ("tsch", "c"),
    ("ch", "h"),
    ("sh", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "j"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("w", "v"),
    ("j", "y"),
]
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
_NON_LETTERS = re.compile(r"[^a-z]+")
# Particles that are written joined or apart (Abd al-Rahman / Abdulrahman).
_PARTICLE_SPLIT = re.compile(r"[-'`’ʻʼ\s]+")


def fold_token(token: str) -> str:
    word = _NON_LETTERS.sub("", anyascii(token).lower())
    for old, new in _REPLACEMENTS:
        word = word.replace(old, new)
    if not word:
        return ""
    skeleton = word[0] if word[0] not in "aeiouy" else ""
    skeleton += _VOWELS.sub("", word[1:])
    if len(skeleton) > 1 and skeleton.endswith("h"):
        skeleton = skeleton[:-1]  # Fatimah / Fatima
    return _DOUBLES.sub(r"\1", skeleton)


def name_tokens(*names: str) -> list[str]:
    tokens: list[str] = []
    for name in names:
        for part in _PARTICLE_SPLIT.split(name or ""):
            folded = fold_token(part)
            if folded:
                tokens.append(folded)
    return tokens


def name_key(*names: str) -> str:
    """A space-framed list of folded tokens plus their joined form.

    Stored on each person so that a search is a plain ``LIKE`` on one
    indexed column, in SQLite and PostgreSQL alike.
    """
    parts: list[str] = []
    for name in names:
        tokens = name_tokens(name)
        parts.extend(tokens)
        if len(tokens) > 1:
            parts.append("".join(tokens))
    parts = list(dict.fromkeys(parts))
    return f" {' '.join(parts)} " if parts else ""
