"""Load a question bank: read safely, check the schema, check meaning, build a :class:`Bank`.

Every path by which a bank enters the program (``--bank``, ``validate``, a resumed session)
goes through :func:`load_bank` or :func:`validate_bank_file`, so the same limits and checks
apply everywhere.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct

from readiness import schemas
from readiness.bank.cache import passed_before, remember_passed
from readiness.bank.checks import check_meaning, suggest
from readiness.bank.yamlsafe import Document, decode, load_text, read_bytes
from readiness.errors import BankError, Finding, UsageError
from readiness.kinds import KIND_BY_TYPE
from readiness.model import (
    PRIORITY_WEIGHTS,
    AuditCondition,
    Band,
    Bank,
    Blocker,
    Citation,
    Condition,
    CoverageRule,
    Domain,
    FollowUp,
    FollowUpPrompt,
    NumberSpec,
    Option,
    Question,
    Recommendation,
    RoleGroup,
    Source,
)

DONT_KNOW_LABEL = "Don't know"
SECONDS_PER_QUESTION = 30


class BundledBank(Struct, frozen=True):
    """A bank shipped with the package."""

    id: str
    path: Path


def bundled_dir() -> Path:
    """The folder of bundled banks: inside the installed package, or the checkout's.

    Found beside this file rather than through importlib.resources, which would load zipfile
    support at start-up for a package that is never run from a zip."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "questions"
    return packaged if packaged.is_dir() else package.parent / "questions"


def bundled_banks() -> list[BundledBank]:
    """The bundled banks, core first, then by id."""
    found = [BundledBank(p.stem, p) for p in bundled_dir().glob("*.yaml")]
    return sorted(found, key=lambda b: (b.id != "core", b.id))


def resolve(id_or_path: str) -> tuple[Path, str]:
    """The file of a bundled bank id or a path, and how to name it in messages."""
    path = Path(id_or_path)
    looks_like_path = path.suffix in (".yaml", ".yml", ".json") or "/" in id_or_path
    if path.is_file() or looks_like_path:
        if not path.exists():
            raise UsageError(f"{id_or_path}: no such bank file")
        return path, id_or_path
    bundled = {b.id: b for b in bundled_banks()}
    if id_or_path in bundled:
        return bundled[id_or_path].path, f"questions/{id_or_path}.yaml"
    raise UsageError(
        f"no bundled bank called {id_or_path!r}{suggest(id_or_path, bundled)}; "
        "run 'readiness banks' to list them, or give a path to a bank file"
    )


def read_document(path: Path, shown: str) -> tuple[Document, str]:
    """The file as a document, and the sha256 of its bytes."""
    raw = read_bytes(path, shown)
    return load_text(decode(raw, shown), shown), hashlib.sha256(raw).hexdigest()


def findings_of(doc: Document) -> list[Finding]:
    """Schema findings; when there are none, findings of meaning."""
    return schemas.check(doc, "bank") or check_meaning(doc)


def validate_bank_file(path: Path, shown: str | None = None) -> list[Finding]:
    """Every finding in one bank file (empty when it is valid); raises on unreadable input.

    A valid bank's own example replies are then read, and each one misread is a finding
    (these do not stop the bank loading: they are the author's tests).
    """
    doc, _ = read_document(path, shown or str(path))
    findings = findings_of(doc)
    if findings:
        return findings
    from readiness.bank.examples import misread_examples

    return misread_examples(doc, build_bank(doc.data))


def load_bank(id_or_path: str) -> Bank:
    """A valid :class:`Bank` from a bundled id or a path, or :class:`BankError` with findings."""
    path, shown = resolve(id_or_path)
    raw = read_bytes(path, shown)
    digest = hashlib.sha256(raw).hexdigest()
    data = passed_before(digest)
    if data is None:
        doc = load_text(decode(raw, shown), shown)
        findings = findings_of(doc)
        if findings:
            raise BankError(f"{shown}: the bank is invalid", tuple(findings))
        data = doc.data
        remember_passed(digest, data)
    return build_bank(data, digest, id_or_path)


def build_bank(data: dict[str, Any], sha256: str = "", origin: str = "") -> Bank:
    """A :class:`Bank` from validated data."""
    scales = {s["id"]: s for s in data.get("scales", [])}
    default_follow_up = _follow_up(data.get("follow_up"), None)
    return Bank(
        id=data["id"],
        title=data["title"],
        version=str(data["version"]),
        description=data.get("description", ""),
        language=data.get("language", "en-GB"),
        estimated_minutes=data.get("estimated_minutes")
        or max(1, round(len(data["questions"]) * SECONDS_PER_QUESTION / 60)),
        sources=tuple(
            Source(s["id"], s["short"], s["citation"], s.get("url")) for s in data["sources"]
        ),
        domains=tuple(
            Domain(d["id"], d["title"], d.get("description", ""), float(d.get("weight", 1)))
            for d in data["domains"]
        ),
        recommendations=tuple(
            Recommendation(
                r["id"],
                r["title"],
                r["text"],
                _citation(r["source"]),
                tuple(r.get("next_steps", ())),
                r.get("kind", "practice"),
            )
            for r in data["recommendations"]
        ),
        audit_conditions=tuple(
            AuditCondition(c["id"], c["title"], c["recommendation"])
            for c in data.get("audit_conditions", [])
        ),
        questions=tuple(_question(q, scales, default_follow_up) for q in data["questions"]),
        bands=tuple(
            Band(b["id"], b["label"], float(b["min"]), float(b["max"]), b.get("description", ""))
            for b in data["bands"]
        ),
        blockers=tuple(
            Blocker(
                b["id"],
                _condition(b["when"]),
                b["caps"]["band"],
                b["message"],
                b["caps"].get("domain"),
            )
            for b in data.get("blockers", [])
        ),
        coverage=_coverage(data.get("coverage")),
        priority_weights={**PRIORITY_WEIGHTS, **data.get("priority_weights", {})},
        changes=tuple(_changes(data.get("changes"), str(data["version"]))),
        role_groups=tuple(
            RoleGroup(g["id"], g["label"], tuple(g.get("matches", ())), g.get("side"))
            for g in data.get("role_groups", [])
        ),
        sha256=sha256,
        origin=origin,
    )


