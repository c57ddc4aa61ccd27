"""The words and item scores of options a result names only by id: a room's votes.

A result carries the label of the answer it took (``value_label``), but a room's votes
(``distribution``) name every option chosen by id, and a group learns labels and item scores
only from the answers it saw. So that a summary never shows an id where people expect words,
the labels and scores are read from the bundled bank the result was scored with: the bank of
the same id whose sha256 matches, or failing that whose version matches. A bank given as a
file is not to be found again, so its options stay as ids. The bank is read only when an id
lacks its words, and once per bank.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from msgspec import Struct, field


class Options(Struct, frozen=True):
    """Option id to its label and to its item score (0-100), by question id."""

    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)


NONE = Options()


def options_of(data: Mapping[str, Any]) -> Options:
    """The options of the bundled bank (or banks, for a mixed group) ``data`` was scored with;
    empty when no bundled bank matches."""
    found = data.get("bank")
    refs = found if isinstance(found, list) else [found]
    merged = Options()
    for ref in refs:
        if not isinstance(ref, Mapping):
            continue
        options = _bundled(str(ref.get("id", "")), str(ref.get("version", "")), ref.get("sha256"))
        for question, labels in options.labels.items():
            merged.labels.setdefault(question, {}).update(labels)
        for question, scores in options.scores.items():
            merged.scores.setdefault(question, {}).update(scores)
    return merged


@cache
def _bundled(bank_id: str, version: str, sha256: object) -> Options:
    from readiness.bank.load import bundled_banks, load_bank
    from readiness.errors import ReadinessError
    from readiness.scoring.questions import item_score

    path = next((b.path for b in bundled_banks() if b.id == bank_id), None)
    if path is None:
        return NONE
    try:
        bank = load_bank(str(path))
    except ReadinessError:
        return NONE
    if bank.sha256 != sha256 and bank.version != version:
        return NONE
    options = Options()
    for question in bank.questions:
        options.labels[question.id] = {o.id: o.label for o in question.options}
        scores = {o.id: item_score(question, o.id) for o in question.options}
        options.scores[question.id] = {k: v * 100 for k, v in scores.items() if v is not None}
    return options


def vote_labels(result: Mapping[str, Any], answer: Mapping[str, Any]) -> dict[str, str]:
    """The label of each option a room voted for on one answer of a result: the answer's own
    ``value_label`` for the option it took, the bank's words for the rest."""
    value, label = answer.get("value"), answer.get("value_label")
    known = {value: label} if isinstance(value, str) and isinstance(label, str) else {}
    if set(answer.get("distribution") or {}) - known.keys() - {"dont_know"}:
        return {**options_of(result).labels.get(answer["question_id"], {}), **known}
    return known


def with_option_words(group: Mapping[str, Any]) -> Mapping[str, Any]:
    """``group`` with each question's ``labels`` and ``option_scores`` completed from the bank
    for the options its distribution names (a room's votes); ``group`` itself when none lack
    them, so a group of individual results is never copied and no bank is read."""
    questions = group.get("questions") or []
    lacking = [i for i, q in enumerate(questions) if _lacks(q)]
    if not lacking:
        return group
    options = options_of(group)
    completed = list(questions)
    for index in lacking:
        question = questions[index]
        qid = question["question_id"]
        completed[index] = {
            **question,
            "labels": {**options.labels.get(qid, {}), **(question.get("labels") or {})},
            "option_scores": {
                **options.scores.get(qid, {}),
                **(question.get("option_scores") or {}),
            },
        }
    return {**group, "questions": completed}


def _lacks(question: Mapping[str, Any]) -> bool:
    found = question.get("distribution") or {}
    labels = question.get("labels") or {}
    return any(key not in labels for key in found if key != "dont_know" and not _number(key))


def _number(key: str) -> bool:
    try:
        float(key)
    except ValueError:
        return False
    return True
