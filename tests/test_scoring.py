"""The scoring rules, checked against a small bank whose result is worked out by hand.

The bank is tests/banks/scoring/scoring.yaml and the answers tests/answers/scoring.yaml. Its
scale "five" spaces options evenly: o0 0, o1 0.25, o2 0.5, o3 0.75, o4 1. The item scores:

    question         domain      weight  answer              item score
    lead_vision      leadership  2       o3                  0.75
    lead_posts       leadership  1       acting              0 (acting_leaders blocker holds)
    lead_risk        leadership  1       o1, reversed        1 - 0.25 = 0.75
    lead_learning    leadership  1       o4                  1
    data_share       data        1       no                  0 (no_sharing blocker holds)
    data_detail      data        1       o0, but hidden      counts nowhere (data_share is no)
    data_tools       data        1       [dashboard]         0.5
    data_quality     data        1       dont_know           left out, a gap
    data_staff       data        2       3 (worst 0, best 4) 3 / 4 = 0.75
    collab_partners  collab      1       o1                  0.25
    collab_meet      collab      1       skipped             left out, a gap
    collab_now       collab      -       text                never scored; fills A01 "now"
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_process
from jsonschema import Draft202012Validator

from readiness import schemas
from readiness.bank.load import build_bank, load_bank
from readiness.errors import ReadinessError
from readiness.model import DONT_KNOW, Bank
from readiness.scoring.answers import AnswerSet, load_answers
from readiness.scoring.questions import applicable_questions, item_score
from readiness.scoring.scores import score
from readiness.store import dumps, read_json, write_json_atomic, write_new_text

ANSWERS = ROOT / "tests" / "answers"
SCORING_BANK = ROOT / "tests" / "banks" / "scoring" / "scoring.yaml"
STAMPS = {"started_at": "2024-05-01T09:00:00Z", "completed_at": "2024-05-01T09:30:00Z"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(str(SCORING_BANK))


@pytest.fixture(scope="module")
def result(bank: Bank) -> dict:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    return score(bank, answer_set, **STAMPS)


# --- item scores ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "value", "expected"),
    [
        ("lead_vision", "o0", 0.0),
        ("lead_vision", "o2", 0.5),
        ("lead_vision", "o4", 1.0),
        ("lead_risk", "o4", 0.0),  # reversed: 1 - 1
        ("lead_risk", "o1", 0.75),  # reversed: 1 - 0.25
        ("data_share", "yes", 1.0),
        ("data_share", "no", 0.0),
        ("data_tools", ["dashboard", "casefile"], 1.0),  # 0.5 + 0.5
        ("data_tools", ["none"], 0.0),
        ("data_tools", [], 0.0),  # nothing chosen is an answer: none of them
        ("data_staff", 2, 0.5),  # (2 - 0) / (4 - 0)
        ("data_staff", 40, 1.0),  # clamped at best
        ("lead_vision", DONT_KNOW, None),
        ("lead_vision", None, None),
        ("collab_now", "Some text", None),
    ],
)
def test_item_score(bank: Bank, qid: str, value: object, expected: float | None) -> None:
    assert item_score(bank.question_by_id[qid], value) == expected


def test_multiple_choice_sum_is_at_most_one() -> None:
    bank = build_bank(
        _tiny_bank(
            options=[
                {"id": "a", "label": "A", "score": 0.75},
                {"id": "b", "label": "B", "score": 0.75},
            ]
        )
    )
    assert item_score(bank.question_by_id["q1"], ["a", "b"]) == 1.0


def test_an_option_without_a_score_is_left_out_not_counted(bank: Bank) -> None:
    """A "not applicable" option scores nothing and does not lower coverage."""
    tiny = build_bank(
        _tiny_bank(
            options=[
                {"id": "a", "label": "A", "score": 1},
                {"id": "na", "label": "Not applicable", "score": None},
            ]
        )
    )
    assert item_score(tiny.question_by_id["q1"], "na") is None
    found = score(tiny, AnswerSet({"q1": "na"}), **STAMPS)
    assert found["answers"][0]["status"] == "no_score"
    assert (found["overall"]["answered"], found["overall"]["applicable"]) == (0, 0)
    assert found["overall"]["coverage"] is None and found["gaps"] == []


def _tiny_bank(options: list[dict]) -> dict:
    return {
        "id": "tiny",
        "title": "Tiny",
        "version": "1",
        "sources": [{"id": "s", "short": "S", "citation": "S."}],
        "domains": [{"id": "d", "title": "D"}],
        "recommendations": [{"id": "r", "title": "R", "text": "R.", "source": {"ref": "s"}}],
        "questions": [
            {
                "id": "q1",
                "domain": "d",
                "prompt": "Q?",
                "type": "multiple",
                "help": {"text": "H.", "source": {"ref": "s"}},
                "options": options,
                "evidences": ["r"],
            }
        ],
        "bands": [
            {"id": "low", "label": "Low", "min": 0, "max": 50},
            {"id": "high", "label": "High", "min": 50, "max": 100},
        ],
    }


# --- conditions -----------------------------------------------------------------------------


def test_hidden_question_is_not_applicable(bank: Bank) -> None:
    shown = [q.id for q in applicable_questions(bank, {"data_share": "no"})]
    assert "data_detail" not in shown
    assert "data_detail" in [q.id for q in applicable_questions(bank, {"data_share": "yes"})]


def test_answers_to_hidden_questions_count_as_absent_in_later_conditions() -> None:
    data = _tiny_bank(options=[{"id": "a", "label": "A", "score": 1}])
    question = data["questions"][0]
    gate = {k: v for k, v in question.items() if k != "options"} | {"id": "gate", "type": "yesno"}
    data["questions"] = [
        gate,
        {**question, "id": "middle", "when": {"question": "gate", "in": ["yes"]}},
        {**question, "id": "last", "when": {"question": "middle", "answered": True}},
    ]
    bank = build_bank(data)
    answers = {"gate": "no", "middle": ["a"], "last": ["a"]}
    assert [q.id for q in applicable_questions(bank, answers)] == ["gate"]


# --- the worked example ---------------------------------------------------------------------


def test_domain_scores_by_hand(result: dict) -> None:
    domains = result["domains"]
    # leadership: (0.75×2 + 0×1 + 0.75×1 + 1×1) / (2+1+1+1) = 3.25 / 5 = 0.65 -> 65.0
    assert domains["leadership"]["score"] == 65.0
    # 65.0 is exactly on the established threshold: it takes the higher band, but the
    # acting_leaders blocker caps leadership at developing.
    assert domains["leadership"]["uncapped_band"] == "established"
    assert domains["leadership"]["band"] == "developing"
    assert domains["leadership"]["capped_by"] == ["acting_leaders"]
    # data: (0×1 + 0.5×1 + 0.75×2) / (1+1+2) = 2 / 4 -> 50.0; data_detail hidden,
    # data_quality "don't know": 3 of 4 applicable answered.
    assert domains["data"]["score"] == 50.0
    assert (domains["data"]["answered"], domains["data"]["applicable"]) == (3, 4)
    assert domains["data"]["coverage"] == 0.75
    # collab: 0.25×1 / 1 -> 25.0; collab_meet skipped, collab_now text: 1 of 2, coverage 0.5,
    # which is not low confidence (low is below 0.5).
    assert domains["collab"]["score"] == 25.0
    assert (domains["collab"]["coverage"], domains["collab"]["low_confidence"]) == (0.5, False)
    assert domains["collab"]["band"] == "early"


def test_overall_by_hand(result: dict) -> None:
    overall = result["overall"]
    # domain weights leadership 2, data 1, collab 1: (65×2 + 50×1 + 25×1) / 4 = 205 / 4 = 51.25,
    # shown as 51.3 (halves round up); developing.
    assert overall["score"] == 51.3
    assert overall["band"] == "developing"
    # The no_sharing blocker caps overall at developing: it holds but changes nothing.
    assert overall["capped_by"] == []
    # answered 4 + 3 + 1 = 8 of applicable 4 + 4 + 2 = 10.
    assert (overall["answered"], overall["applicable"], overall["coverage"]) == (8, 10, 0.8)


def test_recommendation_scores_by_hand(result: dict) -> None:
    scores = {rid: r["score"] for rid, r in result["recommendations"].items()}
    assert scores == {
        "vision": 50.0,  # (0.75×2 + 0×1) / 3 = 1.5 / 3
        "safety": 37.5,  # (0×1 + 0.75×1) / 2, lead_risk reversed
        "sharing": 25.0,  # (0×1 + 0.5×1) / 2; data_detail hidden
        "analysis": 66.7,  # (0.5×1 + 0.75×2) / 3 = 2 / 3; don't know and skipped left out
        "partners": 25.0,  # 0.25×1 / 1
        "learning": 100.0,  # 1×1 / 1
    }
    assert result["recommendations"]["analysis"]["coverage"] == 0.5  # 2 of 4
    assert result["recommendations"]["analysis"]["band"] == "established"


def test_priority_carries_the_respondents_action_notes(result: dict) -> None:
    partners = next(p for p in result["priorities"] if p["recommendation"] == "partners")
    assert [a["id"] for a in partners["actions"]] == ["A01"]
    assert partners["actions"][0]["now"] == "We meet partners when a case needs it."
    assert partners["actions"][0]["needs"] == "A shared plan with partners."


def test_gaps_blockers_actions_and_warnings(result: dict) -> None:
    assert [(g["question_id"], g["kind"]) for g in result["gaps"]] == [
        ("data_quality", "dont_know"),
        ("collab_meet", "skipped"),
    ]
    # hidden_detail would hold on data_detail's answer, but a hidden answer counts as absent.
    assert [(b["rule"], b["effective"]) for b in result["blockers"]] == [
        ("acting_leaders", True),
        ("no_sharing", False),
    ]
    assert [(a["id"], a["now"], a["needs"], a["progress"]) for a in result["actions"]] == [
        ("vision", "Draft vision.", "Agreement.", "Workshop in May."),
        ("A01", "We meet partners when a case needs it.", "A shared plan with partners.", None),
    ]
    assert len(result["warnings"]) == 1 and result["warnings"][0].startswith("data_detail:")


def test_answers_listed_in_bank_order_with_their_part(result: dict) -> None:
    answers = {a["question_id"]: a for a in result["answers"]}
    assert list(answers) == [
        "lead_vision",
        "lead_posts",
        "lead_risk",
        "lead_learning",
        "data_share",
        "data_detail",
        "data_tools",
        "data_quality",
        "data_staff",
        "collab_partners",
        "collab_meet",
        "collab_now",
    ]
    assert (
        answers["data_detail"] | {"applicable": False, "value": None, "score": None}
        == answers["data_detail"]
    )
    assert (answers["lead_risk"]["score"], answers["lead_risk"]["reverse"]) == (0.75, True)
    assert answers["data_quality"]["dont_know"] and answers["data_quality"]["score"] is None
    assert answers["collab_meet"]["skipped"]
    assert answers["lead_vision"]["note"] == "Written last year, not yet shared."
    assert answers["data_staff"]["value_label"] == "3 analysts"


def test_result_is_valid_and_carries_what_the_report_needs(result: dict) -> None:
    assert schemas.check_data(result, "result") == []
    assert result["session"] == STAMPS
    assert [b["label"] for b in result["bands"]] == [
        "Early days",
        "Developing",
        "Established",
        "Ready",
    ]
    assert result["bank"]["id"] == "scoring" and len(result["bank"]["sha256"]) == 64


def test_result_is_valid_against_the_printed_schema(cli, result: dict) -> None:
    printed = json.loads(cli("schema", "result").out)
    Draft202012Validator.check_schema(printed)
    assert list(Draft202012Validator(printed).iter_errors(result)) == []


def test_same_input_gives_identical_bytes(bank: Bank) -> None:
    answer_set, _ = load_answers(ANSWERS / "scoring.yaml", bank)
    assert dumps(score(bank, answer_set, **STAMPS)) == dumps(score(bank, answer_set, **STAMPS))


def test_timestamps_default_to_now_in_utc(bank: Bank) -> None:
    found = score(bank, AnswerSet({}))
    assert found["session"]["started_at"].endswith("Z")
    assert found["overall"]["score"] is None and found["priorities"] == []


def test_low_confidence_below_half_answered(bank: Bank) -> None:
    found = score(bank, AnswerSet({"lead_vision": "o4", "data_share": "yes"}), **STAMPS)
    leadership = found["domains"]["leadership"]
    # 1 of 4 applicable leadership questions answered: coverage 0.25 < 0.5.
    assert (leadership["coverage"], leadership["low_confidence"]) == (0.25, True)
    # data_share yes shows data_detail: 1 of 5 applicable data questions answered.
    assert (found["domains"]["data"]["applicable"], found["domains"]["data"]["coverage"]) == (
        5,
        0.2,
    )
    assert found["overall"]["low_confidence"] is True


def test_a_low_confidence_priority_says_so(bank: Bank) -> None:
    # analysis is evidenced by 4 applicable questions; only data_staff is answered (0 -> 0.0).
    found = score(bank, AnswerSet({"data_staff": 0}), **STAMPS)
    (first,) = found["priorities"]
    assert first["recommendation"] == "analysis"
    assert first["reason"] == (
        "Highest need, weighted by kind: it scores 0.0 (Early days), with 1 of 4 questions "
        "answered; low confidence: fewer than half answered"
    )


def test_nothing_in_the_top_band_is_a_priority(bank: Bank) -> None:
    best = {q.id: q.options[-1].id for q in bank.questions if q.type in ("scale", "single")}
    best |= {
        "lead_posts": "stable",
        "lead_risk": "o0",
        "data_share": "yes",
        "data_staff": 4,
        "data_tools": ["dashboard", "casefile"],
    }
    found = score(bank, AnswerSet(best), **STAMPS)
    assert {r["band"] for r in found["recommendations"].values()} == {"ready"}
    assert found["priorities"] == []


# --- the score command ----------------------------------------------------------------------


def test_score_prints_the_result(cli) -> None:
    ran = cli("score", "--bank", str(SCORING_BANK), str(ANSWERS / "scoring.yaml"))
    assert ran.code == 0
    assert json.loads(ran.out)["overall"]["score"] == 51.3
    assert "warning:" in ran.err and "'data_detail' is hidden by its condition" in ran.err


def test_score_uses_the_bank_named_in_the_answers_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "quick.yaml"
    path.write_text("bank: quick\nanswers: {}\n", "utf-8")
    ran = cli("score", str(path))
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["bank"]["id"] == "quick"


def test_score_without_any_bank_is_a_usage_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("answers: {}\n", "utf-8")
    ran = cli("score", str(path))
    assert ran.code == 2
    assert "Give --bank ID_OR_PATH, or add 'bank: ID'" in ran.err


def test_score_writes_an_owner_only_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    ran = cli("score", "--bank", str(SCORING_BANK), str(ANSWERS / "scoring.yaml"), "-o", str(out))
    assert ran.code == 0 and ran.out == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text("utf-8"))["kind"] == "result"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left


@pytest.mark.parametrize(
    "name", ["unknown_question", "value_not_allowed", "wrong_type", "other_bank"]
)
def test_bad_answers_exit_1_and_write_nothing(cli, tmp_path: Path, name: str) -> None:
    source = ANSWERS / "invalid" / f"{name}.yaml"
    out = tmp_path / "result.json"
    ran = cli("score", "--bank", str(SCORING_BANK), str(source), "-o", str(out))
    assert ran.code == 1
    assert source.read_text("utf-8").splitlines()[0].removeprefix("# expect: ") in ran.err
    assert ran.err.startswith(f"{source}:")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_value_names_the_question_and_what_is_allowed(cli) -> None:
    ran = cli(
        "score", "--bank", str(SCORING_BANK), str(ANSWERS / "invalid" / "value_not_allowed.yaml")
    )
    assert ran.err.count("\n") == 1
    assert (
        "question 'lead_vision'" in ran.err and "o0, o1, o2, o3, o4 (or its number 1-5)" in ran.err
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--bank", str(SCORING_BANK), "absent.yaml"],
        ["--bank", "absent-bank.yaml", str(ANSWERS / "scoring.yaml")],
    ],
)
def test_missing_files_exit_2(cli, args: list[str]) -> None:
    ran = cli("score", *args)
    assert ran.code == 2 and "absent" in ran.err and "Traceback" not in ran.err


def test_other_banks_answers_in_a_process_exit_1_without_traceback() -> None:
    ran = run_process(
        "score", "--bank", str(SCORING_BANK), str(ANSWERS / "invalid" / "other_bank.yaml")
    )
    assert ran.code == 1 and "Traceback" not in ran.err
    assert "use --bank quick" in ran.err


# --- import hygiene -------------------------------------------------------------------------


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main({argv!r})\n"
        "print('\\n'.join(sys.modules))"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    return set(done.stdout.split())


def test_score_and_report_never_import_textual(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    scored = _modules_after(
        ["score", "--bank", str(SCORING_BANK), str(ANSWERS / "scoring.yaml"), "-o", str(out)]
    )
    assert "readiness.scoring.scores" in scored and "textual" not in scored
    reported = _modules_after(["report", str(out)])
    assert "readiness.report.summary" in reported and "rich" in reported
    assert "textual" not in reported


# --- result files ---------------------------------------------------------------------------


def test_invalid_data_is_never_written(tmp_path: Path, result: dict) -> None:
    broken = {**result, "overall": {**result["overall"], "score": 140}}
    target = tmp_path / "result.json"
    with pytest.raises(ReadinessError, match="nothing was written"):
        write_json_atomic(target, broken, schema="result")
    assert list(tmp_path.iterdir()) == []


def test_overwrite_is_atomic_and_owner_only(tmp_path: Path, result: dict) -> None:
    target = tmp_path / "result.json"
    target.write_text("old", "utf-8")
    target.chmod(0o644)
    write_json_atomic(target, result, schema="result")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert read_json(target, schema="result") == result


def test_new_files_never_overwrite_even_when_written_at_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    (tmp_path / "result.json").write_text("{}", "utf-8")
    with ThreadPoolExecutor(8) as pool:
        paths = list(
            pool.map(lambda n: write_new_text(tmp_path, "result", "json", f"{n}\n"), range(20))
        )
    assert len(set(paths)) == 20
    assert sorted(p.read_text() for p in paths) == sorted(f"{n}\n" for n in range(20))
    assert (tmp_path / "result.json").read_text() == "{}"
    assert {p.name for p in paths} == {f"result-{n}.json" for n in range(2, 22)}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)
    assert not list(tmp_path.glob(".*.tmp"))
