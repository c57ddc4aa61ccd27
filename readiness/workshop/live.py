"""The group as it forms during a workshop: the figures the facilitator's live views show.

Pure core (no aiohttp, no Textual). Each participant's session is scored as a finished one is
(:meth:`Session.result`; an in-progress one with its unanswered questions counted as skipped),
and the results go through the same group code as ``readiness aggregate``
(:class:`~readiness.group.builder.GroupBuilder` and :func:`~readiness.group.aggregate.build`),
so the live figures are the aggregate of the same results. :func:`end_workshop` writes that
group, and its summary, next to the participants' results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from readiness.errors import ReadinessError
from readiness.group.agreement import Rules
from readiness.group.builder import GroupBuilder
from readiness.group.sources import Source
from readiness.text import one_line

if TYPE_CHECKING:
    from readiness.model import Bank
    from readiness.session.engine import Session

Entries = Sequence[tuple["Session", bool]]
DONT_KNOW_LABEL = "Don't know"


@dataclass(frozen=True)
class OptionCount:
    """How many chose one answer of a question (its label, never its id)."""

    label: str
    count: int


@dataclass(frozen=True)
class QuestionFigures:
    """One question across the group: its answers in the bank's option order, and agreement.

    Attributes:
        not_yet: Participants still answering who have not reached it (not counted as skipped).
    """

    question_id: str
    domain: str
    prompt: str
    answers: tuple[OptionCount, ...]
    dont_know: int
    skipped: int
    not_yet: int
    n: int
    mean: float | None
    sd: float | None
    agreement: str | None
    divergent: bool


@dataclass(frozen=True)
class RoleMean:
    """A role's mean on a domain; ``mean`` None when the role is too small to show."""

    role: str
    mean: float | None
    n: int | None


@dataclass(frozen=True)
class DomainFigures:
    """A domain's group score (the mean of each person's), its spread and its roles."""

    domain_id: str
    title: str
    score: float | None
    band_label: str | None
    n: int
    sd: float | None
    agreement: str | None
    roles: tuple[RoleMean, ...]


@dataclass(frozen=True)
class LiveFigures:
    """Everything a live view shows. ``group`` is the group result (None before any answer).

    Attributes:
        joined, answering, finished: Participants; answering means with an answer, unfinished.
        counted: Participants in the group (finished, or with at least one answer).
        divergent: The most divergent questions (the group's discussion agenda), in order.
        role_gaps: The group's "them and us" messages.
    """

    joined: int
    answering: int
    finished: int
    counted: int
    min_group: int
    overall: float | None = None
    overall_band: str | None = None
    domains: tuple[DomainFigures, ...] = ()
    questions: tuple[QuestionFigures, ...] = ()
    divergent: tuple[QuestionFigures, ...] = ()
    role_gaps: tuple[str, ...] = ()
    group: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict[str, Any]:
        """The figures as JSON-ready data (without the group), for the projector page."""
        data = asdict(self)
        data.pop("group")
        return data


class ResultCache:
    """Each session's result, worked out again only when its answers change.

    Scoring a session takes milliseconds; a room of 200 re-scored after every answer would
    not keep up, so results are kept by what they are made from.
    """

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Any, dict[str, Any]]] = {}

    def result(self, session: Session) -> dict[str, Any]:
        key = _fingerprint(session)
        found = self._kept.get(session.id)
        if found is None or found[0] != key:
            found = self._kept[session.id] = (key, session.result())
        return found[1]


def _fingerprint(session: Session) -> Any:
    return (
        session.finished_at,
        repr(sorted(session.answers.items(), key=lambda kv: kv[0])),
        repr(sorted(session.replies.items())),
        repr(sorted(session.distributions.items())),
        session.respondent,
    )


def counted(entries: Entries) -> list[tuple[Session, bool]]:
    """The participants the group counts: finished, or with at least one answer."""
    return [(s, done) for s, done in entries if done or s.answers]


def group_of(
    bank: Bank,
    results: Sequence[tuple[str, Mapping[str, Any]]],
    min_group: int = 3,
) -> dict[str, Any]:
    """The group result of ``(name, result)`` pairs, as ``readiness aggregate`` makes it.

    Each participant's session is a different person, so results are not refused as
    duplicates (two anonymous "practitioner"s may start in the same second).
    """
    from readiness import __version__
    from readiness.group.aggregate import build

    builder = _Participants(rules=Rules(min_group=min_group))
    for name, data in results:
        builder.add(Source(name, name, dict(data), "", True))
    key = (bank.id, bank.version, bank.sha256)
    banks = {key: bank} if key in builder.banks else {}
    return build(builder, banks=banks, generator_version=__version__)


class _Participants(GroupBuilder):
    """A builder for a workshop's own sessions: each is one person by construction."""

    def _check_duplicate(self, bank: Any, source: Source) -> None:
        return None


