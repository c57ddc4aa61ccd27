"""A workshop under load: many participants joining ``readiness serve`` and answering at once.

Run ``python benchmarks/bench_serve.py [--participants 200] [--over 10] [--think 1.0]``.

The server runs as its own process (``readiness serve --no-live``, the quick bank, on
loopback), as on the facilitator's laptop. A bounded load generator in this process starts the
participants spread evenly over ``--over`` seconds; each follows the participant pages' forms
as a browser without JavaScript would (join, every question, review, finish), pausing up to
``--think`` seconds between replies as a person reads. Measured:

* every request's time (join, each reply, review, finish): the median and the 95th percentile;
* that every participant's result landed in the output folder (nothing lost);
* the server's peak memory (``VmHWM`` from ``/proc``, read before it stops);
* how soon the facilitator's live view (its event stream) hears of an answer: one more
  participant answers once the room is quiet, and the time from sending the reply to the next
  event is taken.

Targets (issue 14): p95 under 300 ms while 200 answer, the server under 400 MB, every result
landed, a live update within 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _rows import Row, emit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import aiohttp
from webforms import Browser, jar

KEY = re.compile(r"facilitator\?key=(\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(folder: Path, port: int, cap: int) -> tuple[subprocess.Popen[str], str]:
    """``readiness serve`` in its own process; returns it and the facilitator's key."""
    argv = [sys.executable, "-m", "readiness", "serve", "--bank", "quick", "--no-live"]
    argv += ["--port", str(port), "--output-dir", str(folder), "--max-participants", str(cap)]
    server = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    key = ""
    for line in server.stdout:
        found = KEY.search(line)
        key = found.group(1) if found else key
        if "Ctrl+C" in line:
            return server, key
    raise SystemExit(f"readiness serve did not start: exit {server.wait()}")


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def participant(
    base: str, connector: aiohttp.BaseConnector, delay: float, think: float, seed: int
) -> Browser:
    """One person: join after ``delay``, answer every question (a varied option, follow-ups
    left empty), review and finish."""
    await asyncio.sleep(delay)
    pick = random.Random(seed)
    async with aiohttp.ClientSession(
        cookie_jar=jar(), connector=connector, connector_owner=False
    ) as session:
        browser = Browser(base, session)
        page = await browser.get("/join")
        page = await browser.submit(page.form("/join"), page.form("/join").button("Start"))
        for _ in range(80):
            if browser.url.endswith("/summary"):
                return browser
            await asyncio.sleep(pick.uniform(0, think))
            buttons = {b.value: b for f in page.forms for b in f.buttons}
            choices = [b for f in page.forms for b in f.buttons if b.name == "choice"]
            if choices:
                form = page.form("/reply")
                page = await browser.submit(form, pick.choice(choices))
            elif "finish" in buttons:
                form = page.form("/command", "Finish")
                page = await browser.submit(form, form.button("Finish"))
            else:  # a follow-up: nothing to add
                form = page.form("/reply")
                page = await browser.submit(form, form.buttons[0], {"reply": ""})
            if browser.status != 200:
                raise SystemExit(f"HTTP {browser.status} at {browser.url}")
    raise SystemExit("a participant's journey never ended")


async def live_latency(base: str, key: str) -> float:
    """Seconds from one more participant's reply to the next event on the live view's stream."""
    async with (
        aiohttp.ClientSession(cookie_jar=jar()) as session,
        session.get(f"{base}facilitator/events?key={key}") as events,
    ):
        browser = Browser(base, session)
        page = await browser.get("/join")
        page = await browser.submit(page.form("/join"), page.form("/join").button("Start"))
        await asyncio.sleep(1.0)  # the join's own event passes
        while events.content.read_nowait():
            pass
        form = page.form("/reply")
        choice = next(b for b in form.buttons if b.name == "choice")
        sent = time.perf_counter()
        await browser.submit(form, choice)
        while True:
            line = await asyncio.wait_for(events.content.readline(), 10)
            if line.startswith(b"data:"):
                return time.perf_counter() - sent


async def load(base: str, key: str, people: int, over: float, think: float) -> tuple:
    connector = aiohttp.TCPConnector(limit=0)
    started = time.perf_counter()
    try:
        browsers = await asyncio.gather(
            *(
                participant(base, connector, over * i / max(people, 1), think, i)
                for i in range(people)
            )
        )
    finally:
        await connector.close()
    took = time.perf_counter() - started
    return browsers, took, await live_latency(base, key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--over", type=float, default=10.0, help="seconds over which they join")
    parser.add_argument("--think", type=float, default=1.0, help="most seconds between replies")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workshop"
        port = free_port()
        server, key = start_server(folder, port, args.participants + 10)
        try:
            browsers, took, live = asyncio.run(
                load(f"http://127.0.0.1:{port}/", key, args.participants, args.over, args.think)
            )
            peak = peak_mib(server.pid)
        finally:
            server.terminate()
            server.wait(30)
        landed = len(list(folder.glob("*.json")))
    times = sorted(t * 1000 for b in browsers for t in b.latencies)
    p95 = times[int(len(times) * 0.95)]
    median = statistics.median(times)
    print(
        f"{args.participants} participants joining over {args.over:.0f} s: {len(times)} requests "
        f"in {took:.1f} s; median {median:.0f} ms, p95 {p95:.0f} ms; results landed "
        f"{landed} of {args.participants}; server peak {peak:.0f} MiB; live update "
        f"{live * 1000:.0f} ms after an answer"
    )
    if landed != args.participants:
        raise SystemExit(f"only {landed} of {args.participants} results landed")
    emit(
        [
            Row(f"serve: {args.participants} participants, request p95", p95, peak_mib=peak),
            Row(f"serve: {args.participants} participants, request median", median),
            Row("serve: live view update after an answer", live * 1000),
        ]
    )


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
