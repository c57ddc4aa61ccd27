"""mypy finds no error in the package (configured in pyproject's ``[tool.mypy]``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from readiness.api import score
from readiness.scoring.result_types import Result


@pytest.mark.slow
def test_mypy_is_clean(tmp_path: Path) -> None:
    if (
        shutil.which("mypy") is None
        and subprocess.run(
            [sys.executable, "-m", "mypy", "--version"], capture_output=True
        ).returncode
    ):
        pytest.skip("mypy is not installed (it is in the test extras)")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:]


def test_result_typed_dict_lists_the_schema_keys() -> None:
    """The TypedDict of a result names exactly the keys the result schema requires."""
    from readiness import schemas

    required = schemas.schema("result")["required"]
    assert list(Result.__annotations__) == required
    found = score("quick", {"answers": {}})
    assert list(found) == required


def test_group_typed_dict_lists_the_schema_keys() -> None:
    from readiness import schemas
    from readiness.group.types import GroupResult

    assert list(GroupResult.__annotations__) == schemas.schema("group")["required"]
