"""Several results in, one group result out: where people agree, where they do not, and why.

Pure functions and one accumulator over result dicts; standard library only. Results are added
one at a time and only what the group needs is kept (counts of scores and answers, not the
results), so 10,000 results aggregate in little memory. The JSON shape is published as
``readiness schema group``; the rules (population standard deviation, agreement thresholds,
divergence, role gaps, blocker majority) are described there and carried in ``rules``.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from readiness.errors import ResultFileError
from readiness.scoring.shape import (
    MODES,
    NONE,
    NUMBER,
    STATUSES,
    _is_counts,
    _is_number,
    check_full,
    check_kind,
    shape_problem,
)

SCHEMA_VERSION = "1.0"
KIND = "group"
UNSPECIFIED = "unspecified"
THEM_AND_US = (
    "Sebba et al. 2017, recommendation R04: engage stakeholders widely and early to avoid a "
    "'them and us' culture, pp. 3, 20"
)
Stats = dict[str, Any]
OptionScores = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class Rules:
    """The thresholds that turn spread into words; all on the 0-100 scale, rounded as shown.

    Attributes:
        high_below: An sd below this is high agreement.
        moderate_below: An sd below this (and not high) is moderate; anything else is low.
        divergent_range: A range at least this wide flags divergence.
        divergent_sd: An sd at least this large flags divergence.
        role_gap: Role means more than this far apart are a "them and us" risk.
        agenda_size: How many of the most divergent questions make the discussion agenda.
        blocker_share: A blocker caps the group's band when it holds for more than this share.
    """

    high_below: float = 10
    moderate_below: float = 20
    divergent_range: float = 50
    divergent_sd: float = 20
    role_gap: float = 20
    agenda_size: int = 5
    blocker_share: float = 0.5

    def agreement(self, sd: float | None) -> str | None:
        """``high``, ``moderate`` or ``low`` from a standard deviation; None without values."""
        if sd is None:
            return None
        if sd < self.high_below:
            return "high"
        return "moderate" if sd < self.moderate_below else "low"

    def divergent(self, sd: float | None, spread: float | None) -> bool:
        """Whether people disagree widely: a large sd or a wide range."""
        if sd is None or spread is None:
            return False
        return sd >= self.divergent_sd or spread >= self.divergent_range


class Source(NamedTuple):
    """One result file to aggregate (a named tuple: thousands are made, and this is fastest).

    Attributes:
        shown: The file as the user named it, for messages.
        file: Its base name, for the group's member list.
        data: The parsed JSON.
        text: Its text, to notice the same file given twice.
        checked: True when the data was already checked against the full result schema.
    """

    shown: str
    file: str
    data: dict[str, Any]
    text: str
    checked: bool = False


# --- statistics ----------------------------------------------------------------------------


def round1(value: float) -> float:
    """One decimal, halves rounded up, as result scores are shown (56.25 -> 56.3)."""
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def describe(counts: Mapping[float, int], rules: Rules) -> Stats:
    """n, mean, median, min, max, population sd, range, agreement and divergence of values.

    ``counts`` maps each value to how often it occurs, so room votes weigh by head count.
    """
    n = sum(counts.values())
    if not n:
        return _no_stats()
    mean = math.fsum(v * c for v, c in counts.items()) / n
    sd = round1(math.sqrt(math.fsum(c * (v - mean) ** 2 for v, c in counts.items()) / n))
    low, high = min(counts), max(counts)
    spread = round1(high - low)
    return {
        "n": n,
        "mean": round1(mean),
        "median": round1(_median(counts, n)),
        "min": round1(low),
        "max": round1(high),
        "sd": sd,
        "range": spread,
        "agreement": rules.agreement(sd),
        "divergent": rules.divergent(sd, spread),
    }


def _no_stats() -> Stats:
    empty = dict.fromkeys(("mean", "median", "min", "max", "sd", "range", "agreement"))
    return {"n": 0, **empty, "divergent": False}


def _median(counts: Mapping[float, int], n: int) -> float:
    """The middle value (the mean of the two middle ones when n is even)."""
    middle = sorted(counts.items())
    wanted = {(n - 1) // 2, n // 2}
    found: list[float] = []
    seen = 0
    for value, count in middle:
        found += [value] * len({w for w in wanted if seen <= w < seen + count})
        seen += count
    return math.fsum(found) / len(found) if len(found) == 2 else found[0]


@dataclass
class Values:
    """Scores on 0-100 and how often each occurs, counted by (role, score) for speed."""

    counts: Counter[tuple[str, float]] = field(default_factory=Counter)

    def add(self, value: float, role: str, count: int = 1) -> None:
        self.counts[role, value] += count

    def stats(self, rules: Rules, names: Mapping[str, str]) -> Stats:
        """The statistics, with each role's n and mean (roles as ``names`` spells them,
        sorted)."""
        overall: Counter[float] = Counter()
        by_role: dict[str, Counter[float]] = defaultdict(Counter)
        for (role, value), count in self.counts.items():
            overall[value] += count
            by_role[names.get(role, role)][value] += count
        roles = {
            role: {"n": found["n"], "mean": found["mean"]}
            for role in sorted(by_role, key=str.casefold)
            if (found := describe(by_role[role], rules))["n"]
        }
        return {**describe(overall, rules), "by_role": roles}


# --- accumulating ---------------------------------------------------------------------------


class Unfit(Exception):
    """A value read from a result does not fit; :func:`shape_problem` says where and why."""


GAPS = frozenset({"hidden", "dont_know", "skipped"})
SCORE_TYPES = frozenset({int, float, NONE})
_SCORE_OF = itemgetter("score")
_QUESTION_ID = itemgetter("question_id")
_RULE = itemgetter("rule")
_ANSWER_KEY = itemgetter("question_id", "status", "value", "score")
_BANK_KEY = itemgetter("id", "version", "sha256")
_WHO = itemgetter("name", "role", "organisation")
_WHEN = itemgetter("started_at", "completed_at")
_HEAD_TYPES = frozenset(itertools.product(*[(str,)] * 3, *[(str, NONE)] * 3, *[(str,)] * 2))
ScoreKey = tuple[str, Any, tuple[str, ...], tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]
"""(role, overall score, domain ids, their scores, recommendation ids, their scores): one
respondent's scores."""
AnswerKey = tuple[str, str, Any, Any]
"""(question id, status, value, item score): one answer, a list value made a tuple."""


