"""Sessions on disk: saved after every reply, found again to resume, checked against the bank.

A session file is JSON valid against ``readiness schema session``, written atomically and
readable by its owner only. If the bank changed since the session began, what still fits is
kept and the rest is reported, never silently dropped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.errors import ResultFileError, UsageError
from readiness.kinds.values import AnswerValueError, normalise
from readiness.model import Bank
from readiness.scoring.answers import Respondent
from readiness.session.engine import SESSION_SCHEMA_VERSION, Session
from readiness.store import open_json, read_json, write_json_atomic

ENV_DIR = "READINESS_DATA_DIR"


def sessions_dir() -> Path:
    """Where sessions are kept: $READINESS_DATA_DIR, else the user data folder."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]) / "sessions"
    from platformdirs import user_data_path

    return user_data_path("readiness", appauthor=False) / "sessions"


def session_path(session: Session, folder: Path | None = None) -> Path:
    return (folder or sessions_dir()) / f"{session.id}.json"


def to_dict(session: Session) -> dict[str, Any]:
    """The session as JSON-ready data."""
    bank = session.bank
    return {
        "schema_version": SESSION_SCHEMA_VERSION,
        "kind": "session",
        "id": session.id,
        "bank": {
            "id": bank.id,
            "version": bank.version,
            "title": bank.title,
            "sha256": bank.sha256,
            "origin": bank.origin or bank.id,
        },
        "respondent": {
            "name": session.respondent.name,
            "role": session.respondent.role,
            "organisation": session.respondent.organisation,
        },
        "mode": session.mode,
        "started_at": session.started_at,
        "updated_at": session.updated_at,
        "finished_at": session.finished_at,
        "answers": dict(session.answers),
        "notes": dict(session.notes),
        "actions": {k: dict(v) for k, v in session.actions.items()},
        "distributions": {k: dict(v) for k, v in session.distributions.items()},
        "set_aside": dict(session.set_aside),
        "history": list(session.history),
        "revisit": session.revisit,
        "follow_up": list(session.follow_up) if session.follow_up else None,
        "reflected": sorted(session.reflected),
    }


def save(session: Session, folder: Path | None = None) -> Path:
    """Write the session atomically; returns its path."""
    path = session_path(session, folder)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_json_atomic(path, to_dict(session), schema="session")
    return path


@dataclass(frozen=True)
class Restored:
    """A session read back, with what had to change because the bank changed."""

    session: Session
    changes: tuple[str, ...] = ()


def read(path: Path) -> dict[str, Any]:
    """A session file's data, validated."""
    return read_json(path, schema="session")


def restore(data: dict[str, Any], bank: Bank) -> Restored:
    """A :class:`Session` from saved data, keeping what still fits ``bank``."""
    changes: list[str] = []
    if data["bank"]["id"] != bank.id:
        raise ResultFileError(
            f"the session is for the {data['bank']['id']!r} bank, not {bank.id!r}; "
            f"resume it with --bank {data['bank']['origin']}"
        )
    if data["bank"]["sha256"] and data["bank"]["sha256"] != bank.sha256:
        changes.append(
            f"The {bank.id} bank has changed since this session began "
            f"(version {data['bank']['version']} then, {bank.version} now)."
        )
    answers = _fitting(bank, data["answers"], changes)
    set_aside = _fitting(bank, data["set_aside"], changes)
    respondent = Respondent(
        **{k: data["respondent"].get(k) for k in ("name", "role", "organisation")}
    )
    session = Session(
        bank=bank,
        id=data["id"],
        respondent=respondent,
        mode=data["mode"],
        started_at=data["started_at"],
        updated_at=data["updated_at"],
        finished_at=data["finished_at"],
        answers=answers,
        notes={k: v for k, v in data["notes"].items() if k in bank.question_by_id},
        actions={k: dict(v) for k, v in data["actions"].items()},
        distributions={
            k: dict(v) for k, v in data.get("distributions", {}).items() if k in bank.question_by_id
        },
        set_aside=set_aside,
        history=[q for q in data["history"] if q in bank.question_by_id],
        revisit=data["revisit"] if data["revisit"] in bank.question_by_id else None,
        follow_up=_follow_up(bank, data["follow_up"]),
        reflected=set(data["reflected"]) & set(bank.domain_by_id),
    )
    session._settle()
    return Restored(session, tuple(changes))


def _fitting(bank: Bank, saved: dict[str, Any], changes: list[str]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for qid, value in saved.items():
        question = bank.question_by_id.get(qid)
        if question is None:
            changes.append(
                f"Your answer to {qid!r} was set aside: the question is no longer in the bank."
            )
            continue
        try:
            kept[qid] = normalise(question, value)
        except AnswerValueError as exc:
            changes.append(
                f"Your answer to {qid!r} no longer fits ({exc}); it will be asked again."
            )
    return kept


def _follow_up(bank: Bank, saved: list[Any] | None) -> tuple[str, int] | None:
    if not saved:
        return None
    question = bank.question_by_id.get(saved[0])
    if question is None or not question.follow_up or saved[1] >= len(question.follow_up.prompts):
        return None
    return saved[0], int(saved[1])


def unfinished(
    folder: Path | None = None, bank_id: str | None = None
) -> list[tuple[Path, dict[str, Any]]]:
    """Unfinished sessions, newest first; unreadable files are passed over.

    Only the fields the offer to resume shows are looked at here; resuming reads the chosen
    file in full (:func:`read`), so the schema checker is not loaded at start-up.
    """
    folder = folder or sessions_dir()
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            data = open_json(path).data
        except (ResultFileError, UsageError):
            continue
        if _waiting(data) and (bank_id is None or data["bank"].get("id") == bank_id):
            found.append((path, data))
    return sorted(found, key=lambda pd: str(pd[1]["updated_at"]), reverse=True)


def _waiting(data: dict[str, Any]) -> bool:
    """Whether data read from a file looks like an unfinished session."""
    return (
        data.get("kind") == "session"
        and data.get("finished_at") is None
        and isinstance(data.get("bank"), dict)
        and isinstance(data.get("answers"), dict)
        and isinstance(data.get("respondent"), dict)
        and "updated_at" in data
    )


def find(name: str, folder: Path | None = None) -> Path:
    """A session by path, by id, or ``latest``."""
    if name == "latest":
        latest = unfinished(folder)
        if not latest:
            raise UsageError("there is no unfinished session to resume")
        return latest[0][0]
    path = Path(name)
    if path.is_file():
        return path
    by_id = (folder or sessions_dir()) / f"{name}.json"
    if by_id.is_file():
        return by_id
    raise UsageError(
        f"{name}: no such session file or session id; use --resume latest, "
        "or a path to a session file"
    )
