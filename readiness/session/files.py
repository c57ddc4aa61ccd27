"""Sessions on disk: saved after every reply, found again to resume, checked against the bank.

A session file is JSON valid against ``readiness schema session``, written atomically and
readable by its owner only. If the bank changed since the session began, what still fits is
kept and the rest is reported, never silently dropped. A file that cannot be resumed is never
offered for resume: it is passed over, and the caller is told which and why.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgspec import Struct

from readiness import schemas
from readiness.errors import ReadinessError, ResultFileError, UsageError
from readiness.kinds.values import AnswerValueError, normalise
from readiness.model import Bank
from readiness.scoring.answers import Respondent
from readiness.scoring.questions import action_targets
from readiness.session.check import first_problem
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
            **_role_group(session),
        },
        "mode": session.mode,
        "started_at": session.started_at,
        "updated_at": session.updated_at,
        "finished_at": session.finished_at,
        "answers": dict(session.answers),
        "notes": dict(session.notes),
        "actions": {k: dict(v) for k, v in session.actions.items()},
        "target_actions": {k: dict(v) for k, v in session.target_actions.items()},
        "distributions": {k: dict(v) for k, v in session.distributions.items()},
        "set_aside": dict(session.set_aside),
        "history": list(session.history),
        "revisit": session.revisit,
        "follow_up": list(session.follow_up) if session.follow_up else None,
        "reflected": sorted(session.reflected),
        "replies": dict(session.replies),
    }


def _role_group(session: Session) -> dict[str, str]:
    """The role group picked, kept only when there is one (sessions before 1.3 have none)."""
    group = session.respondent.role_group
    return {"role_group": group} if group else {}


def _known_group(bank: Bank, group: str | None, changes: list[str]) -> str | None:
    """The saved role group when the bank still has it; else None, and the change said."""
    if group is None or group in {g.id for g in bank.role_groups}:
        return group
    changes.append(f"The {bank.id} bank no longer has the role group {group!r}; it is left out.")
    return None


def save(session: Session, folder: Path | None = None) -> Path:
    """Write the session atomically; returns its path."""
    path = session_path(session, folder)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_json_atomic(path, to_dict(session), schema="session")
    return path


class Restored(Struct, frozen=True):
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
    by_question, by_target = _actions(bank, data, changes)
    set_aside = _fitting(bank, data["set_aside"], changes)
    respondent = Respondent(
        **{k: data["respondent"].get(k) for k in ("name", "role", "organisation")},
        role_group=_known_group(bank, data["respondent"].get("role_group"), changes),
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
        actions=by_question,
        target_actions=by_target,
        distributions={
            k: dict(v) for k, v in data.get("distributions", {}).items() if k in bank.question_by_id
        },
        set_aside=set_aside,
        history=[q for q in data["history"] if q in bank.question_by_id],
        revisit=data["revisit"] if data["revisit"] in bank.question_by_id else None,
        follow_up=_follow_up(bank, data["follow_up"]),
        reflected=set(data["reflected"]) & set(bank.domain_by_id),
        replies={k: v for k, v in data.get("replies", {}).items() if k in bank.question_by_id},
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


def _actions(
    bank: Bank, data: dict[str, Any], changes: list[str]
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Action-plan replies by question and by target. Sessions saved before 1.1 keyed the
    replies by target; they are kept so. Replies whose question or target has left the bank
    are kept in the session (they come back if it returns) and reported."""
    if data["schema_version"] == "1.0":
        by_question, by_target = {}, dict(data["actions"])
    else:
        by_question, by_target = dict(data["actions"]), dict(data.get("target_actions", {}))
    gone = [k for k in by_question if k not in bank.question_by_id]
    gone += [k for k in by_target if k not in action_targets(bank)]
    changes.extend(
        f"Your action plan for {key!r} is kept but not shown: {key!r} is no longer in the bank."
        for key in gone
    )
    return (
        {k: dict(v) for k, v in by_question.items()},
        {k: dict(v) for k, v in by_target.items()},
    )


def _follow_up(bank: Bank, saved: list[Any] | None) -> tuple[str, int] | None:
    if not saved:
        return None
    question = bank.question_by_id.get(saved[0])
    if question is None or not question.follow_up or saved[1] >= len(question.follow_up.prompts):
        return None
    return saved[0], int(saved[1])


class Skipped(Struct, frozen=True):
    """A session file passed over when looking for sessions to resume, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


def unfinished(
    folder: Path | None = None,
    bank_id: str | None = None,
    skipped: list[Skipped] | None = None,
) -> list[tuple[Path, dict[str, Any]]]:
    """Unfinished sessions that can be resumed, newest first.

    A file that cannot be (unreadable, not UTF-8, too large, not a valid session, or its bank
    is gone) is passed over and, when ``skipped`` is given, added to it, so that a front end
    can say "skipped FILE: reason". Files are checked against the session schema without
    loading jsonschema (:mod:`readiness.session.check`), to keep start-up quick.
    """
    folder = folder or sessions_dir()
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            data = _resumable(path)
        except _Unusable as exc:
            if skipped is not None:
                skipped.append(Skipped(path, str(exc)))
            continue
        if data is not None and (bank_id is None or data["bank"]["id"] == bank_id):
            found.append((path, data))
    return sorted(found, key=lambda pd: str(pd[1]["updated_at"]), reverse=True)


class _Unusable(Exception):
    """A session file that cannot be resumed; the message says why."""


def _resumable(path: Path) -> dict[str, Any] | None:
    """A session file's data when it waits to be resumed; None when it is finished.

    Raises:
        _Unusable: The file cannot be read, is not a valid session, or its bank is gone.
    """
    try:
        data = open_json(path).data
    except ReadinessError as exc:
        raise _Unusable(_reason(exc, str(path))) from None
    problem = first_problem(data, schemas.schema("session"))
    if problem:
        raise _Unusable(f"not a session this version of readiness can resume ({problem})")
    if data["finished_at"] is not None:
        return None
    from readiness.bank.load import resolve  # only when there is a session to offer

    try:
        resolve(data["bank"]["origin"])
    except ReadinessError as exc:
        raise _Unusable(f"its question bank cannot be found ({exc})") from None
    return data


def _reason(error: ReadinessError, shown: str) -> str:
    """The error's message without the file name it starts with (the caller names the file)."""
    if error.findings:
        first = error.findings[0]
        place = f"line {first.line}: " if first.line else ""
        return place + first.message
    return error.message.removeprefix(f"{shown}: ")


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
