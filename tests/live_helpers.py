"""A workshop as the live views read it (the terminal view and the projector page), whose
participants a test moves on by hand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from readiness.model import Bank
from readiness.scoring.answers import Respondent
from readiness.session.engine import Ask, Session

SECRET = "facilitator-secret-123"


class FakeWorkshop:
    """What :class:`readiness.workshop.room.Workshop` offers the live views, and no server."""

    def __init__(self, bank: Bank, people: int = 0, output_dir: Path = Path(".")) -> None:
        self.bank = bank
        self.output_dir = output_dir
        self.join_code: str | None = "K7QX3M"
        self.facilitator_secret = SECRET
        self.cap = 250
        self.sessions: list[Session] = []
        self.watchers: list[Callable[[], None]] = []
        for number in range(people):
            self.join(["Manager", "Practitioner"][number % 2])

    def snapshot(self) -> list[tuple[Session, bool]]:
        return [(s, s.finished) for s in self.sessions]

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        self.watchers.append(callback)
        return lambda: self.watchers.remove(callback)

    def changed(self) -> None:
        for callback in list(self.watchers):
            callback()

    def join(self, role: str, picks: Sequence[int] = (), finished_at: str = "") -> Session:
        """A participant who has answered with ``picks`` (and finished, if ``finished_at``)."""
        session = Session(bank=self.bank, respondent=Respondent(role=role))
        for pick in picks:
            if not answer_next(session, pick):
                break
        if finished_at:
            session.mark_finished(finished_at)
        self.sessions.append(session)
        self.changed()
        return session

    def answer(self, session: Session, pick: int) -> None:
        assert answer_next(session, pick)
        self.changed()


def answer_next(session: Session, pick: int) -> bool:
    """Answer the next question (follow-ups skipped) with its option ``pick`` (wrapping round);
    False when nothing is left to ask."""
    while isinstance(step := session.step(), Ask) and step.follow_up:
        session.skip()
    if not isinstance(step, Ask):
        return False
    options = step.question.options
    session.answer(options[pick % len(options)].id)
    return True
