"""The summary document of a result or a group result, whichever it is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.report import build_group, build_single
from readiness.report.document import Document


def build(data: Mapping[str, Any], *, explain: bool = False) -> Document:
    """The summary document of ``data``: a group result's, or a single result's.

    ``explain`` adds how the scores were made (a result) or the rules and every question (a
    group).
    """
    from readiness.scoring.result import kind_of

    if kind_of(data) == "group":
        return build_group.build(data, explain=explain)
    return build_single.build(data, explain=explain)
