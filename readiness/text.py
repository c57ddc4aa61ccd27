"""Text that came from a person or a bank file, made safe to show anywhere.

Such text is never markup and never a terminal instruction. Every front end and renderer
passes it through :func:`visible` (or :func:`one_line`) before it reaches a terminal, a file or
a widget: control characters (an OSC 52 clipboard write, a screen clear, a bidi override that
reorders what the reader sees) are shown as visible symbols instead of being obeyed. The
result is also always valid in XML 1.0, so an SVG or HTML summary stays well-formed.
"""

from __future__ import annotations

import re

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_C0_PICTURES[0x7F] = "\u2421"  # SYMBOL FOR DELETE
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline), DEL, C1
    "\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"  # format
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates and non-characters (not valid in XML)
)


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _C0_PICTURES.get(code) or f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control or invisible format character shown as a symbol.

    Newlines and tabs are kept; a carriage return is shown (``␍``) rather than allowed to
    move the cursor back over what was already printed.
    """
    return _UNSAFE.sub(_picture, text)


def one_line(text: str) -> str:
    """:func:`visible` on one line: runs of whitespace (newlines too) become one space."""
    return " ".join(visible(text).split())
