"""The live view's figures are ``readiness aggregate`` of the same results, finished or not;
ending a workshop writes that group and its summary next to the participants' results."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness import api, store
from readiness.cli import main
from readiness.errors import ReadinessError
from readiness.model import DONT_KNOW, Bank
from readiness.scoring.answers import Respondent
from readiness.session.engine import Ask, Session
from readiness.workshop.live import ResultCache, end_workshop, live_figures

BANK = api.load_bank("quick")
ROLES = ("Manager", "Practitioner", "Partner agency")


class FakeWorkshop:
    """What the live views read of a workshop (``readiness.workshop.room.Workshop``)."""

    def __init__(self, bank: Bank, output_dir: Path, entries: list[tuple[Session, bool]]):
        self.bank = bank
        self.output_dir = output_dir
        self.join_code: str | None = "K7QX3M"
        self.facilitator_secret = "secret"
        self.cap = 250
        self.entries = entries

    def snapshot(self) -> list[tuple[Session, bool]]:
        return list(self.entries)


def participant(number: int, picks: list[int], finish: bool) -> tuple[Session, bool]:
    """A session of the quick bank answered with ``picks`` (an option index; -1 don't know,
    -2 skip), each started in its own second (so ``readiness aggregate`` sees other people)."""
    session = Session(
        bank=BANK,
        respondent=Respondent(role=ROLES[number % len(ROLES)]),
        started_at=f"2026-11-28T10:{number // 60:02d}:{number % 60:02d}Z",
    )
    for pick in picks:
        step = session.step()
        if not isinstance(step, Ask):
            break
        if step.follow_up or pick == -2:
            session.skip()
            continue
        options = step.question.options
        session.answer(DONT_KNOW if pick == -1 else options[pick % len(options)].id)
    if finish:
        session.mark_finished("2026-11-28T11:00:00Z")
    return session, finish


def aggregated(tmp_path: Path, entries: list[tuple[Session, bool]], cli, min_group: int):
    """``readiness aggregate`` of the entries' results written as files."""
    folder = tmp_path / "results"
    folder.mkdir()
    for number, (session, _) in enumerate(entries):
        store.write_json_atomic(folder / f"r{number:03d}.json", session.result())
    out = tmp_path / "group.json"
    ran = cli("aggregate", str(folder), "-o", str(out), "--min-group", str(min_group))
    assert ran.code == 0, ran.err
    return json.loads(out.read_text())


def assert_same(figures, group) -> None:
    """Domain means, agreement, by-role means and answer counts equal the aggregate's."""
    assert figures.overall == group["overall"]["score"]
    assert [d.domain_id for d in figures.domains] == list(group["domains"])
    for domain in figures.domains:
        part = group["domains"][domain.domain_id]
        assert (domain.score, domain.sd, domain.agreement, domain.n) == (
            part["score"],
            part["sd"],
            part["agreement"],
            part["n"],
        )
        shown = {r.role: r.mean for r in domain.roles if r.mean is not None}
        assert shown == {role: s["mean"] for role, s in part["by_role"].items()}
        hidden = {r.role for r in domain.roles if r.mean is None}
        assert hidden == set(part["suppressed_roles"])
    for question, expected in zip(figures.questions, group["questions"], strict=True):
        assert question.question_id == expected["question_id"]
        assert (question.mean, question.sd, question.agreement) == (
            expected["mean"],
            expected["sd"],
            expected["agreement"],
        )
        labels = expected["labels"]
        counted = {labels[k]: v for k, v in expected["distribution"].items()}
        assert {a.label: a.count for a in question.answers if a.count} == counted
        assert question.dont_know == expected["dont_know"]
        assert question.skipped + question.not_yet == expected["skipped"]
    assert [q.question_id for q in figures.divergent] == [
        item["question_id"] for item in group["agenda"]
    ]


