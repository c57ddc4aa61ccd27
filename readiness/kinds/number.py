"""The ``number`` kind: a number within the question's limits, scored from worst to best."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from readiness.kinds.base import AnswerValueError, Kind, Match, dont_know_suffix, shown
from readiness.model import DONT_KNOW, Answer, Question


class NumberKind(Kind):
    """A number, whole when the bank says ``integer``; typed with or without thousands commas."""

    name = "number"
    hint = "Type a number and press Enter."
    numeric: ClassVar[bool] = True

    def schema(self, question: Question) -> list[dict[str, Any]]:
        spec = question.number
        number: dict[str, Any] = {"type": "integer" if spec and spec.integer else "number"}
        if spec and spec.min is not None:
            number["minimum"] = spec.min
        if spec and spec.max is not None:
            number["maximum"] = spec.max
        return [number, *([{"const": DONT_KNOW}] if question.dont_know else [])]

    def allowed(self, question: Question) -> str:
        spec = question.number
        bounds = ""
        if spec and spec.min is not None and spec.max is not None:
            bounds = f" from {spec.min:g} to {spec.max:g}"
        whole = "a whole number" if spec and spec.integer else "a number"
        return f"{whole}{bounds}{dont_know_suffix(question)}"

    def match(self, question: Question, text: str) -> Match:
        try:
            return Match("sure", self.value(question, text.strip()))
        except AnswerValueError as exc:
            return Match("none", message=str(exc))

    def normalise(self, question: Question, raw: Any) -> Answer:
        return self.value(question, raw)

    def value(self, question: Question, raw: Any) -> float | int:
        """The number checked against the limits: whole numbers as int, others as float."""
        spec = question.number
        if isinstance(raw, bool):
            raise AnswerValueError(f"expected {self.allowed(question)}, got {raw!r}")
        if isinstance(raw, str):
            try:
                raw = float(raw.replace(",", "").strip())
            except ValueError:
                raise AnswerValueError(
                    f"{shown(raw)} is not a number; reply with {self.allowed(question)}"
                ) from None
        if not isinstance(raw, int | float) or not _finite(raw):
            raise AnswerValueError(f"expected {self.allowed(question)}, got {shown(raw)}")
        if spec and spec.integer:
            if raw != int(raw):
                raise AnswerValueError(
                    f"{raw:g} is not a whole number; reply with {self.allowed(question)}"
                )
            raw = int(raw)
        if spec and (
            (spec.min is not None and raw < spec.min) or (spec.max is not None and raw > spec.max)
        ):
            raise AnswerValueError(f"{raw:g} is out of range; reply with {self.allowed(question)}")
        return int(raw) if float(raw).is_integer() else float(raw)

    def raw_score(self, question: Question, value: Answer) -> float | None:
        """Linear from ``worst`` (0) to ``best`` (1), clamped."""
        spec = question.number
        if spec is None or spec.worst is None or spec.best is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return min(1.0, max(0.0, (value - spec.worst) / (spec.best - spec.worst)))


def _finite(number: float | int) -> bool:
    """Whether a number is finite as a float: scoring does float arithmetic on it."""
    try:
        return math.isfinite(number)
    except OverflowError:  # an int too large for a float
        return False
