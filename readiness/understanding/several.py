"""A reply to a several-apply question: every option named is kept.

"young people co-designed it and two sit on our steering group" names two options; a part
that names nothing ("we've been thorough") does not reject the rest. "all of them" means every
option that is not exclusive; "none of that" means the exclusive one ("None of these").
"""

from __future__ import annotations

import re

from readiness.kinds.base import AnswerValueError
from readiness.kinds.choice import MultipleKind
from readiness.model import Question
from readiness.understanding import meaning
from readiness.understanding.base import Reading
from readiness.understanding.normalise import words

_MULTIPLE = MultipleKind()
_PARTS = re.compile(r"[,;/]|\band\b|\bplus\b|\bas well as\b|\balso\b|\bbut\b|\bthen\b|\bwith\b")
_ALL = re.compile(
    r"\b(?:all of (?:them|those|these|that|the above)|all the above|all \d+|all five|all six|"
    r"all seven|everything|the lot|every one of them|each of them)\b|^all\b"
)
_NONE = re.compile(
    r"^(?:none|nothing|no|not really|neither)\b|\bnone of (?:that|those|these|them|it|the above)\b|"
    r"\b(?:have not|did not|do not|has not|not) (?:allowed|planned|done|got)? ?(?:for )?any\b"
)
PART_SCORE = 1.2
SURE_PART = 3.0
"""Each option named must have at least this evidence for the whole reply to be taken."""


def read_several(question: Question, text: str, *, hedged: bool) -> Reading:
    """The options a reply names, in bank order; unsure when a part was weak."""
    exclusive = [o.id for o in question.options if o.exclusive]
    regular = [o.id for o in question.options if not o.exclusive]
    if _ALL.search(text) and not _NONE.match(text):
        return Reading((regular,), not hedged, hedged=hedged, why="all")
    if _NONE.search(text) and exclusive:
        return Reading((exclusive[:1],), not hedged, hedged=hedged, why="none")
    index = meaning.index_for(question)
    fixes = index.corrections(text)
    chosen: list[str] = []
    weak = False
    for part in [p for p in _PARTS.split(text) if p.strip()]:
        found = meaning.scores(index, meaning.tokens(part, fixes))
        ranked = sorted(found.items(), key=lambda kv: kv[1], reverse=True)
        top = ranked[0][1] if ranked else 0.0
        if top < PART_SCORE:
            weak = weak or len([w for w in words(part) if len(w) > 3]) > 2
            continue
        for oid, score in ranked:
            if score >= max(PART_SCORE, 0.75 * top) and oid not in exclusive and oid not in chosen:
                chosen.append(oid)
                weak = weak or score < SURE_PART
        weak = weak or (len(ranked) > 1 and ranked[1][1] >= 0.75 * top)
    if not chosen:
        return Reading((), False, hedged=hedged, vague=True, why="no option named")
    try:
        value = _MULTIPLE.ordered(question, chosen)
    except AnswerValueError as exc:
        return Reading((), False, why="exclusive", message=str(exc))
    return Reading(
        (value,), not (weak or hedged), hedged=hedged, why=f"parts{' weak' if weak else ''}"
    )
