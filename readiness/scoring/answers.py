"""Answers files: read one, check it against its bank, and hold the answers as stored values.

An answers file is what ``readiness score`` scores: the same values a conversation would have
stored, written by hand or by another tool. Everything wrong with it is reported at once, one
finding per problem, each placed in the file and saying what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from readiness import schemas
from readiness.bank.checks import suggest
from readiness.errors import AnswersError, Finding
from readiness.kinds import kind_of
from readiness.kinds.values import AnswerValueError, allowed, normalise
from readiness.model import Answer, Bank, Question
from readiness.scoring.questions import action_target, action_targets, hidden_answers

if TYPE_CHECKING:  # the readers load with the first answers file, not with the app
    from readiness.bank.yamlsafe import Document


class Respondent(Struct, frozen=True):
    """Who answered; every field is optional.

    Attributes:
        role_group: The id of the bank's role group they picked (see ``Bank.role_groups``).
    """

    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    role_group: str | None = None


class AnswerSet(Struct, frozen=True):
    """One respondent's answers to one bank, as stored values.

    Attributes:
        answers: Question id to stored answer; an absent id or None means skipped.
        notes: Question id to the respondent's note.
        actions: Recommendation or audit condition id to action-plan columns
            (``now``, ``needs``, ``progress``) and their text, given for it as a whole.
        actions_by_question: Question id to the action-plan columns its follow-up replies
            filled; the rows are grouped under the question's audit condition or first
            recommendation, one row per question, so no reply overwrites another.
        bank_id: The bank the file says it answers, when it says.
        replies: Question id to the respondent's own words, typed in a conversation (or given
            by an answers file), that the answer was understood from; kept in the result.
    """

    answers: Mapping[str, Answer]
    notes: Mapping[str, str] = field(default_factory=dict)
    actions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    respondent: Respondent = field(default_factory=Respondent)
    bank_id: str | None = None
    actions_by_question: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    replies: Mapping[str, str] = field(default_factory=dict)


def load_answers(path: str | Path, bank: Bank) -> tuple[AnswerSet, list[str]]:
    """Read and check an answers file (YAML or JSON) against ``bank``.

    Returns:
        The answers, and warnings (placed in the file) about answers that will not be scored.

    Raises:
        AnswersError: One finding per problem; UsageError when the file is missing.
    """
    from readiness.bank.yamlsafe import decode, read_bytes
    from readiness.jsondoc import parse_document

    shown = str(path)
    return parse_answers(parse_document(decode(read_bytes(Path(path), shown), shown), shown), bank)


def parse_answers(doc: Document, bank: Bank) -> tuple[AnswerSet, list[str]]:
    """The same as :func:`load_answers`, from a document already read."""
    from readiness.bank.answers_schema import quick_fit

    findings = [] if quick_fit(doc.data) else schemas.check(doc, "answers")
    if findings:
        raise AnswersError(f"{doc.path}: the answers file is invalid", tuple(findings))
    answers, problems = _values(doc, bank)
    findings = [*_meaning(doc, bank), *problems]
    if findings:
        ordered = sorted(findings, key=lambda f: (f.line, f.column))
        raise AnswersError(f"{doc.path}: the answers do not fit the bank", tuple(ordered))
    given = doc.data.get("actions", {})
    targets = set(action_targets(bank))
    answer_set = AnswerSet(
        answers=answers,
        notes=dict(doc.data.get("notes", {})),
        actions={k: dict(v) for k, v in given.items() if k in targets},
        respondent=Respondent(**doc.data.get("respondent", {})),
        bank_id=doc.data.get("bank"),
        actions_by_question={k: dict(v) for k, v in given.items() if k not in targets},
        replies=dict(doc.data.get("replies", {})),
    )
    return answer_set, hidden_warnings(doc, bank, answers)


def _meaning(doc: Document, bank: Bank) -> Iterator[Finding]:
    """Findings about the bank named, notes, replies and action targets."""
    named = doc.data.get("bank")
    if named is not None and named != bank.id:
        yield doc.finding(
            ("bank",),
            (
                f"these answers are for the bank {named!r}, but they are being scored against "
                f"{bank.id!r}; use --bank {named}, or correct 'bank:' in the file"
            ),
        )
    for part in ("notes", "replies"):
        for qid in doc.data.get(part, {}):
            if qid not in bank.question_by_id:
                yield doc.finding((part, qid), _unknown_question(qid, bank), at_key=True)
    yield from _action_keys(doc, bank)
    group = doc.data.get("respondent", {}).get("role_group")
    known = [g.id for g in bank.role_groups]
    if group is not None and group not in known:
        yield doc.finding(
            ("respondent", "role_group"),
            f"no role group {group!r} in the bank {bank.id!r}{suggest(group, known)}",
        )


def _action_keys(doc: Document, bank: Bank) -> Iterator[Finding]:
    """``actions`` is keyed by a recommendation or audit condition (a row for it as a whole)
    or by a question (a row for that question's replies, under its condition); a key that
    names both is read as the recommendation or condition."""
    targets = action_targets(bank)
    for key in doc.data.get("actions", {}):
        if key in targets:
            continue
        question = bank.question_by_id.get(key)
        if question is None:
            known = [*targets, *bank.question_by_id]
            message = (
                f"no recommendation, audit condition or question {key!r} in the bank "
                f"{bank.id!r}{suggest(key, known)}"
            )
            yield doc.finding(("actions", key), message, at_key=True)
        elif action_target(question) is None:
            message = (
                f"question {key!r} has no audit condition or recommendation to put an action "
                f"plan under; give the actions under a recommendation ({', '.join(targets)})"
            )
            yield doc.finding(("actions", key), message, at_key=True)


def _unknown_question(value: str, bank: Bank) -> str:
    known = list(bank.question_by_id)
    return f"no question {value!r} in the bank {bank.id!r}{suggest(value, known)}"


def _values(doc: Document, bank: Bank) -> tuple[dict[str, Answer], list[Finding]]:
    """Each answer normalised to its stored value, and a finding for each that cannot be."""
    from readiness.scoring.layout import layout_of, remember  # not needed for a conversation

    values: dict[str, Answer] = {}
    findings: list[Finding] = []
    memo = layout_of(bank).stored
    for qid, raw in doc.data["answers"].items():
        question = bank.question_by_id.get(qid)
        if question is None:
            message = _unknown_question(qid, bank)
            findings.append(doc.finding(("answers", qid), message, at_key=True))
            continue
        # An option named by id or number: the same few, file after file (the type is in
        # the key, as 1 == True; free text is not kept, as it is rarely the same twice).
        key = (qid, type(raw), raw) if type(raw) in _KEPT and question.options else None
        if key is not None and key in memo:
            values[qid] = memo[key]
            continue
        try:
            values[qid] = normalise(question, raw)
        except AnswerValueError as exc:
            findings.append(doc.finding(("answers", qid), _not_allowed(question, str(exc))))
        else:
            if key is not None:
                remember(memo, key, values[qid])
    return values, findings


_KEPT = frozenset({str, int, bool})


def _not_allowed(question: Question, problem: str) -> str:
    """The problem, with what the question accepts when the problem does not say it."""
    accepted = allowed(question)
    if kind_of(question).free_text:
        hint = "; put the answer in quotes so that it is read as text"
    else:
        hint = "" if accepted in problem else f"; allowed: {accepted}"
    return f"question {question.id!r}: {problem}{hint}"


def hidden_warnings(doc: Document, bank: Bank, answers: Mapping[str, Answer]) -> list[str]:
    """A placed warning for each answer to a question its condition hides."""
    return [
        str(
            doc.finding(
                ("answers", qid),
                f"question {qid!r} is hidden by its condition "
                "(an earlier answer rules it out), so this answer is not scored",
            )
        )
        for qid in hidden_answers(bank, answers)
    ]