def live_figures(
    bank: Bank, entries: Entries, min_group: int = 3, *, cache: ResultCache | None = None
) -> LiveFigures:
    """The counts and the group as it forms, from finished and in-progress answers alike."""
    joined = len(entries)
    finished = sum(1 for _, done in entries if done)
    answering = sum(1 for s, done in entries if not done and s.answers)
    people = counted(entries)
    base = LiveFigures(joined, answering, finished, len(people), min_group)
    if not people:
        return base
    cache = cache or ResultCache()
    group = group_of(
        bank,
        [(f"participant {i}", cache.result(s)) for i, (s, _) in enumerate(people, 1)],
        min_group,
    )
    questions = tuple(_question(bank, q, people) for q in group["questions"])
    by_id = {q.question_id: q for q in questions}
    overall = group["overall"]
    return LiveFigures(
        joined,
        answering,
        finished,
        len(people),
        min_group,
        overall["score"],
        overall.get("band_label"),
        tuple(_domain(did, part) for did, part in group["domains"].items()),
        questions,
        tuple(by_id[item["question_id"]] for item in group["agenda"]),
        tuple(one_line(g["message"]) for g in group["role_gaps"]),
        group,
    )


def _question(bank: Bank, q: Mapping[str, Any], people: Entries) -> QuestionFigures:
    qid = q["question_id"]
    found = dict(q["distribution"])
    labels = q["labels"]
    counts: list[OptionCount] = []
    question = bank.question_by_id.get(qid)
    for option in question.options if question else ():
        counts.append(OptionCount(one_line(option.label), found.pop(option.id, 0)))
    for key in sorted(found, key=_number_first):
        counts.append(OptionCount(one_line(str(labels.get(key, key))), found[key]))
    not_yet = sum(1 for s, done in people if not done and qid not in s.answers)
    return QuestionFigures(
        qid,
        q["domain"],
        one_line(q["prompt"]),
        tuple(counts),
        q["dont_know"],
        max(0, q["skipped"] - not_yet),
        not_yet,
        q["n"],
        q["mean"],
        q["sd"],
        q["agreement"],
        q["divergent"],
    )


def _number_first(key: str) -> tuple[int, float, str]:
    try:
        return (0, float(key), key)
    except ValueError:
        return (1, 0.0, key)


def _domain(did: str, part: Mapping[str, Any]) -> DomainFigures:
    roles = [RoleMean(one_line(r), s["mean"], s["n"]) for r, s in part["by_role"].items()]
    roles += [RoleMean(one_line(r), None, None) for r in part["suppressed_roles"]]
    return DomainFigures(
        did,
        one_line(part["title"]),
        part["score"],
        part.get("band_label"),
        part["n"],
        part["sd"],
        part["agreement"],
        tuple(sorted(roles, key=lambda r: r.role.casefold())),
    )


class Room(Protocol):
    """What :func:`end_workshop` needs of a workshop (see ``readiness.workshop.room``)."""

    bank: Bank
    output_dir: Path

    def snapshot(self) -> list[tuple[Session, bool]]: ...


@dataclass(frozen=True)
class Ended:
    """The files written when a workshop ends, and who was in the group."""

    group: Path
    html: Path
    markdown: Path
    finished: int
    unfinished: int


def end_workshop(workshop: Room, min_group: int = 3) -> Ended:
    """Write the group result (JSON) and its summary (HTML, Markdown) into the output folder.

    Finished participants count with their results; those still answering count with what
    they have answered, and the group's warnings say how many they were. Files get new names
    (``group-YYYYMMDD-HHMM.json``, ``-2`` and so on), never overwriting.

    Raises:
        ReadinessError: Nobody has answered anything yet, or the folder cannot be written.
    """
    from readiness import store
    from readiness.report.build import build
    from readiness.report.renderers import renderer

    people = counted(workshop.snapshot())
    if not people:
        raise ReadinessError(
            f"{workshop.output_dir}: no group result written: nobody has answered yet"
        )
    unfinished = sum(1 for _, done in people if not done)
    results = [
        (f"{'unfinished ' if not done else ''}participant {i}", s.result())
        for i, (s, done) in enumerate(people, 1)
    ]
    group = group_of(workshop.bank, results, min_group)
    if unfinished:
        group["warnings"].append(
            f"{unfinished} of {len(people)} participants had not finished when the workshop "
            "ended: they count with the questions they had answered (the rest as skipped)"
        )
    folder = Path(workshop.output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"group-{datetime.now(UTC).strftime('%Y%m%d-%H%M')}"
    store.ensure_valid(group, "group", str(folder / f"{stem}.json"))
    document = build(group)
    json_path = store.write_new_text(folder, stem, ".json", store.dumps(group))
    named = json_path.stem
    html = store.write_new_text(folder, named, ".html", renderer("html").render(document))
    md = store.write_new_text(folder, named, ".md", renderer("md").render(document))
    return Ended(json_path, html, md, len(people) - unfinished, unfinished)
