"""The shape of a result, as types: what ``readiness score`` writes and the API returns.

These mirror ``readiness schema result`` (the JSON Schema is the contract; these let mypy check
the code that builds and reads results). A result is plain JSON data, so each shape is a
``TypedDict``: at run time it is an ordinary dict. Standard library only.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

from readiness.model import Answer

ItemStatus = Literal["scored", "dont_know", "skipped", "hidden", "not_scored", "no_score"]


class Generator(TypedDict):
    name: str
    version: str


class BankRef(TypedDict):
    """Which bank the answers were scored against; ``sha256`` notices a changed file."""

    id: str
    version: str
    title: str
    sha256: str


class Respondent(TypedDict):
    name: str | None
    role: str | None
    organisation: str | None
    role_group: NotRequired[str]


class SessionTimes(TypedDict):
    started_at: str
    completed_at: str
    mode: NotRequired[Literal["individual", "room"]]
    id: NotRequired[str]


class BandRow(TypedDict):
    id: str
    label: str
    min: float
    max: float


class Capped(TypedDict):
    """A band, and the blockers that lowered it (``uncapped_band`` is the band before them)."""

    band: str | None
    band_label: str | None
    uncapped_band: str | None
    capped_by: list[str]


class Overall(Capped):
    """The overall score 0-100 (one decimal), its band, and how much of it was answered."""

    score: float | None
    coverage: float | None
    low_confidence: bool
    answered: int
    applicable: int


class DomainPart(Overall):
    title: str
    weight: float


class RecommendationPart(TypedDict):
    title: str
    text: str
    source: str
    next_steps: list[str]
    score: float | None
    band: str | None
    band_label: str | None
    coverage: float | None
    low_confidence: bool
    answered: int
    applicable: int


class AnswerRow(TypedDict):
    """One question's answer, as stored and as people read it, with its item score 0-1."""

    question_id: str
    domain: str
    prompt: str
    type: str
    applicable: bool
    value: Answer
    value_label: str | None
    score: float | None
    dont_know: bool
    skipped: bool
    status: ItemStatus
    weight: float
    reverse: bool
    evidences: list[str]
    note: str | None
    reply: NotRequired[str]
    """The respondent's own words the answer was taken from (since 1.2)."""
    distribution: NotRequired[dict[str, Any]]
    """Room mode: how many people chose each option."""


class ActionRow(TypedDict):
    """One (target, question) row of the action plan; several rows may share an ``id``."""

    id: str
    kind: str
    title: str
    recommendation: str | None
    question: NotRequired[str | None]
    now: str | None
    needs: str | None
    progress: str | None


class PriorityRow(TypedDict):
    rank: int
    recommendation: str
    title: str
    text: str
    source: str
    score: float
    band: str
    band_label: str
    reason: str
    next_steps: list[str]
    actions: list[ActionRow]


class Gap(TypedDict):
    """A question answered "don't know" (``kind`` ``dont_know``) or skipped."""

    question_id: str
    domain: str
    prompt: str
    kind: str
    reason: str


class BlockerCaps(TypedDict):
    band: str
    domain: str | None


class BlockerRow(TypedDict):
    rule: str
    message: str
    caps: BlockerCaps
    band_label: str
    effective: bool


class Result(TypedDict):
    """One respondent's scored assessment (``kind`` is ``result``)."""

    schema_version: str
    kind: Literal["result"]
    generator: Generator
    bank: BankRef
    respondent: Respondent
    session: SessionTimes
    bands: list[BandRow]
    overall: Overall
    domains: dict[str, DomainPart]
    recommendations: dict[str, RecommendationPart]
    answers: list[AnswerRow]
    priorities: list[PriorityRow]
    gaps: list[Gap]
    blockers: list[BlockerRow]
    actions: list[ActionRow]
    warnings: list[str]
