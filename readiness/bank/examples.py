"""A bank's own tests of reply understanding: each example reply must read as its option.

An option may list ``examples:`` (replies people might type that mean it) and a question
``dont_know_examples:``. ``readiness validate`` reads each one as the app would and reports
the ones whose first reading is not what the author meant, placed at the example in the file.
An example on a scale's option is read against every question that uses the scale. Examples
are also evidence when reading replies, so an example is read as the app would read that very
reply: a finding means the bank's other words (an exact synonym, a closer label) pull it away.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from readiness.bank.yamlsafe import Document, PathKey
from readiness.errors import Finding
from readiness.model import DONT_KNOW, Answer, Bank, Question
from readiness.text import one_line


def misread_examples(doc: Document, bank: Bank) -> list[Finding]:
    """A finding for each example reply of a valid bank document (built as ``bank``) misread."""
    data: dict[str, Any] = doc.data
    if not _has_examples(data):
        return []
    findings = list(_check(doc, bank))
    return sorted(findings, key=lambda f: (f.line, f.column, f.message))


def _has_examples(data: dict[str, Any]) -> bool:
    holders = [*data.get("scales", []), *data.get("questions", [])]
    return any(
        "dont_know_examples" in h or any("examples" in o for o in h.get("options", []))
        for h in holders
    )


def _check(doc: Document, bank: Bank) -> Iterator[Finding]:
    from readiness.understanding import understand

    by_scale: dict[str, list[Question]] = {}
    for question in bank.questions:
        if question.scale:
            by_scale.setdefault(question.scale, []).append(question)
    for si, scale in enumerate(doc.data.get("scales", [])):
        for oi, option in enumerate(scale.get("options", [])):
            for ei, example in enumerate(option.get("examples", [])):
                for question in by_scale.get(scale["id"], []):
                    found = understand(question, example).first
                    if not _means(found, option["id"]):
                        yield _finding(
                            doc,
                            ("scales", si, "options", oi, "examples", ei),
                            example,
                            option["id"],
                            found,
                            question,
                        )
                        break
    for qi, raw in enumerate(doc.data.get("questions", [])):
        question = bank.question_by_id[raw["id"]]
        for oi, option in enumerate(raw.get("options", [])):
            for ei, example in enumerate(option.get("examples", [])):
                found = understand(question, example).first
                if not _means(found, option["id"]):
                    yield _finding(
                        doc,
                        ("questions", qi, "options", oi, "examples", ei),
                        example,
                        option["id"],
                        found,
                        question,
                    )
        for ei, example in enumerate(raw.get("dont_know_examples", [])):
            found = understand(question, example).first
            if found != DONT_KNOW:
                yield _finding(
                    doc,
                    ("questions", qi, "dont_know_examples", ei),
                    example,
                    DONT_KNOW,
                    found,
                    question,
                )


def _means(found: Answer, option_id: str) -> bool:
    return found == option_id or (isinstance(found, list) and option_id in found)


def _finding(
    doc: Document, where: PathKey, example: str, meant: str, found: Answer, question: Question
) -> Finding:
    read = "nothing" if found is None else repr(found)
    return doc.finding(
        where,
        f"example reply {one_line(example)!r} to question {question.id!r} is read as {read}, "
        f"not {meant!r}; add a synonym or another example closer to this wording, or reword it",
    )