def head_fits(data: Mapping[str, Any]) -> bool:
    """Whether the bank id, version and sha256, the respondent and the session's times and
    mode fit :data:`SHAPE`: what counting reads from every result (the rest of the bank is
    read only from results checked in full)."""
    try:
        found = (*_BANK_KEY(data["bank"]), *_WHO(data["respondent"]), *_WHEN(data["session"]))
        mode = data["session"].get("mode", "individual")
    except (KeyError, TypeError, AttributeError):
        return False
    return tuple(map(type, found)) in _HEAD_TYPES and type(mode) is str and mode in MODES


def check_score(score: Any, top: float = 100) -> None:
    """None, or a number from 0 to ``top`` (NaN and infinities fail); else :class:`Unfit`."""
    if not (score is None or (type(score) in NUMBER and 0 <= score <= top)):
        raise Unfit


def check_scores(scores: tuple[Any, ...]) -> None:
    """Each None, or a number from 0 to 100; else :class:`Unfit`. In C as far as it goes."""
    if not SCORE_TYPES.issuperset(map(type, scores)):
        raise Unfit
    numbers = [s for s in scores if s is not None]
    if numbers and not (
        all(map(math.isfinite, numbers)) and min(numbers) >= 0 and max(numbers) <= 100
    ):
        raise Unfit


def check_answer(status: Any, value: Any, score: Any) -> None:
    """The status, value and item score of an answer, as aggregate reads them."""
    if status not in STATUSES:
        raise Unfit
    if type(value) is tuple:
        if not all(type(v) is str for v in value):
            raise Unfit
    elif not (value is None or type(value) is str or _is_number(value)):
        raise Unfit
    check_score(score, 1)


