"""Several results in, one group result out: where people agree, where they do not, and why.

Pure functions over a :class:`~readiness.group.builder.GroupBuilder`, which adds results one
at a time and keeps only what the group needs (counts of scores and answers, not the results),
so 10,000 results aggregate in little memory. The JSON shape is published as ``readiness
schema group``; the rules (population standard deviation, agreement thresholds, divergence,
role gaps, the smallest role shown, blocker majority) are described there and carried in
``rules``. Means are of each respondent's exact scores (see :mod:`readiness.group.rescore`),
rounded once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from readiness.group.agenda import agenda
from readiness.group.agreement import Rules, Values
from readiness.group.builder import GroupBuilder
from readiness.group.rescore import BankKey, OptionScores, exact_scores
from readiness.group.roles import (
    UNSPECIFIED,
    role_gaps,
    role_names,
    side_stats,
    sides_of,
)
from readiness.group.sources import Source
from readiness.group.tallies import Part, QuestionTally

if TYPE_CHECKING:
    from readiness.model import Bank, RoleGroup

SCHEMA_VERSION = "1.3"
"""1.3 added each member's optional ``role_group`` and ``respondents.sides``, and compares
the leaders side with the front line where the bank's role groups name sides; 1.2 added each
question's optional ``replies`` (respondents' own words)."""
KIND = "group"


def aggregate(
    sources: Iterable[Source],
    *,
    allow_mixed: bool = False,
    banks: Mapping[BankKey, Bank] | None = None,
    option_scores: OptionScores | None = None,
    generator_version: str = "",
    rules: Rules | None = None,
) -> dict[str, Any]:
    """The group result of ``sources``, in the order given (see :class:`GroupBuilder`)."""
    builder = GroupBuilder(allow_mixed=allow_mixed, rules=rules or Rules())
    for source in sources:
        builder.add(source)
    return build(
        builder, banks=banks, option_scores=option_scores, generator_version=generator_version
    )


def build(
    builder: GroupBuilder,
    *,
    banks: Mapping[BankKey, Bank] | None = None,
    option_scores: OptionScores | None = None,
    generator_version: str = "",
    role_groups: tuple[RoleGroup, ...] | None = None,
) -> dict[str, Any]:
    """The group's JSON from everything counted, keys in the documented order.

    Args:
        banks: The banks the results were scored against, where at hand (the same id and
            sha256), for each respondent's exact item scores; without, the results' own.
        option_scores: Item scores (0-100) by question and option, for room votes for an
            option no result in the group shows a score for.
        role_groups: The role groups to count roles by; None for those of the first bank in
            ``banks`` that has some.
    """
    rules = builder.rules
    if role_groups is None:
        role_groups = next((b.role_groups for b in (banks or {}).values() if b.role_groups), ())
    names = role_names(builder.raw_roles, builder.picked_roles, role_groups)
    sides = _sides(builder, names, role_groups)
    warnings = list(builder.warnings)
    scores = option_scores or {}
    questions = [
        _question(t, rules, names, scores.get(qid, {}), warnings)
        for qid, t in _tallies(builder).items()
    ]
    if builder.replies:
        shown = _shown_roles(builder, names)
        for question in questions:
            found = builder.replies.get(question["question_id"])
            if found:
                question["replies"] = _replies(found, shown)
    overall, found_domains, found_recs = _parts(builder, banks or {}, warnings)
    domains = {d: _part(builder, p, names, d) for d, p in found_domains.items()}
    recs = {r: _part(builder, p, names) for r, p in found_recs.items()}
    by_side = None
    if sides:
        by_side = {
            (scope, pid): side_stats(part.values, names, sides, rules)
            for scope, parts in (("domain", found_domains), ("recommendation", found_recs))
            for pid, part in parts.items()
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "generator": {"name": "readiness", "version": generator_version},
        "bank": _banks(builder),
        "rules": _rules(rules),
        "respondents": _respondents(builder, names, sides),
        "members": builder.members,
        "bands": builder.bands,
        "overall": _overall(builder, overall, names),
        "domains": domains,
        "recommendations": recs,
        "questions": questions,
        "agenda": agenda(questions, rules),
        "role_gaps": role_gaps(domains, recs, rules, by_side),
        "blockers": _blockers(builder),
        "warnings": warnings,
    }


def _banks(builder: GroupBuilder) -> dict[str, Any] | list[dict[str, Any]]:
    banks = list(builder.banks.values())
    return banks[0] if len(banks) == 1 else banks


def _rules(rules: Rules) -> dict[str, Any]:
    return {
        "sd": "population",
        "agreement_high_below": rules.high_below,
        "agreement_moderate_below": rules.moderate_below,
        "divergent_range": rules.divergent_range,
        "divergent_sd": rules.divergent_sd,
        "role_gap": rules.role_gap,
        "agenda_size": rules.agenda_size,
        "blocker_share": rules.blocker_share,
        "min_group": rules.min_group,
    }


def _sides(
    builder: GroupBuilder, names: Mapping[str, str], groups: tuple[RoleGroup, ...]
) -> dict[str, list[str]]:
    """The bank's sides, when someone in the group is on each; else none (the highest and
    lowest roles are compared, as for a bank without sides)."""
    sides = sides_of(groups)
    present = {names[key] for key in builder.role_sizes()}
    return sides if all(present & set(members) for members in sides.values()) else {}


def _respondents(
    builder: GroupBuilder, names: Mapping[str, str], sides: Mapping[str, list[str]]
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for key, count in builder.role_sizes().items():
        counts[names[key]] += count
    found = {
        "count": len(builder.members),
        "people": sum(m["people"] for m in builder.members),
        "by_role": {role: counts[role] for role in sorted(counts, key=str.casefold)},
    }
    return {**found, "sides": dict(sides)} if sides else found


def _parts(
    builder: GroupBuilder, banks: Mapping[BankKey, Bank], warnings: list[str]
) -> tuple[Part, dict[str, Part], dict[str, Part]]:
    """The overall, domain and recommendation scores counted, each respondent's exact."""
    overall = Part({})
    domains = {d: Part(meta) for d, meta in builder.domains.items()}
    recs = {r: Part(meta) for r, meta in builder.recommendations.items()}
    weights = {d: meta["weight"] for d, meta in builder.domains.items()}
    kept = 0
    for (role, bank, shown), count in builder.scores.items():
        found = exact_scores(shown, builder.scoring.get(bank, {}), weights, banks.get(bank))
        kept += count if found.kept_shown else 0
        overall.count(role, found.overall, count)
        for did, score in zip(shown.domain_ids, found.domain_scores, strict=True):
            domains[did].count(role, score, count)
        for rid, score in zip(shown.rec_ids, found.rec_scores, strict=True):
            recs[rid].count(role, score, count)
    if kept:
        warnings.append(
            f"{kept} result(s) show scores their answers do not give under the scoring rules "
            "(another bank's weights, or an edited file); the scores they show were used"
        )
    return overall, domains, recs


