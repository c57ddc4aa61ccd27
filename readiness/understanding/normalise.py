"""A typed reply as words to compare: lower case, contractions expanded, filler out, stems.

People type "tbh i think we're mostly there"; the words that carry meaning are "mostly" and
"there". Filler ("really", "tbh", "i think") is dropped so it cannot defeat an exact synonym;
hedges are dropped too but noted, because "i think so" deserves a confirming question.
Standard library only.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\bain'?t\b"), "is not"),
    (re.compile(r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should)nt\b"), r"\1 not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\bi'?m\b"), "i am"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"s'(?=\s|$)"), "s"),
)
_SPLIT = re.compile(r"[^a-z0-9.]+")
_BOUNDARY = re.compile(r"[,;:.!?]|\s-\s|\bbut\b|\bthough\b|\balthough\b|\bexcept\b|\bwhereas\b")

STOPWORDS = frozenset(
    """
    a an the and or if so than then of to in on at by for with from as into onto about around
    through out up i me my mine myself we us our ours ourselves you your yours they them their
    theirs it its itself he him his she her this that these those there here who whom whose
    which what where why how is are was were be been being am do does did doing have has had
    having will would can could should shall may might must get got gets getting also just very
    quite really actually basically literally well like lot lots thing things stuff bit one
    ones any
    """.split()  # noqa: SIM905
)
"""Function words, never evidence on their own ("no", "not", "all", "few" are kept)."""

FILLER = (
    "to be honest",
    "to be fair",
    "in all honesty",
    "if i am honest",
    "if i am being honest",
    "at the moment",
    "right now",
    "at present",
    "tbh",
    "tbf",
    "honestly",
    "genuinely",
    "really",
    "um",
    "umm",
    "erm",
    "er",
    "uh",
    "hmm",
    "lol",
    "ok",
    "okay",
    "oh",
    "well",
    "so",
    "yeah well",
    "basically",
    "actually",
    "literally",
    "sadly",
    "unfortunately",
    "i am afraid",
    "to be frank",
    "frankly",
)
"""Words that change nothing a facilitator would record."""

HEDGES = (
    "i think so",
    "i think",
    "i guess",
    "i suppose",
    "i reckon",
    "i believe",
    "i would say",
    "as far as i know",
    "afaik",
    "probably",
    "possibly",
    "maybe",
    "perhaps",
    "sort of",
    "kind of",
    "kinda",
    "sorta",
    "more or less",
    "roughly",
    "mostly",
    "largely",
    "in theory",
    "on paper",
    "not formally",
    "not officially",
    "ish",
    "apparently",
    "arguably",
    "i hope",
    "hopefully",
    "in a way",
    "to some extent",
    "up to a point",
)
"""Words that make a reading worth confirming ("yes mostly", "i think so")."""


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


_FILLER_RE = _phrase_pattern(FILLER)
_HEDGE_RE = _phrase_pattern(HEDGES)


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Lower case, straight quotes, contractions expanded, runs of space as one."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = text.replace("&", " and ").replace("+", " and ")
    return re.sub(r"\s+", " ", text).strip()


def hedges(text: str) -> tuple[str, ...]:
    """The hedges in a cleaned reply, in order."""
    return tuple(m.group(0) for m in _HEDGE_RE.finditer(text))


def strip_filler(text: str, keep: frozenset[str] = frozenset()) -> str:
    """A cleaned reply without filler (hedges are kept: they carry meaning for yes/no).

    Args:
        text: The cleaned reply.
        keep: The names of the question's options: one that is filler ("well" may be an
            answer) stays, and so do the words of one said whole ("well above, really").
    """
    named = [
        match.span()
        for name in keep
        if " " in name and name in text
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]

    def drop(match: re.Match[str]) -> str:
        start, end = match.span()
        if match.group(0) in keep or any(a <= start and end <= b for a, b in named):
            return match.group(0)
        return " "

    body = _FILLER_RE.sub(drop, text)
    return re.sub(r"\s+", " ", body).strip()


def strip_hedges(text: str) -> str:
    """A cleaned reply without its hedges."""
    return re.sub(r"\s+", " ", _HEDGE_RE.sub(" ", text)).strip()


def clauses(text: str) -> list[str]:
    """A cleaned reply cut at commas, full stops and "but": negation never crosses these."""
    return [c.strip() for c in _BOUNDARY.split(text) if c and c.strip()]


def words(text: str) -> list[str]:
    """The words of a cleaned text (digits kept, other punctuation as spaces)."""
    return [w.strip(".") for w in _SPLIT.split(text) if w.strip(".")]


_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")
_KEEP = frozenset(
    {"is", "was", "has", "this", "us", "yes", "its", "less", "process", "news", "ours", "yours",
     "theirs", "hers", "his", "always", "perhaps"}
)  # fmt: skip


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light stem, so "planning", "planned" and "plans" meet, and "weekly" meets "weeks".

    Deliberately crude (no dictionary): both a reply and the bank's words pass through it,
    so they only need to be cut the same way.
    """
    if len(word) <= 3 or word in _KEEP or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word
