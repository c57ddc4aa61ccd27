"""The conversation's state: what to ask next, and what each reply, back and skip do.

:class:`Session` is the only mutable object of the core. It knows nothing of screens or
terminals: the Textual app, the plain prompts and the tests all drive it the same way, and it
turns itself into a plain dict after every change so that nothing is lost.

Finishing is two steps, so that a session is closed only once its result is safely on disk
(a failed write leaves it unfinished, to be resumed)::

    result = session.result_for_finish()
    write_outputs(result, ...)                          # may fail: nothing is marked
    session.mark_finished(result["session"]["completed_at"])
    save(session)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from msgspec import Struct

from readiness.model import DONT_KNOW, Answer, Bank, Domain, FollowUpPrompt, Question
from readiness.scoring.answers import AnswerSet, Respondent
from readiness.scoring.questions import action_target, applicable_questions, item_score
from readiness.scoring.result import now

SESSION_SCHEMA_VERSION = "1.3"
"""1.3 keeps the respondent's ``role_group``; 1.2 keeps ``replies`` (the person's own words);
1.1 keys ``actions`` by question id; 1.0 keyed them by target (read as ``target_actions``)."""
Mode = Literal["individual", "room"]


class Ask(Struct, frozen=True):
    """A question being asked, with where it stands.

    Attributes:
        current: The answer it already has (when revisited), or None.
        number: Its position among the applicable questions of its domain, from 1.
        of: How many applicable questions its domain has.
        follow_up: Set when this turn is a follow-up of the question, not the question itself.
    """

    question: Question
    domain: Domain
    number: int
    of: int
    current: Answer = None
    follow_up: FollowUpPrompt | None = None


class Review(Struct, frozen=True):
    """Every applicable question has an answer (or was skipped): time to review and finish."""


Step = Ask | Review


class Reflection(Struct, frozen=True):
    """Said at the end of a domain: the band so far, the strongest and the weakest answer.

    Strongest and weakest are None when every scored answer of the domain scored the same.
    """

    domain: Domain
    score: float | None
    band: str | None
    strongest: tuple[Question, Answer] | None
    weakest: tuple[Question, Answer] | None


@dataclass
class Session:
    """One person's (or one room's) assessment in progress.

    Attributes:
        answers: Question id to answer; a key with None means skipped.
        set_aside: Answers of questions hidden by a later change, kept in case they return.
        history: Question ids in the order they were answered or skipped, for back.
        revisit: A question being asked again (after back, or from the review).
        actions: Question id to the action-plan columns its follow-up replies filled.
        target_actions: Target (audit condition or recommendation) id to action-plan columns,
            from sessions saved before replies were kept by question.
        follow_up: (question id, prompt index) while follow-ups are being asked; asked in
            room mode too, where the room answers them together.
        reflected: Domains whose reflection has been said.
        replies: Question id to the person's own words, when the answer was understood from a
            typed reply (not a key, id or label); kept beside the answer in the result.
    """

    bank: Bank
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    respondent: Respondent = field(default_factory=Respondent)
    mode: Mode = "individual"
    started_at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)
    finished_at: str | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    actions: dict[str, dict[str, str]] = field(default_factory=dict)
    target_actions: dict[str, dict[str, str]] = field(default_factory=dict)
    distributions: dict[str, dict[str, int]] = field(default_factory=dict)
    set_aside: dict[str, Answer] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    revisit: str | None = None
    follow_up: tuple[str, int] | None = None
    reflected: set[str] = field(default_factory=set)
    replies: dict[str, str] = field(default_factory=dict)

    # What to ask

    def applicable(self) -> list[Question]:
        """The questions shown by their conditions, in bank order."""
        return applicable_questions(self.bank, self.answers)

    def step(self) -> Step:
        """What is being asked now."""
        if self.follow_up:
            question = self.bank.question_by_id[self.follow_up[0]]
            prompt = question.follow_up.prompts[self.follow_up[1]] if question.follow_up else None
            return self._ask(question, prompt)
        if self.revisit:
            return self._ask(self.bank.question_by_id[self.revisit])
        pending = next((q for q in self.applicable() if q.id not in self.answers), None)
        return self._ask(pending) if pending else Review()

    def _ask(self, question: Question, prompt: FollowUpPrompt | None = None) -> Ask:
        in_domain = [q for q in self.applicable() if q.domain == question.domain]
        number = next(
            (i for i, q in enumerate(in_domain, 1) if q.id == question.id), len(in_domain)
        )
        return Ask(
            question,
            self.bank.domain_by_id[question.domain],
            number,
            len(in_domain),
            self.answers.get(question.id),
            prompt,
        )

    def progress(self) -> tuple[int, int]:
        """(answered or skipped, applicable) over the whole bank."""
        shown = self.applicable()
        return sum(q.id in self.answers for q in shown), len(shown)

    # Replies

    def answer(self, value: Answer, reply: str | None = None) -> Reflection | None:
        """Record the reply to the current step; returns a reflection when a domain ends.

        ``reply`` is the person's own words the answer was understood from; an answer given
        without words (a key, a pick, a skip) drops any words kept from before.
        """
        step = self.step()
        if not isinstance(step, Ask):
            raise ValueError("there is no question to answer: the assessment is at its review")
        if step.follow_up:
            return self._answer_follow_up(step, value)
        self._record(step.question, value)
        if reply and value is not None:
            self.replies[step.question.id] = reply
        else:
            self.replies.pop(step.question.id, None)
        self.revisit = None
        if self._wants_follow_up(step.question, value):
            self.follow_up = (step.question.id, 0)
            return None
        return self._reflection_after(step.question)

    def skip(self) -> Reflection | None:
        """Skip the current question (left out of the score) or follow-up."""
        step = self.step()
        if isinstance(step, Ask) and step.follow_up:
            return self._next_follow_up(step.question)
        return self.answer(None)

    def _record(self, question: Question, value: Answer) -> None:
        self.answers[question.id] = value
        self.set_aside.pop(question.id, None)
        if question.id in self.history:
            self.history.remove(question.id)
        self.history.append(question.id)
        self._settle()
        self.touch()

    def _settle(self) -> None:
        """Set aside answers of questions now hidden; bring back those shown again."""
        known = {**self.set_aside, **self.answers}
        visible = {q.id for q in applicable_questions(self.bank, known)}
        self.answers = {k: v for k, v in known.items() if k in visible}
        self.set_aside = {k: v for k, v in known.items() if k not in visible}

    def _wants_follow_up(self, question: Question, value: Answer) -> bool:
        rule = question.follow_up
        if not rule or not rule.prompts or action_target(question) is None:
            return False
        scored = item_score(question, value)
        return scored is not None and scored < rule.below

    def _answer_follow_up(self, step: Ask, value: Answer) -> Reflection | None:
        if isinstance(value, str) and value.strip() and value != DONT_KNOW and step.follow_up:
            self.actions.setdefault(step.question.id, {})[step.follow_up.id] = value.strip()
            self.touch()
        return self._next_follow_up(step.question)

    def _next_follow_up(self, question: Question) -> Reflection | None:
        assert self.follow_up and question.follow_up
        index = self.follow_up[1] + 1
        self.follow_up = (question.id, index) if index < len(question.follow_up.prompts) else None
        self.touch()
        return None if self.follow_up else self._reflection_after(question)

    def back(self) -> bool:
        """Go back to the question answered before the current one; False at the start."""
        self.follow_up = None
        current = self.revisit
        order = [qid for qid in self.history if qid in self.answers]
        if current in order:
            order = order[: order.index(current)]
        if not order:
            return False
        self.revisit = order[-1]
        self.touch()
        return True

    def change(self, question_id: str) -> None:
        """Ask an applicable question again (from the review)."""
        if question_id not in {q.id for q in self.applicable()}:
            raise KeyError(question_id)
        self.follow_up = None
        self.revisit = question_id
        self.touch()

    def note(self, text: str, question_id: str | None = None) -> None:
        """Attach a note to a question (the current one by default); empty text removes it."""
        step = self.step()
        target = question_id or (step.question.id if isinstance(step, Ask) else None)
        if target is None:
            raise ValueError("there is no question to attach a note to")
        if text.strip():
            self.notes[target] = text.strip()
        else:
            self.notes.pop(target, None)
        self.touch()

    def record_votes(self, counts: dict[str, int]) -> Reflection | None:
        """Room mode: how many people chose each option; the most chosen becomes the answer.

        A follow-up is answered with :meth:`answer` (the room's text), not with votes.
        """
        step = self.step()
        if not isinstance(step, Ask) or step.follow_up:
            raise ValueError("votes answer a question, and this step is not one")
        counts = {k: int(v) for k, v in counts.items() if int(v) > 0}
        self.distributions[step.question.id] = counts
        top = max(
            counts.items(), key=lambda kv: (kv[1], -_index(step.question, kv[0])), default=None
        )
        return self.answer(top[0] if top else None)

    def touch(self) -> None:
        self.updated_at = now()

    # Reflections and the end

    def _reflection_after(self, question: Question) -> Reflection | None:
        domain = question.domain
        if domain in self.reflected or self.revisit:
            return None
        if any(q.domain == domain and q.id not in self.answers for q in self.applicable()):
            return None
        self.reflected.add(domain)
        return self.reflection(domain)

    def reflection(self, domain_id: str) -> Reflection:
        """The band so far of a domain, with its strongest and weakest answers."""
        result = self.result(completed=False)
        part = result["domains"][domain_id]
        scored = [
            (item_score(q, self.answers.get(q.id)), i, q)
            for i, q in enumerate(self.applicable())
            if q.domain == domain_id and item_score(q, self.answers.get(q.id)) is not None
        ]
        scored.sort(key=lambda t: (t[0], t[1]))
        weakest = strongest = None
        if scored and scored[0][0] != scored[-1][0]:
            best = max(scored, key=lambda t: (t[0], -t[1]))
            weakest = (scored[0][2], self.answers[scored[0][2].id])
            strongest = (best[2], self.answers[best[2].id])
        return Reflection(
            self.bank.domain_by_id[domain_id], part["score"], part["band"], strongest, weakest
        )

    def answer_set(self) -> AnswerSet:
        """The answers as the scoring takes them (hidden ones are not included)."""
        return AnswerSet(
            answers=dict(self.answers),
            notes=dict(self.notes),
            actions={k: dict(v) for k, v in self.target_actions.items()},
            respondent=self.respondent,
            bank_id=self.bank.id,
            actions_by_question={k: dict(v) for k, v in self.actions.items()},
            replies={
                k: v[:2000] for k, v in self.replies.items() if self.answers.get(k) is not None
            },
        )

    def result(self, completed: bool = True) -> dict[str, Any]:
        """The result of the answers so far."""
        from readiness.scoring.scores import score  # loads with the first result, not at start

        result = score(
            self.bank,
            self.answer_set(),
            started_at=self.started_at,
            completed_at=self.finished_at or now(),
        )
        # who answered, apart from anyone else with the same role who started the same second
        result["session"]["id"] = self.id
        if self.distributions:
            for item in result["answers"]:
                if item["question_id"] in self.distributions:
                    item["distribution"] = dict(self.distributions[item["question_id"]])
            result["session"]["mode"] = self.mode
        return result

    def result_for_finish(self) -> dict[str, Any]:
        """The final result, completed now, without closing the session.

        Write it, then call :meth:`mark_finished` with its ``session.completed_at``: a session
        whose write failed stays unfinished and is offered for resume.
        """
        return self.result()

    def mark_finished(self, at: str | None = None) -> None:
        """Close the session, once its result is safely written (``at``: its completion time)."""
        self.revisit = None
        self.follow_up = None
        self.finished_at = self.finished_at or at or now()
        self.touch()

    def finish(self) -> dict[str, Any]:
        """Close the session and return its result, in one step.

        Prefer :meth:`result_for_finish` then :meth:`mark_finished` (see the module): this
        closes the session before the result is written, so a failed write would lose it.
        """
        self.mark_finished()
        return self.result()

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


def _index(question: Question, option_id: str) -> int:
    return next((i for i, o in enumerate(question.options) if o.id == option_id), 0)
