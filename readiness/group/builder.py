"""Adding results to a group one at a time, keeping only counts (see :class:`GroupBuilder`)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import Any

from readiness.errors import ResultFileError
from readiness.group.agreement import Rules
from readiness.group.rescore import BankKey, QuestionMeta, Shown
from readiness.group.roles import role_key
from readiness.group.sources import (
    BANK_KEY,
    WHO,
    Source,
    Unfit,
    check_answer,
    check_score,
    check_scores,
    head_fits,
)
from readiness.group.tallies import QuestionTally, blocker_meta, question_meta
from readiness.scoring.shape import check_full, check_kind, shape_problem

_SCORE_OF = itemgetter("score")
_VALUE_OF = itemgetter("value")
_QUESTION_ID = itemgetter("question_id")
_RULE = itemgetter("rule")
_ANSWER_KEY = itemgetter("question_id", "status", "value", "score")
ScoreKey = tuple[str, BankKey, Shown]
"""(role, bank, the scores shown and the answers they came from): one respondent's scores."""
AnswerKey = tuple[str, str, Any, Any]
"""(question id, status, value, item score): one answer, a list value made a tuple."""


@dataclass
class GroupBuilder:
    """Adds results one at a time, keeping only what the group result needs.

    What is kept is counts: how many respondents of each role gave each set of overall, domain
    and recommendation scores (with the item scores and answers they came from, to work the
    scores out again exactly), and each answer to each question (answers repeat across
    people, so those counts stay small), and the member list. Counting runs in C
    (``Counter.update``). :func:`readiness.group.aggregate.build` makes the group result.

    Each result whose bank, domains, recommendations, questions or blocker rules were not seen
    before is checked against the whole result schema (the group takes titles and prompts from
    it), unless ``Source.checked`` says the caller did. The others are checked for the fields
    read: the bank, respondent and session at once, and each score or answer the first time it
    is met (a value already counted was checked when first met). A problem is reported from
    the result schema, naming the file and the place. After an error, start a new builder.
    """

    allow_mixed: bool = False
    rules: Rules = field(default_factory=Rules)
    banks: dict[BankKey, dict[str, Any]] = field(default_factory=dict)
    first_file: dict[BankKey, str] = field(default_factory=dict)
    bands: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    role_keys: dict[Any, str] = field(default_factory=dict)
    raw_roles: Counter[Any] = field(default_factory=Counter)
    """Free-text roles of the results that carry no role group, as written."""
    picked_roles: Counter[str] = field(default_factory=Counter)
    """The role groups results carry (since result 1.4), by id."""
    domains: dict[str, dict[str, Any]] = field(default_factory=dict)
    recommendations: dict[str, dict[str, Any]] = field(default_factory=dict)
    questions: dict[str, QuestionTally] = field(default_factory=dict)
    question_ids: set[str] = field(default_factory=set)
    scoring: dict[BankKey, dict[str, QuestionMeta]] = field(default_factory=dict)
    blockers: dict[str, dict[str, Any]] = field(default_factory=dict)
    scores: Counter[ScoreKey] = field(default_factory=Counter)
    id_tuples: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    answers: dict[str, Counter[AnswerKey]] = field(default_factory=dict)
    checked: set[Any] = field(default_factory=set)
    seen: dict[Any, int] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    replies: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    """Question id to each respondent's own words: (role as counted, words, option label)."""

    def add(self, source: Source) -> None:
        """Check one result, refuse a duplicate or another bank, and count it.

        Raises:
            ResultFileError: The result is invalid, of another bank, or given twice.
        """
        check_kind(source.data, source.shown, "aggregate")
        try:
            self._add(source)
        except (Unfit, KeyError, TypeError, AttributeError) as error:
            problem = shape_problem(source.data)
            if problem is None and not isinstance(error, Unfit):
                raise  # the result fits: this is a bug in readiness, not in the file
            raise ResultFileError(
                f"{source.shown}: not a result this version of readiness can read: "
                f"{problem or 'an unexpected value'}; 'readiness schema result' describes the "
                "format"
            ) from None

    def _add(self, source: Source) -> None:
        data = source.data
        if not source.checked and not head_fits(data):
            raise Unfit
        bank = BANK_KEY(data["bank"])
        question_ids = list(map(_QUESTION_ID, data["answers"]))
        new = self._is_new(bank, data, question_ids)
        if new and not source.checked:
            check_full(data, source.shown)
        self._check_bank(bank, source)
        self._check_duplicate(bank, source)
        raw_role = data["respondent"]["role"]
        picked = data["respondent"].get("role_group")
        if not (picked is None or type(picked) is str):
            raise Unfit
        role = self._role(raw_role, picked)
        if new:
            self._learn(bank, data)
        self._count_scores(data, role, bank, question_ids)
        self._count_answers(data, question_ids, role)
        self._keep_replies(data, role)
        for blocker in data["blockers"]:
            self.blockers[blocker["rule"]]["count"] += 1
        if picked:
            self.picked_roles[picked] += 1
        else:
            self.raw_roles[raw_role] += 1
        self.members.append(_member(source))
        self.shown.append(source.shown)

    def _is_new(self, bank: BankKey, data: dict[str, Any], question_ids: list[str]) -> bool:
        """Whether the result brings a bank, ids or blocker rules not seen yet."""
        return not (
            bank in self.banks
            and data["domains"].keys() <= self.domains.keys()
            and data["recommendations"].keys() <= self.recommendations.keys()
            and self.question_ids.issuperset(question_ids)
            and self.blockers.keys() >= set(map(_RULE, data["blockers"]))
        )

    def _check_bank(self, key: BankKey, source: Source) -> None:
        if key in self.banks:
            return
        if self.banks and not self.allow_mixed:
            first_key, first = next(iter(self.first_file.items()))
            raise ResultFileError(
                f"{source.shown}: scored against bank {describe_bank(key)}, but {first} against "
                f"{describe_bank(first_key)}; aggregate results of one bank and version, or give "
                "--allow-mixed to combine them anyway"
            )
        self.banks[key] = dict(source.data["bank"])
        self.first_file[key] = source.shown

    def _check_duplicate(self, bank: BankKey, source: Source) -> None:
        key = _identity(bank, source)
        first = self.seen.setdefault(key, len(self.shown))
        if first != len(self.shown):
            why = (
                "identical content"
                if key[0] == "content"
                else ("the same respondent, session start and bank")
            )
            raise ResultFileError(
                f"{source.shown}: the same result as {self.shown[first]} ({why}); give each "
                "result once"
            )

    def _role(self, role: Any, picked: str | None = None) -> str:
        """The role as counted: the role group the result carries, else the role tidied and
        case-folded (see :func:`role_names`)."""
        if picked:
            return role_key(role, picked)
        found = self.role_keys.get(role)
        if found is None:
            found = self.role_keys[role] = role_key(role, None)
        return found

    def role_sizes(self) -> Counter[str]:
        """How many results have each role key."""
        sizes: Counter[str] = Counter()
        for raw, count in self.raw_roles.items():
            sizes[self.role_keys[raw]] += count
        for picked, count in self.picked_roles.items():
            sizes[role_key(None, picked)] += count
        return sizes

    def _learn(self, bank: BankKey, data: dict[str, Any]) -> None:
        """Titles, prompts, bands and scoring weights from a result checked in full, for what
        is new in it."""
        if not self.bands:
            self.bands = [dict(b) for b in data["bands"]]
        elif data["bands"] != self.bands and not any("bands" in w for w in self.warnings):
            self.warnings.append(
                "the results' banks have different bands; the group uses those of the first"
            )
        for did, domain in data["domains"].items():
            self.domains.setdefault(did, {"title": domain["title"], "weight": domain["weight"]})
        for rid, rec in data["recommendations"].items():
            meta = {"title": rec["title"], "text": rec["text"], "source": rec["source"]}
            self.recommendations.setdefault(rid, meta)
        scoring = self.scoring.setdefault(bank, {})
        for answer in data["answers"]:
            qid = answer["question_id"]
            self.question_ids.add(qid)
            scoring.setdefault(
                qid, QuestionMeta(answer["domain"], answer["weight"], tuple(answer["evidences"]))
            )
            if answer["type"] != "text" and qid not in self.questions:
                self.questions[qid] = QuestionTally(question_meta(answer))
        for blocker in data["blockers"]:
            self.blockers.setdefault(blocker["rule"], blocker_meta(blocker))

    def _count_scores(
        self, data: dict[str, Any], role: str, bank: BankKey, question_ids: list[str]
    ) -> None:
        """The overall, domain and recommendation scores, with the answers' item scores and
        values they came from, counted as one key."""
        domains, recs, answers = data["domains"], data["recommendations"], data["answers"]
        items = tuple(map(_SCORE_OF, answers))
        shown = Shown(
            data["overall"]["score"],
            self._ids(domains),
            tuple(map(_SCORE_OF, domains.values())),
            self._ids(recs),
            tuple(map(_SCORE_OF, recs.values())),
            self._ids(question_ids),
            items,
            _scored_values(items, answers),
            tuple(d.get("overall_weight") for d in domains.values()),
        )
        key = (role, bank, shown)
        if key not in self.scores:
            check_scores((shown.overall, *shown.domain_scores, *shown.rec_scores))
            for item in items:
                check_score(item, 1)
        self.scores[key] += 1

    def _ids(self, parts: dict[str, Any] | list[str]) -> tuple[str, ...]:
        """The ids of ``parts``, as one shared tuple (most results have the same ids)."""
        ids = tuple(parts)
        return self.id_tuples.setdefault(ids, ids)

    def _count_answers(self, data: dict[str, Any], question_ids: list[str], role: str) -> None:
        """Each answer to a question that is not free text, counted at once (rooms' votes
        one by one)."""
        chosen = list(compress(data["answers"], map(self.questions.__contains__, question_ids)))
        if data["session"].get("mode") == "room":
            chosen = self._count_votes(chosen, role)
        keys = _hashable(list(map(_ANSWER_KEY, chosen)))
        counter = self.answers.get(role)
        if counter is None:
            counter = self.answers[role] = Counter()
        if self._tally(counter, keys):
            for key, answer in zip(keys, chosen, strict=True):
                if key not in self.checked:  # the same answer by another role was checked
                    check_answer(*key[1:])
                    self.questions[key[0]].learn(answer)
                    self.checked.add(key)

    def _keep_replies(self, data: dict[str, Any], role: str) -> None:
        """The respondent's own words beside their answers (results since 1.2), by question."""
        for answer in data["answers"]:
            words = answer.get("reply")
            if words is None:
                continue
            label = answer.get("value_label")
            if type(words) is not str or not (label is None or type(label) is str):
                raise Unfit
            if words.strip() and answer["question_id"] in self.questions:
                found = self.replies.setdefault(answer["question_id"], [])
                found.append((role, words, label))

    def _count_votes(self, chosen: list[dict[str, Any]], role: str) -> list[dict[str, Any]]:
        """A room's votes; returns the answers that have none, to count as one answer each."""
        for answer in chosen:
            if answer.get("distribution"):
                self.questions[answer["question_id"]].add_votes(answer, role)
        return [a for a in chosen if not a.get("distribution")]

    def _tally(self, counter: Counter[Any], keys: list[Any]) -> bool:
        """Count ``keys``; True when some were never counted before (so not yet checked)."""
        size = len(counter)
        counter.update(keys)
        return len(counter) != size

    def unscored_votes(self) -> bool:
        """Whether some room votes are for options no result in the group has scored."""
        return any(
            option not in tally.option_scores
            for tally in self.questions.values()
            for _, votes in tally.votes
            for option in votes
        )


