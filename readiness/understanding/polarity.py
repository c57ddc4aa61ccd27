"""Yes and no, with hedges and negation: "yes mostly", "not formally", "no one has time".

Negation is scoped: a negator ("no", "not", "never", "nobody", "without"...) marks the words
after it, up to the end of its clause, so "no one has protected time" says nothing in favour
of "a few people have protected time". Standard library only; works on cleaned text.
"""

from __future__ import annotations

import re

NEGATORS = frozenset(
    {"no", "not", "never", "nobody", "noone", "none", "nothing", "without", "neither", "nor",
     "lack", "lacking", "hardly", "barely", "nil", "zero", "nowhere", "cannot", "awaiting",
     "pending", "waiting", "yet"}
)  # fmt: skip
"""Words that turn what follows them, in the same clause, into its opposite."""

_SCOPE = 4
_AFTER = frozenset({"not", "no", "none", "never", "nope"})
_EXCEPT = frozenset({"beyond", "except", "outside", "apart", "besides", "but", "bar", "other"})
_YES_START = re.compile(
    r"^(?:yes|yeah|yea|yep|yup|ya|aye|y|definitely|absolutely|of course|certainly|sure|indeed|"
    r"correct|that is right|100 ?%|very much so)\b"
    r"|^(?:we do|we have|we would|we did|we are|there is|there are|i do|i would|it does|it is|"
    r"they do|they have|they are|they would)(?: \w+)?$"
)
_NO_START = re.compile(
    r"^(?:no|nope|nah|n|not|not really|not yet|not at all|not as such|never|none|nobody|no one|"
    r"nothing|we do not|we have not|we would not|we are not|we could not|there is not|"
    r"there are not|i do not|it does not|it is not|they do not|they have not|they would not|"
    r"they are not|not that i know of|no way|hardly|absolutely not|definitely not|unlikely)\b"
)
_BARE = re.compile(
    r"^(?:yes|yeah|yep|no|nope|nah|not really|definitely not|definitely|absolutely not)$"
)
_EXPLICIT_YES = re.compile(r"^(?:yes|yeah|yep|we do|we have|there is|although we do|but we do)\b")
_NEGATION = re.compile(r"\b(?:" + "|".join(sorted(NEGATORS)) + r"|no one|n t)\b")


def negated(words: list[str]) -> list[bool]:
    """For each word of one clause, whether a negator before it reaches it."""
    flags: list[bool] = []
    left = 0
    for i, word in enumerate(words):
        if word in NEGATORS or (word == "one" and i and words[i - 1] == "no"):
            flags.append(False)
            left = len(words) if i <= 2 else _SCOPE  # "we do not ..." opening a clause: all of it
            continue
        if word in _EXCEPT and left:
            left = 0  # "no one beyond the leadership team": only the leadership team
        flags.append(left > 0)
        left = max(0, left - 1)
    tail = words[-2:] if len(words) >= 2 and words[-1] == "yet" else words[-1:]
    if len(words) > len(tail) and tail and tail[0] in _AFTER:
        # "families not yet", "budget no": the negator comes after what it denies
        flags = [True] * (len(words) - len(tail)) + [False] * len(tail)
    return flags


def leading(text: str) -> int:
    """+1 when a cleaned clause opens with yes, -1 with no, 0 otherwise."""
    if _NO_START.match(text):
        return -1
    if _YES_START.match(text):
        return 1
    return 0


def has_negation(text: str) -> bool:
    """Whether a cleaned text holds any negator."""
    return bool(_NEGATION.search(text))


def polarity(clauses: list[str]) -> tuple[int, bool]:
    """The yes/no a reply gives (+1, -1 or 0) and whether its clauses disagree (mixed).

    The first clause that opens with yes or no decides; a later clause that turns the other
    way ("yes, but nobody has time for it") makes the reply mixed.
    """
    if not clauses:
        return 0, False
    first = leading(clauses[0])
    if not first:
        # "with an interim DCS and two vacant posts, no": a bare yes or no at the end decides
        last = re.sub(r"^(?:so|then|and|so the answer is|overall)\s+", "", clauses[-1])
        if len(clauses) > 1 and _BARE.match(last):
            return leading(last), False
        return 0, False
    later = clauses[1:]
    turns = any(
        (first > 0 and (leading(c) < 0 or has_negation(c)))
        or (first < 0 and bool(_EXPLICIT_YES.match(c)))
        for c in later
    )
    return first, turns
