"""Look at ``readiness serve`` as a participant does: headless Chromium, driven over DevTools.

Starts ``readiness serve --bank quick`` on a free port (with a throwaway READINESS_DATA_DIR and
output folder), opens the page in headless Chromium, and saves screenshots:

1. ``01-start.png``: the start screen, as the page first draws it;
2. ``02-question.png``: the first question, after Enter (bank chosen), a name, Ctrl+G (start);
3. ``03-next-question.png``: after answering "4";
4. ``04-resume.png``: after reloading the page: the offer to resume this participant's session;
5. ``05-phone.png``: the same page in a phone-sized viewport (390x844);
6. ``06-ended.png``: after Ctrl+Q: the page's own "session has ended" notice.

It also lists every address the browser asked for (all must be this server) and any console
errors, and checks that no app process is left once the browser and server are gone.

Chromium's ``--screenshot`` fires before the app has drawn, hence DevTools. Needs Debian's
``chromium`` (``apt-get install -y chromium``). A script, not a test.

Run: ``python benchmarks/screenshot_serve.py [--out /tmp/serve-shots] [--chromium PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    "--window-size=1280,800",
)
KEYS = {
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "ctrl+g": {"key": "g", "code": "KeyG", "windowsVirtualKeyCode": 71, "modifiers": 2},
    "ctrl+q": {"key": "q", "code": "KeyQ", "windowsVirtualKeyCode": 81, "modifiers": 2},
}


class DevTools:
    """A minimal Chrome DevTools Protocol client on one page target."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.events: list[dict[str, Any]] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        key = next(self.ids)
        self.pending[key] = asyncio.get_running_loop().create_future()
        await self.websocket.send_json({"id": key, "method": method, "params": params})
        reply = await asyncio.wait_for(self.pending[key], 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def key(self, name: str) -> None:
        event = KEYS[name]
        await self.send("Input.dispatchKeyEvent", type="keyDown", **event)
        await self.send(
            "Input.dispatchKeyEvent",
            type="keyUp",
            **{k: v for k, v in event.items() if k != "text"},
        )
        await asyncio.sleep(0.3)

    async def type(self, text: str) -> None:
        for char in text:
            await self.send("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            await self.send("Input.dispatchKeyEvent", type="keyUp", key=char)
        await asyncio.sleep(0.3)

    async def screenshot(self, path: Path) -> None:
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        print(f"saved {path}")


def start_server(folder: Path) -> tuple[subprocess.Popen[str], str]:
    """``readiness serve --bank quick`` on a free port; the process and its URL."""
    env = {**os.environ, "READINESS_DATA_DIR": str(folder / "data")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "readiness",
            "serve",
            "--bank",
            "quick",
            "--port",
            "0",
            "--output-dir",
            str(folder / "results"),
        ],
        stdout=subprocess.PIPE,
        stderr=(folder / "serve.log").open("w"),
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if found := re.search(r"http://127\.0\.0\.1:\d+/", line):
            return process, found.group(0)
    raise SystemExit(f"the server did not start: {(folder / 'serve.log').read_text()}")


def start_chromium(binary: str, profile: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Headless Chromium with DevTools on a port it picks; the process and that port."""
    process = subprocess.Popen(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not port_file.is_file() or not port_file.read_text().strip():
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit("chromium did not start its DevTools server")
        time.sleep(0.1)
    return process, int(port_file.read_text().split()[0])


async def page_target(session: aiohttp.ClientSession, port: int) -> str:
    async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
        targets = await response.json()
    return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")


async def wait_for_app(tools: DevTools, timeout: float = 20) -> None:
    """Until the app's first bytes have drawn (textual.js marks the body), then a moment."""
    deadline = time.monotonic() + timeout
    while not await tools.evaluate("document.body.classList.contains('-first-byte')"):
        if time.monotonic() > deadline:
            raise SystemExit("the app never drew in the browser")
        await asyncio.sleep(0.2)
    await asyncio.sleep(2)


async def focus_terminal(tools: DevTools) -> None:
    await tools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")


async def drive(port: int, url: str, out: Path) -> DevTools:
    """The participant's walk-through; returns the DevTools client with the events it saw."""
    async with aiohttp.ClientSession() as session:
        websocket = await session.ws_connect(await page_target(session, port), max_msg_size=0)
        tools = DevTools(websocket)
        for domain in ("Page", "Network", "Runtime", "Log"):
            await tools.send(f"{domain}.enable")
        await tools.send("Page.navigate", url=url)
        await wait_for_app(tools)
        await tools.screenshot(out / "01-start.png")
        await focus_terminal(tools)
        await tools.key("Enter")
        await tools.type("Ada")
        await tools.key("ctrl+g")
        await asyncio.sleep(2)
        await tools.screenshot(out / "02-question.png")
        await tools.type("4")
        await tools.key("Enter")
        await asyncio.sleep(2)
        await tools.screenshot(out / "03-next-question.png")
        await tools.send("Page.reload")
        await asyncio.sleep(1)
        await wait_for_app(tools)
        await tools.screenshot(out / "04-resume.png")
        # A scale factor other than 1 set here (not at launch) makes xterm.js draw at the
        # wrong scale in headless Chromium; a real phone (or --force-device-scale-factor) is fine.
        await tools.send(
            "Emulation.setDeviceMetricsOverride",
            width=390,
            height=844,
            deviceScaleFactor=1,
            mobile=True,
        )
        await tools.send("Page.reload")
        await asyncio.sleep(1)
        await wait_for_app(tools)
        await tools.screenshot(out / "05-phone.png")
        await focus_terminal(tools)
        await tools.key("ctrl+q")
        await asyncio.sleep(2)
        await tools.screenshot(out / "06-ended.png")
        await websocket.close()
        tools.reader.cancel()
        return tools


def report(tools: DevTools, url: str) -> int:
    """Print what the browser fetched and complained about; 1 if it went outside."""
    ours = urlsplit(url).netloc
    fetched = sorted(
        {
            e["params"]["request"]["url"]
            for e in tools.events
            if e.get("method") == "Network.requestWillBeSent"
        }
    )
    outside = [u for u in fetched if urlsplit(u).netloc != ours and not u.startswith("data:")]
    print("the browser fetched:", *fetched, sep="\n  ")
    for event in tools.events:
        if event.get("method") == "Log.entryAdded" and event["params"]["entry"]["level"] == "error":
            print("console error:", event["params"]["entry"]["text"])
        if event.get("method") == "Runtime.exceptionThrown":
            print("page exception:", event["params"]["exceptionDetails"].get("text"))
    if outside:
        print("FETCHED FROM OUTSIDE:", *outside, sep="\n  ")
    return 1 if outside else 0


def left_behind(folder: Path) -> list[str]:
    """Any app process still running for this server's output folder."""
    done = subprocess.run(["pgrep", "-af", str(folder / "results")], capture_output=True, text=True)
    return done.stdout.splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/serve-shots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="readiness-serve-") as temp:
        folder = Path(temp)
        server, url = start_server(folder)
        browser, port = start_chromium(args.chromium, folder / "profile")
        try:
            tools = asyncio.run(drive(port, url, args.out))
        finally:
            os.killpg(browser.pid, signal.SIGTERM)
            browser.wait(timeout=10)
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=15)
        print((folder / "serve.log").read_text(), end="")
        status = report(tools, url)
        if leftovers := left_behind(folder):
            print("APP PROCESSES LEFT BEHIND:", *leftovers, sep="\n  ")
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
