"""The outcome of reading a reply: :class:`Reading` (shared by the readers of each kind)."""

from __future__ import annotations

from msgspec import Struct

from readiness.kinds.base import Match
from readiness.model import Answer


class Reading(Struct, frozen=True):
    """How a reply was understood.

    Attributes:
        offered: Answers to take or offer, best first: option ids, ``dont_know``, a list of
            ids (several-apply questions) or a number; empty when not understood.
        sure: The first may be taken without asking.
        hedged: The person hedged ("i think", "mostly"): worth confirming.
        vague: Too little to go on: deserves a short probing question.
        mixed: Says two things ("yes, but nobody has time"): deserves a clarifying question.
        why: A short internal account, for debugging and tests (never shown as is).
        message: When nothing is offered, what to tell the person (e.g. out of range).
    """

    offered: tuple[Answer, ...]
    sure: bool
    hedged: bool = False
    vague: bool = False
    mixed: bool = False
    why: str = ""
    message: str = ""

    @property
    def first(self) -> Answer:
        """The best reading, or None when not understood."""
        return self.offered[0] if self.offered else None

    def as_match(self) -> Match:
        """The reading as the older :class:`Match` (sure, unsure with the first, or none)."""
        if not self.offered:
            return Match("none", message=self.message)
        return Match("sure" if self.sure else "unsure", self.first, message=self.message)
