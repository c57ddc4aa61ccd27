"""The files written at the end of an assessment: result JSON, summary as HTML and as text."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path
from typing import Any

from msgspec import Struct

from readiness.errors import UsageError
from readiness.store import write_new_json, write_new_text


class Written(Struct, frozen=True):
    """Where the end-of-session files went."""

    result: Path
    html: Path
    text: Path


def stem_for(result: dict[str, Any]) -> str:
    """``core-2026-11-21-jo-bloggs``: bank, date and respondent (or anonymous)."""
    slug = name_slug(result["respondent"].get("name") or "")
    date = (result["session"].get("completed_at") or "")[:10]
    return f"{result['bank']['id']}-{date}-{slug}"


SLUG_LENGTH = 40
# Latin letters that NFKD leaves whole, as the letters people write them with in ASCII.
_LATIN = str.maketrans(
    {
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS", "þ": "th",
        "Þ": "TH", "ħ": "h", "Ħ": "H", "ı": "i", "ŀ": "l", "Ŀ": "L", "ŋ": "ng", "Ŋ": "NG",
        "ŧ": "t", "Ŧ": "T", "ſ": "s", "ƒ": "f",
    }
)  # fmt: skip


def name_slug(name: str) -> str:
    """A person's name as part of a file name: readable, never empty, safe on any filesystem.

    Latin letters lose their accents ("Łukasz Żółć" is ``lukasz-zolc``); letters of other
    scripts stay as they are ("李小龙" is ``李小龙``) where the filesystem's encoding can hold
    them. Only letters, marks and digits survive, so no separator or control character does;
    a name with none becomes ``respondent-`` and a short hash of the name.
    """
    if not name.strip():
        return "anonymous"
    own = "".join(map(_as_latin, unicodedata.normalize("NFC", name)))
    for slug in (own, own.encode("ascii", "ignore").decode("ascii")):
        words = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in slug).split()
        slug = "-".join(words)[:SLUG_LENGTH].strip("-")
        while slug and unicodedata.category(slug[0])[0] == "M":  # a mark cannot start a name
            slug = slug[1:]
        if slug and _fits_filesystem(slug):
            return slug
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"respondent-{digest}"


def _as_latin(character: str) -> str:
    """A character in plain lower-case ASCII where it has a Latin reading, else as it is."""
    plain = unicodedata.normalize("NFKD", character.translate(_LATIN))
    latin = plain.encode("ascii", "ignore").decode("ascii").lower()
    return latin or character.lower()


def _fits_filesystem(slug: str) -> bool:
    """Whether the file system's encoding can hold ``slug`` (not so under a C locale)."""
    try:
        os.fsencode(slug)
    except UnicodeError:
        return False
    return True


def write_outputs(result: dict[str, Any], folder: Path) -> Written:
    """Write the result and its summaries into ``folder``, never overwriting a file."""
    from readiness.report.summary import export

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # owner-only, whatever the umask
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    result_path = write_new_json(folder, stem_for(result), result, schema="result")
    stem = result_path.stem  # the summaries follow the name the result claimed
    html = write_new_text(folder, stem, ".html", export(result, "html"))
    text = write_new_text(folder, stem, ".txt", export(result, "text"))
    return Written(result_path, html, text)


def write_binary(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (a PDF, a workbook) in one step, readable by the owner
    only, as :func:`readiness.store.write_text_atomic` does for text."""
    import contextlib
    import tempfile

    from readiness.store import refuse_special

    refuse_special(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror}); nothing was changed") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write ({exc.strerror}); nothing was changed") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
