"""Numbers as people type them: in words, with units, as ranges, as how often.

"a year and a half" is 18 months, "six weeks" is 1.5 months, "every couple of weeks" is 26
times a year, "3 to 6 months" is a range. Option labels are read the same way ("Less than 3
months", "Every week or more often") so a reply's quantity can be placed among the options.
Standard library only.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from msgspec import Struct

_UNITS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_PHRASES = (
    (r"\bhalf a dozen\b", "6"),
    (r"\ba dozen\b", "12"),
    (r"\bdozen\b", "12"),
    (r"\ba couple of\b|\ba couple\b|\bcouple of\b", "2"),
    (r"\ba few\b|\bfew\b", "3"),
    (r"\bseveral\b", "3"),
    (r"\bonce\b", "1 times"),
    (r"\btwice\b", "2 times"),
    (r"\bthrice\b", "3 times"),
    (r"\b(a|an|1) (day|week|fortnight|month|quarter|term|year) and a half\b", r"1.5 \2"),
    (r"\b(\d+) and a half (day|week|fortnight|month|quarter|term|year)s?\b", r"\1.5 \2"),
    (r"\b(\d+) (day|week|fortnight|month|quarter|term|year)s? and a half\b", r"\1.5 \2"),
    (r"\bhalf an? (day|week|month|year|term)\b", r"0.5 \1"),
    (r"\b(\d+)\s*(?:-|to|or|and)\s*a half\b", r"\1.5"),
)
_UNIT_MONTHS = {
    "day": 1 / 30, "week": 12 / 52, "fortnight": 24 / 52, "month": 1.0, "quarter": 3.0,
    "term": 4.0, "year": 12.0,
}  # fmt: skip
_PER_YEAR = {
    "day": 250.0, "week": 52.0, "fortnight": 26.0, "month": 12.0, "quarter": 4.0, "term": 3.0,
    "year": 1.0,
}  # fmt: skip
_PERIOD = r"(day|week|fortnight|month|quarter|term|year)s?"
_NUMBER = r"(\d+(?:\.\d+)?)"
_FREQ_WORDS = (
    (r"\b(?:daily|every day|each day|every morning)\b", 250.0),
    (r"\b(?:fortnightly|every other week|every fortnight|each fortnight)\b", 26.0),
    (
        r"\b(?:weekly|every week|each week|(?:every|each|on) (?:monday|tuesday|wednesday|thursday|"
        r"friday)s?)\b",
        52.0,
    ),
    (r"\b(?:bimonthly|every other month)\b", 6.0),
    (r"\b(?:monthly|every month|each month)\b", 12.0),
    (r"\b(?:quarterly|every quarter|each quarter)\b", 4.0),
    (r"\b(?:termly|every term|each term)\b", 3.0),
    (r"\b(?:biannually|half yearly|half-yearly)\b", 2.0),
    (
        r"\b(?:annually|yearly|every year|each year|annual|away day|christmas|summer "
        r"conference|annual conference)\b",
        1.0,
    ),
    (r"\b(?:hardly ever|almost never|once in a blue moon|rarely|seldom)\b", 0.2),
    (r"\b(?:never|not once|not at all)\b", 0.0),
)


class Span(Struct, frozen=True):
    """A quantity or range of quantities; ``high`` is None for "or more", inf-like."""

    low: float
    high: float | None

    def distance(self, value: float) -> float:
        """How far ``value`` lies outside the span, on a log scale (0 inside)."""
        if value < self.low:
            return math.log((self.low + 0.25) / (value + 0.25))
        if self.high is not None and value > self.high:
            return math.log((value + 0.25) / (self.high + 0.25))
        return 0.0


@lru_cache(maxsize=4096)
def digits(text: str) -> str:
    """A cleaned text with numbers in words written as digits ("twenty one" -> "21")."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _TENS:
            value = _TENS[word]
            if i + 1 < len(words) and words[i + 1] in _UNITS and _UNITS[words[i + 1]] < 10:
                value += _UNITS[words[i + 1]]
                i += 1
            out.append(str(value))
        elif word in _UNITS:
            out.append(str(_UNITS[word]))
        elif (m := re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)) is not None:
            out.append(m.group(1))
        else:
            out.append(word)
        i += 1
    text = " ".join(out)
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(mths?|mos?|months?)\b", r"\1 months", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(wks?|weeks?)\b", r"\1 weeks", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*(yrs?|years?)\b", r"\1 years", text)
    text = re.sub(r"(\d+(?:\.\d+)?)\s*\+", r"\1 or more", text)
    for pattern, replacement in _PHRASES:
        text = re.sub(pattern, replacement, text)
    text = re.sub(
        r"(?<!times )(?<!days )(?<!day )(?<!hours )"
        r"\b(a|an|one) (day|week|fortnight|month|quarter|term|year)\b",
        r"1 \2",
        text,
    )
    return text


