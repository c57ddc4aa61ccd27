"""The participant's routes: join, the turn, replies, commands, notes, the summary.

Every action is a plain form posted to the server, answered with a redirect to the page that
shows its effect (POST, redirect, GET): a reload never sends an answer twice, and the page works
with no JavaScript at all. Each form carries a CSRF token tied to the participant's cookie and
the step it was shown for (``at``), so a form sent twice answers nothing twice.
"""

from __future__ import annotations

import asyncio
from functools import partial

from aiohttp import web
from msgspec import Struct, field
from multidict import MultiDictProxy

from readiness.text import visible
from readiness.web import pages
from readiness.web.render import message, page
from readiness.web.security import COOKIE, JOIN_COOKIE, Csrf, JoinLimiter
from readiness.workshop.codes import new_token, same_code
from readiness.workshop.participant import Participant
from readiness.workshop.room import Workshop, WorkshopFull

COMMANDS = frozenset({"back", "skip", "why", "review", "finish", "continue", "change"})
COOKIE_AGE = 24 * 3600
NOTE_LENGTH = 2000
REPLY_LENGTH = 2000


class Context(Struct, frozen=True):
    """What the handlers share: the workshop, and the server's guards."""

    workshop: Workshop
    csrf: Csrf
    limiter: JoinLimiter
    secure: bool
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    """One per participant: their forms are taken one at a time (a double tap waits)."""

    def lock(self, who: Participant) -> asyncio.Lock:
        return self.locks.setdefault(who.key, asyncio.Lock())


CONTEXT = web.AppKey("readiness", Context)
Form = MultiDictProxy[str | bytes | web.FileField]


def _context(request: web.Request) -> Context:
    return request.app[CONTEXT]


def _token(request: web.Request) -> str | None:
    return request.cookies.get(COOKIE)


def _participant(request: web.Request) -> Participant | None:
    return _context(request).workshop.participant(_token(request))


def _see_other(where: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(where)


def _bank(request: web.Request) -> str:
    return visible(_context(request).workshop.bank.title)


def _no_session(request: web.Request) -> web.Response:
    """No participant for this browser: send them to join (where the code is needed, say so)."""
    if _context(request).workshop.join_code is None:
        raise _see_other("/join")
    return message(
        "Open the join link",
        "This browser has not joined the workshop yet. Open the join link (or scan the QR code) "
        "the facilitator shows, or type the join code on the join page.",
        401,
        link="/join",
        link_text="Type the join code",
        bank=_bank(request),
    )


# Joining


async def join_page(request: web.Request) -> web.Response:
    """``GET /join`` and ``GET /join/{code}``: who is joining, and their role."""
    context = _context(request)
    workshop = context.workshop
    if _participant(request) is not None:
        raise _see_other("/")
    code = request.match_info.get("code")
    problem = ""
    if code is not None and not same_code(code, workshop.join_code):
        if not context.limiter.allow(request.remote):
            return _too_many(request)
        code, problem = None, "That join code is not right: check it with the facilitator."
    if workshop.full:
        return _full(request)
    nonce = new_token()
    about = (
        f"{visible(workshop.bank.title)}: {len(workshop.bank.questions)} questions, about "
        f"{workshop.bank.estimated_minutes} minutes. You can go back, skip, or say "
        '"don\'t know" at any question.'
    )
    response = page(
        "join.html",
        {
            "title": "Join",
            "bank": _bank(request),
            "about": about,
            "csrf": context.csrf.token_for("join:" + nonce),
            "need_code": workshop.join_code is not None,
            "code": code or "",
            "problem": problem,
            "groups": [
                {"id": visible(str(g.id)), "label": visible(str(g.label))}
                for g in workshop.role_groups
            ],
        },
        404 if problem else 200,
    )
    _set_cookie(response, JOIN_COOKIE, nonce, context.secure, max_age=3600)
    return response


async def join(request: web.Request) -> web.Response:
    """``POST /join``: a new participant, with their cookie; then their first question."""
    context = _context(request)
    workshop = context.workshop
    form = await request.post()
    nonce = request.cookies.get(JOIN_COOKIE)
    if not context.csrf.valid("join:" + (nonce or ""), form.get("csrf")) or not nonce:
        return _forbidden(request)
    if not context.limiter.allow(request.remote):
        return _too_many(request)
    if not same_code(_text(form.get("code")), workshop.join_code):
        return message(
            "That join code is not right",
            "Check the code with the facilitator and try again.",
            403,
            link="/join",
            link_text="Type the join code",
            bank=_bank(request),
        )
    group = _text(form.get("role_group")) or None
    try:
        token = workshop.join(group, _text(form.get("role"))[:200])
    except WorkshopFull:
        return _full(request)
    except ValueError:
        return message("Choose a role", "Choose one of the roles offered.", 400, link="/join")
    response = _see_other("/")
    _set_cookie(response, COOKIE, token, context.secure, max_age=COOKIE_AGE)
    response.del_cookie(JOIN_COOKIE, path="/")
    raise response


# The conversation


async def turn(request: web.Request) -> web.Response:
    """``GET /``: the conversation and the reply form (or the review, or the summary)."""
    who = _participant(request)
    if who is None:
        return _no_session(request)
    if who.view == "done":
        raise _see_other("/summary")
    csrf = _context(request).csrf.token_for(_token(request) or "")
    if who.view == "review":
        return page("review.html", {"title": "Your answers", **pages.review_context(who, csrf)})
    context = pages.turn_context(who, csrf)
    return page("turn.html", {"title": context["question"] or "readiness", **context})


async def reply(request: web.Request) -> web.Response:
    """``POST /reply``: ``reply`` (words typed) or ``choice`` (option numbers)."""
    who, form = await _checked(request)
    async with _context(request).lock(who):
        _reply(who, form)
    raise _see_other("/#now")


def _reply(who: Participant, form: Form) -> None:
    if _fresh(who, form):
        numbers = [str(value) for value in form.getall("choice", [])]
        if numbers:
            if all(n.isdecimal() and len(n) < 4 for n in numbers):
                who.choose([int(n) for n in numbers])
            else:
                who.choose([])
        elif "reply" in form:
            who.reply(_text(form.get("reply"))[:REPLY_LENGTH])


async def command(request: web.Request) -> web.Response:
    """``POST /command``: ``name`` is back, skip, why, review, finish, continue or change."""
    who, form = await _checked(request)
    name = _text(form.get("name"))
    if name not in COMMANDS:
        return message("Not a command", "That button does not exist here.", 400, link="/")
    context = _context(request)
    async with context.lock(who):
        if not _fresh(who, form):
            pass
        elif name == "finish":
            if not who.finished:  # the result is written on a worker thread: others go on
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, partial(who.finish, notify=False))
                context.workshop.changed()
        elif name == "change":
            who.change(_text(form.get("question"))[:200])
        else:
            who.command(name)
    raise _see_other("/summary" if who.finished else "/#now")


