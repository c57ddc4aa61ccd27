"""Checks of meaning on a bank that already passed its schema.

The schema says what shape a bank has; these say whether it makes sense: ids unique, every
reference known, conditions looking only backwards, bands tiling 0-100, every recommendation
evidenced, every scale scorable. Each finding is placed in the file and suggests a fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from readiness.bank.yamlsafe import Document, PathKey
from readiness.errors import Finding
from readiness.kinds import KIND_BY_TYPE

_LISTS = (
    "sources",
    "scales",
    "domains",
    "recommendations",
    "audit_conditions",
    "questions",
    "bands",
    "blockers",
    "role_groups",
)


def check_meaning(doc: Document) -> list[Finding]:
    """Every finding of meaning in a schema-valid bank document, in file order."""
    checker = _Checker(doc)
    findings = list(checker.run())
    return sorted(findings, key=lambda f: (f.line, f.column, f.message))


def suggest(value: str, known: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the nearest known id, or a list of what is known."""
    known = sorted(set(known))
    near = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    if near:
        return f"; did you mean {near[0]!r}?"
    if not known:
        return "; none are defined"
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    return f"; known: {shown}"


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.ids = {name: self._ids(name) for name in _LISTS}

    def _ids(self, name: str) -> list[str]:
        return [item["id"] for item in self.data.get(name, [])]

    def at(self, where: PathKey, message: str) -> Finding:
        return self.doc.finding(where, message)

    def run(self) -> Iterator[Finding]:
        yield from self.duplicates()
        yield from self.references()
        yield from self.questions()
        yield from self.bands()
        yield from self.coverage()
        yield from self.scales()
        yield from self.blockers()
        yield from self.role_groups()

    def duplicates(self) -> Iterator[Finding]:
        for name in _LISTS:
            yield from self._dupes((name,), self.data.get(name, []), name.rstrip("s"))
        for i, scale in enumerate(self.data.get("scales", [])):
            yield from self._dupes(("scales", i, "options"), scale["options"], "option")
        for i, q in enumerate(self.data["questions"]):
            yield from self._dupes(("questions", i, "options"), q.get("options", []), "option")

    def _dupes(self, where: PathKey, items: list[dict[str, Any]], kind: str) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item["id"] in seen:
                line = self.doc.place((*where, seen[item["id"]], "id"))[0]
                yield self.doc.finding(
                    (*where, i, "id"),
                    f"duplicate {kind} id {item['id']!r} (first at line {line}); "
                    "give each a different id",
                )
            seen.setdefault(item["id"], i)

    def ref(self, where: PathKey, value: str, kind: str) -> Iterator[Finding]:
        known = self.ids[kind]
        if value not in known:
            noun = kind.rstrip("s").replace("_", " ")
            yield self.at(where, f"unknown {noun} {value!r}{suggest(value, known)}")

    def references(self) -> Iterator[Finding]:
        for i, rec in enumerate(self.data["recommendations"]):
            yield from self.ref(
                ("recommendations", i, "source", "ref"), rec["source"]["ref"], "sources"
            )
        for i, cond in enumerate(self.data.get("audit_conditions", [])):
            yield from self.ref(
                ("audit_conditions", i, "recommendation"), cond["recommendation"], "recommendations"
            )
        for i, q in enumerate(self.data["questions"]):
            here = ("questions", i)
            yield from self.ref((*here, "domain"), q["domain"], "domains")
            yield from self.ref(
                (*here, "help", "source", "ref"), q["help"]["source"]["ref"], "sources"
            )
            if "scale" in q:
                yield from self.ref((*here, "scale"), q["scale"], "scales")
            for j, rec in enumerate(q.get("evidences", [])):
                yield from self.ref((*here, "evidences", j), rec, "recommendations")
            if "audit_condition" in q:
                yield from self.ref(
                    (*here, "audit_condition"), q["audit_condition"], "audit_conditions"
                )

    def questions(self) -> Iterator[Finding]:
        order = {qid: i for i, qid in reversed(list(enumerate(self.ids["questions"])))}
        for i, q in enumerate(self.data["questions"]):
            here = ("questions", i)
            if "when" in q:
                yield from self.condition(
                    (*here, "when"), q["when"], before=i, order=order, me=q["id"]
                )
            free_text = KIND_BY_TYPE[q["type"]].free_text
            if "action_column" in q and (not free_text or "audit_condition" not in q):
                yield self.at(
                    (*here, "action_column"), "action_column needs type text and an audit_condition"
                )
            spec = q.get("number", {})
            if "min" in spec and "max" in spec and spec["min"] > spec["max"]:
                yield self.at((*here, "number"), "number.min is greater than number.max")
            if ("worst" in spec) != ("best" in spec) or (
                "worst" in spec and spec["worst"] == spec["best"]
            ):
                yield self.at(
                    (*here, "number"),
                    "give both number.worst and number.best, with different values, "
                    "or neither (unscored)",
                )

    def condition(
        self,
        where: PathKey,
        cond: dict[str, Any],
        before: int | None,
        order: dict[str, int],
        me: str | None = None,
    ) -> Iterator[Finding]:
        for key in ("all", "any"):
            for j, child in enumerate(cond.get(key, [])):
                yield from self.condition((*where, key, j), child, before, order, me)
        if "not" in cond:
            yield from self.condition((*where, "not"), cond["not"], before, order, me)
        if "question" not in cond:
            return
        qid = cond["question"]
        if qid not in order:
            yield from self.ref((*where, "question"), qid, "questions")
            return
        if qid == me:
            yield self.at((*where, "question"), f"the condition refers to its own question {qid!r}")
            return
        if before is not None and order[qid] > before:
            yield self.at(
                (*where, "question"),
                f"the condition refers to {qid!r}, which comes later; "
                "a condition may only look at earlier questions (move one of them)",
            )
            return
        yield from self.condition_values(where, cond, self.data["questions"][order[qid]])

    def condition_values(
        self, where: PathKey, cond: dict[str, Any], target: dict[str, Any]
    ) -> Iterator[Finding]:
        known = self.option_ids(target)
        for key in ("in", "not_in"):
            for j, value in enumerate(cond.get(key, [])):
                value = _yesno(value)
                if known is not None and value not in known:
                    yield self.at(
                        (*where, key, j),
                        f"{value!r} is not an option of {target['id']!r}"
                        f"{suggest(str(value), known)}",
                    )
        if ("min" in cond or "max" in cond) and not KIND_BY_TYPE[target["type"]].numeric:
            yield self.at(
                where,
                f"min and max apply to number questions; {target['id']!r} is {target['type']}",
            )

    def option_ids(self, q: dict[str, Any]) -> list[str] | None:
        kind = KIND_BY_TYPE[q["type"]]
        if kind.options_from == "fixed":
            return [o.id for o in kind.fixed_options]
        if kind.options_from == "scale":
            scale = next(
                (s for s in self.data.get("scales", []) if s["id"] == q.get("scale")), None
            )
            return [o["id"] for o in scale["options"]] if scale else None
        if kind.options_from == "question":
            return [o["id"] for o in q["options"]]
        return None

    def bands(self) -> Iterator[Finding]:
        bands = self.data["bands"]
        for i, band in enumerate(bands):
            if band["min"] >= band["max"]:
                yield self.at(("bands", i), f"band {band['id']!r}: min must be below max")
        ranked = sorted(range(len(bands)), key=lambda i: (bands[i]["min"], bands[i]["max"]))
        edge = 0.0
        for i in ranked:
            band = bands[i]
            if band["min"] > edge:
                yield self.at(
                    ("bands", i, "min"),
                    f"bands leave a gap from {edge:g} to {band['min']:g}; "
                    f"start band {band['id']!r} at {edge:g}",
                )
            elif band["min"] < edge:
                yield self.at(
                    ("bands", i, "min"),
                    f"band {band['id']!r} overlaps the band below it "
                    f"({band['min']:g} < {edge:g}); start it at {edge:g}",
                )
            edge = max(edge, band["max"])
        if edge < 100:
            yield self.doc.finding(
                ("bands",), f"bands stop at {edge:g}; the highest band must reach 100", at_key=True
            )

    def coverage(self) -> Iterator[Finding]:
        evidenced = {r for q in self.data["questions"] for r in q.get("evidences", [])}
        for i, rec in enumerate(self.data["recommendations"]):
            if rec["id"] not in evidenced:
                yield self.at(
                    ("recommendations", i, "id"),
                    f"recommendation {rec['id']!r} is evidenced by no question; "
                    "add it to a question's evidences",
                )

    def scales(self) -> Iterator[Finding]:
        for i, scale in enumerate(self.data.get("scales", [])):
            if all(o.get("score", 0) is None for o in scale["options"]):
                yield self.doc.finding(
                    ("scales", i, "options"),
                    at_key=True,
                    message=f"scale {scale['id']!r} has no scored option; "
                    "give at least one a score",
                )

    def blockers(self) -> Iterator[Finding]:
        order = {qid: i for i, qid in enumerate(self.ids["questions"])}
        for i, rule in enumerate(self.data.get("blockers", [])):
            yield from self.condition(("blockers", i, "when"), rule["when"], None, order)
            yield from self.ref(("blockers", i, "caps", "band"), rule["caps"]["band"], "bands")
            if "domain" in rule["caps"]:
                yield from self.ref(
                    ("blockers", i, "caps", "domain"), rule["caps"]["domain"], "domains"
                )
        if "coverage" in self.data:
            band = self.data["coverage"]["caps"]["band"]
            yield from self.ref(("coverage", "caps", "band"), band, "bands")
        versions = [str(c["version"]) for c in self.data.get("changes", [])]
        if versions and str(self.data["version"]) not in versions:
            yield self.at(
                ("changes",),
                f"changes has no entry for this version ({self.data['version']}); "
                "add one saying what changed, or correct the bank's version",
            )

    def role_groups(self) -> Iterator[Finding]:
        """Each match has words and belongs to one group; both sides, when one is used."""
        from readiness.bank.roles import words

        groups = self.data.get("role_groups", [])
        owner: dict[tuple[str, ...], str] = {}
        for i, group in enumerate(groups):
            for j, match in enumerate(group["matches"]):
                said = words(match)
                if not said:
                    yield self.at(
                        ("role_groups", i, "matches", j),
                        f"role group {group['id']!r}: the match {match!r} has no words, so no "
                        "role can match it; give a word or phrase",
                    )
                elif owner.setdefault(said, group["id"]) != group["id"]:
                    yield self.at(
                        ("role_groups", i, "matches", j),
                        f"role group {group['id']!r}: {match!r} is already a match of "
                        f"{owner[said]!r}; give each word or phrase to one group",
                    )
        sides = {g.get("side") for g in groups} - {None}
        if sides and sides != {"leaders", "front_line"}:
            missing = ({"leaders", "front_line"} - sides).pop()
            yield self.doc.finding(
                ("role_groups",),
                f"role groups name a {sides.pop()!r} side but no group is on the {missing!r} "
                f"side; give a group 'side: {missing}', or remove the sides",
                at_key=True,
            )


def _yesno(value: Any) -> Any:
    """YAML's true/false in a condition stand for the yes/no option ids."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value
