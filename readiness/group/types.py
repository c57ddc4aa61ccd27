"""The shape of a group result, as types: what ``readiness aggregate`` writes.

These mirror ``readiness schema group`` (the JSON Schema is the contract; these let mypy check
the code that builds and reads groups). Each shape is a ``TypedDict``: at run time an ordinary
dict. Standard library only.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from readiness.scoring.result_types import BandRow, BankRef, Generator

Agreement = Literal["high", "moderate", "low"]


class Rules(TypedDict):
    """The thresholds used, so readers know what "high agreement" or "divergent" meant."""

    sd: Literal["population"]
    agreement_high_below: float
    agreement_moderate_below: float
    divergent_range: float
    divergent_sd: float
    role_gap: float
    agenda_size: int
    blocker_share: float


class Respondents(TypedDict):
    count: int
    people: int
    sides: NotRequired[dict[str, list[str]]]
    by_role: dict[str, int]


class Member(TypedDict):
    """One result combined (a room's votes are one member of ``people`` people)."""

    name: str | None
    role: str | None
    organisation: str | None
    file: str
    completed_at: str
    room: bool
    people: int
    role_group: NotRequired[str]


class RoleValues(TypedDict):
    n: int
    mean: float


class RoleMean(RoleValues):
    role: str


class Stats(TypedDict):
    """The statistics of the respondents' scores (0-100) for one part or question."""

    n: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None
    sd: float | None
    range: float | None
    agreement: Agreement | None
    divergent: bool
    by_role: dict[str, RoleValues]


class GroupOverall(Stats):
    score: float | None
    band: str | None
    band_label: str | None
    uncapped_band: str | None
    capped_by: list[str]


class GroupDomain(GroupOverall):
    title: str
    weight: float
    no_score: int


class GroupRecommendation(Stats):
    title: str
    text: str
    source: str
    score: float | None
    band: str | None
    band_label: str | None
    no_score: int


class GroupQuestion(Stats):
    """One question across the group: score statistics and how people answered."""

    question_id: str
    domain: str
    prompt: str
    type: str
    evidences: list[str]
    discussion: str | None
    distribution: dict[str, int]
    labels: dict[str, str]
    option_scores: NotRequired[dict[str, float]]
    dont_know: int
    skipped: int
    not_applicable: int


class AgendaItem(TypedDict):
    rank: int
    question_id: str
    sd: float
    range: float
    divergent: bool


class RoleGap(TypedDict):
    """A "them and us" risk: role means more than ``rules.role_gap`` apart."""

    scope: Literal["domain", "recommendation"]
    id: str
    title: str
    high: RoleMean
    low: RoleMean
    gap: float
    message: str
    source: str


class GroupBlocker(TypedDict):
    rule: str
    message: str
    caps: dict[str, str | None]
    band_label: str
    count: int
    of: int
    caps_group: bool


class GroupResult(TypedDict):
    """Several respondents' results of one bank combined (``kind`` is ``group``)."""

    schema_version: str
    kind: Literal["group"]
    generator: Generator
    bank: BankRef | list[BankRef]
    rules: Rules
    respondents: Respondents
    members: list[Member]
    bands: list[BandRow]
    overall: GroupOverall
    domains: dict[str, GroupDomain]
    recommendations: dict[str, GroupRecommendation]
    questions: list[GroupQuestion]
    agenda: list[AgendaItem]
    role_gaps: list[RoleGap]
    blockers: list[GroupBlocker]
    warnings: list[str]