def role_of(role: Any) -> str:
    """A role as written in the group: spaces tidied; none or blank is ``unspecified``."""
    tidy = " ".join(role.split()) if isinstance(role, str) else ""
    return tidy or UNSPECIFIED


def role_names(raw: Mapping[Any, int]) -> dict[str, str]:
    """Each role (as grouped: tidied, ignoring case) to the spelling most results use, ties
    going to the first in sorted order, so the order of the results does not matter."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for role, count in raw.items():
        tidy = role_of(role)
        spellings[tidy.casefold()][tidy] += count
    return {
        key: min(found, key=lambda spelling: (-found[spelling], spelling))
        for key, found in spellings.items()
    }


def describe_bank(key: tuple[str, str, str]) -> str:
    return f"{key[0]} {key[1]}" + (f" (sha256 {key[2][:12]})" if key[2] else "")


@dataclass
class Part:
    """The overall score, a domain or a recommendation: what it is, and its scores."""

    meta: dict[str, Any]
    values: Values = field(default_factory=Values)
    no_score: int = 0

    def count(self, role: str, score: float | None, count: int) -> None:
        if score is None:
            self.no_score += count
        else:
            self.values.add(score, role, count)


@dataclass
class QuestionTally:
    """One question across the group: scores, answers by option, gaps and room votes.

    Attributes:
        labels: Option id to its label, from the first answer that chose it.
        option_scores: Option id to its item score (0-100) as the results show it, so room
            votes for an option can be scored.
        votes: Each room's role and its votes by option, scored when the group is built.
    """

    meta: dict[str, Any]
    values: Values = field(default_factory=Values)
    distribution: Counter[str] = field(default_factory=Counter)
    labels: dict[str, str] = field(default_factory=dict)
    option_scores: dict[str, float] = field(default_factory=dict)
    gaps: Counter[str] = field(default_factory=Counter)
    votes: list[tuple[str, dict[str, int]]] = field(default_factory=list)

    def count(self, role: str, answer: tuple[str, str, Any, Any], count: int) -> None:
        """Count ``count`` identical answers: in the gaps, or the distribution and scores."""
        _, status, value, score = answer
        if status in GAPS:
            self.gaps[status] += count
            return
        if type(value) is tuple:
            self.distribution.update(dict.fromkeys(value, count))
        elif value is not None:
            self.distribution[value if type(value) is str else f"{value:g}"] += count
        if status == "scored" and score is not None:
            self.values.add(score * 100, role, count)

    def learn(self, answer: Mapping[str, Any]) -> None:
        """An option's label and item score, from the first answer that chose it."""
        value, label = answer["value"], answer["value_label"]
        if type(value) is not str or value == "dont_know" or value in self.labels:
            return
        if label is not None and type(label) is not str:
            raise Unfit
        if label is not None:
            self.labels[value] = label
        if answer["status"] == "scored" and answer["score"] is not None:
            self.option_scores.setdefault(value, answer["score"] * 100)

    def add_votes(self, answer: Mapping[str, Any], role: str) -> None:
        """Count a room's votes: each head counts in the distribution and the statistics."""
        votes = answer["distribution"]
        if type(votes) is not dict or not _is_counts(votes):
            raise Unfit
        check_answer(answer["status"], answer["value"], answer["score"])
        self.learn(answer)
        self.gaps["dont_know"] += votes.get("dont_know", 0)
        chosen = {k: c for k, c in votes.items() if k != "dont_know" and c}
        self.distribution.update(chosen)
        self.votes.append((role, chosen))


