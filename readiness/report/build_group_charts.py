"""The charts of a group summary: each question's answers in scale order, and roles by domain.

Scale order is the order of the options' item scores (lowest first) where the group carries
them (``option_scores``), then any other answer by id, then "don't know" and skipped. A role
too small to show (``suppressed_roles``) is named with words in the chart, never with a figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec.structs import replace

from readiness.report.document import Block, Count, Entry, Figure, Section, Series, Span
from readiness.report.wording import not_shown

Group = Mapping[str, Any]
Part = Mapping[str, Any]
ANSWERS_INTRO = "How people answered each question, in the order of the scale, lowest first."


def in_scale_order(question: Part) -> list[Count]:
    """A question's answers, lowest on the scale first, then don't know and skipped."""
    labels = question.get("labels") or {}
    scores = question.get("option_scores") or {}
    found = question.get("distribution") or {}

    def place(key: str) -> tuple[int, float, str]:
        if key in scores:
            return (0, scores[key], key)
        try:
            return (1, float(key), key)
        except ValueError:
            return (2, 0.0, key)

    counts = [Count(labels.get(k, k), found[k]) for k in sorted(found, key=place) if found[k]]
    for key, words in (("dont_know", "Don't know"), ("skipped", "Skipped")):
        if question.get(key):
            counts.append(Count(words, question[key], tone="muted"))
    return counts


def answers_words(question: Part) -> str:
    """``None at all: 1 · A little: 1 · Don't know: 1``, in scale order."""
    return " · ".join(f"{c.label}: {c.count}" for c in in_scale_order(question)) or "no answers"


def answers_section(group: Group) -> Section | None:
    """Every question with its answers in scale order, as words and as a chart."""
    entries: list[Block] = []
    for question in group["questions"]:
        counts = tuple(in_scale_order(question))
        if not counts:
            continue
        head = (
            Span(question["prompt"], strong=True),
            Span(f" ({question['question_id']})", muted=True),
        )
        chart = Figure(
            "counts",
            counts=counts,
            title="How many gave each answer, lowest on the scale first",
            repeats=True,
        )
        words = (Span(answers_words(question)),)
        entries.append(Entry(head, (replace(chart, words=words),)))
    if not entries:
        return None
    return Section("answers", "Answers to each question", tuple(entries))


def roles_chart(group: Group, roles: list[str]) -> Figure:
    """Each domain's mean by role (drawn where a format can; the table says it in words)."""
    domains = list(group["domains"].values())
    hidden = not_shown(group.get("rules"))

    def figure(part: Part, role: str) -> float | str | None:
        found = (part.get("by_role") or {}).get(role)
        if found is not None:
            return float(found["mean"])
        return hidden if role in (part.get("suppressed_roles") or ()) else None

    series = tuple(Series(role, tuple(figure(part, role) for part in domains)) for role in roles)
    return Figure(
        "series",
        labels=tuple(d["title"] for d in domains),
        series=series,
        label_title="Domain",
        title="Each role's mean score by domain, 0 to 100",
        repeats=True,
    )
