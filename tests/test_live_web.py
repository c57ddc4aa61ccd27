"""The projector page and its event stream: the facilitator's key, escaping, updates within a
second of an answer, at most four a second, and a cap on open streams."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from live_helpers import SECRET, FakeWorkshop

from readiness import api
from readiness.web import live

BANK = api.load_bank("quick")
STATIC = Path(live.__file__).resolve().parent / "static"
KEY = SECRET


async def client_for(workshop: FakeWorkshop) -> TestClient:
    app = web.Application()
    app.add_routes(live.live_routes(workshop))
    app.router.add_static("/static", STATIC)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


async def next_event(response) -> dict:
    """The next ``figures`` event's data (comments and the retry line skipped)."""
    while True:
        block = await asyncio.wait_for(response.content.readuntil(b"\n\n"), 5)
        lines = block.decode().splitlines()
        if "event: figures" in lines:
            return json.loads(next(x for x in lines if x.startswith("data: "))[6:])


async def test_page_shows_the_room_and_escapes(tmp_path: Path) -> None:
    workshop = FakeWorkshop(BANK, 4)
    odd = workshop.join("<script>alert(1)</script>")
    for number, session in enumerate(workshop.sessions):
        for pick in range(3 + number):
            workshop.answer(session, pick + number)
    workshop.sessions[0].mark_finished()
    client = await client_for(workshop)
    try:
        response = await client.get("/facilitator", params={"key": KEY})
        assert response.status == 200
        html = await response.text()
        assert '<meta http-equiv="refresh" content="10">' in html
        assert "<svg" in html and 'class="qr"' in html
        assert "/join/K7QX3M" in html and "K7QX3M" in html
        assert '<dd id="joined">5</dd>' in html and '<dd id="finished">1</dd>' in html
        assert '<dd id="answering">4</dd>' in html
        assert "<script>alert" not in html  # a role of one: named (escaped), no figure
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert BANK.domains[0].title in html
        assert 'src="/static/projector.js"' in html and "<style" not in html
        assert "Where the room splits" in html
        script = await client.get("/static/projector.js")
        assert script.status == 200 and "textContent" in await script.text()
        assert "innerHTML" not in await script.text()
        folder = os.environ.get("READINESS_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            (Path(folder) / "projector.html").write_text(html, encoding="utf-8")
            for name in ("projector.css", "projector.js"):
                (Path(folder) / name).write_text((STATIC / name).read_text(), encoding="utf-8")
        assert odd.answers
    finally:
        await client.close()


async def test_a_role_large_enough_is_shown_as_text() -> None:
    workshop = FakeWorkshop(BANK)
    for _ in range(3):
        workshop.answer(workshop.join("<b>Lead</b> & co"), 1)
    client = await client_for(workshop)
    try:
        html = await (await client.get("/facilitator", params={"key": KEY})).text()
        assert "&lt;b&gt;Lead&lt;/b&gt; &amp; co" in html and "<b>Lead" not in html
    finally:
        await client.close()


@pytest.mark.parametrize("params", [{}, {"key": "wrong"}, {"key": ""}, {"key": KEY + "x"}])
async def test_wrong_or_missing_key_is_refused(params: dict[str, str]) -> None:
    client = await client_for(FakeWorkshop(BANK, 1))
    try:
        for path in ("/facilitator", "/facilitator/events"):
            response = await client.get(path, params=params)
            assert response.status == 403
            assert "facilitator" in await response.text()
    finally:
        await client.close()


async def test_an_answer_reaches_the_stream_within_a_second() -> None:
    workshop = FakeWorkshop(BANK, 3)
    client = await client_for(workshop)
    try:
        response = await client.get("/facilitator/events", params={"key": KEY})
        assert response.headers["Content-Type"].startswith("text/event-stream")
        first = await next_event(response)
        assert (first["joined"], first["answering"]) == (3, 0)
        latencies = []
        for number, session in enumerate(workshop.sessions):
            await asyncio.sleep(0.3)  # past the debounce: each answer is a fresh change
            started = time.perf_counter()
            workshop.answer(session, number)
            found = await next_event(response)
            latencies.append(time.perf_counter() - started)
            assert found["answering"] == number + 1
        assert max(latencies) < 1.0, latencies
        print(f"SSE latency: max {max(latencies) * 1000:.1f} ms over {len(latencies)}")
    finally:
        await client.close()


async def test_a_burst_is_debounced() -> None:
    """Forty answers in a burst of about a second arrive as a handful of updates, the last
    carrying every answer."""
    workshop = FakeWorkshop(BANK, 8)
    client = await client_for(workshop)
    try:
        response = await client.get("/facilitator/events", params={"key": KEY})
        await next_event(response)
        started = time.perf_counter()
        for round_ in range(5):
            for session in workshop.sessions:
                workshop.answer(session, round_)
                await asyncio.sleep(0.025)
        burst = time.perf_counter() - started
        events = []
        while not events or events[-1]["questions_answered"] < 40:
            found = await next_event(response)
            done = sum(len(s.answers) for s in workshop.sessions)
            found["questions_answered"] = done if found["answering"] == 8 else 0
            events.append(found)
        elapsed = time.perf_counter() - started
        assert len(events) <= elapsed * live.MAX_RATE + 2, (len(events), elapsed, burst)
        assert events[-1]["answering"] == 8
    finally:
        await client.close()


async def test_streams_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "MAX_STREAMS", 3)
    client = await client_for(FakeWorkshop(BANK, 1))
    try:
        opened = [await client.get("/facilitator/events", params={"key": KEY}) for _ in range(3)]
        assert all(r.status == 200 for r in opened)
        refused = await client.get("/facilitator/events", params={"key": KEY})
        assert refused.status == 503 and refused.headers["Retry-After"] == "10"
        opened[0].close()
        await asyncio.sleep(0.2)
        again = await client.get("/facilitator/events", params={"key": KEY})
        assert again.status == 200
    finally:
        await client.close()
