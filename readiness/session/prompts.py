"""What the reply area offers for a step, and the review's list: pure functions of a session.

Split from :mod:`readiness.session.controller`, which decides *when*; this decides *what*: the
kind of reply, the options with their numbers, the placeholder and the hint, and every
question on the review with its reply in the shared vocabulary (answered, don't know,
skipped, done).
"""

from __future__ import annotations

from readiness.kinds import kind_of
from readiness.model import DONT_KNOW
from readiness.session import wording as talk
from readiness.session.engine import Ask, Session
from readiness.session.turns import Choice, Prompt, PromptKind, ReviewItem, ReviewState

PLACEHOLDER = "Type a reply, or: back, skip, why, note …, review, quit"
TYPED_PLACEHOLDER = "{hint}  (or: back, skip, why …)"
AT_REVIEW = (
    "Every question has a reply. Type review to look over your answers and finish, "
    "or back to change the last one."
)
VOTES_PLACEHOLDER = "How many chose each option, in order: for example 3 5 0 1"
NOTE_PLACEHOLDER = "A note from the discussion (optional); Enter records the votes"


def prompt_for(
    ask: Ask,
    *,
    room: bool,
    confirming: bool,
    noting: bool,
    offered: tuple[Choice, ...] = (),
) -> Prompt:
    """The reply area for a question or follow-up.

    Args:
        ask: The step being asked.
        room: Room mode: a choice is answered with counts per option.
        confirming: Readings of a typed reply wait for yes or no.
        noting: Room counts are in and wait for the room's note.
        offered: While confirming, the readings offered, numbered.
    """
    question = ask.question
    if ask.follow_up:
        hint = talk.type_hint(question, follow_up=True)
        return Prompt(
            question.id,
            "text",
            ask.follow_up.id,
            placeholder=TYPED_PLACEHOLDER.format(hint=hint),
            hint=hint,
            empty_ok=True,
        )
    options = tuple(
        Choice(oid, label, n) for n, (oid, label) in enumerate(talk.option_labels(question), 1)
    )
    widget = kind_of(question).widget
    if room and widget == "choice":
        if noting:
            return Prompt(question.id, "text", placeholder=NOTE_PLACEHOLDER, empty_ok=True)
        return Prompt(
            question.id,
            "votes",
            options=options,
            current=ask.current,
            placeholder=VOTES_PLACEHOLDER,
            hint="Type how many people chose each option, in order, then a note if any.",
        )
    hint = talk.type_hint(question)
    kind: PromptKind
    if widget is not None:
        kind, placeholder = widget, PLACEHOLDER
    else:
        kind = "number" if kind_of(question).numeric else "text"
        placeholder = TYPED_PLACEHOLDER.format(hint=hint)
    return Prompt(
        question.id,
        kind,
        options=options if widget else (),
        current=ask.current,
        text=previous_text(ask),
        placeholder=_confirm_placeholder(offered) if confirming else placeholder,
        hint=hint,
        confirming=confirming,
        offered=offered if confirming else (),
    )


def _confirm_placeholder(offered: tuple[Choice, ...]) -> str:
    """How to answer an offer: yes takes the first, 2 the runner-up, no says it again."""
    return "yes, 2 for the second, or no" if len(offered) > 1 else "yes or no"


def review_prompt(items: list[ReviewItem]) -> Prompt:
    """At the review: any question to change, by its number."""
    options = tuple(Choice(item.question_id, item.prompt, item.number) for item in items)
    return Prompt("", "review", options=options, placeholder=AT_REVIEW)


def previous_text(ask: Ask) -> str:
    """An earlier typed answer (number or text), to edit when the question is asked again."""
    current = ask.current
    if ask.follow_up or current is None or current == DONT_KNOW or isinstance(current, list):
        return ""
    if isinstance(current, int | float):
        return f"{current:g}"
    return "" if kind_of(ask.question).widget else str(current)


def review_items(session: Session) -> list[ReviewItem]:
    """Every question shown, with its reply as a person reads it."""
    items = []
    for number, question in enumerate(session.applicable(), 1):
        state: ReviewState = "not_done"
        shown = "not done yet"
        if question.id in session.answers:
            value = session.answers[question.id]
            state = (
                "skipped" if value is None else "dont_know" if value == DONT_KNOW else "answered"
            )
            shown = talk.describe(question, value)
        items.append(
            ReviewItem(
                number,
                question.id,
                session.bank.domain_by_id[question.domain].title,
                question.prompt,
                shown,
                state,
                session.notes.get(question.id),
            )
        )
    return items


def review_heading(items: list[ReviewItem]) -> str:
    """``12 of 12 done: 5 answered, 7 don't know``."""
    answered = sum(i.state == "answered" for i in items)
    dont_know = sum(i.state == "dont_know" for i in items)
    skipped = sum(i.state == "skipped" for i in items)
    done = answered + dont_know + skipped
    return f"{done} of {len(items)} done: {talk.tally(answered, dont_know, skipped)}"


def parse_counts(ask: Ask, text: str) -> dict[str, int] | str:
    """Room votes typed as ``3 5 0 1`` (how many chose each option, in order; the rest 0), or
    the message saying how to type them."""
    options = talk.option_labels(ask.question)
    words = text.replace(",", " ").split()
    if not words or len(words) > len(options) or not all(w.isdecimal() for w in words):
        example = " ".join(str(n % 4) for n in range(3, 3 + len(options)))
        return (
            f"Type how many people chose each option, in order, as up to {len(options)} "
            f"numbers: for example {example}."
        )
    return {oid: int(word) for (oid, _), word in zip(options, words, strict=False)}
