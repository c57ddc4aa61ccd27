"""Saving many sessions at once without making anyone wait for a disk.

A room of participants answers at once: each answer must be saved (a restarted server resumes
everyone), but an atomic, flushed write takes milliseconds, and a web server that waited for it
at every answer would keep everyone else waiting. :class:`SessionWriter` takes the session's
data at once (checked against the session schema with the light checker) and writes it on a
thread of its own, the newest data per file; a failed write is reported at the participant's
next save, and the next save tries again. A finished session is waited for before the
participant is told: once a result is written, the session must never be offered again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from readiness import schemas
from readiness.errors import ReadinessError
from readiness.session import files
from readiness.session.check import first_problem
from readiness.session.engine import Session
from readiness.store import dumps, write_text_atomic


class SessionWriter:
    """A saver for :class:`~readiness.session.controller.Controller`: call it with a session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pending: dict[Path, str] = {}
        self._writing: set[Path] = set()
        self._failed: dict[Path, BaseException] = {}
        self._condition = threading.Condition()
        self._closed = False
        self._thread: threading.Thread | None = None

    def __call__(self, session: Session) -> Path:
        path = files.session_path(session, self.folder)
        with self._condition:
            failed = self._failed.pop(path, None)
        self._queue(path, self._text(session))
        if session.finished:  # wait for it: its result is written, it must stay finished
            with self._condition:
                self._condition.wait_for(
                    lambda: path not in self._pending and path not in self._writing, 30.0
                )
                failed = self._failed.pop(path, None) or failed
        if failed is not None:
            raise failed
        return path

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued session is written; False on timeout."""
        with self._condition:
            return self._condition.wait_for(
                lambda: not self._pending and not self._writing, timeout
            )

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        self.flush()
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        if self._thread is not None:
            self._thread.join(5)

    def _text(self, session: Session) -> str:
        data = files.to_dict(session)
        problem = first_problem(data, schemas.schema("session"))
        if problem:
            raise ReadinessError(
                f"the session does not fit its schema (a bug in readiness; please report it): "
                f"{problem}"
            )
        return dumps(data)

    def _queue(self, path: Path, text: str) -> None:
        with self._condition:
            self._pending[path] = text
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="readiness-session-writer", daemon=True
                )
                self._thread.start()
            self._condition.notify_all()

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                path, text = next(iter(self._pending.items()))
                del self._pending[path]
                self._writing.add(path)
            try:
                self._write(path, text)
            except (OSError, ReadinessError) as error:
                with self._condition:
                    self._failed[path] = error
            finally:
                with self._condition:
                    self._writing.discard(path)
                    self._condition.notify_all()

    def _write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_text_atomic(path, text)