def describe_bank(key: BankKey) -> str:
    return f"{key[0]} {key[1]}" + (f" (sha256 {key[2][:12]})" if key[2] else "")


def _scored_values(items: tuple[Any, ...], answers: list[dict[str, Any]]) -> tuple[Any, ...]:
    """The values of the answers with an item score (None for the others, so free text does
    not make every key unique), a list made a tuple; an unhashable value raises TypeError."""
    values = tuple(
        None if item is None else _frozen(value)
        for item, value in zip(items, map(_VALUE_OF, answers), strict=True)
    )
    hash(values)
    return values


def _frozen(value: Any) -> Any:
    return tuple(value) if type(value) is list else value


def _hashable(keys: list[AnswerKey]) -> list[AnswerKey]:
    """The keys, with a list value (a multiple-choice answer) made a tuple."""
    try:
        hash(tuple(keys))
    except TypeError:
        return [
            (qid, status, tuple(value) if type(value) is list else value, score)
            for qid, status, value, score in keys
        ]
    return keys


def _identity(bank: BankKey, source: Source) -> tuple[Any, ...]:
    """Who answered, when, to which bank; for an anonymous result, a digest of its text."""
    data = source.data
    session = data["session"].get("id")
    if isinstance(session, str) and session:  # a conversation's result: its session is who
        return ("session", session, bank)
    person = WHO(data["respondent"])
    if any(person):
        return ("person", person, data["session"]["started_at"], bank)
    return ("content", hashlib.blake2b(source.text.encode(), digest_size=16).digest())


def _member(source: Source) -> dict[str, Any]:
    data = source.data
    who = data["respondent"]
    room = data["session"].get("mode") == "room"
    member = {
        "name": who["name"],
        "role": who["role"],
        "organisation": who["organisation"],
        "file": source.file,
        "completed_at": data["session"]["completed_at"],
        "room": room,
        "people": _people(data) if room else 1,
    }
    if who.get("role_group"):
        member["role_group"] = who["role_group"]
    return member


def _people(data: dict[str, Any]) -> int:
    """How many were in the room: the most votes cast on any one question (at least 1)."""
    totals = (sum((a.get("distribution") or {}).values()) for a in data["answers"])
    return max(totals, default=0) or 1
