"""The built wheel, installed in a fresh virtual environment, works away from the checkout.

The bundled banks live in ``questions/`` at the top of the repository and reach the package
only through hatchling's ``force-include``; this is the test that they (and the schemas, the
starter bank, the web page and the stylesheet) really ship, and are found, once installed.

The wheel is installed with ``--no-deps`` into a new virtual environment that also sees the
site-packages of the interpreter running the tests (listed in a ``.pth`` file, whether that
interpreter is a venv or the system's): the dependencies already installed for the tests are
reused, so the test needs no network and takes seconds, while the package itself comes only
from the wheel. Those folders come after the venv's own, and their ``.pth`` files (such as the
checkout's editable install) are not run; still, the test checks that ``readiness`` is
imported from the venv, and runs everything from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from readiness import schemas

pytestmark = pytest.mark.slow

IN_WHEEL = (
    "readiness/questions/core.yaml",
    "readiness/questions/audit.yaml",
    "readiness/questions/quick.yaml",
    "readiness/schemas/bank.schema.json",
    "readiness/schemas/answers.schema.json",
    "readiness/schemas/result.schema.json",
    "readiness/schemas/session.schema.json",
    "readiness/templates/starter-bank.yaml",
    "readiness/web/templates/turn.html",
    "readiness/web/templates/projector.html",
    "readiness/web/static/readiness.css",
    "readiness/tui/readiness.tcss",
    "readiness/py.typed",
)


@dataclass(frozen=True)
class Installed:
    """A venv with the wheel installed, and a working folder outside the checkout."""

    wheel: Path
    bin: Path
    cwd: Path
    env: dict[str, str]

    def run(
        self,
        program: str,
        *args: str,
        stdin: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / program), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.cwd,
            env=self.env,
            timeout=120,
        )

    def python(self, code: str) -> str:
        done = self.run("python", "-c", code)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()


def build_wheel(outdir: Path) -> Path:
    """``python -m build --wheel``, isolated (hatchling from the package index).

    Only when the isolated build cannot get hatchling (no network) does it build without
    isolation, with the hatchling already installed.
    """
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.importorskip("hatchling", reason=f"isolated build failed:\n{done.stderr[-2000:]}")
        done = subprocess.run(
            [*command, "--no-isolation"], capture_output=True, text=True, timeout=300
        )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (wheel,) = outdir.glob("readiness-*.whl")
    return wheel


def see_running_site_packages(python: Path) -> None:
    """Let the venv of ``python`` import what the running interpreter has installed.

    ``--system-site-packages`` would not do: a venv made from inside a venv sees the base
    interpreter's site-packages, not the outer venv's, where the dependencies are.
    """
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    running = [*site.getsitepackages(), sysconfig.get_path("purelib")]
    if site.ENABLE_USER_SITE:
        running.append(site.getusersitepackages())
    folders = dict.fromkeys(p for p in running if Path(p).is_dir())
    (Path(purelib) / "running-interpreter.pth").write_text("\n".join(folders) + "\n")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    top = tmp_path_factory.mktemp("packaging")
    wheel = build_wheel(top / "dist")
    venv.EnvBuilder().create(top / "venv")
    bin_dir = top / "venv" / ("Scripts" if os.name == "nt" else "bin")
    see_running_site_packages(bin_dir / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(
        READINESS_DATA_DIR=str(top / "data"),
        READINESS_CACHE_DIR=str(top / "cache"),
        NO_COLOR="1",
        VIRTUAL_ENV=str(top / "venv"),
    )
    cwd = top / "work"
    cwd.mkdir()
    installed = Installed(wheel, bin_dir, cwd, env)
    # This pip installs into the venv (--python), which saves installing pip there too.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_dir / "python"),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return installed


def test_wheel_holds_banks_schemas_and_templates(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    missing = [name for name in IN_WHEEL if name not in names]
    assert not missing, missing
    assert not [n for n in names if n.startswith(("questions/", "tests/"))]


def test_the_installed_copy_is_the_one_used(installed: Installed) -> None:
    where = Path(installed.python("import readiness; print(readiness.__file__)"))
    assert where.is_relative_to(installed.bin.parent), where
    assert not where.is_relative_to(ROOT)
    bundled = Path(
        installed.python("from readiness.bank.load import bundled_dir; print(bundled_dir())")
    )
    assert bundled.is_relative_to(installed.bin.parent), bundled


def test_version_is_single_sourced(installed: Installed) -> None:
    code = (
        "import importlib.metadata as m, readiness; "
        "print(readiness.__version__, m.version('readiness'))"
    )
    version, metadata = installed.python(code).split()
    assert version == metadata
    assert installed.wheel.name.startswith(f"readiness-{version}-")
    assert installed.run("readiness", "--version").stdout.strip() == f"readiness {version}"


def test_banks_lists_the_bundled_banks(installed: Installed) -> None:
    done = installed.run("readiness", "banks", "--json")
    assert done.returncode == 0, done.stderr
    assert {row["id"] for row in json.loads(done.stdout)} >= {"core", "audit", "quick"}


def test_bundled_banks_validate(installed: Installed) -> None:
    bundled = installed.python("from readiness.bank.load import bundled_dir; print(bundled_dir())")
    done = installed.run("readiness", "validate", bundled)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
    assert "3 of 3 bank(s) valid" in done.stderr


def test_plain_run_writes_a_valid_result(installed: Installed) -> None:
    done = installed.run(
        "readiness", "run", "--plain", "--bank", "quick", "--output-dir", "out", stdin="4\n" * 12
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    assert "Traceback" not in done.stderr
    (result,) = (installed.cwd / "out").glob("*.json")
    data = json.loads(result.read_text())
    assert schemas.check_data(data, "result") == []
    assert len(data["answers"]) == 12
    assert result.stat().st_mode & 0o777 == 0o600


def test_new_bank_from_the_installed_template(installed: Installed) -> None:
    done = installed.run("readiness", "new-bank", "starter.yaml")
    assert done.returncode == 0, done.stderr
    assert installed.run("readiness", "validate", "starter.yaml").returncode == 0