def test_figures_equal_readiness_aggregate(tmp_path: Path, cli) -> None:
    """Four finished and three still answering: the live figures are the aggregate's."""
    entries = [
        participant(0, [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1], True),
        participant(1, [4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1], True),
        participant(2, [1, -1, 2, -2, 3, 0, 0, 0, 4, 4, 4, 4], True),
        participant(3, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], True),
        participant(4, [0, 0, 0], False),
        participant(5, [3, -1], False),
        participant(6, [4, 4, 4, 4, 4, 4], False),
    ]
    entries.append((Session(bank=BANK), False))  # joined, not answered: not in the group
    figures = live_figures(BANK, entries, min_group=2)
    assert (figures.joined, figures.answering, figures.finished, figures.counted) == (8, 3, 4, 7)
    group = aggregated(tmp_path, entries[:-1], cli, min_group=2)
    assert_same(figures, group)
    first = figures.questions[0]
    assert [a.label for a in first.answers] == [o.label for o in BANK.questions[0].options]
    last = next(q for q in figures.questions if q.question_id == BANK.questions[-1].id)
    assert last.not_yet == 3
    assert figures.as_json()["joined"] == 8
    assert "group" not in figures.as_json()


def test_small_roles_are_not_shown(tmp_path: Path) -> None:
    """With min_group 3, a role of two is named without a figure."""
    entries = [participant(n, [n % 5] * 12, True) for n in range(5)]
    figures = live_figures(BANK, entries, min_group=3)
    roles = {r.role: r for r in figures.domains[0].roles}
    assert roles["Manager"].mean is None and roles["Manager"].n is None
    assert roles["Practitioner"].mean is None


def test_nobody_yet() -> None:
    figures = live_figures(BANK, [(Session(bank=BANK), False)])
    assert (figures.joined, figures.counted, figures.domains, figures.overall) == (1, 0, (), None)


def test_same_second_same_role_are_two_people() -> None:
    """Anonymous participants of one role who start in the same second are both counted."""
    entries = [participant(0, [1] * 12, True), participant(0, [1] * 12, True)]
    assert live_figures(BANK, entries, min_group=1).domains[0].n == 2


def test_cache_follows_answers() -> None:
    session, _ = participant(1, [0], False)
    cache = ResultCache()
    before = live_figures(BANK, [(session, False)], 1, cache=cache)
    while (step := session.step()).follow_up:  # type: ignore[union-attr]
        session.skip()
    assert isinstance(step, Ask)
    session.answer(step.question.options[-1].id)
    after = live_figures(BANK, [(session, False)], 1, cache=cache)
    number = [q.id for q in BANK.questions].index(step.question.id)
    assert after.questions[number].n == before.questions[number].n + 1


picks = st.lists(st.integers(min_value=-2, max_value=4), min_size=1, max_size=12)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(picks, st.booleans()), min_size=1, max_size=6), st.integers(1, 3))
def test_any_room_equals_readiness_aggregate(people, min_group) -> None:
    entries = [participant(n, p, done) for n, (p, done) in enumerate(people)]
    with tempfile.TemporaryDirectory() as folder:
        group = aggregated(Path(folder), entries, run_main, min_group)
    assert_same(live_figures(BANK, entries, min_group), group)


def run_main(*args: str) -> SimpleNamespace:
    """``readiness ARGS...`` in this process (the ``cli`` fixture, for hypothesis)."""
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(list(args))
    return SimpleNamespace(code=code, err=err.getvalue())


def test_end_workshop_writes_group_and_summary(tmp_path: Path, cli) -> None:
    entries = [participant(n, [n % 5] * 12, True) for n in range(3)]
    entries.append(participant(3, [2, 2], False))
    workshop = FakeWorkshop(BANK, tmp_path / "out", entries)
    ended = end_workshop(workshop, min_group=2)
    assert (ended.finished, ended.unfinished) == (3, 1)
    assert ended.group.parent == tmp_path / "out"
    group = json.loads(ended.group.read_text())
    assert group["respondents"]["count"] == 4
    assert any("1 of 4 participants had not finished" in w for w in group["warnings"])
    assert "had not finished" in ended.html.read_text()
    assert "had not finished" in ended.markdown.read_text()
    again = aggregated(tmp_path, entries, cli, min_group=2)
    assert group["domains"] == again["domains"]
    assert group["questions"] == again["questions"]
    assert end_workshop(workshop).group != ended.group  # never overwrites


def test_end_workshop_with_nobody(tmp_path: Path) -> None:
    workshop = FakeWorkshop(BANK, tmp_path, [(Session(bank=BANK), False)])
    with pytest.raises(ReadinessError, match="nobody has answered yet"):
        end_workshop(workshop)
