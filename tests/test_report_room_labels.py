"""A room's votes show each option's words, never its id, in every format and in a group's
answers (in scale order); and the group page draws the agreement by domain once."""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from markupsafe import escape

from readiness import api
from readiness.bank import load
from readiness.report import option_labels
from readiness.report.renderers.markdown import escape as md_escape
from readiness.report.summary import export

QUESTION = "q_leadership"
HOSTILE = '<script>alert("x")</script> & *bold* | =SUM(A1)'


@pytest.fixture(autouse=True)
def fresh_banks() -> Iterator[None]:
    """Each test reads the bundled banks it sees (some tests swap the folder)."""
    option_labels._bundled.cache_clear()
    yield
    option_labels._bundled.cache_clear()


def room_result(bank: str = "quick") -> dict[str, Any]:
    """A room's result as the session writes it: the most chosen option taken, every option's
    votes kept by id (the first option 1 vote, the second 2, and so on)."""
    found = load.load_bank(bank)
    question = found.question_by_id[QUESTION]
    votes = {o.id: n for n, o in enumerate(question.options, start=1)}
    result = copy.deepcopy(api.score(found, {"answers": {QUESTION: question.options[-1].id}}))
    for answer in result["answers"]:
        if answer["question_id"] == QUESTION:
            answer["distribution"] = votes
    result["session"]["mode"] = "room"
    return result


def section(page: str, sid: str) -> str:
    start = page.index(f'<section id="{sid}"')
    return page[start : page.index("</section>", start)]


def test_a_rooms_votes_are_shown_by_label_in_every_format() -> None:
    result = room_result()
    options = load.load_bank("quick").question_by_id[QUESTION].options
    for fmt in ("text", "md", "html"):
        out = export(result, fmt, width=200)
        votes = " ".join(out[out.index("Room votes") :].split())  # as one line, unwrapped
        for option in options:
            assert not re.search(rf"\b{re.escape(md_escape(option.id))}\b\W*: \d", votes), fmt
            assert not re.search(rf"<th scope=\"row\">{option.id}</th>", votes), fmt
            shown = {"html": html.escape(option.label), "md": md_escape(option.label)}
            assert shown.get(fmt, option.label) in votes, (fmt, option.label)
    votes = section(export(result, "html"), "room_votes")
    drawn = [int(n) for n in re.findall(r'<td class="c2">(\d+)</td>', votes)]
    assert drawn == list(range(1, len(options) + 1))
    for option in options:  # the chart says each count once: no line of words repeats it
        assert votes.count(str(escape(option.label))) == 1
    assert f"of the {sum(drawn)} people in the room" in votes


def test_a_group_of_a_room_shows_labels_in_scale_order(tmp_path: Path, cli) -> None:
    room = tmp_path / "room.json"
    room.write_text(json.dumps(room_result()), "utf-8")
    group_file = tmp_path / "group.json"
    assert cli("aggregate", str(room), "-o", str(group_file)).code == 0
    group = json.loads(group_file.read_text("utf-8"))
    question = load.load_bank("quick").question_by_id[QUESTION]
    text = export(group, "text", width=2000)
    line = next(x for x in text.splitlines() if question.options[0].label in x)
    places = [line.index(o.label) for o in question.options if o.label in line]
    assert len(places) == len(question.options) and places == sorted(places)  # lowest first
    for option in question.options:
        assert not re.search(rf"\b{option.id}: \d", text)
        assert html.escape(option.label) in section(export(group, "html"), "answers")


def test_labels_are_escaped_for_each_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank_text = (ROOT / "questions" / "quick.yaml").read_text("utf-8")
    first = load.load_bank("quick").question_by_id[QUESTION].options[0]
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "quick.yaml").write_text(
        bank_text.replace(first.label, HOSTILE.replace('"', '\\"'), 1), "utf-8"
    )
    monkeypatch.setattr(load, "bundled_dir", lambda: folder)
    result = room_result()  # scored against the swapped bank, so its sha256 matches
    assert result["answers"][0]["distribution"][first.id] == 1
    page = export(result, "html")
    assert "<script>" not in page and str(escape(HOSTILE)) in page
    assert md_escape(HOSTILE) in export(result, "md")
    assert HOSTILE in " ".join(export(result, "text", width=200).split())


def test_without_the_bank_the_ids_are_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    result = room_result()
    result["bank"] = {**result["bank"], "id": "not-bundled", "sha256": ""}
    out = export(result, "text", width=200)
    assert "vacant_or_acting: 1" in out  # the one way left to name the option
    assert option_labels.options_of(result) == option_labels.Options()


def test_another_version_of_the_bank_is_not_used() -> None:
    result = room_result()
    result["bank"] = {**result["bank"], "version": "0.0.1", "sha256": "0" * 64}
    assert option_labels.options_of(result) == option_labels.Options()


def test_individual_groups_read_no_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    people = [
        api.score("quick", {"answers": {QUESTION: option}})
        for option in ("stretched", "vision_shared", "vacant_or_acting")
    ]
    group = api.aggregate(people)

    def refuse(*args: object) -> None:
        raise AssertionError("a group of individual results needs no bank")

    monkeypatch.setattr(option_labels, "_bundled", refuse)
    assert option_labels.with_option_words(group) is group
    assert "Posts are filled, but leaders are stretched" in export(group, "text", width=200)


def test_the_group_page_draws_the_agreement_once() -> None:
    services = ROOT / "tests" / "evidence" / "services"
    names = ("small_ifa", "newcastle", "referral_drift")
    people = [api.score(None, services / f"{name}.answers.yaml") for name in names]
    group = api.aggregate(people)
    page = export(group, "html")
    assert page.count('<section id="agreement"') == 1
    agreement = section(page, "agreement")
    domains = len(group["domains"])
    assert agreement.count("<figure") == 0  # the table draws the spread: no chart repeats it
    assert agreement.count('<svg class="gauge"') == domains
    assert agreement.count("<table") == 1
    svg = export(group, "svg")  # a picture of the charts alone still shows the agreement
    assert "Agreement by domain: the range and the mean" in svg and "Leadership" in svg


def test_own_words_are_shown_beside_the_answer_they_were_taken_as() -> None:
    reply = "our DCS is acting up <at the moment>"
    result = api.score(
        "quick",
        {"answers": {QUESTION: "vacant_or_acting"}, "replies": {QUESTION: reply}},
    )
    label = load.load_bank("quick").question_by_id[QUESTION].options[0].label
    text = " ".join(export(result, "text", width=200).split())
    assert f"In their words: {reply} · taken as: {label}" in text
    notes = section(export(result, "html"), "notes")
    assert str(escape(reply)) in notes and str(escape(label)) in notes and "<at " not in notes
