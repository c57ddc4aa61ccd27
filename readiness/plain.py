"""The plain front end: the same conversation as line prompts on stdin and stdout.

For screen readers, dumb terminals and pipes. It drives the same :class:`Session` as the app;
end of input saves and says how to resume. When input is not a terminal it never asks
anything beyond the questions, so ``yes 1 | readiness run --plain`` answers a whole bank.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from readiness.bank.load import load_bank
from readiness.kinds.values import match_reply
from readiness.report.outputs import write_outputs
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.session import wording as talk
from readiness.session.engine import Ask, Review, Session

MAX_TRIES_UNATTENDED = 3


class EndOfInput(Exception):
    """Standard input closed."""


def plain(markdown: str) -> str:
    """Markdown emphasis removed, for a plain terminal or a screen reader."""
    return re.sub(r"\*\*?([^*]+)\*\*?", r"\1", markdown).replace("  \n", "\n")


@dataclass
class PlainChat:
    """One conversation over a pair of text streams."""

    session: Session
    stdin: TextIO
    stdout: TextIO
    interactive: bool
    sessions_folder: Path | None = None
    tries: dict[str, int] = field(default_factory=dict)

    def say(self, text: str = "") -> None:
        print(plain(text), file=self.stdout, flush=True)

    def read(self, prompt: str = "> ") -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EndOfInput
        return line.rstrip("\n")

    def save(self) -> Path:
        return sessions.save(self.session, self.sessions_folder)

    def run(self) -> bool:
        """Hold the conversation until the review; False when input ended first."""
        self.save()
        try:
            while isinstance(step := self.session.step(), Ask):
                self.ask(step)
        except EndOfInput:
            path = self.save()
            self.say(f"\nInput ended. Your answers are saved ({path}).")
            self.say(f"Resume with: readiness run --plain --resume {self.session.id}")
            return False
        return True

    def ask(self, step: Ask) -> None:
        done, total = self.session.progress()
        self.say(f"\n[{talk.progress_line(step, done, total)}]")
        self.say(talk.question_text(step))
        if not step.follow_up and step.question.options:
            self.say(talk.numbered_options(step.question))
        elif not step.follow_up:
            self.say(talk.TYPE_HINTS[step.question.type])
        self.handle(step, self.read())

    def handle(self, step: Ask, text: str) -> None:
        command = talk.parse_command(text)
        if command:
            self.command(command)
            return
        if step.follow_up:
            self.answered(text.strip() or None)
            return
        match = match_reply(step.question, text)
        if match.kind == "unsure" and self.interactive:
            if self.read(f"{match.message} [y/n] ").strip().lower() in ("y", "yes"):
                self.answered(match.value)
            return
        if match.kind == "none":
            self.refused(step, match.message)
            return
        self.answered(match.value)

    def refused(self, step: Ask, message: str) -> None:
        self.say(message)
        tries = self.tries[step.question.id] = self.tries.get(step.question.id, 0) + 1
        if not self.interactive and tries >= MAX_TRIES_UNATTENDED:
            self.say("No usable answer was given; skipping this question.")
            self.answered(None)

    def answered(self, value: object) -> None:
        reflection = self.session.answer(value)  # type: ignore[arg-type]
        self.save()
        if reflection:
            self.say("\n" + talk.reflection_text(reflection, self.session.bank))

    def command(self, command: talk.Command) -> None:
        step = self.session.step()
        question = step.question if isinstance(step, Ask) else None
        if command.name == "why" and question:
            self.say(talk.why_text(self.session.bank, question))
        elif command.name == "help":
            self.say(talk.commands_help())
        elif command.name == "back":
            self.say("Going back." if self.session.back() else "This is the first question.")
        elif command.name == "skip":
            self.session.skip()
            self.save()
        elif command.name == "note" and question:
            self.session.note(command.argument or self.read("Note: "), question.id)
            self.save()
            self.say("Note saved.")
        elif command.name == "save":
            self.say(f"Saved to {self.save()}.")
        elif command.name == "review":
            self.review()
        elif command.name == "quit":
            raise EndOfInput

    def review(self) -> None:
        for number, question in enumerate(self.session.applicable(), 1):
            value = self.session.answers.get(question.id)
            shown = (
                talk.describe(question, value)
                if question.id in self.session.answers
                else "not answered"
            )
            self.say(f"{number:>3}. {question.prompt}\n     -> {shown}")
        if not self.interactive:
            return
        choice = self.read("Number of an answer to change, or Enter to go on: ").strip()
        shown_questions = self.session.applicable()
        if choice.isdigit() and 1 <= int(choice) <= len(shown_questions):
            self.session.change(shown_questions[int(choice) - 1].id)

    def finish_review(self) -> bool:
        """At the end: review when interactive; True to finish."""
        if not self.interactive:
            return True
        self.say(
            "\nEvery question has an answer. Type 'review' to look over them, or Enter to finish."
        )
        while True:
            text = self.read().strip().lower()
            if text in ("", "finish", "done"):
                return True
            if text == "review":
                self.review()
                if not isinstance(self.session.step(), Review):
                    return False


def run_plain(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """``readiness run --plain``."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    session = _open_session(args, stdin, stdout)
    chat = PlainChat(session, stdin, stdout, interactive)
    bank = session.bank
    done, total = session.progress()
    chat.say(talk.welcome_text(bank, bool(session.history), done, total))
    while True:
        if not chat.run():
            return 0
        try:
            if chat.finish_review():
                break
        except EndOfInput:
            chat.say(f"Saved. Resume with: readiness run --plain --resume {session.id}")
            return 0
    result = session.finish()
    chat.save()
    written = write_outputs(result, args.output_dir)
    overall = result["overall"]
    band = overall.get("band_label") or overall.get("band") or "no band"
    score = "no score" if overall["score"] is None else f"{overall['score']:.1f} of 100"
    chat.say(f"\nDone. Overall readiness: {band} ({score}).")
    chat.say(f"Result: {written.result}\nSummary: {written.html}\nText summary: {written.text}")
    return 0


def _resumed(path: Path, stdout: TextIO) -> Session:
    data = sessions.read(path)
    restored = sessions.restore(data, load_bank(data["bank"]["origin"]))
    for change in restored.changes:
        print(change, file=stdout)
    return restored.session


def _open_session(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> Session:
    """The session to hold: resumed when asked (or, at a terminal, when accepted), else new."""
    interactive = stdin.isatty()
    if args.resume:
        return _resumed(sessions.find(args.resume), stdout)
    bank = load_bank(args.bank or "core")
    waiting = sessions.unfinished(bank_id=bank.id)
    if waiting and interactive:
        reply = _ask(
            f"You have an unfinished {bank.title} assessment. Resume it? [Y/n] ", stdin, stdout
        )
        if reply.lower() in ("", "y", "yes"):
            return _resumed(waiting[0][0], stdout)
    elif waiting:
        print(
            f"(An unfinished {bank.id} session exists; to resume it: "
            f"readiness run --plain --resume {waiting[0][1]['id']})",
            file=stdout,
        )
    respondent = Respondent(args.name, args.role, args.organisation)
    if interactive and not (args.name or args.role or args.organisation or args.anonymous):
        print("About you (optional: press Enter to leave any out).", file=stdout)
        respondent = Respondent(
            *(
                _ask(f"{label}: ", stdin, stdout) or None
                for label in ("Your name", "Your role", "Your organisation")
            )
        )
    return Session(bank, respondent=respondent)


def _ask(prompt: str, stdin: TextIO, stdout: TextIO) -> str:
    stdout.write(prompt)
    stdout.flush()
    return stdin.readline().strip()
