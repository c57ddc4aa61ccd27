"""The plain front end: the same conversation as line prompts on stdin and stdout.

For screen readers, dumb terminals and pipes. It only renders a
:class:`~readiness.session.controller.Controller`: each line read goes to the controller, each
turn it returns is printed (bank and person text made visible, never obeyed). A near match is
confirmed on stdin even from a pipe, so nothing unsure is ever taken without a yes; end of
input saves and says how to resume. ``yes 1 | readiness run --plain`` answers a whole bank.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from readiness.bank.load import load_bank
from readiness.model import Bank
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.session.controller import Controller
from readiness.session.engine import Session
from readiness.session.turns import EditNote, Finished, OpenReview, Quit, ReviewItem, Update
from readiness.session.wording import confirmation
from readiness.text import one_line, visible

MAX_TRIES_UNATTENDED = 3
"""Replies that gave no answer before a question is skipped, when input is not a terminal."""
RESUME = "readiness run --plain --resume"


class EndOfInput(Exception):
    """Standard input closed."""


class Unwritten(Exception):
    """The result could not be written and there is nobody to ask for another folder."""


class PlainChat:
    """One conversation over a pair of text streams."""

    def __init__(
        self, controller: Controller, stdin: TextIO, stdout: TextIO, interactive: bool
    ) -> None:
        self.controller = controller
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive

    def say(self, text: str = "") -> None:
        print(visible(text), file=self.stdout, flush=True)

    def read(self, prompt: str = "> ") -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EndOfInput
        line = line.rstrip("\n")
        if not self.interactive:  # a terminal echoes what is typed; show piped replies too
            self.stdout.write(visible(line) + "\n")
        return line

    # Showing what the controller says

    def show(self, update: Update) -> None:
        """Print the turns: the bot's whole, the person's only as recorded (they typed them)."""
        for turn in update.turns:
            if turn.role == "person":
                if turn.kind == "reply":
                    self.say(f"→ {turn.text}")
                continue
            if turn.kind in ("question", "followup"):
                self.say()
                if update.status:
                    self.say(f"[{update.status.line}]")
            self.say(turn.text)
            if turn.kind == "question":
                self.show_prompt(update)

    def show_prompt(self, update: Update) -> None:
        """The options, numbered, or how to reply."""
        prompt = update.prompt
        if prompt is None or prompt.kind == "review":
            return
        for choice in prompt.options:
            self.say(f"  {choice.number}. {one_line(choice.label)}")
        if prompt.kind in ("votes", "number", "text"):
            self.say(prompt.hint)

    # The conversation

    def run(self) -> int:
        """Hold the conversation to the end, or until input ends; the exit status."""
        controller = self.controller
        update = controller.start()
        self.show(update)
        self.show(controller.save())  # who is answering is kept from the start
        try:
            while True:
                effect = update.effect
                if isinstance(effect, Quit):
                    self.say(effect.message)
                    return 0
                if isinstance(effect, Finished):
                    self.summary(effect)
                    return 0
                if isinstance(effect, EditNote):
                    update = controller.set_note(self.read("Note: "))
                elif controller.asked is None:
                    update = self.at_end()
                elif isinstance(effect, OpenReview):
                    update = self.review_midway()
                else:
                    update = controller.reply(self.read())
                self.show(update)
        except EndOfInput:
            self.say()
            self.say(f"Input ended. {self.leave()}")
            return 0
        except Unwritten:
            self.say(self.leave())
            return 1

    def leave(self) -> str:
        """Save and say how to resume (or that saving failed)."""
        update = self.controller.command("quit")
        if not isinstance(update.effect, Quit):
            self.show(update)
            update = self.controller.command("quit")
        assert isinstance(update.effect, Quit)
        return update.effect.message

    def print_review(self) -> list[ReviewItem]:
        items = self.controller.review_items()
        self.say()
        self.say(f"Review: {self.controller.review_heading()}")
        domain = None
        for item in items:
            if item.domain != domain:
                domain = item.domain
                self.say(domain.upper())
            self.say(f"{item.number:>3}. {one_line(item.prompt)}")
            self.say(f"     → {one_line(item.shown)}")
            if item.note:
                self.say(f"     note: {one_line(item.note)}")
        return items

    def chosen(self, items: list[ReviewItem], word: str) -> str | None:
        """The question a typed review number names, if any."""
        if word.isdecimal() and 1 <= int(word) <= len(items):
            return items[int(word) - 1].question_id
        return None

    def review_midway(self) -> Update:
        """The review asked for before the end: change an answer, or go on."""
        items = self.print_review()
        if not self.interactive:
            return self.controller.again()
        line = self.read("Type a number to change that answer, or press Enter to go on: ")
        question_id = self.chosen(items, line.strip())
        if question_id:
            return self.controller.change(question_id)
        return self.controller.again() if not line.strip() else self.controller.reply(line)

    def at_end(self) -> Update:
        """Every question has a reply: review (at a terminal), then finish."""
        if not self.interactive:
            return self.finish()
        items = self.print_review()
        line = self.read("Type a number to change that answer, or press Enter to finish: ")
        word = line.strip().lower()
        question_id = self.chosen(items, word)
        if question_id:
            return self.controller.change(question_id)
        if word in ("", "finish", "done"):
            return self.finish()
        return self.controller.reply(line)

    def finish(self) -> Update:
        """Write the result; when that fails, ask for another folder (at a terminal)."""
        update = self.controller.finish()
        while not isinstance(update.effect, Finished):
            self.show(update)
            if not self.interactive:
                raise Unwritten
            folder = self.read(
                f"Folder for the result (Enter to try {self.controller.output_dir} again): "
            ).strip()
            update = self.controller.finish(Path(folder).expanduser() if folder else None)
        return update

    def summary(self, finished: Finished) -> None:
        """The summary as text, and where the files went."""
        from readiness.report.summary import export

        result, written = finished.result, finished.written
        overall = result["overall"]
        band = overall.get("band_label") or overall.get("band") or "no band"
        score = "no score" if overall["score"] is None else f"{overall['score']:.1f} of 100"
        self.say()
        self.say(export(result, "text").rstrip("\n"))
        self.say()
        self.say(f"Done. Overall readiness: {band} ({score}).")
        self.say(f"Result: {written.result}\nSummary: {written.html}\nText summary: {written.text}")


def run_plain(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """``readiness run --plain``."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    session, changes, resumed = _open_session(args, stdin, stdout, interactive)
    controller = Controller(
        session,
        sessions.save,
        output_dir=args.output_dir,
        resume_command=RESUME,
        changes=changes,
        resumed=resumed,
        give_up_after=None if interactive else MAX_TRIES_UNATTENDED,
    )
    return PlainChat(controller, stdin, stdout, interactive).run()


