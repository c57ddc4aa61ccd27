"""The workshop room: the facilitator's bank, the participants and their sessions.

Everything a live workshop holds, without a web server: the join code and the facilitator's
secret, the cap on participants, and each participant's session and controller. Sessions are
kept on the server (never in a browser), saved atomically after every change (on a writer
thread: :mod:`readiness.workshop.saver`) under
``OUTPUT_DIR/.sessions/<token hash>.json``, and read back when the workshop opens again, so a
restarted server (or a reloaded page) carries on where everyone was. Each participant's result
files are written into ``OUTPUT_DIR`` once, when they finish.

Watchers (the terminal live view, the projector page) :meth:`Workshop.subscribe` and read
:meth:`Workshop.snapshot` when told something changed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from readiness.errors import ReadinessError
from readiness.model import Bank
from readiness.scoring.answers import Respondent
from readiness.session import files
from readiness.session.controller import Controller
from readiness.session.engine import Session
from readiness.session.saving import Writer
from readiness.text import one_line
from readiness.workshop.codes import new_join_code, new_secret, new_token, token_hash
from readiness.workshop.participant import Participant
from readiness.workshop.saver import SessionWriter

log = logging.getLogger("readiness.workshop")

DEFAULT_CAP = 250
DEFAULT_MIN_GROUP = 3
"""As ``readiness aggregate --min-group`` (:class:`readiness.group.agreement.Rules`)."""
SESSIONS = ".sessions"
ROLE_LENGTH = 80
KEY = re.compile(r"[0-9a-f]{32}")
RESUME = "open the workshop link again in the same browser"


class WorkshopFull(ReadinessError):
    """The workshop has as many participants as its cap allows."""


class Workshop:
    """One bank offered to a room of participants.

    Args:
        bank: The facilitator's bank: the only one offered.
        output_dir: Where results go; sessions are kept in its ``.sessions`` folder.
        join_code: The code a participant needs to join; None when none is needed (on
            loopback). ``require_code=True`` makes one up.
        cap: The most participants (finished ones count).
        min_group: The fewest people behind any figure by role the live views show.
        facilitator_secret: Made up when not given.
        write: Writes a participant's result files (tests inject one); default the report's.
    """

    def __init__(
        self,
        bank: Bank,
        output_dir: Path,
        *,
        join_code: str | None = None,
        require_code: bool = False,
        cap: int = DEFAULT_CAP,
        min_group: int = DEFAULT_MIN_GROUP,
        facilitator_secret: str | None = None,
        write: Writer | None = None,
    ) -> None:
        self.bank = bank
        self.output_dir = Path(output_dir)
        self.join_code: str | None = join_code or (new_join_code() if require_code else None)
        self.facilitator_secret: str = facilitator_secret or new_secret()
        self.cap: int = cap
        self.min_group: int = min_group
        self.sessions_dir = self.output_dir / SESSIONS
        self.skipped: list[str] = []
        """Session files that could not be resumed, and why (said when the server starts)."""
        self._write = write
        self._saver = SessionWriter(self.sessions_dir)
        self._participants: dict[str, Participant] = {}
        self._watchers: list[Callable[[], None]] = []
        self.join_link: str | None = None
        self.facilitator_link: str | None = None  # the projector view, set once serving
        """The participants' link as announced (set by the server once it listens)."""
        self._load()

    # For watchers

    @property
    def role_groups(self) -> tuple[Any, ...]:
        """The bank's role groups (objects with ``id`` and ``label``); empty when it has none."""
        return tuple(getattr(self.bank, "role_groups", ()) or ())

    def snapshot(self) -> list[tuple[Session, bool]]:
        """Every participant's session and whether they have finished."""
        return [(p.session, p.finished) for p in list(self._participants.values())]

    def counts(self) -> tuple[int, int, int]:
        """(joined, answering, finished): answering means joined, with an answer, unfinished."""
        people = list(self._participants.values())
        finished = sum(p.finished for p in people)
        answering = sum(not p.finished and bool(p.session.answers) for p in people)
        return len(people), answering, finished

    @staticmethod
    def role_group_of(session: Session) -> str | None:
        """The role group id the participant picked, if any."""
        return getattr(session.respondent, "role_group", None)

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` after every join, answer and finish; returns the unsubscribe."""
        self._watchers.append(callback)

        def unsubscribe() -> None:
            if callback in self._watchers:
                self._watchers.remove(callback)

        return unsubscribe

    def changed(self) -> None:
        """Tell the watchers something changed (participants do; a server that finished
        someone on a worker thread calls it on its own thread afterwards)."""
        self._changed()

    def _changed(self) -> None:
        for callback in list(self._watchers):
            try:
                callback()
            except Exception:  # a broken watcher must never break a participant's answer
                log.exception("a workshop watcher failed")

    # For participants

    @property
    def full(self) -> bool:
        return len(self._participants) >= self.cap

    def join(self, role_group: str | None, role_text: str) -> str:
        """A new participant; returns their token (for their cookie, and nowhere else).

        Raises:
            WorkshopFull: The cap is reached.
            ValueError: ``role_group`` is not one of the bank's role groups.
        """
        if self.full:
            raise WorkshopFull(
                f"the workshop is full ({self.cap} participants); ask the facilitator"
            )
        groups = {str(group.id): str(group.label) for group in self.role_groups}
        if role_group and role_group not in groups:
            raise ValueError(f"{role_group!r} is not one of the workshop's role groups")
        role = one_line(role_text)[:ROLE_LENGTH] or groups.get(role_group or "") or None
        token = new_token()
        key = token_hash(token)
        session = Session(bank=self.bank, id=key, respondent=respondent(role, role_group))
        participant = Participant(key, self._controller(session), self._changed, role_group)
        participant.controller.save()
        self._participants[key] = participant
        self._changed()
        return token

    def participant(self, token: str | None) -> Participant | None:
        """The participant holding ``token``; None for an unknown (or no) token."""
        if not token or len(token) > 200:
            return None
        return self._participants.get(token_hash(token))

    # Inside

    def _controller(
        self, session: Session, *, resumed: bool = False, changes: tuple[str, ...] = ()
    ) -> Controller:
        return Controller(
            session,
            self._save,
            output_dir=self.output_dir,
            write=self._write,
            resume_command=RESUME,
            changes=changes,
            resumed=resumed,
        )

    def _save(self, session: Session) -> Path:
        return self._saver(session)

    def flush(self) -> None:
        """Wait until every session is on disk."""
        self._saver.flush()

    def close(self) -> None:
        """Write every session still queued (call when the server stops)."""
        self._saver.close()

    def _load(self) -> None:
        """Read back the sessions of an earlier run of this workshop (same output folder)."""
        if not self.sessions_dir.is_dir():
            return
        for path in sorted(self.sessions_dir.glob("*.json")):
            if not KEY.fullmatch(path.stem):
                continue
            try:
                restored = files.restore(files.read(path), self.bank)
            except ReadinessError as error:
                self.skipped.append(f"{path}: {error}")
                continue
            session = restored.session
            if session.id != path.stem:
                self.skipped.append(f"{path}: its id does not match its name")
                continue
            controller = self._controller(session, resumed=True, changes=restored.changes)
            self._participants[session.id] = Participant(
                session.id, controller, self._changed, self.role_group_of(session)
            )


def respondent(role: str | None, role_group: str | None) -> Respondent:
    """The participant as the result names them: no name, their role in their words, and their
    role group."""
    return Respondent(role=role, role_group=role_group or None)
