"""Services the seed documents describe, scored by the core bank: bands, blockers and
priorities land where the sources say.

Each service is an answers file in ``services/`` (chosen from what the source says about it,
the passage cited beside each answer that is not obvious) and a small file of expectations in
``expect/``, written from the evidence before the service was scored. A test here fails when a
bank change or a scoring change moves a service away from what its source says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.bank.load import load_bank
from readiness.model import Bank
from readiness.scoring.answers import load_answers
from readiness.scoring.scores import score

HERE = Path(__file__).parent
SERVICES = sorted(p.name.removesuffix(".yaml") for p in (HERE / "expect").glob("*.yaml"))
STAMPS = {"started_at": "2024-01-01T00:00:00Z", "completed_at": "2024-01-01T00:00:00Z"}


@pytest.fixture(scope="module")
def core() -> Bank:
    return load_bank("core")


def _rank(bank: Bank, band_id: str | None) -> float:
    """A band's place (its lower bound), so bands compare as "at most" and "at least"."""
    return -1.0 if band_id is None else bank.band_by_id[band_id].min


def _check(bank: Bank, result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Every expectation that does not hold, said in words (empty when all hold)."""
    failed: list[str] = []
    overall, domains = result["overall"], result["domains"]
    priorities = [p["recommendation"] for p in result["priorities"]]
    blockers = [b["rule"] for b in result["blockers"]]
    recs = result["recommendations"]

    def band(where: str, found: str | None, limit: str, most: bool) -> None:
        ok = (
            _rank(bank, found) <= _rank(bank, limit)
            if most
            else _rank(bank, found) >= _rank(bank, limit)
        )
        if not ok:
            word = "at most" if most else "at least"
            failed.append(f"{where}: band {found}, expected {word} {limit}")

    if "overall_band_at_most" in expect:
        band("overall", overall["band"], expect["overall_band_at_most"], True)
    if "overall_band_at_least" in expect:
        band("overall", overall["band"], expect["overall_band_at_least"], False)
    for did, limit in expect.get("domain_band_at_most", {}).items():
        band(did, domains[did]["band"], limit, True)
    for did, limit in expect.get("domain_band_at_least", {}).items():
        band(did, domains[did]["band"], limit, False)
    for did, ids in expect.get("domain_capped_by", {}).items():
        if not set(ids) <= set(domains[did]["capped_by"]):
            failed.append(f"{did}: capped by {domains[did]['capped_by']}, expected {ids}")
    for did, weight in expect.get("domain_overall_weight", {}).items():
        if domains[did]["overall_weight"] != pytest.approx(weight, abs=1e-6):
            failed.append(f"{did}: overall weight {domains[did]['overall_weight']}, not {weight}")
    if "blockers" in expect and blockers != expect["blockers"]:
        failed.append(f"blockers {blockers}, expected {expect['blockers']}")
    failed += [
        f"blocker {b} does not hold"
        for b in expect.get("blockers_include", [])
        if b not in blockers
    ]
    failed += [f"blocker {b} holds" for b in expect.get("blockers_exclude", []) if b in blockers]
    first = expect.get("first_priorities", [])
    if first and set(priorities[: len(first)]) != set(first):
        failed.append(f"first priorities {priorities[: len(first)]}, expected {first}")
    failed += [
        f"{r} is no priority" for r in expect.get("priorities_include", []) if r not in priorities
    ]
    failed += [
        f"{r} is a priority" for r in expect.get("priorities_exclude", []) if r in priorities
    ]
    for rid, limit in expect.get("not_in_first", {}).items():
        if rid in priorities[:limit]:
            failed.append(f"{rid} is among the first {limit} priorities: {priorities}")
    for ahead, behind in expect.get("ranks_before", []):
        if ahead not in priorities or (
            behind in priorities and priorities.index(behind) < priorities.index(ahead)
        ):
            failed.append(f"{ahead} does not rank before {behind}: {priorities}")
    for rid, limit in expect.get("recommendation_below", {}).items():
        if recs[rid]["score"] is None or recs[rid]["score"] >= limit:
            failed.append(f"{rid} scores {recs[rid]['score']}, expected below {limit}")
    for rid, limit in expect.get("recommendation_at_least", {}).items():
        if recs[rid]["score"] is None or recs[rid]["score"] < limit:
            failed.append(f"{rid} scores {recs[rid]['score']}, expected at least {limit}")
    return failed


KNOWN = {
    "overall_band_at_most", "overall_band_at_least", "domain_band_at_most",
    "domain_band_at_least", "domain_capped_by", "domain_overall_weight", "blockers",
    "blockers_include", "blockers_exclude", "first_priorities", "priorities_include",
    "priorities_exclude", "not_in_first", "ranks_before", "recommendation_below",
    "recommendation_at_least",
}  # fmt: skip


@pytest.mark.parametrize("service", SERVICES)
def test_the_service_scores_as_its_source_says(core: Bank, service: str) -> None:
    expect = yaml.safe_load((HERE / "expect" / f"{service}.yaml").read_text("utf-8"))
    assert expect and set(expect) <= KNOWN, f"{service}: unknown expectations {set(expect) - KNOWN}"
    answer_set, warnings = load_answers(HERE / "services" / f"{service}.answers.yaml", core)
    assert not warnings, warnings
    result = score(core, answer_set, **STAMPS)
    assert _check(core, result, expect) == []


def test_there_are_at_least_eight_services() -> None:
    assert len(SERVICES) >= 8
    assert all((HERE / "services" / f"{s}.answers.yaml").is_file() for s in SERVICES)