def _resumed(path: Path) -> tuple[Session, tuple[str, ...], bool]:
    data = sessions.read(path)
    restored = sessions.restore(data, load_bank(data["bank"]["origin"]))
    return restored.session, restored.changes, True


def _open_session(
    args: argparse.Namespace, stdin: TextIO, stdout: TextIO, interactive: bool
) -> tuple[Session, tuple[str, ...], bool]:
    """The session to hold: resumed when asked (or, at a terminal, when accepted), else new."""
    if args.resume:
        return _resumed(sessions.find(args.resume))
    bank = load_bank(args.bank or "core")
    skipped: list[sessions.Skipped] = []
    waiting = sessions.unfinished(bank_id=bank.id, skipped=skipped)
    for problem in skipped:
        print(f"readiness: {visible(str(problem))}", file=sys.stderr)
    if waiting and interactive:
        reply = _ask(
            f"You have an unfinished {bank.title} assessment. Resume it? [Y/n] ", stdin, stdout
        )
        if not reply.strip() or confirmation(reply):
            return _resumed(waiting[0][0])
    elif waiting:
        print(
            visible(
                f"(An unfinished {bank.id} session exists; to resume it: "
                f"{RESUME} {waiting[0][1]['id']})"
            ),
            file=stdout,
        )
    group = getattr(args, "role_group", None)
    respondent = Respondent(args.name, args.role, args.organisation, group)
    given = args.name or args.role or args.organisation or args.anonymous or group
    if interactive and not given:
        print("About you (optional: press Enter to leave any out).", file=stdout)
        name, role, organisation = (
            _ask(f"{label}: ", stdin, stdout) or None
            for label in ("Your name", "Your role", "Your organisation")
        )
        group = _ask_role_group(bank, stdin, stdout)
        respondent = Respondent(name, role, organisation, group)
    room = bool(getattr(args, "room", False))
    return Session(bank, respondent=respondent, mode="room" if room else "individual"), (), False


def _ask_role_group(bank: Bank, stdin: TextIO, stdout: TextIO) -> str | None:
    """The role group picked by number (or id or label), when the bank has groups; Enter
    leaves it out. Asked again, at most twice more, after a reply that names none."""
    groups = bank.role_groups
    if not groups:
        return None
    print("Which group is your role in?", file=stdout)
    for number, group in enumerate(groups, start=1):
        print(f"  {number}. {one_line(group.label)}", file=stdout)
    for _ in range(3):
        reply = _ask("Role group (a number, or Enter to leave it out): ", stdin, stdout)
        if not reply:
            return None
        for number, group in enumerate(groups, start=1):
            if reply.casefold() in (str(number), group.id.casefold(), group.label.casefold()):
                return group.id
        print(f"Please give a number from 1 to {len(groups)}.", file=stdout)
    return None


def _ask(prompt: str, stdin: TextIO, stdout: TextIO) -> str:
    stdout.write(visible(prompt))
    stdout.flush()
    return stdin.readline().strip()
