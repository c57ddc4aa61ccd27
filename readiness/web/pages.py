"""What a participant's page shows, as plain data for the templates.

Turns become messages of spans (the template chooses ``<strong>`` or ``<em>``; Jinja2 escapes
every text), the prompt becomes a form's options, the review and the finished result become
lists. Every string from a bank or a person passes through :func:`readiness.text.visible`.
No decisions about answers are made here: those are the controller's.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from readiness.session.turns import Prompt, Turn
from readiness.text import visible
from readiness.workshop.participant import Participant

SHOWN_TURNS = 14
"""The conversation shown above the reply form (the page stays short on a phone)."""
EMPHASIS = {"bold": "strong", "italic": "em", "dim": "small"}


class Span(Struct, frozen=True):
    text: str
    tag: str | None


class Message(Struct, frozen=True):
    """One turn: ``bot`` or ``person``, its kind (question, why, error...) and its spans."""

    role: str
    kind: str
    spans: tuple[Span, ...]


class Option(Struct, frozen=True):
    number: int
    label: str
    chosen: bool


_TYPED_HINT = "Every answer is saved as you go. Type "
_WEB_HINT = (
    "Every answer is saved as you go. Use the buttons under each question to see why it "
    "matters, go back or skip one; you can also type an answer in your own words."
)


def _web_parts(turn: Turn) -> tuple[tuple[str, str | None], ...]:
    """The welcome's typed-command hint, told the web page's way (buttons do those jobs)."""
    parts = tuple(turn.parts)
    for index, (text, _emphasis) in enumerate(parts):
        if turn.role == "bot" and _TYPED_HINT in text:
            return (*parts[:index], (text.split(_TYPED_HINT)[0] + _WEB_HINT, None))
    return parts


def message(turn: Turn) -> Message:
    parts = _web_parts(turn)
    spans = tuple(Span(visible(text), _tag(emphasis)) for text, emphasis in parts if text)
    return Message(turn.role, turn.kind, spans)


def _tag(emphasis: str | None) -> str | None:
    for word in (emphasis or "").split():
        if word in EMPHASIS:
            return EMPHASIS[word]
    return None


def conversation(turns: list[Turn]) -> list[Message]:
    return [message(turn) for turn in turns[-SHOWN_TURNS:]]


def at_key(participant: Participant) -> str:
    """Names the step a form was shown for, so that a form sent twice (a double tap, a
    resubmitted page) is not taken as a reply to the next question."""
    if participant.finished:
        return "done"
    prompt = participant.prompt()
    if prompt is None or prompt.kind == "review" or participant.view == "review":
        return "review"
    return f"{prompt.question_id}:{prompt.follow_up or ''}:{int(prompt.confirming)}"


def options(prompt: Prompt) -> list[Option]:
    """The options of a choice, or the readings offered while confirming."""
    if prompt.confirming:
        return [Option(c.number, visible(c.label), False) for c in prompt.offered]
    current = prompt.current
    chosen = set(current) if isinstance(current, list) else {current}
    return [Option(c.number, visible(c.label), c.id in chosen) for c in prompt.options]


HINTS = {
    "choice": "Choose one.",
    "multiple": "Choose any that apply, then Send.",
    "number": "Type a number, then Send.",
    "text": "Type your answer, then Send (or Skip).",
}
FOLLOW_UP_HINT = "A line or two for your action plan, then Send; or Skip."
"""How to reply on a page (the kinds' own hints speak of keys, which a phone has not)."""


def turn_context(participant: Participant, csrf: str) -> dict[str, Any]:
    """Everything the question page needs."""
    prompt = participant.prompt()
    status = participant.status()
    ask = participant.controller.asked
    messages = conversation(participant.turns)
    if messages and messages[-1].kind in ("question", "followup"):
        messages.pop()  # the question is the heading just below
    hint = HINTS.get(prompt.kind, prompt.hint) if prompt else ""
    follow_up = ask.follow_up if ask else None
    if follow_up:
        hint = FOLLOW_UP_HINT
    return {
        "csrf": csrf,
        "at": at_key(participant),
        "messages": messages,
        "status": visible(status.line) if status else "",
        "done": status.done if status else 0,
        "total": status.total if status else 0,
        "question": visible(follow_up.text if follow_up else ask.question.prompt if ask else ""),
        "about": visible(ask.question.prompt) if follow_up and ask else "",
        "follow_up": bool(follow_up),
        "prompt": prompt,
        "kind": prompt.kind if prompt else "",
        "options": options(prompt) if prompt else [],
        "hint": visible(hint),
        "text": visible(prompt.text) if prompt else "",
        "note": visible(participant.note()),
        "can_note": ask is not None and not ask.follow_up,
        "bank": visible(participant.session.bank.title),
    }


def review_context(participant: Participant, csrf: str) -> dict[str, Any]:
    items = participant.review_items()
    return {
        "csrf": csrf,
        "at": at_key(participant),
        "messages": conversation(participant.turns)[-3:],
        "heading": visible(participant.review_heading()),
        "items": [
            {
                "number": i.number,
                "id": i.question_id,
                "domain": visible(i.domain),
                "prompt": visible(i.prompt),
                "shown": visible(i.shown),
                "state": i.state,
                "note": visible(i.note or ""),
            }
            for i in items
        ],
        "complete": all(i.state != "not_done" for i in items),
        "asking": participant.controller.asked is not None,
        "bank": visible(participant.session.bank.title),
    }


def summary_context(participant: Participant) -> dict[str, Any]:
    """The finished result, as the summary page shows it: overall, domains, priorities."""
    result = participant.result() or {}
    overall = result.get("overall", {})
    domains = [
        {
            "title": visible(str(part.get("title", key))),
            "score": part.get("score"),
            "band": visible(str(part.get("band_label") or "")),
        }
        for key, part in result.get("domains", {}).items()
    ]
    priorities = [
        {"title": visible(str(p.get("title", ""))), "text": visible(str(p.get("text", "")))}
        for p in result.get("priorities", [])[:3]
    ]
    return {
        "bank": visible(participant.session.bank.title),
        "score": overall.get("score"),
        "band": visible(str(overall.get("band_label") or "")),
        "domains": domains,
        "priorities": priorities,
        "messages": conversation(participant.turns)[-2:],
    }
