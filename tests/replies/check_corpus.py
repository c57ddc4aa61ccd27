"""Check the reply corpus against the bundled question banks, and count it.

Usage: python tests/replies/check_corpus.py [CORPUS.yaml] [--ambiguous AMBIGUOUS.yaml]

Every entry of ``corpus.yaml`` must name a bundled bank, a question of that bank that takes a
scored answer, an expected answer of the right kind (an option id, ``dont_know``, a list of
option ids for ``multiple``, a number in range for ``number``) and one of the four kinds of
respondent. The ``paraphrase`` flag must agree with the definition below, which this script
computes (with paraphrase.py beside it); the corpus must also meet its targets (sizes, share
of paraphrase and "don't know", every type and every option covered). Entries of
``ambiguous.yaml`` must name a real question and carry ``expected: null`` and a ``note``.

A reply is a *paraphrase* of its expected answer when it shares no distinctive word with that
answer's names and no name appears in it as a phrase. An option's names are its id (with
underscores as spaces), its label and its synonyms; for yes/no also the words the engine takes
for yes and no; for "don't know" the label "Don't know", the question's own "don't know" label
and the engine's "don't know" words; for a number its digits and its English word. A word is
distinctive when it is not a stopword and does not appear in every option of the question.
Words are compared after lower-casing, expanding "n't" to "not" and light stemming, so
"planning" meets "planned" and "weeks" meets "weekly".

Exit status: 0 when clean, 1 when any entry is invalid or a target is missed, 2 on a usage
error.
"""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the paraphrase module beside this script, from any directory
    sys.path.insert(0, str(HERE))

# The paraphrase definition and the banks live in paraphrase.py; every name that moved there
# stays importable from this script.
from paraphrase import (  # noqa: E402, F401
    BANKS,
    DONT_KNOW,
    DONT_KNOW_NAMES,
    IRREGULAR,
    NO_NAMES,
    NUMBER_WORDS,
    QUESTIONS,
    STOPWORDS,
    TENS,
    YES_NAMES,
    Question,
    contains_phrase,
    load_banks,
    normalise,
    number_word,
    stem,
    words,
)

WHO = ("head_of_service", "team_manager", "practitioner", "charity_ceo")
ENTRY_KEYS = {"question", "reply", "expected", "bank", "who", "paraphrase"}
AMBIGUOUS_KEYS = {"question", "reply", "expected", "bank", "who", "note"}

# The corpus's own targets (see the brief in the header of corpus.yaml).
MIN_TOTAL = 360
MIN_PER_BANK = {"core": 220, "quick": 60, "audit": 50}
MIN_PARAPHRASE_SHARE = 0.5
DONT_KNOW_SHARE = (0.07, 0.14)
MAX_AMBIGUOUS = 20


# ------------------------------------------------------------------ checking entries


def expected_kind(question: Question, expected: Any) -> str:
    if expected == DONT_KNOW:
        return "dont_know"
    return {"multiple": "option list", "number": "number"}.get(question.type, "option")


def check_expected(question: Question, expected: Any) -> str | None:
    """Why an expected answer does not fit its question, or None when it does."""
    if expected == DONT_KNOW:
        return None if question.dont_know_label else "the question offers no 'don't know'"
    if question.type in ("scale", "single", "yesno"):
        if isinstance(expected, bool):
            return f"expected is {expected!r}: quote yes and no (YAML reads them as booleans)"
        if not isinstance(expected, str):
            return f"expected must be one of {sorted(question.options)}, not {expected!r}"
        if expected not in question.options:
            return f"unknown option {expected!r}; options are {sorted(question.options)}"
        return None
    if question.type == "multiple":
        if not isinstance(expected, list) or not expected:
            return "expected must be a non-empty list of option ids for a multiple question"
        unknown = [e for e in expected if e not in question.options]
        if unknown:
            return f"unknown options {unknown}; options are {sorted(question.options)}"
        if len(set(expected)) != len(expected):
            return "an option is listed twice"
        if set(expected) & question.exclusive and len(expected) > 1:
            return f"{sorted(question.exclusive)} cannot be combined with other options"
        return None
    if question.type == "number":
        if isinstance(expected, bool) or not isinstance(expected, int | float):
            return f"expected must be a number, not {expected!r}"
        spec = question.number
        if spec.get("integer") and not float(expected).is_integer():
            return f"expected must be a whole number ({spec.get('unit', '')})"
        low, high = spec.get("min", -math.inf), spec.get("max", math.inf)
        if not low <= expected <= high:
            return f"expected {expected} is outside {spec.get('min')}..{spec.get('max')}"
        return None
    return f"questions of type {question.type!r} do not belong in the corpus"


