"""The many ways of saying "don't know": "haven't the foggiest", "you'd have to ask finance".

A reply that only says the person cannot answer is "don't know"; one that says so and then
answers anyway ("not sure, probably monthly") is not, and is left to the other readers with a
hedge. Standard library only; works on text cleaned by :mod:`.normalise`.
"""

from __future__ import annotations

import re

_PHRASES = (
    r"(?:^|i |we |honestly |genuinely |just )(do not|dont|did not) know",
    r"(i )?(would not|could not|can not|cannot) (really )?"
    r"(know|say|tell( you)?|answer|comment|judge)",
    r"no (idea|clue|notion)",
    r"not a clue",
    r"(i )?(have not|have no|haven t) (got )?(a|the|any) (clue|idea|foggiest)",
    r"(have not|haven t) the (foggiest|faintest|first idea)",
    r"(the )?foggiest",
    r"not (sure|certain)",
    r"unsure",
    r"uncertain",
    r"dunno",
    r"idk",
    r"dk",
    r"beats me",
    r"who knows",
    r"search me",
    r"no way (of|to) (knowing|know|tell)",
    r"(that is|it is|thats|its)? ?above my pay ?grade",
    r"not my (area|department|remit|field|patch|team|call|place to say)",
    r"out(side)? of my (area|remit|depth)",
    r"before my time",
    r"before i (joined|started|came|arrived)",
    r"(i am|im) (new|too new)",
    r"(you would|you d|youd|i would|i d|id|you will|we would) (have|need|want) to (ask|check)",
    r"(you would|i would|i d) (have to|need to|better) (ask|check)",
    r"(have|need) to check",
    r"(?:^|, |and |so |just )ask (the|our|my|a|someone|somebody|finance|performance|hr|ig|"
    r"commissioning|him|her|them)\b",
    r"(better|best) (asked|ask|put) (of|to)",
    r"wrong person( to ask)?",
    r"not the (right )?person to ask",
    r"(hard|difficult|impossible) to (say|judge|tell|know)( from where i sit)?",
    r"(no|not much|little|zero) (visibility|sight|line of sight)",
    r"not (involved|privy|party) (in|to|with)",
    r"never (had )?(dealings|dealt) with",
    r"(i am|im) not (involved|aware of that|close enough|senior enough)",
    r"pass",
    r"no comment",
    r"could not (tell|say)",
)
_DONT_KNOW = re.compile(r"\b(?:" + "|".join(_PHRASES) + r")\b")
_WHOLE = re.compile(r"^(?:\?+|dk|idk|pass|dunno|unknown|n/?k)$")


def says_dont_know(text: str) -> bool:
    """Whether a cleaned reply says, anywhere, that the person cannot answer."""
    return bool(_WHOLE.match(text.strip())) or bool(_DONT_KNOW.search(text))


def dont_know_span(text: str) -> tuple[int, int] | None:
    """Where the "don't know" phrase is in a cleaned reply, or None."""
    m = _DONT_KNOW.search(text)
    return (m.start(), m.end()) if m else None
