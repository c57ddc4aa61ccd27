"""Remember which bank contents passed every check, so they are not checked again each start.

Checking the core bank against its schema costs more than everything else a headless command
does. A bank whose exact bytes (by sha256) already passed the checks of this version of
readiness passes again, so the verdict is kept as an empty marker file in the user cache
folder. Files are still read safely every time; only the schema and meaning checks are skipped.
Set READINESS_CACHE_DIR to move the folder, or to an empty string to turn this off.
"""

from __future__ import annotations

import os
from pathlib import Path

from readiness import __version__

ENV_DIR = "READINESS_CACHE_DIR"


def _folder() -> Path | None:
    if ENV_DIR in os.environ:
        return Path(os.environ[ENV_DIR]) / "checked" if os.environ[ENV_DIR] else None
    from platformdirs import user_cache_path

    return user_cache_path("readiness", appauthor=False) / "checked"


def _marker(digest: str) -> Path | None:
    folder = _folder()
    return folder / f"{digest}-{__version__}" if folder and digest else None


def passed_before(digest: str) -> bool:
    """Whether a bank with these bytes passed every check under this version."""
    marker = _marker(digest)
    return marker is not None and marker.is_file()


def remember_passed(digest: str) -> None:
    """Note that a bank with these bytes passed; a failure to write is harmless."""
    marker = _marker(digest)
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        marker.touch(mode=0o600)
    except OSError:
        pass
