"""The JSON Schemas shipped with the package, and schema checking with placed messages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import Finding

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

    from readiness.bank.yamlsafe import Document

SCHEMA_NAMES = ("bank", "answers", "result", "group", "session")


@cache
def schema(name: str) -> dict[str, Any]:
    """The packaged JSON Schema called ``name`` (``bank``, ``result``, ...)."""
    text = (Path(__file__).parent / f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Validator:
    """A compiled draft 2020-12 validator for the packaged schema ``name``.

    Local ``$ref``s are inlined first (recursive ones stay references): jsonschema resolves a
    reference on every use, and inlining halves the time to check a large bank.
    """
    from jsonschema import Draft202012Validator

    document = schema(name)
    return Draft202012Validator(_inline(document, document.get("$defs", {}), ()))


def _inline(node: Any, defs: dict[str, Any], open_refs: tuple[str, ...]) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/x", ...}`` replaced by ``x``, merged with siblings."""
    if isinstance(node, list):
        return [_inline(item, defs, open_refs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    name = ref.removeprefix("#/$defs/")
    if ref.startswith("#/$defs/") and name in defs and name not in open_refs:
        siblings = {k: _inline(v, defs, open_refs) for k, v in node.items() if k != "$ref"}
        return {**_inline(defs[name], defs, (*open_refs, name)), **siblings}
    return {k: _inline(v, defs, open_refs) for k, v in node.items()}


def check(document: Document, name: str) -> list[Finding]:
    """Every schema finding in ``document``, each placed, in file order."""
    if name == "bank" and "format" not in document.data and "questions" not in document.data:
        return [
            document.finding(
                (),
                "this is not a readiness question bank: it has no "
                "'format: readiness-bank/1' and no questions",
            )
        ]
    errors = validator(name).iter_errors(document.data)
    findings = [f for error in errors for f in _findings(document, error)]
    return sorted(findings, key=lambda f: (f.line, f.column))


def check_data(data: Any, name: str) -> list[str]:
    """Schema messages for data built in the program (no places): ``path: message``."""
    from readiness.bank.yamlsafe import format_path

    return [
        f"{format_path(tuple(e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator(name).iter_errors(data)
    ]


def _findings(document: Document, error: ValidationError) -> list[Finding]:
    from jsonschema.exceptions import best_match

    if error.context:
        error = best_match(error.context)
    where = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        return [
            document.finding((*where, key), _unknown_key(key, known), at_key=True)
            for key in error.instance
            if key not in known
        ]
    return [document.finding(where, _message(error), at_key=error.validator == "minItems")]


def _unknown_key(key: str, known: list[str]) -> str:
    import difflib  # only for a message

    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else f"; allowed here: {', '.join(known)}"
    return f"unknown key {key!r}{hint}"


def _for_type(error: ValidationError) -> str:
    """`` (a scale question needs it)`` when a key is required because of the question's type."""
    kind = error.instance.get("type") if isinstance(error.instance, dict) else None
    return f" (a {kind} question needs it)" if "then" in error.schema_path and kind else ""


def _message(error: ValidationError) -> str:
    path = list(error.absolute_schema_path)
    if "dependentSchemas" in path:
        key = path[path.index("dependentSchemas") + 1]
        allowed = (
            error.validator_value
            if isinstance(error.validator_value, list)
            else [error.validator_value]
        )
        return (
            f"{key!r} is only for {' or '.join(map(str, allowed))} questions, and this one is "
            f"{error.instance!r}; remove {key!r} or change the type"
        )
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required key {missing!r}{_for_type(error)}"
    if error.validator == "minItems" and isinstance(error.instance, list):
        count = len(error.instance)
        return (
            f"this list has {count} item{'' if count == 1 else 's'}; "
            f"give at least {error.validator_value}"
        )
    if error.validator == "pattern" and error.schema.get("pattern", "").startswith("^[A-Za-z]"):
        return (
            f"{error.instance!r} is not a valid id: use letters, digits, _ and -, "
            "starting with a letter (at most 64)"
        )
    if error.validator == "type" and isinstance(error.instance, bool):
        wanted = error.validator_value
        if "string" in (wanted if isinstance(wanted, list) else [wanted]):
            return (
                f"text is needed here, but YAML read this as {str(error.instance).lower()} "
                "(it reads an unquoted yes, no, on, off, true or false so): "
                'put the value in quotes, e.g. "no"'
            )
        return (
            f"{error.message}; YAML reads yes/no/on/off/true/false as true or false: "
            "put the value in quotes"
        )
    return error.message
