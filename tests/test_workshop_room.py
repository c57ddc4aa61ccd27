"""The workshop room without a web server: joining, the cap, saving and resuming, finishing
once, watchers, role groups, and the codes people type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.bank.load import load_bank
from readiness.model import Bank
from readiness.workshop.codes import (
    CODE_ALPHABET,
    new_join_code,
    same_code,
    same_secret,
    token_hash,
)
from readiness.workshop.links import base_url, facilitator_url, join_url
from readiness.workshop.room import Workshop, WorkshopFull


@pytest.fixture(scope="module")
def quick() -> Bank:
    return load_bank("quick")


def answer_all(workshop: Workshop, token: str, option: int = 4) -> None:
    who = workshop.participant(token)
    assert who is not None
    while who.controller.asked is not None:
        if who.prompt() and who.prompt().kind == "choice":  # type: ignore[union-attr]
            who.choose([option])
        else:
            who.reply("")


def test_a_participant_joins_answers_and_finishes(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path)
    token = workshop.join(None, "Head of service")
    who = workshop.participant(token)
    assert who is not None and who.view == "chat" and not who.finished
    assert who.session.respondent.role == "Head of service"
    answer_all(workshop, token)
    assert who.view == "review" and who.review_heading() == "12 of 12 done: 12 answered"
    assert who.finish() and who.view == "done"
    assert workshop.counts() == (1, 0, 1)
    assert len(list(tmp_path.glob("quick-*.json"))) == 1
    html = who.summary_html()
    assert html is not None and "<html" in html.lower()


def test_finishing_twice_never_makes_two_results(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path)
    token = workshop.join(None, "")
    answer_all(workshop, token)
    who = workshop.participant(token)
    assert who is not None and who.finish() and who.finish()
    workshop.close()
    again = Workshop(quick, tmp_path)
    resumed = again.participant(token)
    assert resumed is not None and resumed.finished and resumed.finish()
    assert len(list(tmp_path.glob("quick-*.json"))) == 1
    assert resumed.result() is not None


def test_sessions_are_saved_by_token_hash_and_resumed(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path)
    token = workshop.join(None, "")
    who = workshop.participant(token)
    assert who is not None
    who.choose([2])
    who.set_note("we need more staff")
    workshop.close()
    files = list((tmp_path / ".sessions").glob("*.json"))
    assert [f.stem for f in files] == [token_hash(token)]
    saved = files[0].read_text()
    assert token not in saved and "we need more staff" in saved
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"
    again = Workshop(quick, tmp_path)
    resumed = again.participant(token)
    assert resumed is not None and resumed.session.answers == who.session.answers
    assert "Welcome back" in resumed.turns[0].text
    assert again.participant("not-a-token") is None and again.participant(None) is None


def test_a_broken_session_file_is_skipped_and_said(quick: Bank, tmp_path: Path) -> None:
    folder = tmp_path / ".sessions"
    folder.mkdir()
    (folder / ("a" * 32 + ".json")).write_text("{not json")
    workshop = Workshop(quick, tmp_path)
    assert workshop.counts() == (0, 0, 0)
    assert len(workshop.skipped) == 1 and "a" * 32 in workshop.skipped[0]


def test_the_cap_is_a_clear_error(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path, cap=2)
    workshop.join(None, "")
    workshop.join(None, "")
    with pytest.raises(WorkshopFull, match="the workshop is full \\(2 participants\\)"):
        workshop.join(None, "")


def test_watchers_hear_each_change_until_they_unsubscribe(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path)
    heard: list[int] = []
    stop = workshop.subscribe(lambda: heard.append(len(workshop.snapshot())))
    workshop.subscribe(lambda: 1 / 0)  # a broken watcher breaks nobody's answer
    token = workshop.join(None, "")
    who = workshop.participant(token)
    assert who is not None
    who.choose([1])
    assert heard == [1, 1]
    stop()
    who.choose([1])
    assert heard == [1, 1]
    session, finished = workshop.snapshot()[0]
    assert session is who.session and finished is False


def test_roles_are_one_line_of_text(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path)
    token = workshop.join(None, "  Team\nmanager \x1b[31m" + "x" * 200)
    who = workshop.participant(token)
    assert who is not None
    role = who.session.respondent.role or ""
    assert "\n" not in role and "\x1b" not in role and len(role) == 80
    assert role.startswith("Team manager")


def test_role_groups_come_from_the_bank(quick: Bank, tmp_path: Path) -> None:
    workshop = Workshop(quick, tmp_path)
    assert [g.id for g in workshop.role_groups] == [g.id for g in quick.role_groups]
    token = workshop.join("senior_leader", "")
    who = workshop.participant(token)
    assert who is not None and who.session.respondent.role == "Senior leader"
    assert workshop.role_group_of(who.session) == "senior_leader" == who.role_group
    own = workshop.participant(workshop.join("practitioner", "Family support worker"))
    assert own is not None and own.session.respondent.role == "Family support worker"
    with pytest.raises(ValueError, match="not one of the workshop's role groups"):
        workshop.join("nobody", "")
    workshop.close()
    saved = json.loads((tmp_path / ".sessions" / f"{who.key}.json").read_text())
    assert saved["respondent"]["role_group"] == "senior_leader"
    resumed = Workshop(quick, tmp_path).participant(token)
    assert resumed is not None and resumed.role_group == "senior_leader"


def test_a_code_is_made_only_when_asked(quick: Bank, tmp_path: Path) -> None:
    assert Workshop(quick, tmp_path).join_code is None
    code = Workshop(quick, tmp_path, require_code=True).join_code
    assert code is not None and len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert (
        Workshop(quick, tmp_path).facilitator_secret != Workshop(quick, tmp_path).facilitator_secret
    )


@given(st.text(alphabet=CODE_ALPHABET, min_size=6, max_size=6))
def test_a_code_is_the_same_typed_in_any_case_with_spaces(code: str) -> None:
    spaced = f"{code[:3].lower()} - {code[3:]}"
    assert same_code(spaced, code) and same_code(code.lower(), code)
    assert not same_code(code[:5], code) and not same_code("", code) and not same_code(None, code)
    assert same_code(None, None)


def test_codes_avoid_letters_people_confuse() -> None:
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert len({new_join_code() for _ in range(50)}) == 50


def test_secrets_compare_whole() -> None:
    assert same_secret("abc", "abc") and not same_secret("ab", "abc")
    assert not same_secret(None, "abc") and not same_secret("", "abc")


def test_the_links() -> None:
    base = base_url("192.168.1.20", 8000)
    assert join_url(base, "K7QX3M") == "http://192.168.1.20:8000/join/K7QX3M"
    assert join_url(base_url("::1", 8000, tls=True), None) == "https://[::1]:8000/join"
    assert facilitator_url(base, "s/e+c") == "http://192.168.1.20:8000/facilitator?key=s%2Fe%2Bc"
