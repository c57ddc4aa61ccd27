"""Role groups: the bank defines them, respondents pick one (or their role matches one), and a
group result counts like roles together and compares leaders with the front line.

"DCS" and "Director of children's services" were two roles before; here both are a senior
leader. "Them and us" compares the leaders side with the front-line side, never for fewer
than ``min_group`` people on either side.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from readiness import schemas
from readiness.bank.load import build_bank, findings_of, load_bank
from readiness.bank.roles import match_role
from readiness.bank.yamlsafe import load_text
from readiness.errors import AnswersError, UsageError
from readiness.group.aggregate import aggregate
from readiness.group.agreement import Rules
from readiness.group.sources import Source
from readiness.jsondoc import parse_document
from readiness.scoring.answers import AnswerSet, Respondent, parse_answers
from readiness.scoring.scores import score
from readiness.session import files as sessions
from readiness.session.engine import Session
from readiness.store import dumps

ROOT = Path(__file__).resolve().parent.parent
HIGH = {"q_leadership": "vision_shared", "q_resilience": "planned"}
LOW = {"q_leadership": "vacant_or_acting", "q_resilience": "nothing"}


@pytest.fixture(scope="module")
def quick():
    return load_bank("quick")


def bank_text(groups: str) -> str:
    """The quick bank's text with its role groups replaced by ``groups``."""
    text = (ROOT / "questions" / "quick.yaml").read_text("utf-8")
    start = text.index("\nrole_groups:\n")
    end = text.index("\nsources:\n")
    return text[:start] + "\n" + groups + text[end:]


def findings(groups: str) -> list[Any]:
    return findings_of(load_text(bank_text(groups), "bank.yaml"))


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


# --- the bank format ---------------------------------------------------------------------------


def test_the_bundled_banks_have_role_groups_with_both_sides() -> None:
    for bank_id in ("core", "quick", "audit"):
        bank = load_bank(bank_id)
        ids = [g.id for g in bank.role_groups]
        assert ids == ["senior_leader", "manager", "practitioner", "partner_agency"]
        sides = {g.id: g.side for g in bank.role_groups}
        assert sides["senior_leader"] == "leaders" and sides["practitioner"] == "front_line"
        assert any("Role groups" in note for note in bank.changes)


def test_a_bank_without_role_groups_loads_with_none() -> None:
    data = yaml.safe_load(bank_text(""))
    assert "role_groups" not in data
    assert build_bank(data).role_groups == ()


def test_a_duplicate_group_id_is_placed() -> None:
    groups = (
        "role_groups:\n"
        "  - id: lead\n    label: Lead\n    matches: [DCS]\n"
        "  - id: lead\n    label: Other\n    matches: [nurse]\n"
    )
    found = findings(groups)
    text = bank_text(groups)
    assert len(found) == 1 and "duplicate role_group id 'lead'" in found[0].message
    assert found[0].line == line_of(text, "  - id: lead") + 3


def test_empty_matches_are_refused_by_the_schema_and_a_wordless_match_by_the_checks() -> None:
    empty = findings("role_groups:\n  - id: lead\n    label: Lead\n    matches: []\n")
    assert empty and "matches" in empty[0].where
    groups = "role_groups:\n  - id: lead\n    label: Lead\n    matches: ['--']\n"
    wordless = findings(groups)
    assert len(wordless) == 1 and "has no words" in wordless[0].message
    assert wordless[0].line == line_of(bank_text(groups), "    matches: ['--']")


def test_a_match_in_two_groups_is_refused() -> None:
    groups = (
        "role_groups:\n"
        "  - id: lead\n    label: Lead\n    matches: [Head of service]\n"
        "  - id: manager\n    label: Manager\n    matches: [head of  SERVICE]\n"
    )
    found = findings(groups)
    assert len(found) == 1 and "already a match of 'lead'" in found[0].message
    assert found[0].line == line_of(bank_text(groups), "    matches: [head of  SERVICE]")


def test_one_side_without_the_other_is_refused() -> None:
    groups = "role_groups:\n  - id: lead\n    label: Lead\n    side: leaders\n    matches: [DCS]\n"
    found = findings(groups)
    assert len(found) == 1 and "'front_line'" in found[0].message
    assert found[0].line == line_of(bank_text(groups), "role_groups:")
    bad_side = findings(groups.replace("side: leaders", "side: bosses"))
    assert bad_side and "side" in bad_side[0].where


# --- matching a free-text role -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "group"),
    [
        ("DCS", "senior_leader"),
        ("Director of children's services", "senior_leader"),
        ("DIRECTOR OF CHILDREN\u2019S SERVICES", "senior_leader"),
        ("Assistant Director, Early Help", "senior_leader"),
        ("Senior manager", "senior_leader"),
        ("Team manager", "manager"),
        ("Principal social worker", "manager"),
        ("Social worker", "practitioner"),
        ("senior leader", "senior_leader"),
        ("Director of Public Health", "partner_agency"),
        ("School nurse", "partner_agency"),
        ("Directorate admin", None),
        ("Chef", None),
        ("", None),
        (None, None),
    ],
)
def test_roles_match_whole_words_and_the_longest_match_wins(
    quick: Any, role: str | None, group: str | None
) -> None:
    assert match_role(role, quick.role_groups) == group


