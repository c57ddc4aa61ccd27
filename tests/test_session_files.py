"""Sessions on disk: finishing only once the result is written, and finding sessions to resume
without ever being stopped, or misled, by a file that cannot be resumed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BANKS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.bank.yamlsafe import MAX_BYTES
from readiness.errors import ReadinessError
from readiness.report.outputs import write_outputs
from readiness.session import files as sessions
from readiness.session.check import KNOWN, first_problem
from readiness.session.engine import Session

BANK = str(BANKS / "valid" / "conversation.yaml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


def started(folder: Path, answers: tuple[Any, ...] = ("some", "Agree it")) -> Session:
    session = Session(load_bank(BANK))
    for value in answers:
        session.answer(value)
    sessions.save(session, folder)
    return session


def waiting_ids(folder: Path, skipped: list[sessions.Skipped] | None = None) -> list[str]:
    return [data["id"] for _, data in sessions.unfinished(folder, skipped=skipped)]


# --- finishing ------------------------------------------------------------------------------


def test_a_session_whose_write_fails_stays_unfinished_and_is_offered(
    folder: Path, tmp_path: Path
) -> None:
    session = started(folder, ("all", "no", 12, ["health"], "Thanks"))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the output folder should be", "utf-8")
    result = session.result_for_finish()
    with pytest.raises(ReadinessError):
        write_outputs(result, blocked)
    sessions.save(session, folder)  # a front end saves what it has, whatever happened
    assert not session.finished
    assert waiting_ids(folder) == [session.id]

    written = write_outputs(result, tmp_path / "out")
    session.mark_finished(result["session"]["completed_at"])
    sessions.save(session, folder)
    assert json.loads(written.result.read_text("utf-8")) == result
    assert waiting_ids(folder) == []


# --- finding sessions to resume -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"kind": "session", "id": "caf\xe9"}', "line 1: the file is not UTF-8 text"),
        (b"{" + b" " * MAX_BYTES + b"}", "the limit is 5 MB"),
        (b'{"kind": "session",', "not valid JSON"),
        (b'{"kind": "session"}', "not a session this version of readiness can resume"),
    ],
    ids=["not-utf8", "too-large", "not-json", "not-a-session"],
)
def test_an_unreadable_session_file_is_skipped_and_named(
    folder: Path, content: bytes, reason: str
) -> None:
    session = started(folder)
    bad = folder / "zzz-broken.json"
    bad.write_bytes(content)
    skipped: list[sessions.Skipped] = []
    assert waiting_ids(folder, skipped) == [session.id]
    assert [s.path for s in skipped] == [bad]
    assert str(skipped[0]).startswith(f"skipped {bad}: ") and reason in str(skipped[0])
    assert waiting_ids(folder) == [session.id]  # without the list, passed over silently


def _saved(session: Session) -> dict[str, Any]:
    return sessions.to_dict(session)


BROKEN = {
    "unknown key": lambda d: d.update(extra=1),
    "bad id": lambda d: d.update(id="../../elsewhere"),
    "old version": lambda d: d.update(schema_version="0.9"),
    "follow-up not a pair": lambda d: d.update(follow_up=["vision"]),
    "history not a list": lambda d: d.update(history="vision"),
    "answers a number": lambda d: d.update(answers=3),
    "action column unknown": lambda d: d.update(actions={"vision": {"later": "x"}}),
    "mode unknown": lambda d: d.update(mode="crowd"),
    "bank without origin": lambda d: d["bank"].pop("origin"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_session_that_read_would_refuse_is_never_offered(folder: Path, name: str) -> None:
    session = started(folder)
    data = _saved(session)
    BROKEN[name](data)
    path = sessions.session_path(session, folder)
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ReadinessError):
        sessions.read(path)
    skipped: list[sessions.Skipped] = []
    assert waiting_ids(folder, skipped) == []
    assert [s.path for s in skipped] == [path]


def test_a_session_whose_bank_is_gone_is_skipped(folder: Path, tmp_path: Path) -> None:
    copied = tmp_path / "mine.yaml"
    copied.write_text(Path(BANK).read_text("utf-8"), "utf-8")
    session = Session(load_bank(str(copied)))
    sessions.save(session, folder)
    copied.unlink()
    skipped: list[sessions.Skipped] = []
    assert waiting_ids(folder, skipped) == []
    assert "its question bank cannot be found" in skipped[0].reason


def test_finished_and_other_banks_sessions_are_not_offered_nor_warned(folder: Path) -> None:
    session = started(folder)
    skipped: list[sessions.Skipped] = []
    assert sessions.unfinished(folder, bank_id="core", skipped=skipped) == []
    session.mark_finished()
    sessions.save(session, folder)
    assert waiting_ids(folder, skipped) == [] and skipped == []


# --- action plans on disk -------------------------------------------------------------------


def test_replies_by_question_survive_a_save_and_restore(folder: Path) -> None:
    session = started(folder, ("some", "Agree it", "Workshop"))
    data = sessions.read(sessions.session_path(session, folder))
    assert data["schema_version"] == "1.3"
    restored = sessions.restore(data, session.bank).session
    assert restored.actions == {"vision": {"needs": "Agree it", "progress": "Workshop"}}
    assert restored.result()["actions"] == session.result()["actions"]


def test_an_old_session_with_replies_by_target_still_resumes(folder: Path) -> None:
    """A 1.0 session kept replies by audit condition: they stay, as a row for the condition."""
    session = started(folder, ("some",))
    data = _saved(session)
    data["schema_version"] = "1.0"
    data.pop("target_actions")
    data["actions"] = {"A01": {"needs": "Agree the vision"}}
    path = sessions.session_path(session, folder)
    path.write_text(json.dumps(data), "utf-8")
    assert waiting_ids(folder) == [session.id]
    restored = sessions.restore(sessions.read(path), session.bank)
    assert restored.session.actions == {}
    assert restored.session.target_actions == {"A01": {"needs": "Agree the vision"}}
    (row,) = restored.session.result()["actions"]
    assert (row["id"], row["question"], row["needs"]) == ("A01", None, "Agree the vision")


# --- the quick check agrees with the schema -------------------------------------------------


def _keywords(node: Any) -> set[str]:
    """Every keyword the schema uses (property names and definitions are not keywords)."""
    if isinstance(node, list):
        return set().union(*map(_keywords, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node)
    for key, value in node.items():
        if key in ("properties", "$defs"):
            found |= set().union(*map(_keywords, value.values())) if value else set()
        elif key in ("items", "additionalProperties", "prefixItems", "oneOf"):
            found |= _keywords(value)
    return found


def test_the_session_schema_uses_only_keywords_the_quick_check_knows() -> None:
    assert _keywords(schemas.schema("session")) <= KNOWN


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_quick_check_agrees_with_jsonschema(data: st.DataObject) -> None:
    """A valid session with one field replaced by something arbitrary: both checkers agree."""
    session = Session(load_bank(BANK))
    session.answer("some")
    saved = copy.deepcopy(_saved(session))
    key = data.draw(st.sampled_from(sorted(saved)))
    saved[key] = data.draw(JSONISH | st.just(saved[key]))
    quick = first_problem(saved, schemas.schema("session"))
    full = schemas.check_data(saved, "session")
    assert (quick is None) == (not full), (quick, full)
