"""Every command the README shows is run here, so the guide cannot rot.

Commands that open the full-screen app (``readiness``, ``run`` without ``--plain``, ``serve``)
are checked to parse; the app itself is driven by the Pilot, tmux and serve tests. Everything
else runs for real, in order, in a folder holding the files the README's examples name.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from readiness.bank.load import bundled_dir
from readiness.cli import build_parser

README = (ROOT / "README.md").read_text("utf-8")


def console_commands() -> list[str]:
    """The ``$ readiness ...`` lines of the README's console blocks, in order."""
    blocks = re.findall(r"```console\n(.*?)```", README, re.S)  # also those indented in lists
    lines = (line.lstrip() for block in blocks for line in block.splitlines())
    return [line[2:].strip() for line in lines if line.startswith("$ ")]


def yaml_example(name: str) -> str:
    """The README's YAML block that starts ``# NAME``."""
    (block,) = [
        b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if b.startswith(f"# {name}")
    ]
    return block


def answers_example() -> str:
    return yaml_example("answers.yaml")


def opens_the_app(argv: list[str]) -> bool:
    command = argv[0] if argv else "run"
    return (
        command == "serve"
        or (command == "run" and "--plain" not in argv)
        or command.startswith("-")
    )


def test_readme_opens_with_the_two_set_up_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block and README.index(first_block.group(0)) < README.index("\n## ")
    install_run, install_test = first_block.group(1).strip().splitlines()
    assert "pip install -e ." in install_run and install_run.split("#")[0].strip().endswith(
        "readiness"
    )
    assert "pip install -e '.[test]'" in install_test and "pytest" in install_test
    assert "python3 -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_shows_every_command() -> None:
    shown = {shlex.split(c)[1] if len(shlex.split(c)) > 1 else "run" for c in console_commands()}
    assert {
        "run",
        "serve",
        "validate",
        "new-bank",
        "score",
        "report",
        "aggregate",
        "compare",
        "export",
        "schema",
    } <= shown


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A folder with the files the README's examples name."""
    (tmp_path / "answers.yaml").write_text(answers_example(), "utf-8")
    (tmp_path / "replies.yaml").write_text(yaml_example("replies.yaml"), "utf-8")
    (tmp_path / "questions").symlink_to(bundled_dir())
    results = tmp_path / "results"
    results.mkdir()
    for name, reply, day in [
        ("before", "1", "01"),
        ("after", "4", "20"),
        ("Ana", "3", "21"),
        ("Ben", "2", "21"),
    ]:
        answers = {
            "respondent": {
                "name": "Sam" if name in ("before", "after") else name,
                "role": "Practitioner" if name == "Ben" else "Senior leader",
            },
            "answers": {q: int(reply) if q != "q_resilience" else 2 for q in QUICK_IDS},
        }
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(answers), "utf-8")
        done = run(f"readiness score --bank quick {name}.yaml -o results/{name}.json", tmp_path)
        assert done.returncode == 0, done.stderr
        result = json.loads((results / f"{name}.json").read_text())
        result["session"] = {
            "started_at": f"2026-10-{day}T09:00:00Z",
            "completed_at": f"2026-10-{day}T09:30:00Z",
        }
        (results / f"{name}.json").write_text(json.dumps(result, indent=2))
    return tmp_path


QUICK_IDS = [
    "q_leadership",
    "q_resilience",
    "q_capacity",
    "q_recruitment",
    "q_lead_in",
    "q_evidence",
    "q_data",
    "q_comparison",
    "q_researchers",
    "q_engagement",
    "q_population",
    "q_joint_working",
]


def run(command: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """A README command in bash, with ``readiness`` meaning this checkout's package."""
    shell = f'readiness() {{ {shlex.quote(sys.executable)} -m readiness "$@"; }}\n{command}'
    env = {**os.environ, "READINESS_DATA_DIR": str(cwd / "data"), "NO_COLOR": "1"}
    return subprocess.run(
        ["bash", "-c", shell],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_every_readme_command_works(sandbox: Path) -> None:
    ran = 0
    for command in console_commands():
        argv = shlex.split(command)[1:]
        argv = [a for a in argv if a != ">" and not a.endswith(".schema.json")]
        if opens_the_app(argv):
            build_parser().parse_args(
                ["run", *argv] if not argv or argv[0].startswith("-") else argv
            )
            continue
        done = run(command, sandbox, stdin="4\n" * 80)
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr
        ran += 1
    assert ran >= 15
    assert (sandbox / "group.json").is_file() and (sandbox / "answers.csv").read_bytes()[
        :3
    ] == b"\xef\xbb\xbf"
    assert json.loads((sandbox / "result.json").read_text())["respondent"]["name"] == "Sam Patel"
    assert (sandbox / "quick-answers.schema.json").read_text().startswith("{")
