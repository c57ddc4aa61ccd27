"""The kinds whose answers are options: ``scale``, ``single``, ``yesno`` and ``multiple``."""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

from readiness.kinds.base import (
    AnswerValueError,
    Kind,
    Match,
    OptionsFrom,
    WidgetKey,
    dont_know_suffix,
    norm,
)
from readiness.model import DONT_KNOW, Answer, Option, Question

CHOOSE_HINT = "Choose with the arrow keys and Enter, a number key, or type a word."
YES_WORDS = frozenset({"yes", "y", "true", "yeah", "yep"})
NO_WORDS = frozenset({"no", "n", "false", "nope"})


class SingleKind(Kind):
    """One option of the question's own list; typed as its number, id, label or a synonym."""

    name = "single"
    hint = CHOOSE_HINT
    widget: ClassVar[WidgetKey] = "choice"
    options_from: ClassVar[OptionsFrom] = "question"

    def schema(self, question: Question) -> list[dict[str, Any]]:
        ids = [o.id for o in question.options]
        extra = [DONT_KNOW] if question.dont_know else []
        return [
            {"enum": [*ids, *extra]},
            {
                "type": "integer",
                "minimum": 1,
                "maximum": len(ids),
                "description": "1-based position",
            },
        ]

    def allowed(self, question: Question) -> str:
        ids = ", ".join(o.id for o in question.options)
        return f"one of {ids} (or its number 1-{len(question.options)}){dont_know_suffix(question)}"

    def match(self, question: Question, text: str) -> Match:
        return self.match_one(question, text)

    def normalise(self, question: Question, raw: Any) -> Answer:
        if isinstance(raw, list):
            raise AnswerValueError(f"expected a single answer: {self.allowed(question)}")
        return self.one_option(question, raw).id

    def raw_score(self, question: Question, value: Answer) -> float | None:
        option = question.option(value) if isinstance(value, str) else None
        return option.score if option else None


class ScaleKind(SingleKind):
    """One point of a named scale shared by several questions (the options come from it)."""

    name = "scale"
    options_from: ClassVar[OptionsFrom] = "scale"


class YesNoKind(SingleKind):
    """Yes or no: the fixed options ``yes`` (scores 1) and ``no`` (scores 0).

    Also takes true/false in an answers file and yeah/nope and the like when typed.
    """

    name = "yesno"
    hint = "Yes or no: arrow keys and Enter, 1 or 2, or type yes or no."
    options_from: ClassVar[OptionsFrom] = "fixed"
    fixed_options: ClassVar[tuple[Option, ...]] = (
        Option("yes", "Yes", 1.0, ("y", "true")),
        Option("no", "No", 0.0, ("n", "false")),
    )

    def schema(self, question: Question) -> list[dict[str, Any]]:
        extra = [DONT_KNOW] if question.dont_know else []
        return [{"enum": ["yes", "no", True, False, *extra]}]

    def find_option(self, question: Question, text: str) -> Option | None:
        found = super().find_option(question, text)
        if found is not None:
            return found
        word = norm(text)
        if word in YES_WORDS:
            return question.options[0]
        if word in NO_WORDS:
            return question.options[1]
        return None

    def one_option(self, question: Question, raw: Any) -> Option:
        if isinstance(raw, bool):
            return question.options[0 if raw else 1]
        return super().one_option(question, raw)


class MultipleKind(Kind):
    """Any number of the question's options; exclusive ones ("none of these") stand alone."""

    name = "multiple"
    hint = "Tick all that apply with Space, then press Enter; or type them, with commas."
    widget: ClassVar[WidgetKey] = "multiple"
    options_from: ClassVar[OptionsFrom] = "question"

    def schema(self, question: Question) -> list[dict[str, Any]]:
        ids = [o.id for o in question.options]
        choices: list[dict[str, Any]] = [
            {"type": "array", "items": {"enum": ids}, "uniqueItems": True}
        ]
        return choices + ([{"const": DONT_KNOW}] if question.dont_know else [])

    def allowed(self, question: Question) -> str:
        ids = ", ".join(o.id for o in question.options)
        return f"a list of: {ids}{dont_know_suffix(question)}"

    def match(self, question: Question, text: str) -> Match:
        """Several options, separated by commas, semicolons, "and" or before a number."""
        parts = [p for p in re.split(r"[,;]|\band\b|\s+(?=\d)", text) if p.strip()]
        chosen: list[str] = []
        unsure = False
        for part in parts:
            match = self.match_one(question, part)
            if match.kind == "none" or match.value is None:
                return Match(
                    "none", message=f"'{part.strip()}' doesn't match an option. {match.message}"
                )
            unsure = unsure or match.kind == "unsure"
            if match.value not in chosen:
                chosen.append(str(match.value))
        try:
            value = self.ordered(question, chosen)
        except AnswerValueError as exc:
            return Match("none", message=str(exc))
        labels = ", ".join(o.label for o in question.options if o.id in value)
        return Match("unsure" if unsure else "sure", value, message=f"Did you mean: {labels}?")

    def normalise(self, question: Question, raw: Any) -> Answer:
        items = raw if isinstance(raw, list) else [raw]
        return self.ordered(question, [self.one_option(question, item).id for item in items])

    def ordered(self, question: Question, ids: list[str]) -> list[str]:
        """The chosen ids in bank order, refusing an exclusive option chosen with others."""
        known = {o.id: o for o in question.options}
        ordered = [o.id for o in question.options if o.id in ids]
        exclusive = [i for i in ordered if known[i].exclusive]
        if exclusive and len(ordered) > 1:
            raise AnswerValueError(
                f"'{known[exclusive[0]].label}' cannot be chosen with other options"
            )
        return ordered

    def raw_score(self, question: Question, value: Answer) -> float | None:
        """The sum of the chosen options' scores, at most 1; an empty choice scores 0."""
        if not isinstance(value, list):
            return None
        scores = [o.score for o in question.options if o.id in value and o.score is not None]
        if value and not scores:
            return None
        return min(1.0, math.fsum(scores))
