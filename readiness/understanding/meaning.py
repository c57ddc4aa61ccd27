"""Paraphrase: how strongly a reply's words point at each option of a question.

A reply and each option are turned into the same kind of tokens: light stems of their content
words, plus the concepts of :mod:`.thesaurus` they express, each marked when a negator reaches
it. An option's evidence is its id, label, synonyms and the bank's example replies. A token
weighs by how well it separates the options (inverse document frequency across them), so
"interim" counts for much and "service", present in every label, for little. The index of a
question is built on first use and kept for the question object. Standard library only.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from readiness.model import Option, Question
from readiness.understanding.normalise import STOPWORDS, clauses, clean, stem, words
from readiness.understanding.numbers import Span, durations, frequencies, label_share
from readiness.understanding.polarity import NEGATORS, negated
from readiness.understanding.thesaurus import CONCEPTS

_POSTS = frozenset({"@director", "@head"})
NEG = "@neg"
CONTRAST = "@partly"
"""Added to a reply whose clauses disagree ("in fostering, not in edge of care"): partly."""
_MAX_PHRASE = 5
_EXAMPLE_WEIGHT = 1.4


def _phrase_table() -> dict[tuple[str, ...], frozenset[str]]:
    table: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            key = tuple(stem(w) for w in words(clean(phrase)))
            if key:
                table[key].add("@" + concept)
    return {k: frozenset(v) for k, v in table.items()}


_PHRASES = _phrase_table()
THESAURUS_WORDS = frozenset(w for phrase in _PHRASES for w in phrase)


def tokens(text: str, fix: dict[str, str] | None = None) -> list[str]:
    """The evidence tokens of a text: stems, concepts, "@neg"; "!" marks a negated token.

    Args:
        text: Raw or cleaned text (a reply, a label, an example).
        fix: Corrections of mistyped stems (from :meth:`QuestionIndex.corrections`).
    """
    return [t for part in clause_tokens(text, fix) for t in part]


def clause_tokens(text: str, fix: dict[str, str] | None = None) -> list[list[str]]:
    """:func:`tokens`, clause by clause (clauses end at commas, full stops and "but")."""
    found: list[list[str]] = []
    for clause in clauses(clean(text)):
        out: list[str] = []
        raw = words(clause)
        flags = negated(raw)
        stems = [stem(w) for w in raw]
        if fix:
            stems = [fix.get(s, s) for s in stems]
        inside = 0
        for i in range(len(stems)):
            single = False
            if raw[i] in NEGATORS or (raw[i] == "one" and i and raw[i - 1] == "no"):
                out.append(NEG)
            for size in range(min(_MAX_PHRASE, len(stems) - i), 0, -1):
                if size == 1 and inside:
                    break
                concepts = _PHRASES.get(tuple(stems[i : i + size]))
                if concepts:
                    mark = "!" if flags[i] else ""
                    out.extend(mark + c for c in concepts)
                    if mark and concepts & _POSTS:
                        out.append("@vacant")  # "no head of service since easter"
                    inside = max(inside, size)
                    single = size == 1
                    break
            inside = max(0, inside - 1)
            if _counts_several(raw, i):
                out.append(("!" if flags[i] else "") + SEVERAL)
            if single:
                continue  # "evaluation" is its concept already: one word, counted once
            if raw[i] not in STOPWORDS and raw[i] not in NEGATORS and not raw[i].isdigit():
                out.append(("!" if flags[i] else "") + stems[i])
        found.append(out)
    return found


_COUNTS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "dozen", "dozens"}
)  # fmt: skip
_TIME = frozenset(
    {"days", "weeks", "months", "years", "quarters", "terms", "hours", "minutes", "times"}
)
SEVERAL = "@several"


def _counts_several(raw: list[str], i: int) -> bool:
    """Whether word ``i`` counts several of something: "three or four evaluations", "two LAs"."""
    word = raw[i]
    if word not in _COUNTS and not (word.isdigit() and 2 <= int(word) <= 99):
        return False
    after = [w for w in raw[i + 1 : i + 4] if w not in ("or", "to", "of", "other", "our")]
    after = [w for w in after if w not in _COUNTS and not w.isdigit()]
    return bool(after) and after[0].endswith("s") and after[0] not in _TIME | STOPWORDS


@dataclass
class OptionIndex:
    """The evidence for one option: its names' tokens and each example's tokens."""

    option: Option
    names: set[str]
    examples: list[set[str]]
    span_duration: Span | None = None
    span_frequency: Span | None = None
    polarity: int = 0
    share: float | None = None


@dataclass
class QuestionIndex:
    """Everything precomputed for one question: options' evidence, weights, vocabulary."""

    options: list[OptionIndex]
    idf: dict[str, float]
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    has_durations: bool = False
    has_frequencies: bool = False
    has_shares: bool = False
    topic: frozenset[str] = frozenset()
    seen: dict[str, str] = field(default_factory=dict)
    """Corrections already looked up (difflib is slow; a bank's replies repeat words)."""

    def weight(self, token: str) -> float:
        """How well a token separates the options (0 when no option holds it)."""
        return self.idf.get(token, 0.0)

    def corrections(self, text: str) -> dict[str, str]:
        """Mistyped words of a reply corrected towards the bank's own words (same first letter)."""
        fixes: dict[str, str] = {}
        for word in set(words(clean(text))):
            s = stem(word)
            if len(word) < 5 or s in self.idf or word in STOPWORDS or s in THESAURUS_WORDS:
                continue
            if s not in self.seen:
                if len(self.seen) >= 4096:
                    self.seen.clear()
                self.seen[s] = self._nearest(s)
            if self.seen[s]:
                fixes[s] = self.seen[s]
        return fixes

    def _nearest(self, s: str) -> str:
        """The bank's word a mistyped word stands for ("" for none)."""
        close = difflib.get_close_matches(s, self.vocabulary.get(s[0], []), n=1, cutoff=0.84)
        return close[0] if close else ""


