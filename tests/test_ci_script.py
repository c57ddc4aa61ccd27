"""``.ci/run`` proves the README's promise on a fresh machine, and the test tools are pinned.

The script is run for real, with stand-ins for python3, apt-get and tmux on a PATH that holds
nothing else but the shell tools it uses, so each test sees what it would do on a bare machine
in a second, without the network: make a new venv, install into it with the newest versions
allowed, install missing system programs, run the README's test command and fail with it.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.requirements import Requirement

SCRIPT = ROOT / ".ci" / "run"
TOOLS = (
    "bash", "env", "mktemp", "rm", "dirname", "mkdir", "cat", "chmod", "cp", "echo", "sh", "grep",
)  # fmt: skip
SYSTEM = {  # the system programs .ci/run makes sure of, as stand-ins that do nothing
    "tmux": "#!/bin/sh\n",
    "chromium": "#!/bin/sh\n",
    "chromedriver": "#!/bin/sh\n",
    "pdftoppm": "#!/bin/sh\n",
    "ldconfig": "#!/bin/sh\necho 'libpangoft2-1.0.so.0 => /usr/lib/libpangoft2-1.0.so.0'\n",
}
SYSTEM_PACKAGES = [
    "tmux",
    "chromium",
    "chromium-driver",
    "poppler-utils",
    "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core",
]

# A stand-in for python3: logs how it was called, makes a "venv" that holds a copy of itself,
# and for the test command exits with $FAKE_PYTEST_EXIT.
FAKE_PYTHON = """#!/bin/sh
echo "$0 $*" >> "$CALLS"
case "$*" in
  "-m venv "*) mkdir -p "$3/bin" && cp "$0" "$3/bin/python3" && cp "$0" "$3/bin/python" ;;
  "-m pytest"*) exit "${FAKE_PYTEST_EXIT:-0}" ;;
  *"print(f"*) echo 3.11 ;;
esac
exit 0
"""
FAKE_APT = (
    '#!/bin/sh\necho "apt-get $*" >> "$CALLS"\n[ "$1" != install ] || exit "${FAKE_APT_EXIT:-0}"\n'
)


def run_ci(tmp_path: Path, *, programs: bool, pytest_exit: int = 0, apt_exit: int = 0):
    """Run a copy of .ci/run in a bare checkout; its exit status and the calls it made."""
    checkout = tmp_path / "checkout"
    (checkout / ".ci").mkdir(parents=True)
    shutil.copy2(SCRIPT, checkout / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        if found := shutil.which(tool):
            (bin_dir / tool).symlink_to(found)
    for name, text in [("python3", FAKE_PYTHON), ("apt-get", FAKE_APT)] + (
        list(SYSTEM.items()) if programs else []
    ):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    calls = tmp_path / "calls.log"
    env = {
        "PATH": str(bin_dir),
        "CALLS": str(calls),
        "CI": "true",
        "CI_VENV": str(tmp_path / "venv"),
        "FAKE_PYTEST_EXIT": str(pytest_exit),
        "FAKE_APT_EXIT": str(apt_exit),
    }
    done = subprocess.run(
        [str(bin_dir / "bash"), str(checkout / ".ci" / "run")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    lines = calls.read_text().splitlines() if calls.exists() else []
    return done, lines


pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("bash", "mktemp", "dirname")), reason="needs bash"
)


def test_syntax() -> None:
    assert subprocess.run(["bash", "-n", str(SCRIPT)]).returncode == 0
    assert os.access(SCRIPT, os.X_OK)


def test_a_fresh_venv_the_newest_versions_then_the_readme_command(tmp_path: Path) -> None:
    done, calls = run_ci(tmp_path, programs=True)
    assert done.returncode == 0, done.stderr
    venv_python = f"{tmp_path / 'venv'}/bin/python3"
    made = calls.index(next(c for c in calls if " -m venv " in c))
    assert calls[made].endswith(f"-m venv {tmp_path / 'venv'}")
    after = [c for c in calls[made + 1 :] if "-m pip freeze" not in c]
    assert after == [
        f"{venv_python} -m pip install -q --upgrade pip",
        f"{venv_python} -m pip install -q --upgrade --upgrade-strategy eager -e .[test]",
        f"{venv_python} -m pytest",
    ]
    assert not [c for c in calls if c.startswith("apt-get")]
    readme = (ROOT / "README.md").read_text()
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in readme


def test_a_failing_test_fails_the_run(tmp_path: Path) -> None:
    done, calls = run_ci(tmp_path, programs=True, pytest_exit=3)
    assert done.returncode == 3 and calls[-1].endswith("-m pytest")


def test_missing_system_programs_are_installed_and_a_failure_is_tolerated(
    tmp_path: Path,
) -> None:
    done, calls = run_ci(tmp_path, programs=False)
    assert done.returncode == 0, done.stderr
    assert [c for c in calls if c.startswith("apt-get")] == [
        "apt-get update -qq",
        *(f"apt-get install -y -qq --no-install-recommends {p}" for p in SYSTEM_PACKAGES),
    ]
    done, calls = run_ci(tmp_path / "again", programs=False, apt_exit=100)
    assert done.returncode == 0 and "tmux could not be installed" in done.stdout + done.stderr
    assert calls[-1].endswith("-m pytest")


def test_lint_and_type_tools_are_pinned_to_versions_that_agree() -> None:
    """tests/test_lint.py enforces ruff's format, which changes between minor versions."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    extras = [Requirement(r) for r in project["project"]["optional-dependencies"]["test"]]
    pinned = {r.name: r.specifier for r in extras}
    assert {"ruff", "mypy"} <= set(pinned)
    for name in ("ruff", "mypy"):
        assert any(s.operator == "<" for s in pinned[name]), f"{name} has no upper bound"
    installed = importlib.metadata.version("ruff")
    assert pinned["ruff"].contains(installed), (installed, pinned["ruff"])