@dataclass
class GroupBuilder:
    """Adds results one at a time, keeping only what the group result needs.

    What is kept is counts: how many respondents of each role gave each set of overall, domain
    and recommendation scores, and each answer to each question (answers repeat across people,
    so those counts stay small), and the member list. Counting runs in C (``Counter.update``).

    Each result whose bank, domains, recommendations, questions or blocker rules were not seen
    before is checked against the whole result schema (the group takes titles and prompts from
    it), unless ``Source.checked`` says the caller did. The others are checked for the fields
    read: the bank, respondent and session at once, and each score or answer the first time it
    is met (a value already counted was checked when first met). A problem is reported from
    :data:`SHAPE`, naming the file and the place. After an error, start a new builder.
    """

    allow_mixed: bool = False
    rules: Rules = field(default_factory=Rules)
    banks: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    first_file: dict[tuple[str, str, str], str] = field(default_factory=dict)
    bands: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    role_keys: dict[Any, str] = field(default_factory=dict)
    raw_roles: Counter[Any] = field(default_factory=Counter)
    domains: dict[str, dict[str, Any]] = field(default_factory=dict)
    recommendations: dict[str, dict[str, Any]] = field(default_factory=dict)
    questions: dict[str, QuestionTally] = field(default_factory=dict)
    question_ids: set[str] = field(default_factory=set)
    blockers: dict[str, dict[str, Any]] = field(default_factory=dict)
    scores: Counter[ScoreKey] = field(default_factory=Counter)
    id_tuples: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    answers: dict[str, Counter[AnswerKey]] = field(default_factory=dict)
    checked: set[Any] = field(default_factory=set)
    seen: dict[Any, int] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

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
        bank = _BANK_KEY(data["bank"])
        question_ids = list(map(_QUESTION_ID, data["answers"]))
        new = self._is_new(bank, data, question_ids)
        if new and not source.checked:
            check_full(data, source.shown)
        self._check_bank(bank, source)
        self._check_duplicate(bank, source)
        raw_role = data["respondent"]["role"]
        role = self._role(raw_role)
        if new:
            self._learn(data)
        self._count_scores(data, role)
        self._count_answers(data, question_ids, role)
        for blocker in data["blockers"]:
            self.blockers[blocker["rule"]]["count"] += 1
        self.raw_roles[raw_role] += 1
        self.members.append(_member(source))
        self.shown.append(source.shown)

    def _is_new(
        self, bank: tuple[str, str, str], data: dict[str, Any], question_ids: list[str]
    ) -> bool:
        """Whether the result brings a bank, ids or blocker rules not seen yet."""
        return not (
            bank in self.banks
            and data["domains"].keys() <= self.domains.keys()
            and data["recommendations"].keys() <= self.recommendations.keys()
            and self.question_ids.issuperset(question_ids)
            and self.blockers.keys() >= set(map(_RULE, data["blockers"]))
        )

    def _check_bank(self, key: tuple[str, str, str], source: Source) -> None:
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

    def _check_duplicate(self, bank: tuple[str, str, str], source: Source) -> None:
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

    def _role(self, role: Any) -> str:
        """The role as counted: tidied and case-folded (see :func:`role_names`)."""
        found = self.role_keys.get(role)
        if found is None:
            found = self.role_keys[role] = role_of(role).casefold()
        return found

    def _learn(self, data: dict[str, Any]) -> None:
        """Titles, prompts and bands from a result checked in full, for what is new in it."""
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
        for answer in data["answers"]:
            self.question_ids.add(answer["question_id"])
            if answer["type"] != "text" and answer["question_id"] not in self.questions:
                self.questions[answer["question_id"]] = QuestionTally(_question_meta(answer))
        for blocker in data["blockers"]:
            self.blockers.setdefault(blocker["rule"], _blocker_meta(blocker))

    def _count_scores(self, data: dict[str, Any], role: str) -> None:
        """The overall, domain and recommendation scores, counted as one key."""
        domains, recs = data["domains"], data["recommendations"]
        domain_scores = tuple(map(_SCORE_OF, domains.values()))
        rec_scores = tuple(map(_SCORE_OF, recs.values()))
        overall = data["overall"]["score"]
        key = (role, overall, self._ids(domains), domain_scores, self._ids(recs), rec_scores)
        if key not in self.scores:
            check_scores((overall, *domain_scores, *rec_scores))
        self.scores[key] += 1

    def _ids(self, parts: dict[str, Any]) -> tuple[str, ...]:
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

    def build(
        self, *, option_scores: OptionScores | None = None, generator_version: str = ""
    ) -> dict[str, Any]:
        """The group result, keys in the documented order."""
        return build_group(self, option_scores or {}, generator_version)

    def unscored_votes(self) -> bool:
        """Whether some room votes are for options no result in the group has scored."""
        return any(
            option not in tally.option_scores
            for tally in self.questions.values()
            for _, votes in tally.votes
            for option in votes
        )


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


