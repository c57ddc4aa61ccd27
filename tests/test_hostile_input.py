"""Hostile or broken bank files get one clear line naming the file, fast, never a traceback.

What is checked is what the user gets: exit 1 and one line naming the file and, for a problem
at a place in it, the line and column, whatever the version of PyYAML underneath.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import BANKS, run_process

MINIMAL = (BANKS / "valid" / "minimal.yaml").read_text()
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES: dict[str, tuple[bytes, str]] = {
    "python_tag": (b"id: !!python/object/apply:os.system [echo hi]\n", ":1:5: YAML tag"),
    "custom_tag": (b"id: !include other.yaml\n", "YAML tag '!include' is not allowed"),
    "duplicate_key": (
        MINIMAL.replace("version: 1.0.0\n", "version: 1.0.0\nid: again\n").encode(),
        ":5:1: duplicate key 'id'",
    ),
    "alias_bomb": (BOMB.encode(), "alias bomb"),
    "too_big": (b"a: " + b"x" * (5 * 1024 * 1024) + b"\n", "limit is 5 MB"),
    "too_deep": (
        b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "nesting is deeper than 40 levels",
    ),
    "not_utf8": (b"id: caf\xe9\n", ":1:8: the file is not UTF-8"),
    "top_level_list": (b"- a\n- b\n", ":1:1: the top level is a list"),
    "top_level_scalar": (b"just words\n", "the top level is a single value"),
    "empty": (b"", "the file is empty"),
    "only_comments": (b"# nothing here\n", "the file is empty"),
    "malformed": (b"id: [unclosed\n", "malformed YAML"),
    "two_documents": (MINIMAL.encode() + b"---\nid: x\n", "more than one YAML document"),
    "long_hex_number": (b"id: 0x" + b"f" * 5000 + b"\n", ":1:5: the number 0xf"),
    "long_sexagesimal_number": (b"id: " + b":".join([b"59"] * 3000) + b"\n", ":1:5: the number"),
    "long_decimal_number": (b"id: " + b"9" * 5000 + b"\n", ":1:5: the number 9"),
}
UNPLACED = {"too_big", "empty", "only_comments"}  # whole-file problems have no line


@pytest.mark.parametrize("name", CASES)
def test_refused_with_one_clear_line(name: str, tmp_path: Path) -> None:
    content, expected = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    started = time.perf_counter()
    ran = run_process("validate", "-q", str(path))
    assert time.perf_counter() - started < 10  # a whole process; the loading itself is far faster
    assert ran.code == 1, ran
    assert "Traceback" not in ran.out + ran.err
    lines = ran.out.strip().splitlines()
    assert len(lines) == 1, ran.out
    assert lines[0].startswith(str(path)) and expected in lines[0], lines[0]
    if name not in UNPLACED:
        assert re.match(re.escape(str(path)) + r":\d+:\d+: \S", lines[0]), lines[0]


@pytest.mark.parametrize("name", ["alias_bomb", "too_deep", "too_big"])
def test_refused_quickly_in_process(name: str, tmp_path: Path) -> None:
    from readiness.bank.load import validate_bank_file
    from readiness.errors import InputError

    path = tmp_path / "bad.yaml"
    path.write_bytes(CASES[name][0])
    started = time.perf_counter()
    with pytest.raises(InputError):
        validate_bank_file(path)
    assert time.perf_counter() - started < 1.0


def test_run_refuses_hostile_bank_too(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(CASES["python_tag"][0])
    ran = run_process("schema", "answers", "--bank", str(path))
    assert ran.code == 1 and "YAML tag" in ran.err and "Traceback" not in ran.err
