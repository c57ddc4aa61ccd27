"""Each broken bank in tests/banks/invalid names the right file, line and problem.

A broken bank marks its offending line with ``# <- expect: FRAGMENT``; validate must exit 1
and print ``FILE:LINE:COL: ...FRAGMENT...`` for that line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BANKS

INVALID = sorted((BANKS / "invalid").glob("*.yaml"))
VALID = sorted((BANKS / "valid").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, str]:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if "# <- expect: " in line:
            return number, line.split("# <- expect: ", 1)[1].strip()
    raise AssertionError(f"{path} has no '# <- expect:' marker")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_bank_names_file_line_and_problem(path: Path, cli) -> None:
    line, fragment = expectation(path)
    ran = cli("validate", str(path))
    assert ran.code == 1
    pattern = re.compile(rf"^{re.escape(str(path))}:{line}:\d+: .*{re.escape(fragment)}", re.M)
    assert pattern.search(ran.out), ran.out


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_bank_passes(path: Path, cli) -> None:
    ran = cli("validate", str(path))
    assert (ran.code, ran.out) == (0, "")
    assert "1 of 1 bank(s) valid" in ran.err


def test_folder_reports_every_bank(cli) -> None:
    ran = cli("validate", str(BANKS / "invalid"))
    assert ran.code == 1
    assert f"0 of {len(INVALID)} bank(s) valid" in ran.err
    assert {Path(line.split(":")[0]).stem for line in ran.out.splitlines()} == {
        p.stem for p in INVALID
    }


def test_missing_path_is_a_usage_error(cli, tmp_path: Path) -> None:
    ran = cli("validate", str(tmp_path / "nope.yaml"))
    assert ran.code == 2
    assert "nope.yaml: no such file or folder" in ran.err