def check_common(
    entry: Any, where: str, banks: dict[str, dict[str, Question]], keys: set[str]
) -> tuple[list[str], Question | None]:
    if not isinstance(entry, dict):
        return [f"{where}: an entry must be a mapping"], None
    errors = [f"{where}: unknown field {k!r}" for k in sorted(set(entry) - keys)]
    missing = sorted((keys - {"paraphrase"}) - set(entry))
    errors += [f"{where}: missing field {k!r}" for k in missing]
    reply = entry.get("reply")
    if not isinstance(reply, str) or not reply.strip():
        errors.append(f"{where}: reply must be non-empty text")
    if entry.get("who") not in WHO:
        errors.append(f"{where}: who must be one of {', '.join(WHO)}, not {entry.get('who')!r}")
    bank = entry.get("bank")
    if bank not in banks:
        errors.append(f"{where}: bank must be one of {', '.join(BANKS)}, not {bank!r}")
        return errors, None
    question = banks[bank].get(entry.get("question"))
    if question is None:
        errors.append(f"{where}: no question {entry.get('question')!r} in bank {bank!r}")
    elif question.type == "text":
        errors.append(f"{where}: {question.id} is a text question: nothing to match")
        question = None
    return errors, question


def check_corpus(
    entries: list[Any], banks: dict[str, dict[str, Question]]
) -> tuple[list[str], list[tuple[Question, dict[str, Any]]]]:
    errors: list[str] = []
    good: list[tuple[Question, dict[str, Any]]] = []
    seen: set[tuple[str, str, str]] = set()
    for n, entry in enumerate(entries, 1):
        where = f"corpus entry {n}"
        if isinstance(entry, dict):
            where += f" ({entry.get('question')}: {str(entry.get('reply'))[:40]!r})"
        found, question = check_common(entry, where, banks, ENTRY_KEYS)
        errors += found
        if question is None or found:
            continue
        problem = check_expected(question, entry["expected"])
        if problem:
            errors.append(f"{where}: {problem}")
            continue
        key = (question.bank, question.id, " ".join(entry["reply"].lower().split()))
        if key in seen:
            errors.append(f"{where}: the same reply appears twice for this question")
        seen.add(key)
        flag = entry.get("paraphrase", False)
        if flag not in (True, False):
            errors.append(f"{where}: paraphrase must be true or absent")
            continue
        computed = question.is_paraphrase(entry["reply"], entry["expected"])
        if flag and not computed:
            stems, _ = question.target_names(entry["expected"])
            shared = sorted(words(entry["reply"]) & stems) or ["a whole phrase"]
            errors.append(
                f"{where}: marked paraphrase but shares {', '.join(shared)} with the answer"
            )
        elif computed and not flag:
            errors.append(f"{where}: shares no distinctive word; add 'paraphrase: true'")
        good.append((question, entry))
    return errors, good


def check_ambiguous(entries: list[Any], banks: dict[str, dict[str, Question]]) -> list[str]:
    errors: list[str] = []
    if len(entries) > MAX_AMBIGUOUS:
        errors.append(f"ambiguous: {len(entries)} entries; keep it to {MAX_AMBIGUOUS} or fewer")
    for n, entry in enumerate(entries, 1):
        where = f"ambiguous entry {n}"
        found, _question = check_common(entry, where, banks, AMBIGUOUS_KEYS)
        errors += found
        if isinstance(entry, dict):
            if entry.get("expected", "missing") is not None:
                errors.append(f"{where}: expected must be null")
            if not isinstance(entry.get("note"), str) or not entry["note"].strip():
                errors.append(f"{where}: a note must say why a clarifying question is right")
    return errors


# ------------------------------------------------------------------ counting


