"""Saving as the conversation goes, and writing the result at its end.

A full disk or a read-only data folder must not end the conversation with a traceback: the
answers stay in memory, the person is told plainly, and the next change tries again. Both are
injected into the controller, so tests and a web server can supply their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from readiness.errors import ReadinessError
from readiness.session.engine import Session
from readiness.session.turns import Turn, bot

Saver = Callable[[Session], Path]
"""Saves the session (atomically); returns where. May raise OSError or ReadinessError."""
Writer = Callable[[dict[str, Any], Path], Any]
"""Writes the result files into a folder; returns where they went (``Written``)."""


def write_outputs(result: dict[str, Any], folder: Path) -> Any:
    """The default writer, loaded only when finishing (the report is heavy to import)."""
    from readiness.report.outputs import write_outputs as write

    return write(result, folder)


def reason(error: BaseException) -> str:
    """What went wrong, in one line: the file and the system's words, or our own message."""
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return str(error)


class AutoSave:
    """Calls the injected saver and turns its failures into turns."""

    def __init__(self, save: Saver) -> None:
        self._save = save
        self.failed: str | None = None
        """Why the last save failed; None when it worked."""

    def __call__(self, session: Session, say_saved: bool = False) -> list[Turn]:
        """Save ``session``; the turns say so only when asked, on failure, or on recovery."""
        try:
            path = self._save(session)
        except (OSError, ReadinessError) as error:
            self.failed = reason(error)
            message = (
                f"Your answers could not be saved ({self.failed}). They are kept while "
                "readiness stays open, and saving is tried again at your next answer: free "
                "some space or make the folder writable."
            )
            return [bot("error", (message, None))]
        if self.failed:
            self.failed = None
            return [bot("info", (f"Your answers are saved again ({path}).", None))]
        return [bot("info", (f"Saved to {path}.", None))] if say_saved else []
