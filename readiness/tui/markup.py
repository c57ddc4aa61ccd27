"""The bot's Markdown (paragraphs, bullets, **bold**, *italic*) as Rich text.

The bot writes a small, fixed subset of Markdown. Rendering it here, instead of through a full
Markdown parser, keeps a syntax highlighter and a Markdown library out of start-up and makes
each new turn cheap to draw.
"""

from __future__ import annotations

import re

from rich.text import Text

_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*\s][^*]*?)\*|`(?P<code>[^`]+)`")


def inline(line: str) -> Text:
    """One line with its emphasis applied."""
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
    """A message: blank lines separate paragraphs, ``- `` starts a bullet, ``  \\n`` breaks."""
    lines: list[Text] = []
    for raw in markdown.strip("\n").split("\n"):
        stripped = raw.strip()
        if stripped.startswith(("- ", "* ")):
            lines.append(Text("• ").append_text(inline(stripped[2:])))
        else:
            lines.append(inline(stripped))
    return Text("\n").join(lines)
