"""One participant of a workshop: their session, their controller, what they have been told.

A renderer (the web page) asks a :class:`Participant` what to show (the conversation so far,
the prompt, the review, the summary) and hands it what the person did; the reply controller
(:mod:`readiness.session.controller`) decides everything in between, exactly as in the app and
the plain prompts. Finishing is guarded here: a finished session is never finished again, so a
participant never makes two results.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal

from readiness.model import Answer
from readiness.session.controller import Controller
from readiness.session.engine import Session
from readiness.session.turns import (
    Finished,
    OpenReview,
    Prompt,
    ReviewItem,
    Status,
    Turn,
    Update,
    bot,
)

View = Literal["chat", "review", "done"]
KEPT_TURNS = 60
"""The conversation kept per participant (older turns are dropped: the answers are not)."""
NOT_AN_OPTION = "That is not one of the options: choose one of the buttons."


class Participant:
    """A person taking part: everything the page shows them, and everything they can do.

    Attributes:
        key: The hash of their token; also their session's id and file name.
        role_group: The role group they picked (an id of the bank's ``role_groups``), if any.
        turns: The conversation so far (the last :data:`KEPT_TURNS`).
        view: ``chat`` (a question is asked), ``review`` (the list of answers) or ``done``.
    """

    def __init__(
        self,
        key: str,
        controller: Controller,
        changed: Callable[[], None],
        role_group: str | None = None,
    ) -> None:
        self.key = key
        self.controller = controller
        self.role_group = role_group
        self._changed = changed
        self.turns: list[Turn] = []
        self.view: View = "done" if controller.session.finished else "chat"
        self._result: dict[str, Any] | None = None
        self._summary: str | None = None
        self._finishing = threading.Lock()
        if not self.finished:
            self._apply(controller.start(), notify=False)

    @property
    def session(self) -> Session:
        return self.controller.session

    @property
    def finished(self) -> bool:
        """The result is written and the session closed."""
        return self.session.finished

    # What the page shows

    def prompt(self) -> Prompt | None:
        """What the reply area offers now; None once finished."""
        return None if self.finished else self.controller.prompt()

    def status(self) -> Status | None:
        return None if self.finished else self.controller.status()

    def review_items(self) -> list[ReviewItem]:
        return self.controller.review_items()

    def review_heading(self) -> str:
        return self.controller.review_heading()

    def note(self) -> str:
        """The note on the question being asked ("" when none, or at the review)."""
        ask = self.controller.asked
        return self.session.notes.get(ask.question.id, "") if ask else ""

    # What the person does

    def reply(self, text: str) -> None:
        """Words typed in the reply field (a reply, a yes or no, a number to pick)."""
        if not self.finished:
            self._apply(self.controller.reply(text))

    def choose(self, numbers: list[int]) -> None:
        """Option buttons or boxes, by the numbers the prompt gave them."""
        prompt = self.prompt()
        if prompt is None:
            return
        if prompt.confirming and len(numbers) == 1:
            self._apply(self.controller.reply(str(numbers[0])))
            return
        by_number = {choice.number: choice.id for choice in prompt.options}
        chosen = [by_number[n] for n in numbers if n in by_number]
        if prompt.kind not in ("choice", "multiple") or not chosen or len(chosen) != len(numbers):
            self._apply(Update((bot("error", (NOT_AN_OPTION, None)),)))
            return
        value: Answer = chosen if prompt.kind == "multiple" else chosen[0]
        if prompt.kind == "choice" and len(chosen) > 1:
            self._apply(Update((bot("error", (NOT_AN_OPTION, None)),)))
            return
        self._apply(self.controller.choose(value))

    def command(self, name: str) -> None:
        """``back``, ``skip``, ``why``, ``review`` (the list), ``continue`` (leave the list)."""
        if self.finished:
            return
        if name == "continue":
            self.view = "chat"
            if self.controller.asked is not None:
                self._apply(self.controller.again())
            return
        self._apply(self.controller.command(name))

    def change(self, question_id: str) -> None:
        """Ask a question again, chosen on the review."""
        if not self.finished:
            self._apply(self.controller.change(question_id))

    def set_note(self, text: str) -> None:
        """The note on the question asked; empty removes it."""
        if not self.finished:
            self._apply(self.controller.set_note(text))

    def finish(self, notify: bool = True) -> bool:
        """Write the result (once, ever); False when it could not be written (the turn says
        why and the session stays open, so finishing again tries again).

        Safe to call from a worker thread (the result takes a while to write) with
        ``notify=False``; then tell the watchers with ``Workshop.changed()`` afterwards. Two
        calls at once write one result.
        """
        with self._finishing:
            if self.finished:
                return True
            self._apply(self.controller.finish(), notify=notify)
            return self.finished

    # The end

    def result(self) -> dict[str, Any] | None:
        """The finished result (its completion time fixed by the session); None before."""
        if not self.finished:
            return None
        if self._result is None:
            done = self.controller.finished
            self._result = done.result if done else self.session.result()
        return self._result

    def summary_html(self) -> str | None:
        """The participant's own summary as one HTML page (the same as the file written)."""
        result = self.result()
        if result is None:
            return None
        if self._summary is None:
            from readiness.report.summary import export  # heavy: only once someone finishes

            self._summary = export(result, "html")
        return self._summary

    # Inside

    def _apply(self, update: Update, notify: bool = True) -> None:
        self.turns.extend(update.turns)
        del self.turns[:-KEPT_TURNS]
        if isinstance(update.effect, Finished) or self.finished:
            self.view = "done"
        elif isinstance(update.effect, OpenReview) or self.controller.asked is None:
            self.view = "review"
        elif update.asked:
            self.view = "chat"
        if notify:
            self._changed()
