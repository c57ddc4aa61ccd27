"""What the bot says, as text: shared by the Textual app and the plain prompts.

Pure functions from the engine's steps to Markdown-ish strings, and the typed commands both
front ends understand. Keeping the words here means the two front ends say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import DONT_KNOW, Answer, Bank, Question
from readiness.session.engine import Ask, Reflection

COMMANDS = {
    "back": "go back to the previous question and change its answer",
    "skip": "skip this question (it is left out of the score)",
    "why": "why this question matters, and the evidence behind it",
    "note": "attach a note to this question: note TEXT",
    "review": "review every answer so far",
    "save": "save now (every answer is saved anyway)",
    "quit": "save and leave; you can resume later",
    "help": "list these commands",
}
TYPE_HINTS = {
    "scale": "Choose with the arrow keys and Enter, a number key, or type a word.",
    "single": "Choose with the arrow keys and Enter, a number key, or type a word.",
    "yesno": "Yes or no: arrow keys and Enter, 1 or 2, or type yes or no.",
    "multiple": "Tick all that apply with Space, then press Enter; or type them, with commas.",
    "number": "Type a number and press Enter.",
    "text": "Type your answer and press Enter (or 'skip').",
}


@dataclass(frozen=True)
class Command:
    """A typed command: its name and the rest of the line."""

    name: str
    argument: str = ""


def parse_command(text: str) -> Command | None:
    """``back``, ``/skip``, ``note some words`` and the like; None when it is a reply."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return None
    name = words[0].lower().lstrip("/:")
    if name not in COMMANDS:
        return None
    argument = words[1] if len(words) > 1 else ""
    if argument and name != "note":
        return None
    return Command(name, argument)


def commands_help() -> str:
    """The commands as a Markdown list."""
    return "\n".join(f"- **{name}**: {what}" for name, what in COMMANDS.items())


def progress_line(ask: Ask, done: int, total: int) -> str:
    """``Leadership, 3 of 11 · 14 of 48 answered``."""
    return f"{ask.domain.title}, {ask.number} of {ask.of} · {done} of {total} answered"


def question_text(ask: Ask) -> str:
    """The bot's message asking a question or a follow-up."""
    if ask.follow_up:
        return f"{ask.follow_up.text}  \n*(a line or two for your action plan, or 'skip')*"
    lines = [f"**{ask.question.prompt}**"]
    if ask.current is not None:
        lines.append(f"\n*Your answer was: {describe(ask.question, ask.current)}.*")
    return "\n".join(lines)


def option_labels(question: Question) -> list[tuple[str, str]]:
    """(id, label) of each reply offered, with "don't know" last where it is offered."""
    pairs = [(o.id, o.label) for o in question.options]
    if question.dont_know and question.type != "text":
        pairs.append((DONT_KNOW, question.dont_know))
    return pairs


def numbered_options(question: Question) -> str:
    """The options as a numbered list, for the plain prompts."""
    return "\n".join(f"  {i}. {label}" for i, (_, label) in enumerate(option_labels(question), 1))


def why_text(bank: Bank, question: Question) -> str:
    """The help text and its citation."""
    return (
        f"**Why this matters.** {question.help_text}\n\n*Source: {bank.cite(question.help_source)}*"
    )


def describe(question: Question, value: Answer) -> str:
    """An answer as a person reads it."""
    if value is None:
        return "skipped"
    if value == DONT_KNOW:
        return question.dont_know or "don't know"
    if isinstance(value, list):
        return ", ".join(_label(question, v) for v in value) or "none"
    if isinstance(value, int | float):
        unit = question.number.unit if question.number else ""
        return f"{value:g} {unit}".strip()
    return _label(question, value) if question.options else str(value)


def _label(question: Question, option_id: str) -> str:
    option = question.option(option_id)
    return option.label if option else option_id


def reflection_text(reflection: Reflection, bank: Bank) -> str:
    """The end-of-domain reflection."""
    title = reflection.domain.title
    if reflection.score is None:
        return f"That's the end of **{title}**. Nothing here was scored yet, so no band so far."
    band = (
        bank.band_by_id[reflection.band].label
        if reflection.band in bank.band_by_id
        else reflection.band
    )
    lines = [f"That's the end of **{title}**. So far: **{band}** ({reflection.score:.1f} of 100)."]
    if reflection.strongest:
        q, v = reflection.strongest
        lines.append(f"- Strongest: {q.prompt} *{describe(q, v)}*")
    if reflection.weakest:
        q, v = reflection.weakest
        lines.append(f"- Weakest: {q.prompt} *{describe(q, v)}*")
    return "\n".join(lines)


def welcome_text(bank: Bank, resumed: bool, done: int, total: int) -> str:
    """The first message of a session."""
    if resumed:
        return (
            f"Welcome back to **{bank.title}**. You have answered {done} of {total} "
            "questions; let's carry on where you left off."
        )
    return (
        f"Welcome to **{bank.title}** ({len(bank.questions)} questions, about "
        f"{bank.estimated_minutes} minutes). I'll ask about "
        f"{', '.join(d.title.lower() for d in bank.domains)}. Every answer is saved as you go. "
        "Type **why** for the evidence behind a question, **back** to change an answer, "
        "**skip** to leave one out, **help** for more."
    )
