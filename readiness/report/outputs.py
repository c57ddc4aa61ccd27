"""The files written at the end of an assessment: result JSON, summary as HTML and as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.errors import UsageError
from readiness.store import write_new_json, write_new_text


@dataclass(frozen=True)
class Written:
    """Where the end-of-session files went."""

    result: Path
    html: Path
    text: Path


def stem_for(result: dict[str, Any]) -> str:
    """``core-2026-11-21-jo-bloggs``: bank, date and respondent (or anonymous)."""
    who = result["respondent"].get("name") or "anonymous"
    slug = re.sub(r"[^a-z0-9]+", "-", who.lower()).strip("-")[:40] or "anonymous"
    date = (result["session"].get("completed_at") or "")[:10]
    return f"{result['bank']['id']}-{date}-{slug}"


def write_outputs(result: dict[str, Any], folder: Path) -> Written:
    """Write the result and its summaries into ``folder``, never overwriting a file."""
    from readiness.report.summary import export

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    result_path = write_new_json(folder, stem_for(result), result, schema="result")
    stem = result_path.stem  # the summaries follow the name the result claimed
    html = write_new_text(folder, stem, ".html", export(result, "html"))
    text = write_new_text(folder, stem, ".txt", export(result, "text"))
    return Written(result_path, html, text)
