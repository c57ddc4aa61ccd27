"""One place where a person's reply goes, whatever the front end.

The Textual app, the plain prompts and a web page are renderers: they hand what the person
typed or chose to a :class:`Controller` and show the :class:`~readiness.session.turns.Update`
it returns. The controller owns everything between: understanding a typed reply
(:mod:`readiness.session.listening`), saying back what it took, offering its best reading and
the runner-up when unsure (never taking one without a yes, from a keyboard or a pipe), keeping
the person's own words with the answer, the commands,
follow-ups, reflections, room votes, autosave after every change, and finishing (the result
is written first; only then is the session closed). Saving and writing are injected, so tests
and a web server supply their own. No Textual, no Rich; the report and the schema checker are
loaded only when first needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from readiness.errors import ReadinessError
from readiness.kinds import kind_of
from readiness.kinds.values import AnswerValueError, multiple_value
from readiness.model import Answer
from readiness.session import wording as talk
from readiness.session.engine import Ask, Reflection, Session
from readiness.session.listening import SAY_AGAIN, listen, offered_choices, picked
from readiness.session.prompts import (
    AT_REVIEW,
    parse_counts,
    prompt_for,
    review_heading,
    review_items,
    review_prompt,
)
from readiness.session.saving import AutoSave, Saver, Writer, reason, write_outputs
from readiness.session.turns import (
    EditNote,
    Effect,
    Finished,
    OpenReview,
    Prompt,
    Quit,
    ReviewItem,
    Status,
    Turn,
    TurnKind,
    Update,
    bot,
    person,
)


class Controller:
    """A conversation with one person (or one room), for any front end.

    Args:
        session: The session to hold (new or resumed).
        save: Saves the session; called after every change.
        output_dir: Where :meth:`finish` writes the result files by default.
        write: Writes the result files; default :func:`readiness.report.outputs.write_outputs`.
        resume_command: How to resume, as the front end's own command (said on quitting).
        changes: What had to change when the session was resumed (said at the start).
        resumed: Whether the session is resumed (the welcome says "welcome back").
        give_up_after: Skip a question after this many replies that gave no answer (for
            input that cannot be asked again, such as a pipe); None never gives up.
    """

    def __init__(
        self,
        session: Session,
        save: Saver,
        *,
        output_dir: Path = Path("readiness-results"),
        write: Writer | None = None,
        resume_command: str = "readiness run --resume",
        changes: tuple[str, ...] = (),
        resumed: bool = False,
        give_up_after: int | None = None,
    ) -> None:
        self.session = session
        self._autosave = AutoSave(save)
        self._write = write
        self.output_dir = output_dir
        self.resume_command = resume_command
        self.changes = changes
        self.resumed = resumed
        self.give_up_after = give_up_after
        # Readings of a typed reply waiting for a yes: (step key, readings, the words typed)
        self._pending: tuple[str, tuple[Answer, ...], str | None] | None = None
        self._counts: tuple[str, dict[str, int]] | None = None  # room votes waiting for a note
        self._tries: dict[str, int] = {}
        self._quit_armed = False
        self.finished: Finished | None = None

    # What is asked

    @property
    def asked(self) -> Ask | None:
        """The question (or follow-up) being asked; None at the review or once finished."""
        if self.finished:
            return None
        step = self.session.step()
        return step if isinstance(step, Ask) else None

    @property
    def room(self) -> bool:
        return self.session.mode == "room"

    def _key(self, ask: Ask) -> str:
        return f"{ask.question.id}:{ask.follow_up.id if ask.follow_up else ''}"

    def prompt(self) -> Prompt | None:
        """What the reply area should offer now."""
        if self.finished:
            return None
        ask = self.asked
        if ask is None:
            return review_prompt(self.review_items())
        key = self._key(ask)
        pending = self._pending if self._pending and self._pending[0] == key else None
        return prompt_for(
            ask,
            room=self.room,
            confirming=pending is not None,
            noting=bool(self._counts and self._counts[0] == key),
            offered=offered_choices(ask.question, pending[1]) if pending else (),
        )

    def status(self) -> Status | None:
        """Where the conversation stands; None at the review."""
        ask = self.asked
        if ask is None:
            return None
        done, total = self.session.progress()
        return Status(ask.domain.title, ask.number, ask.of, done, total)

    def _update(
        self, turns: list[Turn], effect: Effect | None = None, *, asked: bool = False
    ) -> Update:
        return Update(tuple(turns), self.prompt(), self.status(), effect, asked)

    def _asking(self, turns: list[Turn]) -> Update:
        """Ask what comes next: the question's turn, or the review."""
        ask = self.asked
        if ask is None:
            turns.append(bot("info", (AT_REVIEW, None)))
            return self._update(turns, OpenReview(), asked=True)
        kind: TurnKind = "followup" if ask.follow_up else "question"
        turns.append(Turn("bot", kind, talk.question_spans(ask, self.room)))
        return self._update(turns, asked=True)

    # The start

    def start(self) -> Update:
        """The welcome and the first question (not saved yet: call :meth:`save` once shown)."""
        done, total = self.session.progress()
        turns = [
            Turn("bot", "info", talk.welcome_spans(self.session.bank, self.resumed, done, total))
        ]
        if self.changes:
            turns.append(bot("info", ("\n".join(f"- {change}" for change in self.changes), None)))
        return self._asking(turns)

    def again(self) -> Update:
        """Ask the current question again (after the review list hid it, say)."""
        return self._asking([])

    # Replies

    def reply(self, text: str) -> Update:
        """Something typed: a command, a confirmation, a reply to match, or room counts."""
        if self.finished:
            return self._update([bot("info", ("The assessment is finished.", None))])
        command = talk.parse_command(text)
        if command:
            turns = [] if command.name == "skip" else [person(text, "typed")]
            return self._command(command.name, command.argument, turns)
        ask = self.asked
        if ask is None:
            return self._update([person(text, "typed"), bot("info", (AT_REVIEW, None))])
        key = self._key(ask)
        if ask.follow_up:
            words = text.strip()
            return self._record(ask, words or None, [person(words or "skipped")])
        if self._counts and self._counts[0] == key:
            return self.votes(self._counts[1], text)
        if self.room and kind_of(ask.question).widget == "choice":
            return self._typed_votes(ask, text)
        if self._pending and self._pending[0] == key:
            _, offered, typed = self._pending
            pick = picked(text, len(offered))
            if pick is not None and pick >= 0:
                value = offered[pick]
                return self._record(ask, value, [person(talk.describe(ask.question, value))], typed)
            if pick is not None:  # no: nothing is taken
                self._pending = None
                return self._update([person(text, "typed"), bot("info", (SAY_AGAIN, None))])
        heard = listen(ask.question, text)
        self._pending = (key, heard.offered, heard.words) if heard.offered else None
        if heard.taken:
            return self._record(ask, heard.value, heard.turns(ask.question, text), heard.words)
        return self._refused(ask, heard.turns(ask.question, text))

    def _refused(self, ask: Ask, turns: list[Turn]) -> Update:
        """A reply that gave no answer; after too many (from a pipe), skip the question."""
        key = self._key(ask)
        self._tries[key] = tries = self._tries.get(key, 0) + 1
        if self.give_up_after is None or tries < self.give_up_after:
            return self._update(turns)
        self._pending = None
        turns.append(bot("info", ("No usable answer was given; skipping this question.", None)))
        return self._after_change(turns, self.session.skip())

    def choose(self, value: Answer) -> Update:
        """A pick from a list: an option id, ``dont_know``, or a list of option ids."""
        ask = self.asked
        if ask is None or ask.follow_up:
            return self._update([])
        self._pending = None
        if isinstance(value, list):
            try:
                value = multiple_value(ask.question, value)
            except AnswerValueError as error:
                return self._update([bot("error", (str(error), None))])
        return self._record(ask, value, [person(talk.describe(ask.question, value))])

    def _record(
        self, ask: Ask, value: Answer, turns: list[Turn], words: str | None = None
    ) -> Update:
        """Take the answer (with the person's own words, when typed) and move on."""
        self._pending = None
        return self._after_change(turns, self.session.answer(value, reply=words))

    def _after_change(self, turns: list[Turn], reflection: Reflection | None) -> Update:
        """Save, say the reflection if a domain ended, and ask what comes next."""
        turns += self._autosave(self.session)
        if reflection:
            turns.append(
                Turn("bot", "reflection", talk.reflection_spans(reflection, self.session.bank))
            )
        return self._asking(turns)

    # Room votes

    def votes(self, counts: Mapping[str, int], note: str = "") -> Update:
        """Room mode: how many people chose each option, and the room's note."""
        ask = self.asked
        if ask is None or ask.follow_up:
            return self._update([])
        self._counts = None
        labels = dict(talk.option_labels(ask.question))
        kept = {oid: int(n) for oid, n in counts.items() if oid in labels and int(n) > 0}
        shown = ", ".join(f"{n} × {labels[oid]}" for oid, n in kept.items())
        turns = [person(f"Room: {shown or 'no votes'}")]
        if note.strip():
            self.session.note(note, ask.question.id)
            turns.append(person(f"Note: {note.strip()}"))
        return self._after_change(turns, self.session.record_votes(kept))

    def _typed_votes(self, ask: Ask, text: str) -> Update:
        """``3 5 0 1``: the counts in the order of the options, then a note is asked for."""
        counts = parse_counts(ask, text)
        if isinstance(counts, str):
            return self._refused(ask, [person(text, "typed"), bot("error", (counts, None))])
        self._counts = (self._key(ask), counts)
        ask_note = "A note from the discussion? (optional: press Enter for none)"
        return self._update([person(text, "typed"), bot("info", (ask_note, None))])

    # Commands

    def command(self, name: str, argument: str = "") -> Update:
        """A command by name (a key, a button, a menu): back, skip, why, note, review, save,
        quit or help."""
        if name not in talk.COMMANDS:
            raise ValueError(f"unknown command {name!r}")
        return self._command(name, argument, [])

    def _command(self, name: str, argument: str, turns: list[Turn]) -> Update:
        ask = self.asked
        if name != "quit":
            self._quit_armed = False
        if self.finished and name != "quit":
            return self._update([*turns, bot("info", ("The assessment is finished.", None))])
        if name == "help":
            return self._update([*turns, Turn("bot", "info", talk.commands_help())])
        if name == "review":
            return self._update(turns, OpenReview())
        if name == "save":
            return self._update([*turns, *self._autosave(self.session, say_saved=True)])
        if name == "quit":
            return self._quit(turns)
        if name == "back":
            self._pending = self._counts = None
            if not self.session.back():
                nothing = "This is the first question: there is nothing before it."
                return self._update([*turns, bot("info", (nothing, None))])
            return self._after_change([*turns, bot("info", ("Going back.", None))], None)
        if ask is None:
            return self._update([*turns, bot("info", (AT_REVIEW, None))])
        if name == "why":
            return self._update(
                [*turns, Turn("bot", "why", talk.why_spans(self.session.bank, ask.question))]
            )
        if name == "skip":
            self._pending = self._counts = None
            return self._after_change([*turns, person("skipped")], self.session.skip())
        if argument:  # note
            return self._noted(argument, turns)
        current = self.session.notes.get(ask.question.id, "")
        return self._update(turns, EditNote(ask.question.id, current))

    def set_note(self, text: str) -> Update:
        """The note on the question asked (from a dialog or a prompt); empty removes it."""
        return self._noted(text, [])

    def _noted(self, text: str, turns: list[Turn]) -> Update:
        ask = self.asked
        if ask is None:
            return self._update([*turns, bot("info", (AT_REVIEW, None))])
        self.session.note(text, ask.question.id)
        said = "Note saved." if text.strip() else "Note removed."
        return self._update([*turns, *self._autosave(self.session), bot("info", (said, None))])

    def _quit(self, turns: list[Turn]) -> Update:
        """Save and leave; when saving fails, leave only if asked twice."""
        if self.finished:
            return self._update(turns, Quit("", saved=True))
        problem = self._autosave(self.session)
        if not problem or self._quit_armed:
            saved = not problem
            message = (
                f"Saved. Resume with: {self.resume_command} {self.session.id}"
                if saved
                else "Left without saving: the answers since the last save are lost."
            )
            return self._update(turns, Quit(message, saved))
        self._quit_armed = True
        again = "Quit again to leave without saving them."
        return self._update([*turns, *problem, bot("error", (again, None))])

    # Saving

    def save(self) -> Update:
        """Save now (the start is saved once the first question is shown)."""
        return self._update(self._autosave(self.session))

    @property
    def unsaved(self) -> bool:
        """The last save failed: the answers are only in memory."""
        return self._autosave.failed is not None

    # The review and the end

    def review_items(self) -> list[ReviewItem]:
        """Every question shown, with its reply as a person reads it."""
        return review_items(self.session)

    def review_heading(self) -> str:
        """``12 of 12 done: 5 answered, 7 don't know``."""
        return review_heading(self.review_items())

    def change(self, question_id: str) -> Update:
        """Ask a question again (chosen on the review)."""
        try:
            self.session.change(question_id)
        except KeyError:
            return self._update([bot("error", ("That question is not asked now.", None))])
        self._pending = self._counts = None
        return self._asking([])

    def finish(self, folder: Path | None = None) -> Update:
        """Write the result files, then close the session and save it.

        When the files cannot be written, the session stays open (and resumable) and the turn
        says why; finishing again tries again.
        """
        if self.finished:
            return self._update([], self.finished)
        folder = folder or self.output_dir
        result = self.session.result_for_finish()
        try:
            written = (self._write or write_outputs)(result, folder)
        except (OSError, ReadinessError) as error:
            message = (
                "Your answers are safe in the session; the result could not be written to "
                f"{folder}: {reason(error)}. Free some space or choose another folder, then "
                "finish again."
            )
            return self._update([bot("error", (message, None))])
        self.session.mark_finished(result["session"]["completed_at"])
        turns = self._autosave(self.session)
        self.finished = Finished(result, written)
        return self._update(turns, self.finished)