def _coverage(data: dict[str, Any] | None) -> CoverageRule | None:
    """The bank's rule for low coverage, or None when it sets none."""
    if not data:
        return None
    return CoverageRule(float(data["below"]), data["caps"]["band"])


def _changes(data: list[dict[str, Any]] | None, version: str) -> list[str]:
    """The notes of this version's entry in ``changes`` (newest first in the file)."""
    entry = next((c for c in data or () if str(c["version"]) == version), None)
    return list(entry["notes"]) if entry else []


def _citation(data: dict[str, Any]) -> Citation:
    return Citation(data["ref"], data.get("pages"))


def _options(items: list[dict[str, Any]], spaced: bool) -> tuple[Option, ...]:
    """Options; on a scale, those without a score are spaced evenly from 0 to 1."""
    unscored = [i for i, o in enumerate(items) if "score" not in o]
    step = {
        i: (n / (len(unscored) - 1) if len(unscored) > 1 else 1.0) for n, i in enumerate(unscored)
    }
    return tuple(
        Option(
            o["id"],
            o["label"],
            o["score"] if "score" in o else (step[i] if spaced else None),
            tuple(o.get("synonyms", ())),
            bool(o.get("exclusive", False)),
            tuple(o.get("examples", ())),
        )
        for i, o in enumerate(items)
    )


def _dont_know(*settings: Any) -> str | None:
    for setting in settings:
        if setting is False:
            return None
        if isinstance(setting, str):
            return setting
    return DONT_KNOW_LABEL


def _question(q: dict[str, Any], scales: dict[str, Any], default: FollowUp | None) -> Question:
    scale = scales.get(q.get("scale", ""), {})
    kind = KIND_BY_TYPE[q["type"]]
    options: tuple[Option, ...] = ()
    if kind.options_from == "scale":
        options = _options(scale["options"], spaced=True)
    elif kind.options_from == "question":
        options = _options(q["options"], spaced=False)
    elif kind.options_from == "fixed":
        options = kind.fixed_options
    if kind.free_text:  # "don't know" only when the question names it
        dont_know = q["dont_know"] if isinstance(q.get("dont_know"), str) else None
    else:
        dont_know = _dont_know(q.get("dont_know"), scale.get("dont_know"))
    return Question(
        id=q["id"],
        domain=q["domain"],
        prompt=q["prompt"],
        help_text=q["help"]["text"],
        help_source=_citation(q["help"]["source"]),
        type=q["type"],
        options=options,
        scale=q.get("scale"),
        dont_know=dont_know,
        number=NumberSpec(**q.get("number", {})) if kind.numeric else None,
        weight=float(q.get("weight", 1)),
        reverse=bool(q.get("reverse", False)),
        evidences=tuple(q.get("evidences", ())),
        audit_condition=q.get("audit_condition"),
        action_column=q.get("action_column"),
        when=_condition(q["when"]) if "when" in q else None,
        follow_up=_follow_up(q.get("follow_up"), default) if not kind.free_text else None,
        discussion=q.get("discussion"),
        dont_know_examples=tuple(q.get("dont_know_examples", ())),
    )


def _follow_up(data: Any, default: FollowUp | None) -> FollowUp | None:
    if data is False:
        return None
    if data is None:
        return default
    prompts = data.get("prompts")
    return FollowUp(
        below=float(data.get("below", default.below if default else 0.5)),
        prompts=tuple(FollowUpPrompt(p["id"], p["text"]) for p in prompts)
        if prompts
        else (default.prompts if default else ()),
    )


def _condition(data: dict[str, Any]) -> Condition:
    if "all" in data or "any" in data:
        kind: Literal["all", "any"] = "all" if "all" in data else "any"
        return Condition(kind, children=tuple(_condition(c) for c in data[kind]))
    if "not" in data:
        return Condition("not", children=(_condition(data["not"]),))

    def ids(key: str) -> tuple[str, ...] | None:
        if key not in data:
            return None
        return tuple({True: "yes", False: "no"}.get(v, v) for v in data[key])

    return Condition(
        "question",
        question=data["question"],
        in_=ids("in"),
        not_in=ids("not_in"),
        min=data.get("min"),
        max=data.get("max"),
        answered=data.get("answered"),
    )