def _identity(bank: tuple[str, str, str], source: Source) -> tuple[Any, ...]:
    """Who answered, when, to which bank; for an anonymous result, a digest of its text."""
    data = source.data
    person = _WHO(data["respondent"])
    if any(person):
        return ("person", person, data["session"]["started_at"], bank)
    return ("content", hashlib.blake2b(source.text.encode(), digest_size=16).digest())


def _question_meta(answer: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "question_id": answer["question_id"],
        "domain": answer["domain"],
        "prompt": answer["prompt"],
        "type": answer["type"],
        "evidences": list(answer["evidences"]),
        "discussion": answer.get("discussion"),
    }


def _blocker_meta(blocker: Mapping[str, Any]) -> dict[str, Any]:
    caps = blocker["caps"]
    return {
        "rule": blocker["rule"],
        "message": blocker["message"],
        "caps": {"band": caps["band"], "domain": caps["domain"]},
        "band_label": blocker["band_label"],
        "count": 0,
    }


def _member(source: Source) -> dict[str, Any]:
    data = source.data
    who = data["respondent"]
    room = data["session"].get("mode") == "room"
    return {
        "name": who["name"],
        "role": who["role"],
        "organisation": who["organisation"],
        "file": source.file,
        "completed_at": data["session"]["completed_at"],
        "room": room,
        "people": _people(data) if room else 1,
    }


def _people(data: Mapping[str, Any]) -> int:
    """How many were in the room: the most votes cast on any one question (at least 1)."""
    totals = (sum((a.get("distribution") or {}).values()) for a in data["answers"])
    return max(totals, default=0) or 1


# --- building the group result ----------------------------------------------------------------


def aggregate(
    sources: Iterable[Source],
    *,
    allow_mixed: bool = False,
    option_scores: OptionScores | None = None,
    generator_version: str = "",
    rules: Rules | None = None,
) -> dict[str, Any]:
    """The group result of ``sources``, in the order given (see :class:`GroupBuilder`)."""
    builder = GroupBuilder(allow_mixed=allow_mixed, rules=rules or Rules())
    for source in sources:
        builder.add(source)
    return builder.build(option_scores=option_scores, generator_version=generator_version)


def build_group(
    builder: GroupBuilder, option_scores: OptionScores, generator_version: str
) -> dict[str, Any]:
    """The group's JSON from everything counted."""
    rules = builder.rules
    names = role_names(builder.raw_roles)
    warnings = list(builder.warnings)
    questions = [
        _question(t, rules, names, option_scores.get(qid, {}), warnings)
        for qid, t in _tallies(builder).items()
    ]
    overall, found_domains, found_recs = _parts(builder)
    domains = {d: _part(builder, p, names, d) for d, p in found_domains.items()}
    recs = {r: _part(builder, p, names) for r, p in found_recs.items()}
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "generator": {"name": "readiness", "version": generator_version},
        "bank": _banks(builder),
        "rules": _rules(rules),
        "respondents": _respondents(builder, names),
        "members": builder.members,
        "bands": builder.bands,
        "overall": _overall(builder, overall, names),
        "domains": domains,
        "recommendations": recs,
        "questions": questions,
        "agenda": agenda(questions, rules),
        "role_gaps": role_gaps(domains, recs, rules),
        "blockers": _blockers(builder),
        "warnings": warnings,
    }


def _banks(builder: GroupBuilder) -> dict[str, Any] | list[dict[str, Any]]:
    banks = list(builder.banks.values())
    return banks[0] if len(banks) == 1 else banks


def _rules(rules: Rules) -> dict[str, Any]:
    return {
        "sd": "population",
        "agreement_high_below": rules.high_below,
        "agreement_moderate_below": rules.moderate_below,
        "divergent_range": rules.divergent_range,
        "divergent_sd": rules.divergent_sd,
        "role_gap": rules.role_gap,
        "agenda_size": rules.agenda_size,
        "blocker_share": rules.blocker_share,
    }