def _tallies(builder: GroupBuilder) -> dict[str, QuestionTally]:
    """Each question with the answers counted (copies: building changes no builder state)."""
    tallies = {
        qid: replace(
            t,
            values=Values(Counter(t.values.counts)),
            distribution=Counter(t.distribution),
            gaps=Counter(t.gaps),
        )
        for qid, t in builder.questions.items()
    }
    for role, counter in builder.answers.items():
        for answer, count in counter.items():
            tallies[answer[0]].count(role, answer, count)
    return tallies


def _overall(builder: GroupBuilder, overall: Part, names: Mapping[str, str]) -> dict[str, Any]:
    stats = overall.values.stats(builder.rules, names)
    banded = _banded(builder, stats["mean"], None)
    return {"score": stats["mean"], **banded, **stats}


def _part(
    builder: GroupBuilder, part: Part, names: Mapping[str, str], domain: str | None = None
) -> dict[str, Any]:
    """A domain (capped by blockers, like results) or a recommendation (never capped)."""
    stats = part.values.stats(builder.rules, names)
    if domain is None:
        band = band_for(builder.bands, stats["mean"])
        banded = {"band": band and band["id"], "band_label": band and band["label"]}
    else:
        banded = _banded(builder, stats["mean"], domain)
    return {**part.meta, "score": stats["mean"], **banded, **stats, "no_score": part.no_score}


