"""The ``text`` kind: the person's own words, never scored (action-plan columns, context)."""

from __future__ import annotations

from typing import Any, ClassVar

from readiness.kinds.base import AnswerValueError, Kind, Match
from readiness.model import Answer, Question


class TextKind(Kind):
    """Free text, kept as typed (an answers file's value must be a string)."""

    name = "text"
    hint = "Type your answer and press Enter (or 'skip')."
    free_text: ClassVar[bool] = True

    def schema(self, question: Question) -> list[dict[str, Any]]:
        return [{"type": "string"}]

    def allowed(self, question: Question) -> str:
        return "text"

    def match(self, question: Question, text: str) -> Match:
        return Match("sure", text.strip())

    def normalise(self, question: Question, raw: Any) -> Answer:
        if not isinstance(raw, str):
            raise AnswerValueError(f"expected text, got {raw!r}")
        return raw

    def raw_score(self, question: Question, value: Answer) -> float | None:
        return None
