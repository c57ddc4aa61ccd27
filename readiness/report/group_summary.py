"""The summary of a group result: the document is built by
:mod:`readiness.report.build_group`; these are the group's entry points, kept for callers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group

from readiness.report.build_group import build, rules_text, title
from readiness.report.renderers import renderer
from readiness.report.renderers.rich_view import renderable

__all__ = ["markdown", "rules_text", "summary", "title"]


def summary(group: Mapping[str, Any], *, explain: bool = False) -> Group:
    """The whole group summary as one Rich renderable."""
    return renderable(build(group, explain=explain))


def markdown(group: Mapping[str, Any], *, explain: bool = False) -> str:
    """The group summary as Markdown."""
    return renderer("md").render(build(group, explain=explain))
