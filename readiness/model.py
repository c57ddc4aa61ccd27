r"""The question bank as frozen records: what the rest of the program reads.

A :class:`Bank` is built once from a validated file by :mod:`readiness.bank.load` and never
changes; answers live elsewhere (the engine's session, the scoring's inputs). Records are
frozen ``msgspec.Struct``\ s, as everywhere in the core: Python 3.11 takes about a millisecond to
define each frozen dataclass, and the app defines some fifty before its first question.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, Literal

from msgspec import Struct, field

QuestionType = Literal["scale", "single", "multiple", "yesno", "number", "text"]
DONT_KNOW = "dont_know"
"""The answer value meaning "don't know": never scored, listed as a gap."""

ActionColumn = Literal["now", "needs", "progress"]
ACTION_COLUMNS: tuple[ActionColumn, ...] = ("now", "needs", "progress")
ACTION_COLUMN_TITLES = {
    "now": "What happens now in your service?",
    "needs": "What needs to happen?",
    "progress": "How will you progress this?",
}

Answer = str | float | int | list[str] | None
"""An answer as stored: an option id, ``DONT_KNOW``, a list of option ids, a number or text."""


class Source(Struct, frozen=True):
    """A document the bank cites."""

    id: str
    short: str
    citation: str
    url: str | None = None


class Citation(Struct, frozen=True):
    """A reference to a source, with pages."""

    ref: str
    pages: str | None = None


class Option(Struct, frozen=True):
    """One reply to a choice question.

    Attributes:
        score: 0..1, or None when choosing it scores nothing.
        synonyms: Other words a typed reply may use for it.
        exclusive: Multiple choice only: cannot be chosen with others.
        examples: Replies people might type that mean this option: the bank's own tests of
            reply understanding, also used as evidence when reading a reply.
    """

    id: str
    label: str
    score: float | None
    synonyms: tuple[str, ...] = ()
    exclusive: bool = False
    examples: tuple[str, ...] = ()


class Domain(Struct, frozen=True):
    """An area of readiness (leadership, capacity, ...)."""

    id: str
    title: str
    description: str = ""
    weight: float = 1.0


RecommendationKind = Literal["precondition", "practice", "option"]
RECOMMENDATION_KINDS: tuple[RecommendationKind, ...] = ("precondition", "practice", "option")
PRIORITY_WEIGHTS: dict[str, float] = {
    "precondition": 1.0,
    "practice": 0.8,
    "option": 0.5,
}
"""How much of a recommendation's need (100 - score) counts when ranking priorities, by kind:
a precondition's need counts in full, an option to consider's at half, so an option never
outranks a precondition of similar need. A bank may set its own (``priority_weights``)."""
KIND_WORDS: dict[RecommendationKind, str] = {
    "precondition": "a precondition",
    "practice": "a practice",
    "option": "an option to consider",
}


class Recommendation(Struct, frozen=True):
    """One of the recommendations readiness is scored against.

    Attributes:
        kind: ``precondition`` (what innovation needs first, such as capacity or leadership),
            ``practice`` (what good innovation work does) or ``option`` (one to consider, not
            a condition); it weights the recommendation's need when priorities are ranked.
    """

    id: str
    title: str
    text: str
    source: Citation
    next_steps: tuple[str, ...] = ()
    kind: RecommendationKind = "practice"


class AuditCondition(Struct, frozen=True):
    """A condition of the Audit of Service, tied to a recommendation."""

    id: str
    title: str
    recommendation: str


class FollowUpPrompt(Struct, frozen=True):
    """A question asked after a low answer; ``id`` is the action-plan column it fills."""

    id: ActionColumn
    text: str


class FollowUp(Struct, frozen=True):
    """When to follow up a low answer, and what to ask."""

    below: float
    prompts: tuple[FollowUpPrompt, ...]


class Condition(Struct, frozen=True):
    """A test of earlier answers: a question test, or ``all``/``any``/``not`` of others."""

    kind: Literal["question", "all", "any", "not"]
    question: str | None = None
    in_: tuple[str, ...] | None = None
    not_in: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    answered: bool | None = None
    children: tuple[Condition, ...] = ()

    def questions(self) -> set[str]:
        """Every question id this condition looks at."""
        found = {self.question} if self.question else set()
        for child in self.children:
            found |= child.questions()
        return found

    def holds(self, answers: Mapping[str, Any]) -> bool:
        """Whether the condition is true of ``answers`` (question id to answer)."""
        if self.kind == "all":
            return all(c.holds(answers) for c in self.children)
        if self.kind == "any":
            return any(c.holds(answers) for c in self.children)
        if self.kind == "not":
            return not self.children[0].holds(answers)
        return self._test(answers.get(self.question or ""))

    def _test(self, value: Any) -> bool:
        real = value is not None and value != DONT_KNOW
        if self.answered is not None and real != self.answered:
            return False
        chosen = set(value) if isinstance(value, list) else {value}
        if self.in_ is not None and not chosen & set(self.in_):
            return False
        if self.not_in is not None and (not real or chosen & set(self.not_in)):
            return False
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if self.min is not None and not (numeric and value >= self.min):
            return False
        return self.max is None or (numeric and value <= self.max)


class NumberSpec(Struct, frozen=True):
    """Limits and scoring of a number question."""

    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str = ""
    worst: float | None = None
    best: float | None = None

    @property
    def scored(self) -> bool:
        return self.worst is not None and self.best is not None and self.worst != self.best


class Question(Struct, frozen=True):
    """One question of the bank, with its options resolved from its scale.

    Attributes:
        dont_know: The label of the "don't know" reply, or None when it is not offered.
        evidences: Ids of the recommendations this question evidences.
        action_column: For text questions, the action-plan column the reply fills.
        follow_up: When and what to ask after a low answer, or None.
        dont_know_examples: Replies that mean "don't know" here (tests and evidence).
    """

    id: str
    domain: str
    prompt: str
    help_text: str
    help_source: Citation
    type: QuestionType
    options: tuple[Option, ...] = ()
    scale: str | None = None
    dont_know: str | None = None
    number: NumberSpec | None = None
    weight: float = 1.0
    reverse: bool = False
    evidences: tuple[str, ...] = ()
    audit_condition: str | None = None
    action_column: ActionColumn | None = None
    when: Condition | None = None
    follow_up: FollowUp | None = None
    discussion: str | None = None
    dont_know_examples: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        """Whether any answer to this question can carry a score."""
        if self.type == "text":
            return False
        if self.type == "number":
            return self.number is not None and self.number.scored
        return any(o.score is not None for o in self.options)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


class Band(Struct, frozen=True):
    """A named readiness level: scores from ``min`` up to (not including) ``max``."""

    id: str
    label: str
    min: float
    max: float
    description: str = ""


class Blocker(Struct, frozen=True):
    """A rule: while ``when`` holds, the band of ``domain`` (or overall) is at most ``band``."""

    id: str
    when: Condition
    band: str
    message: str
    domain: str | None = None


class CoverageRule(Struct, frozen=True):
    """How low coverage tempers a domain (and the overall): below ``below`` answered of
    applicable, its band is at most ``band`` and it counts in the overall with its weight times
    its coverage."""

    below: float
    band: str


RoleSide = Literal["leaders", "front_line"]
ROLE_SIDES: tuple[RoleSide, ...] = ("leaders", "front_line")


class RoleGroup(Struct, frozen=True):
    """A group of roles people pick from, so a group result compares like with like.

    Attributes:
        matches: Words or phrases a free-text role may contain to belong here (whole words,
            any case; the longest match across groups wins).
        side: Which side of "them and us" the group is on, or None (compared on neither).
    """

    id: str
    label: str
    matches: tuple[str, ...] = ()
    side: RoleSide | None = None


class Bank(Struct, frozen=True, dict=True):
    """A whole question bank, validated.

    Attributes:
        coverage: How low coverage tempers bands and weights, or None (it does not).
        priority_weights: Kind to the share of need that counts when ranking priorities.
        changes: What changed in this version of the bank, for people comparing versions.
        role_groups: The groups of roles a respondent may pick (empty: free text only).
        sha256: Hash of the file's bytes, stored in results and sessions to notice changes.
        origin: Where it was loaded from: a bundled id or a path.
    """

    id: str
    title: str
    version: str
    sources: tuple[Source, ...]
    domains: tuple[Domain, ...]
    recommendations: tuple[Recommendation, ...]
    questions: tuple[Question, ...]
    bands: tuple[Band, ...]
    description: str = ""
    language: str = "en-GB"
    estimated_minutes: int = 0
    audit_conditions: tuple[AuditCondition, ...] = ()
    blockers: tuple[Blocker, ...] = ()
    coverage: CoverageRule | None = None
    priority_weights: Mapping[str, float] = field(default_factory=lambda: dict(PRIORITY_WEIGHTS))
    changes: tuple[str, ...] = ()
    role_groups: tuple[RoleGroup, ...] = ()
    sha256: str = ""
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def domain_by_id(self) -> dict[str, Domain]:
        return {d.id: d for d in self.domains}

    @cached_property
    def recommendation_by_id(self) -> dict[str, Recommendation]:
        return {r.id: r for r in self.recommendations}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def band_by_id(self) -> dict[str, Band]:
        return {b.id: b for b in self.bands}

    @cached_property
    def audit_condition_by_id(self) -> dict[str, AuditCondition]:
        return {c.id: c for c in self.audit_conditions}

    def cite(self, citation: Citation) -> str:
        """A citation as people read it: ``Sebba et al. 2017, p. 9``."""
        source = self.source_by_id.get(citation.ref)
        name = source.short if source else citation.ref
        return f"{name}, {citation.pages}" if citation.pages else name

    def band_for(self, score: float | None) -> Band | None:
        """The band of an unrounded score; a score on a threshold takes the higher band."""
        if score is None:
            return None
        for band in sorted(self.bands, key=lambda b: b.min, reverse=True):
            if score >= band.min:
                return band
        return self.bands[0]
