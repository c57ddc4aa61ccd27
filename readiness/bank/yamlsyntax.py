"""YAML syntax errors as one placed line an author can act on, with the likely fix.

PyYAML reports where parsing stopped and says it tersely ("did not find expected key"); these
helpers move the place to the line at fault and name the handful of mistakes authors make.
"""

from __future__ import annotations

import yaml

from readiness.errors import Finding


def syntax_finding(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Finding:
    """A YAML syntax error placed on the line the author must change, with a likely fix.

    PyYAML reports where parsing stopped, which for an unclosed quote or bracket, or a line
    without a colon, is after the line at fault; its words are also terse ("did not find
    expected key"). Authors mostly make a handful of mistakes, so name them.
    """
    problem = exc.problem or exc.context or "malformed YAML"
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark is not None and exc.context_mark.line != getattr(mark, "line", None)
    if opened and (exc.context or "").startswith(_OPENED_AT):
        mark = exc.context_mark
    if mark is None:
        return Finding(shown, 0, 0, f"malformed YAML: {problem}")
    lines = text.splitlines()
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    hint = _syntax_hint(problem, exc.context or "", line_text, mark.column, opened)
    message = f"malformed YAML: {problem}" + (f"; {hint}" if hint else "")
    return Finding(shown, mark.line + 1, mark.column + 1, message)


def reader_finding(exc: yaml.reader.ReaderError, text: str, shown: str) -> Finding:
    """A character YAML refuses (NUL and other control characters), placed on its line."""
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = exc.character
    if not isinstance(character, int):
        character = ord(str(character)[:1] or "?")
    return Finding(
        shown,
        line,
        column,
        f"the file holds the character U+{character:04X}, "
        "which YAML does not allow; remove it (is this a text file?)",
    )


# Contexts whose start, not where parsing stopped, is the line to change.
_OPENED_AT = (
    "while scanning a quoted scalar",
    "while scanning a simple key",
    "while parsing a flow",
)
_LINE_UP = "line it up with the other keys (or '- ' items) at its level, using spaces"


def _syntax_hint(problem: str, context: str, line: str, column: int, opened: bool) -> str:
    """The likely mistake behind one of PyYAML's problems, and its fix ("" when unsure)."""
    before = line[:column].lstrip(" -")
    if "\t" in line[: column + 1] and ("tab" in problem or "cannot start any token" in problem):
        return "the line holds a tab character; YAML needs spaces: replace the tab with spaces"
    if "cannot start any token" in problem and column < len(line):
        return f"a value cannot start with {line[column]!r}; put the value in quotes"
    if context.startswith("while scanning a quoted scalar"):
        return "a quote opened on this line is not closed; add the closing quote"
    if context.startswith("while scanning a simple key"):
        return (
            "this line has no 'key: value' colon; add one, or put long text in quotes on one line"
        )
    if context.startswith("while parsing a flow"):
        return _flow_hint(context, opened)
    if problem.startswith("mapping values are not allowed"):
        if ": " in before:
            return "the text holds a colon and a space (': '); put the whole value in quotes"
        return f"this line is indented further than the line above allows; {_LINE_UP}"
    if "expected key" in problem and any(q in line[:column] for q in "'\""):
        return (
            "text follows a closing quote; put the whole value in quotes "
            "(inside '...' write '' for an apostrophe)"
        )
    if "expected key" in problem or "'-' indicator" in problem or "<block end>" in problem:
        return f"check the indentation of this line: {_LINE_UP}"
    return ""


def _flow_hint(context: str, opened: bool) -> str:
    close = "]" if "sequence" in context else "}"
    if opened:
        return f"the bracket opened on this line is not closed; add {close!r} at its end"
    return (
        f"put a value that holds a comma, ': ', '?' or a bracket in quotes, "
        f"and close the bracket with {close!r}"
    )