def test_a_role_group_flag_is_checked_against_the_bank(quick: Any) -> None:
    from readiness.commands.run import check_role_group

    assert check_role_group(quick, "manager") == "manager"
    with pytest.raises(UsageError, match="did you mean 'manager'"):
        check_role_group(quick, "managers")


# --- the result, answers files and sessions ------------------------------------------------------


def result(quick: Any, answers: dict[str, str], role: str | None, group: str | None = None, i=0):
    return score(
        quick,
        AnswerSet(answers, respondent=Respondent(name=f"P{i}", role=role, role_group=group)),
        started_at=f"2024-05-01T09:{i:02d}:00Z",
        completed_at=f"2024-05-01T10:{i:02d}:00Z",
    )


def test_the_result_carries_the_group_picked_or_matched_or_none(quick: Any) -> None:
    picked = result(quick, HIGH, "Chef", "manager")
    matched = result(quick, HIGH, "DCS")
    neither = result(quick, HIGH, "Chef")
    assert picked["respondent"]["role_group"] == "manager"
    assert matched["respondent"]["role_group"] == "senior_leader"
    assert "role_group" not in neither["respondent"]
    assert picked["schema_version"] == "1.4"
    for found in (picked, matched, neither):
        assert schemas.check_data(found, "result") == []


def test_an_answers_file_gives_the_role_group_and_an_unknown_one_is_placed(quick: Any) -> None:
    good = {"bank": "quick", "respondent": {"role_group": "practitioner"}, "answers": HIGH}
    answers, _ = parse_answers(parse_document(json.dumps(good), "a.json"), quick)
    assert answers.respondent.role_group == "practitioner"
    bad = "bank: quick\nrespondent:\n  role_group: practitioners\nanswers: {}\n"
    with pytest.raises(AnswersError) as raised:
        parse_answers(parse_document(bad, "a.yaml"), quick)
    finding = raised.value.findings[0]
    assert finding.line == 3 and "did you mean 'practitioner'" in finding.message


def test_a_session_keeps_the_role_group(quick: Any, tmp_path: Path) -> None:
    session = Session(quick, respondent=Respondent(role="Team lead", role_group="manager"))
    path = sessions.save(session, tmp_path)
    data = sessions.read(path)
    assert data["schema_version"] == "1.3" and data["respondent"]["role_group"] == "manager"
    restored = sessions.restore(data, quick)
    assert restored.session.respondent.role_group == "manager" and restored.changes == ()
    plain = sessions.save(Session(quick, respondent=Respondent(role="x")), tmp_path)
    assert "role_group" not in sessions.read(plain)["respondent"]


def test_a_session_with_a_group_the_bank_dropped_resumes_without_it(quick: Any, tmp_path) -> None:
    session = Session(quick, respondent=Respondent(role_group="manager"))
    data = sessions.read(sessions.save(session, tmp_path))
    data["respondent"]["role_group"] = "gone"
    restored = sessions.restore(data, quick)
    assert restored.session.respondent.role_group is None
    assert any("'gone'" in change for change in restored.changes)


# --- the group ------------------------------------------------------------------------------------


def group_of(results: list[dict[str, Any]], quick: Any, min_group: int = 3) -> dict[str, Any]:
    sources = [Source(f"r{i}.json", f"r{i}.json", r, dumps(r)) for i, r in enumerate(results)]
    key = (quick.id, quick.version, quick.sha256)
    from readiness.group.aggregate import build
    from readiness.group.builder import GroupBuilder

    builder = GroupBuilder(rules=Rules(min_group=min_group))
    for source in sources:
        builder.add(source)
    found = build(builder, banks={key: quick})
    assert schemas.check_data(found, "group") == []
    return found


def test_dcs_and_director_of_childrens_services_are_one_role(quick: Any) -> None:
    roles = ["DCS", "Director of children's services", "Chef"]
    # Results written before role groups carry none: their free text is matched at the group.
    results = [result(quick, HIGH, role, i=i) for i, role in enumerate(roles)]
    for found in results:
        found["respondent"].pop("role_group", None)
    group = group_of(results, quick, min_group=1)
    assert group["respondents"]["by_role"] == {"Chef": 1, "Senior leader": 2}
    assert group["overall"]["by_role"]["Senior leader"]["n"] == 2
    assert group["schema_version"] == "1.3"


def test_without_the_bank_a_carried_group_counts_by_its_id(quick: Any) -> None:
    results = [result(quick, HIGH, "x", "manager", i) for i in range(3)]
    group = aggregate([Source(f"r{i}", f"r{i}", r, dumps(r)) for i, r in enumerate(results)])
    assert group["respondents"]["by_role"] == {"Manager": 3}
    assert [m["role_group"] for m in group["members"]] == ["manager"] * 3


