"""Files written and read safely: only regular files replaced, ``-`` as stdin and stdout, names
claimed without hard links, leftovers swept, the cache not fooled, readable result names."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import BANKS, run_process

from readiness import store
from readiness.bank import cache as checked
from readiness.bank.load import load_bank
from readiness.errors import ResultFileError, UsageError
from readiness.report.outputs import stem_for, write_outputs
from readiness.scoring.answers import AnswerSet
from readiness.scoring.scores import score

MINIMAL = (BANKS / "valid" / "minimal.yaml").read_text()


def a_result(name: str | None = None) -> dict[str, Any]:
    bank = load_bank("quick")
    result = score(bank, AnswerSet(answers={q.id: q.options[0].id for q in bank.questions}))
    result["respondent"]["name"] = name
    return result


# ---------------------------------------------------------------- -o: regular files, or stdout


@pytest.mark.parametrize("kind", ["fifo", "folder", "link_to_device"])
def test_output_over_anything_but_a_regular_file_is_refused(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(os.devnull)
    before = os.lstat(target)
    with pytest.raises(UsageError, match="not a regular file") as caught:
        store.write_output(str(target), "text\n")
    assert caught.value.exit_code == 2 and "'-' for standard output" in str(caught.value)
    after = os.lstat(target)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (
        before.st_ino,
        stat.S_IFMT(before.st_mode),
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_report_output_to_a_fifo_exits_2(tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    result.write_text(store.dumps(a_result()))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    ran = run_process("report", str(result), "-o", str(fifo), timeout=60)
    assert ran.code == 2 and "is a named pipe, not a regular file" in ran.err, ran
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dash_output_is_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.write_output("-", "to stdout\n")
    store.write_json_atomic(Path("-"), {"a": 1})
    assert capsys.readouterr().out == 'to stdout\n{\n  "a": 1\n}\n'
    result = tmp_path / "result.json"
    result.write_text(store.dumps(a_result()))
    for command in (
        ("report", str(result), "--format", "md", "-o", "-"),
        ("compare", str(result), str(result), "--format", "json", "-o", "-"),
        ("export", str(result), "-o", "-"),
        ("aggregate", str(result), "-o", "-"),
    ):
        ran = run_process(*command, cwd=tmp_path)
        assert ran.code == 0 and ran.out.strip(), (command, ran.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_report_reads_a_result_from_stdin(tmp_path: Path) -> None:
    text = store.dumps(a_result())
    piped = run_process("report", "-", "--format", "md", stdin=text)
    (tmp_path / "result.json").write_text(text)
    named = run_process("report", str(tmp_path / "result.json"), "--format", "md")
    assert piped.code == 0 and piped.out == named.out, piped.err
    broken = run_process("report", "-", stdin='{"kind": "result",\n "kind": 1}')
    assert broken.code == 1 and broken.err.startswith("stdin:2:2: duplicate key"), broken.err


def test_stdin_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"kind": "x"}')))
    found = store.open_json("-")
    assert (found.shown, found.data) == ("stdin", {"kind": "x"})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[1]")))
    with pytest.raises(ResultFileError, match=r"^stdin: the top level"):
        store.open_json("-")


# ---------------------------------------------------------------- claiming a name


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP])
def test_names_are_claimed_without_hard_links(
    code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "r.json").write_text("someone else's\n")
    first = store.write_new_text(tmp_path, "r", ".json", "mine\n")
    second = store.write_new_text(tmp_path, "r", ".json", "also mine\n")
    assert (first.name, second.name) == ("r-2.json", "r-3.json")
    assert [p.read_text() for p in (tmp_path / "r.json", first, second)] == [
        "someone else's\n",
        "mine\n",
        "also mine\n",
    ]
    assert first.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-2.json", "r-3.json", "r.json"]


def test_without_links_or_renames_the_text_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.EPERM, "not supported")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    path = store.write_new_text(tmp_path, "r", ".txt", "whole\n")
    assert path.read_text() == "whole\n" and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_stale_temporary_files_of_ours_are_swept(tmp_path: Path) -> None:
    hour_ago = time.time() - store.STALE_AFTER - 60
    stale = tmp_path / f".core-x.json.abcd1234{store.TEMP_SUFFIX}"
    fresh = tmp_path / f".core-x.json.wxyz9876{store.TEMP_SUFFIX}"
    others = [tmp_path / ".notes.tmp", tmp_path / "keep.json.abcd1234.tmp"]
    for path in (stale, fresh, *others):
        path.write_text("x")
    for path in (stale, *others):
        os.utime(path, (hour_ago, hour_ago))
    store.write_text_atomic(tmp_path / "out.txt", "new\n")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {fresh.name, "out.txt", *(p.name for p in others)}


# ---------------------------------------------------------------- the results folder and names


def test_results_folder_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        written = write_outputs(a_result("Łukasz Żółć"), tmp_path / "results")
    finally:
        os.umask(old)
    assert (tmp_path / "results").stat().st_mode & 0o777 == 0o700
    assert written.result.name.endswith("-lukasz-zolc.json")
    files = [getattr(written, name) for name in written.__struct_fields__]
    assert {p.stat().st_mode & 0o777 for p in files} == {0o600}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jo Bloggs", "jo-bloggs"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Ægir Þórsson", "aegir-thorsson"),
        ("Đorđe Søren Straße", "dorde-soren-strasse"),
        ("李小龙", "李小龙"),
        ("李小龙 Bruce", "李小龙-bruce"),
        ("Σωκράτης", "σωκράτης"),
        ("", "anonymous"),
        ("../..", None),
        ("😀 \u202e\x00/\\", None),
    ],
)
def test_names_in_file_names(name: str, slug: str | None) -> None:
    result = a_result(name or None)
    prefix = f"quick-{result['session']['completed_at'][:10]}-"
    found = stem_for(result).removeprefix(prefix)
    if slug is None:
        assert found.startswith("respondent-") and len(found) == len("respondent-") + 8
        assert found != stem_for(a_result(name + "x")).removeprefix(prefix)
    else:
        assert found == slug
    assert found and all(c.isalnum() or c == "-" for c in found)


# ---------------------------------------------------------------- the cache of checked banks


@pytest.fixture
def bank_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(checked.ENV_DIR, str(tmp_path / "cache"))
    path = tmp_path / "bank.yaml"
    path.write_text(MINIMAL)
    return path


def test_the_cache_writes_through_no_planted_link(bank_file: Path, tmp_path: Path) -> None:
    bank = load_bank(str(bank_file))
    folder = tmp_path / "cache" / "checked"
    (entry,) = folder.glob(f"{bank.sha256}-*.json")
    entry.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    for pid in range(os.getpid() - 50, os.getpid() + 50):  # the old, predictable names
        (folder / f".{entry.name}.{pid}.tmp").symlink_to(victim)
    assert load_bank(str(bank_file)) == bank
    assert victim.read_text() == "precious\n" and entry.is_file() and not entry.is_symlink()


@pytest.mark.parametrize("tamper", ["drop_key", "other_digest", "edit_data", "symlink", "list"])
def test_a_tampered_cache_entry_is_a_miss(tamper: str, bank_file: Path, tmp_path: Path) -> None:
    bank = load_bank(str(bank_file))
    (entry,) = (tmp_path / "cache" / "checked").glob("*.json")
    envelope = json.loads(entry.read_text())
    if tamper == "drop_key":
        del envelope["data"]["questions"]
    elif tamper == "other_digest":
        envelope["digest"] = "0" * 64
    elif tamper == "edit_data":
        envelope["data"]["title"] = "Not what was checked"
    elif tamper == "list":
        envelope = [envelope]
    if tamper == "symlink":
        elsewhere = tmp_path / "elsewhere.json"
        entry.rename(elsewhere)
        entry.symlink_to(elsewhere)
    else:
        entry.write_text(json.dumps(envelope))
    assert checked.passed_before(bank.sha256) is None
    assert load_bank(str(bank_file)) == bank
