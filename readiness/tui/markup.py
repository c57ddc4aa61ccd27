"""The bot's turns as Rich text: spans of plain text with a named emphasis.

A turn mixes the bot's own words with text from a bank or a person (a prompt, a label, a
name). That text is never markup: not Rich markup (``[/]`` would crash a widget, ``[link]``
would be obeyed) and not Markdown (``*`` in a label is an asterisk). So a turn arrives as
spans, ``(text, emphasis)``, and each span's text is appended as it is, after
:func:`readiness.text.visible` has made its control characters visible. Rendering here,
instead of through a Markdown parser, also keeps start-up light and each new turn cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.text import Text

from readiness.text import visible

Span = tuple[str, str | None]
"""Plain text and its emphasis: None (or ``""``), or words from :data:`EMPHASIS`
separated by spaces, such as ``"bold italic"``."""

EMPHASIS = {"bold": "bold", "italic": "italic", "code": "reverse", "dim": "dim"}
"""The emphasis a span may name, and the Rich style each stands for."""

_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*\s][^*]*?)\*|`(?P<code>[^`]+)`")


def style_for(emphasis: str | None) -> str:
    """The Rich style for a span's emphasis; an unknown name is a programming error."""
    names = (emphasis or "").split()
    unknown = [name for name in names if name not in EMPHASIS]
    if unknown:
        raise ValueError(f"unknown emphasis {unknown[0]!r}; use one of {sorted(EMPHASIS)}")
    return " ".join(EMPHASIS[name] for name in names)


def spans_to_text(spans: Iterable[Span]) -> Text:
    """A turn from its spans: every span's text is shown literally (never parsed)."""
    text = Text()
    for content, emphasis in spans:
        text.append(visible(content), style=style_for(emphasis))
    return text


def inline(line: str) -> Text:
    """One line of the bot's Markdown with its emphasis applied (see :func:`to_text`)."""
    text = Text()
    position = 0
    for match in _INLINE.finditer(line):
        text.append(line[position : match.start()])
        if match["bold"] is not None:
            bold = inline(match["bold"])
            bold.stylize("bold")
            text.append_text(bold)
        elif match["italic"] is not None:
            text.append(match["italic"], style="italic")
        else:
            text.append(match["code"], style="reverse")
        position = match.end()
    text.append(line[position:])
    return text


def to_text(markdown: str) -> Text:
    """The former entry point: a message as a small subset of Markdown.

    Blank lines separate paragraphs, ``- `` starts a bullet. Rich markup in it is never
    applied and control characters are made visible, but ``*`` and backticks in bank or
    person text inside it are read as emphasis: new code passes spans to
    :func:`spans_to_text` instead.
    """
    lines: list[Text] = []
    for raw in visible(markdown).strip("\n").split("\n"):
        stripped = raw.strip()
        if stripped.startswith(("- ", "* ")):
            lines.append(Text("• ").append_text(inline(stripped[2:])))
        else:
            lines.append(inline(stripped))
    return Text("\n").join(lines)
