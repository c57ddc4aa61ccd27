"""The files written at the end of an assessment: result JSON, summary as HTML and as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.store import new_path, write_json_atomic, write_text_atomic

DEFAULT_FOLDER = "readiness-results"


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
    from readiness.report import export

    folder.mkdir(parents=True, exist_ok=True)
    result_path = new_path(folder, stem_for(result), ".json")
    write_json_atomic(result_path, result, schema="result")
    stem = result_path.stem
    html = folder / f"{stem}.html"
    text = folder / f"{stem}.txt"
    write_text_atomic(html, export(result, "html"))
    write_text_atomic(text, export(result, "text"))
    return Written(result_path, html, text)
