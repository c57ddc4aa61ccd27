"""The participant's page, served for real on a free port and driven through its HTML forms
with no JavaScript: the whole journey, reload and restart, the guards, and a reduced load test.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import statistics
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from webforms import Browser, jar, quick_journey

from readiness.bank.load import load_bank
from readiness.web.app import start_server, tls_context
from readiness.web.security import JoinLimiter
from readiness.workshop.room import Workshop


@asynccontextmanager
async def served(
    folder: Path, ssl_context: ssl.SSLContext | None = None, **options: object
) -> AsyncIterator[tuple[Workshop, str]]:
    """A workshop of the quick bank served on 127.0.0.1, and its base URL."""
    limiter = options.pop("limiter", None)
    timeout = options.pop("header_timeout", 10.0)
    workshop = Workshop(load_bank("quick"), folder, **options)  # type: ignore[arg-type]
    runner = await start_server(
        workshop, "127.0.0.1", 0, ssl_context, header_timeout=timeout, limiter=limiter
    )
    port = runner.addresses[0][1]
    scheme = "https" if ssl_context else "http"
    try:
        yield workshop, f"{scheme}://127.0.0.1:{port}/"
    finally:
        await runner.cleanup()
        workshop.close()


@asynccontextmanager
async def browser(base: str, **options: object) -> AsyncIterator[Browser]:
    async with aiohttp.ClientSession(cookie_jar=jar(), **options) as session:  # type: ignore[arg-type]
        yield Browser(base, session)


def results(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


async def test_a_whole_journey_through_the_forms(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), browser(base) as b:
        page = await quick_journey(b, "/join")
        assert b.url.endswith("/summary")
        assert "Done: your summary" in page.headings
        assert "Overall:" in page.text and "Leadership" in page.text
        assert [p.suffix for p in sorted(tmp_path.glob("quick-*"))] == [".html", ".json", ".txt"]
        async with b.session.get(base + "summary.html") as response:
            assert response.status == 200
            assert response.headers["Content-Disposition"].startswith("attachment;")
            assert "<html" in (await response.text()).lower()


async def test_every_form_carries_its_token_and_step(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        assert page.forms and all(f.method == "post" for f in page.forms)
        assert all("csrf" in f.hidden and "at" in f.hidden for f in page.forms)
        labels = [b.text for b in page.form("/reply").buttons]
        assert len(labels) == 6 and labels[-1] == "Don't know"
        assert "Ctrl" not in page.html


async def test_reload_and_restart_resume_where_the_participant_was(tmp_path: Path) -> None:
    async with served(tmp_path) as (first, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        for _ in range(3):
            form = page.form("/reply")
            page = await b.submit(form, form.buttons[3])
        question = page.headings[-1]
        again = await b.get("/")
        assert again.headings[-1] == question and "3 of 12 done" in again.text
        cookies = b.session.cookie_jar
        first.flush()
        async with served(tmp_path) as (workshop, base2):
            assert workshop.counts() == (1, 1, 0)
            async with aiohttp.ClientSession(cookie_jar=cookies) as session:
                b2 = Browser(base2, session)
                page = await b2.get("/")
                assert page.headings[-1] == question
                assert "Welcome back" in page.text and "3 of 12 done" in page.text


async def test_finishing_twice_makes_one_result(tmp_path: Path) -> None:
    async with served(tmp_path) as (workshop, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        while "/reply" in [f.action for f in page.forms]:
            form = page.form("/reply")
            page = await b.submit(form, form.buttons[4])
        finish = page.form("/command", "Finish")
        await b.submit(finish, finish.button("Finish"))
        await b.submit(finish, finish.button("Finish"))  # the same form again
        finish.hidden["at"] = "review"
        await b.submit(finish, finish.button("Finish"))
        assert b.url.endswith("/summary") and len(results(tmp_path)) == 1
        assert workshop.counts() == (1, 0, 1)
    async with served(tmp_path) as (workshop, _):  # after a restart, too
        only = workshop.participant(next(iter(b.session.cookie_jar)).value)
        assert only is not None and only.finished and only.finish()
        assert len(results(tmp_path)) == 1


async def test_a_double_tap_answers_one_question(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        form = page.form("/reply")
        await b.submit(form, form.buttons[2])
        page = await b.submit(form, form.buttons[2])
        assert "1 of 12 done" in page.text


async def test_notes_why_back_and_skip(tmp_path: Path) -> None:
    async with served(tmp_path) as (workshop, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        page = await b.submit(page.form("/note"), typed={"note": "<b>ours</b> & theirs"})
        assert "Note saved." in page.text and "<b>ours</b>" not in page.html
        assert "&lt;b&gt;ours&lt;/b&gt; &amp; theirs" in page.html
        tools = page.form("/command", "Why")
        page = await b.submit(tools, tools.button("Why this matters"))
        assert "Why this matters." in page.text and "Source:" in page.text
        tools = page.form("/command", "Skip")
        page = await b.submit(tools, tools.button("Skip"))
        assert "1 of 12 done" in page.text
        tools = page.form("/command", "Back")
        page = await b.submit(tools, tools.button("Back"))
        assert "Going back." in page.text
        tools = page.form("/command", "Review")
        page = await b.submit(tools, tools.button("Review"))
        assert "Your answers" in page.headings and "Carry on" in page.text
        session = workshop.snapshot()[0][0]
        assert session.notes == {"q_leadership": "<b>ours</b> & theirs"}


async def test_a_typed_reply_is_understood(tmp_path: Path) -> None:
    async with served(tmp_path) as (workshop, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        typed = next(f for f in page.forms if "reply" in f.fields)
        page = await b.submit(typed, typed.buttons[0], {"reply": "I don't know"})
        assert "1 of 12 done" in page.text
        assert workshop.snapshot()[0][0].answers == {"q_leadership": "dont_know"}


async def test_no_participant_sees_another_s_answers(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), browser(base) as one, browser(base) as two:
        page = await one.get("/join")
        page = await one.submit(page.form("/join"), page.form("/join").button("Start"))
        await one.submit(page.form("/note"), typed={"note": "secret-of-one"})
        page = await two.get("/join")
        page = await two.submit(page.form("/join"), page.form("/join").button("Start"))
        assert "secret-of-one" not in page.html
        stolen = page.form("/note")  # two's form, sent with one's cookie: refused
        one_cookie = {c.key: c.value for c in one.session.cookie_jar}
        data = {**stolen.hidden, "note": "x"}
        async with (
            aiohttp.ClientSession(cookies=one_cookie) as session,
            session.post(base + "note", data=data) as r,
        ):
            assert r.status == 403
        async with two.session.get(base + "summary.html", allow_redirects=False) as response:
            assert response.status == 303


async def test_the_join_code_is_needed_when_set(tmp_path: Path) -> None:
    async with served(tmp_path, require_code=True) as (workshop, base):
        code = workshop.join_code
        assert code and len(code) == 6
        async with browser(base) as b:
            page = await b.get("/")
            assert b.status == 401 and "join code" in page.text
            page = await b.get("/join/WRONG1")
            assert b.status == 404 and "not right" in page.text
            page = await b.get("/join")
            form = page.form("/join")
            assert "code" in form.fields
            page = await b.submit(form, form.button("Start"), {"code": "NOPE22"})
            assert b.status == 403 and workshop.counts()[0] == 0
            page = await b.get(f"/join/{code.lower()}")
            page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
            assert b.status == 200 and "0 of 12 done" in page.text


async def test_another_name_for_this_server_is_refused(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), aiohttp.ClientSession() as session:
        for host in ("evil.example", "rebind.attacker.test:8000"):
            async with session.get(base + "join", headers={"Host": host}) as response:
                assert response.status == 421
        async with session.get(base + "join", headers={"Host": "localhost"}) as response:
            assert response.status == 200


async def test_forms_without_a_token_or_from_elsewhere_are_refused(tmp_path: Path) -> None:
    async with served(tmp_path) as (workshop, base), browser(base) as b:
        page = await b.get("/join")
        form = page.form("/join")
        async with b.session.post(base + "join", data={"role": "x"}) as response:
            assert response.status == 403
        evil = {"Origin": "http://evil.example"}
        async with b.session.post(base + "join", data=form.hidden, headers=evil) as response:
            assert response.status == 403
        page = await b.submit(form, form.button("Start"))
        reply = page.form("/reply")
        async with b.session.post(base + "reply", data={"choice": "1"}) as response:
            assert response.status == 403
        data = {**reply.hidden, "choice": "1"}
        cross = {"Sec-Fetch-Site": "cross-site"}
        async with b.session.post(base + "reply", data=data, headers=cross) as response:
            assert response.status == 403
        assert workshop.snapshot()[0][0].answers == {}


async def test_a_full_workshop_says_so(tmp_path: Path) -> None:
    async with served(tmp_path, cap=1) as (_, base):
        async with browser(base) as first:
            await quick_journey(first, "/join")
        async with browser(base) as late:
            page = await late.get("/join")
            assert late.status == 503 and "The workshop is full" in page.headings


async def test_joins_are_rate_limited_per_address(tmp_path: Path) -> None:
    limiter = JoinLimiter(burst=2, every=60)
    async with served(tmp_path, limiter=limiter) as (workshop, base):
        statuses = []
        for _ in range(3):
            async with browser(base) as b:
                page = await b.get("/join")
                await b.submit(page.form("/join"), page.form("/join").button("Start"))
                statuses.append(b.status)
        assert statuses == [200, 200, 429] and workshop.counts()[0] == 2


def test_the_limiter_refills_and_spares_exempt_addresses() -> None:
    limiter = JoinLimiter(burst=2, every=10, exempt=lambda a: a == "127.0.0.1")
    assert [limiter.allow("10.0.0.9", now=0) for _ in range(3)] == [True, True, False]
    assert limiter.allow("10.0.0.9", now=10.5) and not limiter.allow("10.0.0.9", now=10.6)
    assert all(limiter.allow("127.0.0.1", now=0) for _ in range(50))


async def test_a_request_too_large_is_refused(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        page = await b.submit(page.form("/note"), typed={"note": "x" * 100_000})
        assert b.status == 413


async def test_the_cookie_is_http_only_and_same_site(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), browser(base) as b:
        page = await b.get("/join")
        form = page.form("/join")
        data = {**form.hidden, "role": "Practitioner"}
        async with b.session.post(base + "join", data=data, allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/"
            cookie = next(
                c for c in response.headers.getall("Set-Cookie") if c.startswith("readiness=")
            )
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
async def test_over_tls_the_cookie_is_secure(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    async with served(tmp_path / "out", tls_context(str(cert), str(key))) as (_, base):
        async with browser(base, connector=aiohttp.TCPConnector(ssl=False)) as b:
            page = await b.get("/join")
            form = page.form("/join")
            async with b.session.post(base + "join", data=form.hidden, allow_redirects=False) as r:
                cookie = next(c for c in r.headers.getall("Set-Cookie") if "readiness=" in c)
        assert "Secure" in cookie and "HttpOnly" in cookie


async def test_pages_allow_nothing_from_elsewhere(tmp_path: Path) -> None:
    async with served(tmp_path) as (_, base), aiohttp.ClientSession() as session:
        async with session.get(base + "join") as response:
            policy = response.headers["Content-Security-Policy"]
            assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
            assert response.headers["Referrer-Policy"] == "same-origin"
            assert response.headers["Cache-Control"] == "no-store"
            html = await response.text()
        assert "http" not in html.replace(base, "")  # no link to anywhere else
        async with session.get(base + "nowhere") as response:
            assert response.status == 404 and "Content-Security-Policy" in response.headers
        for asset in ("static/readiness.css", "static/readiness.js"):
            async with session.get(base + asset) as response:
                assert response.status == 200


async def test_slow_request_headers_time_out(tmp_path: Path) -> None:
    async with served(tmp_path, header_timeout=0.5) as (_, base):
        port = int(base.rsplit(":", 1)[1].strip("/"))
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /join HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never ends the headers
        await writer.drain()
        started = time.monotonic()
        data = await asyncio.wait_for(reader.read(), 5)
        assert data == b"" and time.monotonic() - started < 3
        writer.close()


def _port_in_use() -> tuple[socket.socket, int]:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    return taken, taken.getsockname()[1]


async def test_a_busy_port_is_one_clear_error(tmp_path: Path) -> None:
    from readiness.errors import UsageError

    taken, port = _port_in_use()
    with taken, pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1 port {port}"):
        await start_server(Workshop(load_bank("quick"), tmp_path), "127.0.0.1", port, None)


async def test_watchers_hear_every_join_answer_and_finish(tmp_path: Path) -> None:
    async with served(tmp_path) as (workshop, base), browser(base) as b:
        heard: list[int] = []
        stop: Callable[[], None] = workshop.subscribe(lambda: heard.append(1))
        await quick_journey(b, "/join")
        stop()
        assert len(heard) >= 1 + 12 + 1


@pytest.mark.slow
async def test_thirty_participants_at_once(tmp_path: Path) -> None:
    """The load benchmark, reduced: 30 people answer the quick bank at the same time."""
    async with served(tmp_path) as (workshop, base):
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as shared:
            browsers = []
            for _ in range(30):
                session = aiohttp.ClientSession(
                    cookie_jar=jar(), connector=connector, connector_owner=False
                )
                browsers.append(Browser(base, session))
            started = time.perf_counter()
            try:
                await asyncio.gather(*(quick_journey(b, "/join") for b in browsers))
            finally:
                for b in browsers:
                    await b.session.close()
            took = time.perf_counter() - started
            del shared
        latencies = sorted(t for b in browsers for t in b.latencies)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"\n30 participants: {len(latencies)} requests in {took:.1f}s; page p50 "
            f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
        )
        assert len(results(tmp_path)) == 30 and workshop.counts() == (30, 0, 30)
        assert p95 < 2.0


async def test_a_low_answer_asks_its_follow_ups_as_text(tmp_path: Path) -> None:
    async with served(tmp_path) as (workshop, base), browser(base) as b:
        page = await b.get("/join")
        page = await b.submit(page.form("/join"), page.form("/join").button("Start"))
        form = page.form("/reply")
        page = await b.submit(form, form.buttons[0])
        assert page.headings[-1] == "What happens now in your service?"
        assert "About: How would you describe the senior leadership" in page.text
        form = page.form("/reply")
        page = await b.submit(form, form.button("Send"), {"reply": "An interim DCS since May"})
        assert page.headings[-1] == "What needs to happen?"
        form = page.form("/reply")
        page = await b.submit(form, form.button("Send"), {"reply": ""})
        assert "1 of 12 done" in page.text
        session = workshop.snapshot()[0][0]
        assert session.actions == {"q_leadership": {"now": "An interim DCS since May"}}
