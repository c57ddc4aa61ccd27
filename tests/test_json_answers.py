"""JSON answers files read by the json module: the same data, places and errors as the YAML reader.

``readiness.jsondoc.parse_document`` reads JSON with the json module (fast, for thousands of
files) only when the YAML reader would read it the same way; these tests hold it to that.
"""

from __future__ import annotations

import json

import pytest

from readiness.bank.yamlsafe import MAX_DEPTH, Document, load_text
from readiness.errors import ReadinessError
from readiness.jsondoc import parse_document

BASE = {
    "bank": "core",
    "respondent": {"name": "Zoë", "role": None},
    "answers": {"lead_vision": "agreed", "cap_count": 12, "cap_share": 0.5, "multi": ["a", "b"]},
    "notes": {"lead_vision": "Café “quoted” \\ / \U0001f600 ok", "x": ""},
    "deep": [[[{"a": [1, 2.5, -0, True, False, None, {"b": {}}]}]], []],
}


def _layouts() -> list[str]:
    texts = []
    for indent in (None, 0, 2, 4):
        for separators in (None, (",", ":"), (" , ", " : ")):
            for ascii_only in (True, False):
                text = json.dumps(
                    BASE, indent=indent, separators=separators, ensure_ascii=ascii_only
                )
                texts += [text, text.replace("\n", "\r\n"), "\n\n  " + text + "\n"]
    return texts


ODD = [
    '{"a": 1.5e5}',  # YAML 1.1 reads this as text
    '{"a": 1e+5}',
    '{"a": 1.5e+5}',
    '{"a": 1.0E-2}',
    '{"a": -0.0, "b": 0.5, "c": -0}',
    '{"a": NaN}',
    '{"a": 1e999}',
    '{"a": 1.0e+999}',
    '{"a": 1, "a": 2}',
    '{"answers": {"q": 1, "q": 2}}',
    '{"a": ' + "9" * 5000 + "}",
    '{"a"\n: 1}',
    '{"a"' + " " * 70 + ": 1}",
    '{"' + "k" * 200 + '": 1}',
    '{"a": "\\ud800"}',
    '{"a": "\\ud83d\\ude00"}',
    '{"a":\t1}',
    '{"a": "x\u2028y"}',
    '{"a": "x\x85y"}',
    '{"a": "\ufeff"}',
    '{"a": "\x7f"}',
    '{"a": "\\/\\b\\f\\n\\r\\t\\u0000\\u001f"}',
    '{"a": 1}\r{"b": 2}',
    '{"a": 1} x',
    # keys found by their text in objects with no object inside: text that looks like a key
    '{"answers": {"a\\"b": "x\\": y", "c": "say \\"hi\\": ok", "d\\\\": 1, "e": ["f", "g:"]}}',
    '{"answers": {"\\u00e9t\\u00e9": 1, "q": "\\\\", "r": 2}}',
    '{"answers": {"a": "{", "b": 1}, "notes": {"a": "}"}}',
    '{"answers": {"a": "x \\"b\\": y", "b": 1, "c": "\\\\", "d": 2}}',
    '{"answers": {"\\u0061": 1}}',
    '{"answers": {"a": {"b": 1}, "c": 2}}',
    '{"a": [1, 2,]}',
    "[1]",
    "{}",
    "{" + '"a":[' * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "}",
    "{" + '"a":[' * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}",
    "{" + '"a":[' * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "}",
]


def _read(reader, text: str) -> tuple[Document | None, str | None]:
    try:
        return reader(text, "answers.json"), None
    except ReadinessError as error:
        return None, str(error)


@pytest.mark.parametrize("text", [*_layouts(), *ODD])
def test_json_reads_as_the_yaml_reader_reads_it(text: str) -> None:
    yaml_doc, yaml_error = _read(load_text, text)
    doc, error = _read(parse_document, text)
    assert error == yaml_error
    if yaml_doc is None:
        return
    assert doc is not None
    assert json.dumps(doc.data) == json.dumps(yaml_doc.data)  # 1 and 1.0, True and 1 differ
    for where in reversed(list(yaml_doc.places)):  # the deepest first: nothing placed before
        assert doc.place(where) == yaml_doc.place(where), where
    for where in yaml_doc.key_places:
        assert doc.finding(where, "m", at_key=True) == yaml_doc.finding(where, "m", at_key=True)
    assert doc.finding(("nowhere", 3), "m") == yaml_doc.finding(("nowhere", 3), "m")


def test_plain_json_is_read_by_json_and_placed_only_when_asked() -> None:
    text = json.dumps(BASE, indent=2, ensure_ascii=False)
    doc = parse_document(text, "answers.json")
    assert type(doc) is not Document  # the fast reader
    assert doc.places == {}
    where = ("answers", "cap_count")
    assert doc.place(where) == load_text(text, "answers.json").place(where)
    assert ("deep", 0) not in doc.places  # only the containers on the way are opened


def test_json_number_yaml_reads_as_text_stays_text() -> None:
    doc = parse_document('{"answers": {"q": 1.5e5, "r": 1.5e+5}}', "a.json")
    assert doc.data["answers"] == {"q": "1.5e5", "r": 150000.0}


def test_every_ascii_character_is_checked_as_the_pattern_checks_it() -> None:
    from readiness.jsondoc import _NOT_PRINTABLE, _printable

    for code in range(128):
        text = '{"a": "x' + chr(code) + '"}\r\n'
        assert _printable(text) == (not _NOT_PRINTABLE.search(text)), code