def band_for(bands: list[dict[str, Any]], score: float | None) -> dict[str, Any] | None:
    """The band of a score: min <= score < max, a score on a threshold taking the higher."""
    if score is None or not bands:
        return None
    ordered = sorted(bands, key=lambda b: b["min"])
    return next((b for b in reversed(ordered) if score >= b["min"]), ordered[0])


def _banded(builder: GroupBuilder, score: float | None, domain: str | None) -> dict[str, Any]:
    """The band of the mean, lowered by blockers that hold for most of the group."""
    uncapped = band_for(builder.bands, score)
    if uncapped is None:
        return {"band": None, "band_label": None, "uncapped_band": None, "capped_by": []}
    floor = {b["id"]: b["min"] for b in builder.bands}
    lower = [
        b
        for b in builder.blockers.values()
        if b["caps"]["domain"] == domain
        and _holds_for_most(builder, b)
        and floor.get(b["caps"]["band"], math.inf) < uncapped["min"]
    ]
    band = min(
        (_band(builder, b["caps"]["band"]) for b in lower), key=lambda b: b["min"], default=uncapped
    )
    return {
        "band": band["id"],
        "band_label": band["label"],
        "uncapped_band": uncapped["id"],
        "capped_by": [b["rule"] for b in lower],
    }


def _band(builder: GroupBuilder, band_id: str) -> dict[str, Any]:
    return next(b for b in builder.bands if b["id"] == band_id)


def _holds_for_most(builder: GroupBuilder, blocker: Mapping[str, Any]) -> bool:
    return blocker["count"] > builder.rules.blocker_share * len(builder.members)


def _blockers(builder: GroupBuilder) -> list[dict[str, Any]]:
    return [
        {**b, "of": len(builder.members), "caps_group": _holds_for_most(builder, b)}
        for b in builder.blockers.values()
    ]


def _question(
    tally: QuestionTally,
    rules: Rules,
    names: Mapping[str, str],
    bank_scores: Mapping[str, float],
    warnings: list[str],
) -> dict[str, Any]:
    values = tally.values
    for role, votes in tally.votes:
        for option, count in votes.items():
            score = tally.option_scores.get(option, bank_scores.get(option))
            if score is None:
                warnings.append(_unscored(tally, option, count))
            else:
                values.add(score, role, count)
    return {
        **tally.meta,
        **values.stats(rules, names),
        "distribution": dict(sorted(tally.distribution.items())),
        "labels": dict(sorted(tally.labels.items())),
        "option_scores": dict(sorted(tally.option_scores.items())),
        "dont_know": tally.gaps["dont_know"],
        "skipped": tally.gaps["skipped"],
        "not_applicable": tally.gaps["hidden"],
    }


def _shown_roles(builder: GroupBuilder, names: Mapping[str, str]) -> dict[str, str]:
    """Role (as counted) to its name, for the roles a reply may be attributed to: those with
    at least ``min_group`` respondents (as with every figure by role), never unspecified."""
    keys = builder.role_sizes()
    sizes: Counter[str] = Counter()
    for key, size in keys.items():
        sizes[names[key]] += size
    return {
        key: names[key]
        for key in keys
        if sizes[names[key]] >= builder.rules.min_group and key != UNSPECIFIED
    }


def _replies(
    found: list[tuple[str, str, str | None]], shown: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Each respondent's own words with the answer they were taken as and, where the role is
    large enough to name, the role; ordered by answer then words, not by whose file came
    first, so the order says nothing of who wrote what."""
    rows = [
        {"role": shown.get(role), "reply": words, "value_label": label}
        for role, words, label in found
    ]
    return sorted(rows, key=lambda r: (r["value_label"] or "", r["reply"], r["role"] or ""))


def _unscored(tally: QuestionTally, option: str, count: int) -> str:
    return (
        f"{tally.meta['question_id']}: {count} room vote(s) for {option!r} are counted in the "
        "distribution but not the statistics: no result in the group shows that option's score"
    )