def durations(text: str) -> list[Span]:
    """The lengths of time in a text, in months: "six weeks" is 1.5, "3 to 6 months" 3..6."""
    text = digits(text)
    found: list[Span] = []
    pattern = rf"{_NUMBER}(?:\s*(?:-|to|or|and)\s*{_NUMBER})?\s*(?:more\s+)?{_PERIOD}"
    for m in re.finditer(pattern, text):
        factor = _UNIT_MONTHS[m.group(3)]
        low = float(m.group(1)) * factor
        high: float | None = float(m.group(2)) * factor if m.group(2) else low
        if high is not None and high < low:
            low, high = high, low
        before = text[max(0, m.start() - 20) : m.start()]
        after = text[m.end() : m.end() + 12]
        if re.search(r"(less than|under|fewer than|up to|within|no more than)\s*$", before):
            low = 0.0
        elif re.search(r"(at least|more than|over|minimum|min)\s*$", before) or re.match(
            r"\s*(or more|or longer|plus)", after
        ):
            high = None
        found.append(Span(low, high))
    return found


def frequencies(text: str) -> list[Span]:
    """How often, as times a year: "every couple of weeks" is 26, "monthly or more" 12.."""
    text = digits(text)
    found: list[tuple[int, Span]] = []
    every = rf"\bevery\s+(?:{_NUMBER}\s+)?{_PERIOD}"
    for m in re.finditer(every, text):
        per = _PER_YEAR[m.group(2)] / float(m.group(1) or 1)
        found.append((m.start(), Span(per, per)))
    times = (
        rf"{_NUMBER}(?:\s*times)?(?:\s*(?:-|to|or)\s*{_NUMBER})?\s*(?:times\s+)?"
        rf"(?:a|per|each|every)\s+{_PERIOD}"
    )
    for m in re.finditer(times, text):
        per = _PER_YEAR[m.group(3)]
        low = float(m.group(1)) * per
        high = float(m.group(2)) * per if m.group(2) else low
        found.append((m.start(), Span(low, high)))
    if not found:
        for pattern, per in _FREQ_WORDS:
            word = re.search(pattern, text)
            if word:
                found.append((word.start(), Span(per, per)))
                break
    spans = [span for _, span in sorted(found, key=lambda f: f[0])]
    if spans and re.search(r"\bor (more|more often)\b", text):
        spans[0] = Span(spans[0].low, None)
    if spans and re.search(r"\b(rarely|never) or never\b|\brarely or never\b", text):
        spans[0] = Span(0.0, 0.5)
    return spans


def counts(text: str) -> list[tuple[float, str]]:
    """The plain numbers in a text, each with the word after it ("4 changes" -> (4, "changes"))."""
    text = digits(text)
    return [
        (float(m.group(1)), m.group(2) or "")
        for m in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s+(\w+))?", text)
    ]


def to_unit(months: float, unit: str) -> float | None:
    """A length in months in the question's unit (months, weeks, years, days), else None."""
    unit = unit.lower().rstrip("s")
    if unit not in _UNIT_MONTHS:
        return None
    return months / _UNIT_MONTHS[unit]


_FRACTIONS = {
    "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "three quarters": 0.75, "half": 0.5, "both": 1.0, "neither": 0.0,
}  # fmt: skip
_LABEL_SHARES = (
    ("none", 0.0), ("nobody", 0.0), ("a few", 0.2), ("few", 0.2), ("some", 0.3),
    ("about half", 0.5), ("half", 0.5), ("most", 0.8), ("all", 1.0),
)  # fmt: skip


def share(text: str) -> float | None:
    """What share of a group a reply names: "nine out of eleven", "80%", "two thirds"."""
    text = digits(text)
    m = re.search(r"\b(\d+)\s+(?:out of|of|from)\s+(?:the\s+|our\s+|my\s+)?(\d+)\b", text)
    if m and float(m.group(2)) > 0 and float(m.group(1)) <= float(m.group(2)):
        return float(m.group(1)) / float(m.group(2))
    m = re.search(r"\b(\d+(?:\.\d+)?)\s*(?:%|per ?cent)", text)
    if m and float(m.group(1)) <= 100:
        return float(m.group(1)) / 100
    for words, value in _FRACTIONS.items():
        if re.search(rf"\b{words}\b", text):
            return value
    return None


def label_share(label: str) -> float | None:
    """The share a short option label names ("A few", "Most", "All or almost all")."""
    if len(label.split()) > 5:
        return None
    for words, value in _LABEL_SHARES:
        if label == words or label.startswith(words + " "):
            return value
    return None
