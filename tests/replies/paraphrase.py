"""The paraphrase definition the reply corpus is checked against, and the banks it needs.

A reply is a *paraphrase* of its expected answer when it shares no distinctive word with that
answer's names and no name appears in it as a phrase (the full definition is in the header of
check_corpus.py). This module holds what that takes: the engine's yes/no/"don't know" words,
the stopwords, normalising and light stemming of words, and ``Question``, which works out each
option's names and distinctive stems from a bundled bank. check_corpus.py imports it; it is kept
apart so the definition can be read (and changed) on its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE.parents[1] / "questions"
BANKS = ("core", "quick", "audit")
DONT_KNOW = "dont_know"

# The engine's own words (readiness/kinds/values.py, readiness/bank/load.py), copied here so
# that the corpus is checked against the definition, not against whatever the matcher does.
YES_NAMES = ("yes", "y", "true", "yeah", "yep")
NO_NAMES = ("no", "n", "false", "nope")
DONT_KNOW_NAMES = ("don't know", "not sure", "unsure", "idk", "no idea", "dk")

# Function words only. Negations, quantifiers and frequency words (no, not, none, all, few,
# some, most, more, only, once, never, same, own, very, too, when, yet) and the prepositions
# of time and reach (before, after, during, across, off) are left distinctive on purpose: they
# carry the meaning of many options.
_STOPWORD_TEXT = """
    a an the and or but if so than then of to in on at by for with from as into onto
    about around through out
    i me my mine myself we us our ours ourselves you your yours they them their theirs
    it its itself he him his she her this that these those there here
    who whom whose which what where why how
    is are was were be been being am do does did doing have has had having
    will would can could should shall may might must
    """
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_NUMBER_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = _NUMBER_TEXT.split()
TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty"}


def number_word(value: int) -> str:
    """The English word for a whole number from 0 to 60 ("thirty six" as two words)."""
    if value < 20:
        return NUMBER_WORDS[value]
    tens, ones = divmod(value, 10)
    return TENS[tens * 10] + ("" if ones == 0 else " " + NUMBER_WORDS[ones])


def normalise(text: str) -> str:
    """Lower case, "n't" as " not", other contractions dropped, punctuation as spaces."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"\bcan't\b", "can not", text)
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"\bshan't\b", "shall not", text)
    text = re.sub(r"n't\b", " not", text)
    text = re.sub(r"'(s|re|ve|ll|d|m)\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


IRREGULAR = {"written": "write", "writing": "write", "wrote": "write", "known": "know"}


def stem(word: str) -> str:
    """A light stemmer: enough that plan/planned/planning and week/weeks/weekly meet."""
    word = IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ss", "us", "is")):
        return word
    for suffix in ("ing", "ed", "ly", "es", "s"):
        if suffix == "ly" and (word.endswith("ily") or len(word) < 6):
            continue
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
                word = word[:-1]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> set[str]:
    """The stems of the non-stopwords of a text."""
    return {stem(w) for w in normalise(text).split() if w not in STOPWORDS}


def contains_phrase(reply: str, phrase: str) -> bool:
    """Whether a (normalised) phrase occurs in the reply as whole words."""
    phrase = normalise(phrase)
    return bool(phrase) and f" {phrase} " in f" {normalise(reply)} "


# ------------------------------------------------------------------ the banks


class Question:
    """What the checker needs to know about one question of a bank."""

    def __init__(self, bank: str, raw: dict[str, Any], scales: dict[str, Any]) -> None:
        self.bank = bank
        self.id: str = raw["id"]
        self.type: str = raw["type"]
        self.prompt: str = " ".join(str(raw["prompt"]).split())
        scale = scales.get(raw.get("scale", ""), {})
        if self.type == "scale":
            options = scale["options"]
        elif self.type == "yesno":
            options = [
                {"id": "yes", "label": "Yes", "synonyms": list(YES_NAMES)},
                {"id": "no", "label": "No", "synonyms": list(NO_NAMES)},
            ]
        else:
            options = raw.get("options", [])
        self.options: dict[str, dict[str, Any]] = {o["id"]: o for o in options}
        self.exclusive = {o["id"] for o in options if o.get("exclusive")}
        self.number: dict[str, Any] = raw.get("number", {})
        setting = raw.get("dont_know", scale.get("dont_know", True))
        self.dont_know_label: str | None = None
        if self.type != "text" and setting is not False:
            self.dont_know_label = setting if isinstance(setting, str) else "Don't know"
        self.names: dict[str, list[str]] = {
            oid: [oid.replace("_", " "), str(o["label"]), *map(str, o.get("synonyms", []))]
            for oid, o in self.options.items()
        }
        if self.dont_know_label:
            self.names[DONT_KNOW] = [self.dont_know_label, *DONT_KNOW_NAMES]
        stems = [set().union(*(words(n) for n in ns)) for oid, ns in self.names.items()]
        option_stems = [s for oid, s in zip(self.names, stems, strict=True) if oid != DONT_KNOW]
        self.common = set.intersection(*option_stems) if option_stems else set()
        self.distinctive = {oid: s - self.common for oid, s in zip(self.names, stems, strict=True)}

    def target_names(self, expected: Any) -> tuple[set[str], list[str]]:
        """The distinctive stems and the phrases that name an expected answer."""
        if expected == DONT_KNOW:
            return self.distinctive[DONT_KNOW], self.names[DONT_KNOW]
        if self.type == "number":
            value = int(expected) if float(expected).is_integer() else expected
            phrases = [str(value)]
            if isinstance(value, int) and 0 <= value <= 60:
                phrases.append(number_word(value))
            return set().union(*(words(p) for p in phrases)), phrases
        ids = expected if isinstance(expected, list) else [expected]
        stems = set().union(*(self.distinctive[i] for i in ids))
        return stems, [n for i in ids for n in self.names[i]]

    def is_paraphrase(self, reply: str, expected: Any) -> bool:
        stems, phrases = self.target_names(expected)
        if words(reply) & stems:
            return False
        return not any(contains_phrase(reply, p) for p in phrases)


def load_banks() -> dict[str, dict[str, Question]]:
    banks: dict[str, dict[str, Question]] = {}
    for bank in BANKS:
        with open(QUESTIONS / f"{bank}.yaml", encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        scales = {s["id"]: s for s in raw.get("scales", [])}
        banks[bank] = {q["id"]: Question(bank, q, scales) for q in raw["questions"]}
    return banks