def table(title: str, rows: list[tuple[Any, ...]], header: tuple[str, ...]) -> str:
    cells = [header, *[tuple(str(c) for c in r) for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [title]
    for i, row in enumerate(cells):
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        if i == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def count(
    good: list[tuple[Question, dict[str, Any]]], banks: dict[str, dict[str, Question]]
) -> tuple[str, list[str]]:
    """The counts tables, and the targets the corpus misses."""
    misses: list[str] = []
    by: dict[str, Counter[str]] = defaultdict(Counter)
    para: dict[str, Counter[str]] = defaultdict(Counter)
    dk: dict[str, Counter[str]] = defaultdict(Counter)
    for question, entry in good:
        keys = {
            "bank": question.bank,
            "type": question.type,
            "who": entry["who"],
            "expected": expected_kind(question, entry["expected"]),
        }
        for axis, key in keys.items():
            for k in (key, "all"):
                by[axis][k] += 1
                para[axis][k] += bool(entry.get("paraphrase"))
                dk[axis][k] += entry["expected"] == DONT_KNOW
    out = []
    for axis, title in (
        ("bank", "by bank"),
        ("type", "by question type"),
        ("who", "by respondent"),
        ("expected", "by kind of expected answer"),
    ):
        rows = [
            (
                k,
                n,
                para[axis][k],
                f"{para[axis][k] / n:.0%}",
                dk[axis][k],
                f"{dk[axis][k] / n:.0%}",
            )
            for k, n in sorted(by[axis].items(), key=lambda kv: (kv[0] == "all", kv[0]))
        ]
        header = (axis, "replies", "paraphrase", "share", "dont_know", "share")
        out.append(table(title, rows, header))

    total = by["bank"]["all"]
    if total < MIN_TOTAL:
        misses.append(f"{total} replies; the target is at least {MIN_TOTAL}")
    for bank, least in MIN_PER_BANK.items():
        if by["bank"][bank] < least:
            misses.append(f"{by['bank'][bank]} replies on {bank}; the target is {least}")
    share = para["bank"]["all"] / total if total else 0
    if share < MIN_PARAPHRASE_SHARE:
        misses.append(f"paraphrase share {share:.0%}; the target is {MIN_PARAPHRASE_SHARE:.0%}")
    dk_share = dk["bank"]["all"] / total if total else 0
    if not DONT_KNOW_SHARE[0] <= dk_share <= DONT_KNOW_SHARE[1]:
        low, high = DONT_KNOW_SHARE
        misses.append(f"'don't know' share {dk_share:.0%}; the target is {low:.0%}-{high:.0%}")
    for kind in ("scale", "single", "multiple", "yesno", "number"):
        if not by["type"][kind]:
            misses.append(f"no replies to a {kind} question")
    for who in WHO:
        if not by["who"][who]:
            misses.append(f"no replies from a {who}")

    covered: dict[tuple[str, str], set[str]] = defaultdict(set)
    questions: dict[tuple[str, str], Question] = {}
    for question, entry in good:
        key = (question.bank, question.id)
        questions[key] = question
        expected = entry["expected"]
        covered[key].update(expected if isinstance(expected, list) else [str(expected)])
    per_question = Counter((q.bank, q.id) for q, _ in good)
    for key, question in sorted(questions.items()):
        if question.type == "number":
            continue
        left = [o for o in question.options if o not in covered[key]]
        if left:
            misses.append(f"{key[0]}/{key[1]}: no reply for option(s) {', '.join(left)}")
    for bank in {q.bank for q, _ in good}:
        for qid, question in banks[bank].items():
            if question.type != "text" and (bank, qid) not in per_question:
                misses.append(f"{bank}/{qid}: no replies to this question")
    bank_questions = Counter(b for b, _ in per_question)
    rows = [
        (bank, bank_questions[bank], min(n for (b, _), n in per_question.items() if b == bank))
        for bank in BANKS
        if bank_questions[bank]
    ]
    out.append(table("questions covered", rows, ("bank", "questions", "fewest replies")))
    out.append(f"paraphrase share: {para['bank']['all']}/{total} = {share:.1%}")
    return "\n\n".join(out), misses


def load_list(path: Path) -> list[Any]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, list):
        raise ValueError(f"{path}: the file must hold a YAML list of entries")
    return data


def main(argv: list[str]) -> int:
    corpus = HERE / "corpus.yaml"
    ambiguous = HERE / "ambiguous.yaml"
    args = list(argv)
    if "--ambiguous" in args:
        i = args.index("--ambiguous")
        if i + 1 >= len(args):
            print("check_corpus: --ambiguous needs a file", file=sys.stderr)
            return 2
        ambiguous = Path(args[i + 1])
        del args[i : i + 2]
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    if args:
        corpus = Path(args[0])
    try:
        banks = load_banks()
        entries = load_list(corpus)
        unclear = load_list(ambiguous) if ambiguous.exists() else []
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"check_corpus: {exc}", file=sys.stderr)
        return 2

    errors, good = check_corpus(entries, banks)
    errors += check_ambiguous(unclear, banks)
    recorded = {(q.bank, q.id, " ".join(e["reply"].lower().split())) for q, e in good}
    for n, entry in enumerate(unclear, 1):
        if isinstance(entry, dict) and isinstance(entry.get("reply"), str):
            key = (
                entry.get("bank"),
                entry.get("question"),
                " ".join(entry["reply"].lower().split()),
            )
            if key in recorded:
                errors.append(
                    f"ambiguous entry {n}: the same reply has an expected answer in the corpus"
                )
    tables, misses = count(good, banks)
    print(tables)
    print(f"ambiguous replies (expected: null): {len(unclear)}")
    for problem in errors:
        print(f"INVALID {problem}")
    for miss in misses:
        print(f"TARGET  {miss}")
    if errors or misses:
        print(f"\n{len(errors)} invalid entries, {len(misses)} missed targets")
        return 1
    print(f"\nclean: {len(good)} replies checked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
