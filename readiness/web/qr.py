"""The join link as a QR code: inline SVG for the projector page, blocks for the terminal.

segno (pure Python, no dependencies) makes the code. Error correction is the lowest level
(``L``) and the quiet zone two modules, so a workshop link (``http://192.168.1.20:8000/join/
K7QX3M``) fits in 33 columns and 17 lines of a terminal, beside the rest of the live view.
"""

from __future__ import annotations

import segno

BORDER = 2
"""Light modules around the code (the quiet zone); phones read codes with two."""

_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def _code(link: str) -> segno.QRCode:
    return segno.make(link, error="l", micro=False, boost_error=False)


def svg(link: str) -> str:
    """An ``<svg>`` element for an HTML page: black on white, sized by CSS (a viewBox only)."""
    return str(
        _code(link).svg_inline(
            border=BORDER, dark="#000", light="#fff", omitsize=True, svgclass="qr", lineclass=None
        )
    )


def matrix(link: str) -> list[list[bool]]:
    """The modules, the quiet zone included: True is dark."""
    return [[bool(m) for m in row] for row in _code(link).matrix_iter(border=BORDER)]


def terminal_lines(link: str) -> list[str]:
    """The code in half blocks, two module rows a line: ``█`` ``▀`` ``▄`` are dark modules.

    Draw them dark on a light background (black on white), whatever the terminal's colours:
    a code read light on dark is one many phones cannot scan.
    """
    rows = matrix(link)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_HALF[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