async def note(request: web.Request) -> web.Response:
    """``POST /note``: the note on the question asked (empty removes it)."""
    who, form = await _checked(request)
    async with _context(request).lock(who):
        if _fresh(who, form):
            who.set_note(_text(form.get("note"))[:NOTE_LENGTH])
    raise _see_other("/#now")


async def summary(request: web.Request) -> web.Response:
    """``GET /summary``: the participant's own summary, once finished."""
    who = _participant(request)
    if who is None:
        return _no_session(request)
    if not who.finished:
        raise _see_other("/")
    return page("summary.html", {"title": "Your summary", **pages.summary_context(who)})


async def summary_download(request: web.Request) -> web.Response:
    """``GET /summary.html``: the same summary as the HTML file written for the facilitator."""
    who = _participant(request)
    if who is None:
        return _no_session(request)
    html = await asyncio.get_running_loop().run_in_executor(None, who.summary_html)
    if html is None:
        raise _see_other("/")
    response = web.Response(text=html, content_type="text/html", charset="utf-8")
    name = f"readiness-{who.session.bank.id}-summary.html"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def routes() -> list[web.RouteDef]:
    return [
        web.get("/join", join_page),
        web.get("/join/{code}", join_page),
        web.post("/join", join),
        web.get("/", turn),
        web.post("/reply", reply),
        web.post("/command", command),
        web.post("/note", note),
        web.get("/summary", summary),
        web.get("/summary.html", summary_download),
    ]


# Inside


async def _checked(request: web.Request) -> tuple[Participant, Form]:
    """The participant and their form; without a session, back to ``/`` (which says what to
    do); with a bad CSRF token, 403."""
    who = _participant(request)
    form = await request.post()
    if who is None:
        raise _see_other("/")
    if not _context(request).csrf.valid(_token(request), form.get("csrf")):
        raise web.HTTPForbidden(text=_forbidden(request).text, content_type="text/html")
    return who, form


def _fresh(who: Participant, form: Form) -> bool:
    """The form was shown for the step the participant is at (not sent twice, not stale)."""
    at = form.get("at")
    return at is None or at == pages.at_key(who)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _set_cookie(
    response: web.StreamResponse, name: str, value: str, secure: bool, *, max_age: int
) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="Lax", secure=secure
    )


def _forbidden(request: web.Request) -> web.Response:
    return message(
        "That form has expired",
        "Go back to the page and try again (the page is reloaded first).",
        403,
        link="/",
        link_text="Back to the question",
        bank=_bank(request),
    )


def _too_many(request: web.Request) -> web.Response:
    response = message(
        "Too many tries",
        "Wait a minute, then open the join link again.",
        429,
        bank=_bank(request),
    )
    response.headers["Retry-After"] = "60"
    return response


def _full(request: web.Request) -> web.Response:
    workshop = _context(request).workshop
    return message(
        "The workshop is full",
        f"All {workshop.cap} places are taken. Ask the facilitator: they can start it with more "
        "places.",
        503,
        bank=_bank(request),
    )