def _names_text(option: Option) -> list[str]:
    return [option.id.replace("_", " "), option.label, *option.synonyms]


_YES_NAMES = frozenset({"yes", "y", "true"})
_NO_NAMES = frozenset({"no", "n", "false", "none", "nobody", "no one", "never", "not yet"})


def option_polarity(option: Option) -> int:
    """+1 for an option that a bare "yes" would mean, -1 for "no", else 0."""
    names = [clean(n) for n in _names_text(option)]
    label = clean(option.label)
    if _YES_NAMES & set(names) or label.startswith("yes"):
        return 1
    if _NO_NAMES & set(names) or label.split(" ")[0].strip(":,") in (
        "no",
        "none",
        "not",
        "nobody",
        "never",
    ):
        return -1
    return 0


def build_index(question: Question) -> QuestionIndex:
    """The index of a question's options (built once per question object, see reading.py)."""
    entries: list[OptionIndex] = []
    for option in question.options:
        names: set[str] = set()
        for text in _names_text(option):
            names.update(tokens(text))
        examples = [set(tokens(e)) for e in getattr(option, "examples", ())]
        label = clean(option.label)
        spans_d = durations(label)
        spans_f = frequencies(label)
        entries.append(
            OptionIndex(
                option,
                names,
                [e for e in examples if e],
                spans_d[0] if spans_d else None,
                spans_f[0] if spans_f else None,
                option_polarity(option),
                label_share(label),
            )
        )
    df: Counter[str] = Counter()
    for entry in entries:
        df.update(entry.names | set().union(*entry.examples))
    count = max(1, len(entries))
    topic = set(tokens(question.prompt))
    idf = {t: math.log(1 + count / n) for t, n in df.items()}
    vocabulary: dict[str, list[str]] = defaultdict(list)
    for token in idf:
        if token[0].isalpha() and len(token) >= 4:
            vocabulary[token[0]].append(token)
    return QuestionIndex(
        entries,
        idf,
        dict(vocabulary),
        sum(e.span_duration is not None for e in entries) >= 2,
        sum(e.span_frequency is not None for e in entries) >= 2,
        sum(e.share is not None for e in entries) >= 3,
        frozenset(t for t in topic if not t.startswith(("!", "@neg"))),
    )


def _overlap(reply: Counter[str], evidence: set[str], index: QuestionIndex) -> float:
    return sum(index.weight(t) for t in reply if t in evidence)


def _similarity(reply: Counter[str], example: set[str], index: QuestionIndex) -> float:
    shared = _overlap(reply, example, index)
    if not shared:
        return 0.0
    size_r = sum(index.weight(t) for t in reply) or 1.0
    size_e = sum(index.weight(t) for t in example) or 1.0
    return 4.0 * (shared / math.sqrt(size_r * size_e)) ** 1.5


def scores(index: QuestionIndex, reply_tokens: list[str]) -> dict[str, float]:
    """Each option's evidence score for the reply's tokens (0 when nothing is shared)."""
    reply = Counter(set(reply_tokens))
    found: dict[str, float] = {}
    for entry in index.options:
        names = _overlap(reply, entry.names, index)
        size = sum(index.weight(t) for t in entry.names) or 1.0
        names = names * (1.0 + names / size) / 2 + names / 2
        best = max((_similarity(reply, e, index) for e in entry.examples), default=0.0)
        found[entry.option.id] = names + _EXAMPLE_WEIGHT * best
    return found


_INDEXES: dict[int, tuple[Question, QuestionIndex]] = {}
_INDEXES_MAX = 2048


def index_for(question: Question) -> QuestionIndex:
    """The question's index, built on first use and kept for the question object.

    Keyed by object id (a question is frozen; hashing one walks all its fields), holding the
    question so its id is not reused while the entry lives.
    """
    found = _INDEXES.get(id(question))
    if found is not None and found[0] is question:
        return found[1]
    if len(_INDEXES) >= _INDEXES_MAX:
        _INDEXES.clear()
    index = build_index(question)
    _INDEXES[id(question)] = (question, index)
    return index