def _respondents(builder: GroupBuilder, names: Mapping[str, str]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for role, count in builder.raw_roles.items():
        counts[names[builder.role_keys[role]]] += count
    return {
        "count": len(builder.members),
        "people": sum(m["people"] for m in builder.members),
        "by_role": {role: counts[role] for role in sorted(counts, key=str.casefold)},
    }


def _parts(builder: GroupBuilder) -> tuple[Part, dict[str, Part], dict[str, Part]]:
    """The overall, domain and recommendation scores counted, as parts with their meta."""
    overall = Part({})
    domains = {d: Part(meta) for d, meta in builder.domains.items()}
    recs = {r: Part(meta) for r, meta in builder.recommendations.items()}
    for (role, score, dids, dscores, rids, rscores), count in builder.scores.items():
        overall.count(role, score, count)
        for did, found in zip(dids, dscores, strict=True):
            domains[did].count(role, found, count)
        for rid, found in zip(rids, rscores, strict=True):
            recs[rid].count(role, found, count)
    return overall, domains, recs


def _tallies(builder: GroupBuilder) -> dict[str, QuestionTally]:
    """Each question with the answers counted (copies: building changes no builder state)."""
    tallies = {
        qid: replace(
            t,
            values=Values(Counter(t.values.counts)),
            distribution=Counter(t.distribution),
            gaps=Counter(t.gaps),
        )
        for qid, t in builder.questions.items()
    }
    for role, counter in builder.answers.items():
        for answer, count in counter.items():
            tallies[answer[0]].count(role, answer, count)
    return tallies


def _overall(builder: GroupBuilder, overall: Part, names: Mapping[str, str]) -> dict[str, Any]:
    stats = overall.values.stats(builder.rules, names)
    return {"score": stats["mean"], **_banded(builder, stats["mean"], None), **stats}


def _part(
    builder: GroupBuilder, part: Part, names: Mapping[str, str], domain: str | None = None
) -> dict[str, Any]:
    """A domain (capped by blockers, like results) or a recommendation (never capped)."""
    stats = part.values.stats(builder.rules, names)
    if domain is None:
        band = band_for(builder.bands, stats["mean"])
        banded = {"band": band and band["id"], "band_label": band and band["label"]}
    else:
        banded = _banded(builder, stats["mean"], domain)
    return {**part.meta, "score": stats["mean"], **banded, **stats, "no_score": part.no_score}


def band_for(bands: list[dict[str, Any]], score: float | None) -> dict[str, Any] | None:
    """The band of a score: min <= score < max, a score on a threshold taking the higher."""
    if score is None or not bands:
        return None
    ordered = sorted(bands, key=lambda b: b["min"])
    return next((b for b in reversed(ordered) if score >= b["min"]), ordered[0])


def _banded(builder: GroupBuilder, score: float | None, domain: str | None) -> dict[str, Any]:
    """The band of the mean, lowered by blockers that hold for most of the group."""
    uncapped = band_for(builder.bands, score)
    if uncapped is None:
        return {"band": None, "band_label": None, "uncapped_band": None, "capped_by": []}
    floor = {b["id"]: b["min"] for b in builder.bands}
    lower = [
        b
        for b in builder.blockers.values()
        if b["caps"]["domain"] == domain
        and _holds_for_most(builder, b)
        and floor.get(b["caps"]["band"], math.inf) < uncapped["min"]
    ]
    band = min(
        (_band(builder, b["caps"]["band"]) for b in lower), key=lambda b: b["min"], default=uncapped
    )
    return {
        "band": band["id"],
        "band_label": band["label"],
        "uncapped_band": uncapped["id"],
        "capped_by": [b["rule"] for b in lower],
    }


def _band(builder: GroupBuilder, band_id: str) -> dict[str, Any]:
    return next(b for b in builder.bands if b["id"] == band_id)


def _holds_for_most(builder: GroupBuilder, blocker: Mapping[str, Any]) -> bool:
    return blocker["count"] > builder.rules.blocker_share * len(builder.members)


def _blockers(builder: GroupBuilder) -> list[dict[str, Any]]:
    return [
        {**b, "of": len(builder.members), "caps_group": _holds_for_most(builder, b)}
        for b in builder.blockers.values()
    ]


def _question(
    tally: QuestionTally,
    rules: Rules,
    names: Mapping[str, str],
    bank_scores: Mapping[str, float],
    warnings: list[str],
) -> dict[str, Any]:
    values = tally.values
    for role, votes in tally.votes:
        for option, count in votes.items():
            score = tally.option_scores.get(option, bank_scores.get(option))
            if score is None:
                warnings.append(_unscored(tally, option, count))
            else:
                values.add(score, role, count)
    return {
        **tally.meta,
        **values.stats(rules, names),
        "distribution": dict(sorted(tally.distribution.items())),
        "labels": dict(sorted(tally.labels.items())),
        "dont_know": tally.gaps["dont_know"],
        "skipped": tally.gaps["skipped"],
        "not_applicable": tally.gaps["hidden"],
    }


def _unscored(tally: QuestionTally, option: str, count: int) -> str:
    return (
        f"{tally.meta['question_id']}: {count} room vote(s) for {option!r} are counted in the "
        "distribution but not the statistics: no result in the group shows that option's score"
    )


def agenda(questions: list[dict[str, Any]], rules: Rules) -> list[dict[str, Any]]:
    """The most divergent questions, largest sd first, ties in bank order: what to discuss."""
    ranked = sorted(
        (q for q in questions if q["n"] >= 2 and q["sd"]),
        key=lambda q: -q["sd"],  # sorted() is stable: equal sds keep bank order
    )
    return [
        {
            "rank": rank,
            "question_id": q["question_id"],
            "sd": q["sd"],
            "range": q["range"],
            "divergent": q["divergent"],
        }
        for rank, q in enumerate(ranked[: rules.agenda_size], start=1)
    ]


def role_gaps(
    domains: Mapping[str, Any], recs: Mapping[str, Any], rules: Rules
) -> list[dict[str, Any]]:
    """Domains and recommendations where two roles' means are more than ``role_gap`` apart.

    The highest and lowest role means are compared (an unspecified role is left out); the
    largest gaps first, then domains before recommendations, each in bank order.
    """
    source = them_and_us_source(recs)
    found = [
        gap
        for scope, parts in (("domain", domains), ("recommendation", recs))
        for pid, part in parts.items()
        if (gap := _role_gap(scope, pid, part, rules, source))
    ]
    return sorted(found, key=lambda g: -g["gap"])


def _role_gap(
    scope: str, pid: str, part: Mapping[str, Any], rules: Rules, source: str
) -> dict[str, Any] | None:
    roles = [(r, s) for r, s in part["by_role"].items() if r != UNSPECIFIED]
    if len(roles) < 2:
        return None
    high = max(roles, key=lambda rs: rs[1]["mean"])
    low = min(roles, key=lambda rs: rs[1]["mean"])
    gap = round1(high[1]["mean"] - low[1]["mean"])
    if gap <= rules.role_gap:
        return None
    return {
        "scope": scope,
        "id": pid,
        "title": part["title"],
        "high": {"role": high[0], **high[1]},
        "low": {"role": low[0], **low[1]},
        "gap": gap,
        "message": (
            f"{high[0]} ({high[1]['mean']:.1f}) and {low[0]} ({low[1]['mean']:.1f}) are "
            f"{gap:.1f} points apart on {part['title']}: a 'them and us' risk"
        ),
        "source": source,
    }


def them_and_us_source(recs: Mapping[str, Any]) -> str:
    """The citation for the "them and us" warning: the result's own engagement recommendation
    (the one whose text warns of it, else R04) when present, else Sebba et al. 2017, R04."""
    warning = [r for r, rec in recs.items() if "them and us" in rec["text"].lower()]
    rid = next(iter(warning), "R04" if "R04" in recs else None)
    if rid is None:
        return THEM_AND_US
    rec = recs[rid]
    return f"{rec['source']} (recommendation {rid}: {rec['title']})"