def leaders_and_front_line(quick: Any, leaders: int, front: int, extra: int = 0):
    people = (
        [result(quick, HIGH, "DCS", i=i) for i in range(leaders)]
        + [result(quick, LOW, "Social worker", i=10 + i) for i in range(front)]
        + [result(quick, HIGH, "Team manager", i=30 + i) for i in range(extra)]
    )
    return group_of(people, quick)


def test_them_and_us_compares_leaders_with_the_front_line(quick: Any) -> None:
    group = leaders_and_front_line(quick, 3, 3, extra=3)
    assert group["respondents"]["sides"] == {
        "leaders": ["Senior leader"],
        "front_line": ["Practitioner"],
    }
    gaps = {(g["scope"], g["id"]): g for g in group["role_gaps"]}
    leadership = gaps["domain", "leadership"]
    assert leadership["high"] == {"role": "Leaders", "n": 3, "mean": 100.0}
    assert leadership["low"] == {"role": "Front line", "n": 3, "mean": 0.0}
    assert leadership["gap"] == 100.0 and "'them and us'" in leadership["message"]
    # Managers answered like leaders: they are on neither side, so never in a gap.
    assert all("Manager" not in (g["high"]["role"], g["low"]["role"]) for g in gaps.values())


@pytest.mark.parametrize(("leaders", "front"), [(2, 3), (3, 2), (1, 5)])
def test_them_and_us_is_never_shown_for_fewer_than_min_group_on_a_side(
    quick: Any, leaders: int, front: int
) -> None:
    group = leaders_and_front_line(quick, leaders, front)
    assert group["role_gaps"] == []


def test_a_side_is_withheld_when_its_small_roles_would_show_through(quick: Any) -> None:
    """A second group on the leaders side with one person in it would be given away by the
    side's mean less the senior leaders' shown mean, so the side is not compared until that
    group is large enough to show."""
    from msgspec.structs import replace

    from readiness.model import RoleGroup

    groups = (
        *quick.role_groups,
        RoleGroup("board", "Board member", ("board member",), "leaders"),
    )
    bank = replace(quick, role_groups=groups)
    people = (
        [result(bank, HIGH, "DCS", i=i) for i in range(3)]
        + [result(bank, HIGH, "Board member", i=5)]
        + [result(bank, LOW, "Social worker", i=10 + i) for i in range(3)]
    )
    assert group_of(people, bank)["role_gaps"] == []
    people.append(result(bank, HIGH, "Board member", i=6))
    people.append(result(bank, HIGH, "Board member", i=7))
    assert group_of(people, bank)["role_gaps"] != []


def test_without_sides_the_highest_and_lowest_roles_are_compared(quick: Any) -> None:
    from msgspec.structs import replace

    bank = replace(quick, role_groups=tuple(replace(g, side=None) for g in quick.role_groups))
    people = [result(bank, HIGH, "DCS", i=i) for i in range(3)] + [
        result(bank, LOW, "Chef", i=10 + i) for i in range(3)
    ]
    gaps = group_of(people, bank)["role_gaps"]
    assert gaps and {gaps[0]["high"]["role"], gaps[0]["low"]["role"]} == {"Senior leader", "Chef"}


# --- front ends ---------------------------------------------------------------------------------


def test_plain_mode_asks_for_the_role_group_by_number(quick: Any) -> None:
    from readiness.plain import _ask_role_group

    out = io.StringIO()
    assert _ask_role_group(quick, io.StringIO("9\n3\n"), out) == "practitioner"
    assert "3. Practitioner" in out.getvalue() and "from 1 to 4" in out.getvalue()
    assert _ask_role_group(quick, io.StringIO("\n"), io.StringIO()) is None


def test_run_refuses_an_unknown_role_group(cli: Any) -> None:
    ran = cli("run", "--plain", "--bank", "quick", "--role-group", "boss")
    assert ran.code == 2 and "no such role group in the quick bank" in ran.err


async def test_the_start_screen_offers_the_banks_role_groups(quick: Any, tmp_path: Path) -> None:
    from textual.widgets import Select

    from readiness.tui.app import AppOptions, ReadinessApp
    from readiness.tui.start import StartScreen

    app = ReadinessApp(AppOptions(bank="quick", sessions_folder=tmp_path))
    chosen: list[Any] = []
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen_stack and not isinstance(app.screen, StartScreen):
            await pilot.pause()
        screen = app.screen
        pick = screen.query_one("#role-group", Select)
        assert pick.display and len(pick._options) == 1 + len(quick.role_groups)
        pick.value = "partner_agency"
        screen.dismiss = chosen.append  # type: ignore[method-assign]
        screen.action_start()
    assert chosen[0].respondent.role_group == "partner_agency"


@given(st.text(max_size=40) | st.sampled_from(["DCS", "social worker", "Head of Service"]))
def test_matching_ignores_case_and_extra_spaces(role: str) -> None:
    groups = load_bank("quick").role_groups
    found = match_role(role, groups)
    assert match_role(role.casefold(), groups) == found
    if role.isascii():
        assert match_role(role.upper(), groups) == found
    assert match_role(f"  {role}  ", groups) == found
    assert found is None or found in {g.id for g in groups}
