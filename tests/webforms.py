"""A browser without JavaScript, for the participant page's tests: it reads a page's forms with
:mod:`html.parser` and sends them as a browser would (the button pressed, hidden fields, the
text typed), following redirects and keeping cookies."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import aiohttp


@dataclass
class Button:
    name: str | None
    value: str
    text: str = ""


@dataclass
class Form:
    action: str
    method: str
    hidden: dict[str, str] = field(default_factory=dict)
    buttons: list[Button] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    """Text inputs and text areas (name to what they hold)."""
    boxes: list[tuple[str, str, str]] = field(default_factory=list)
    """Check boxes and radio buttons: (name, value, type)."""

    def button(self, text: str) -> Button:
        for found in self.buttons:
            if text.lower() in found.text.lower():
                return found
        raise AssertionError(f"no button {text!r} in {[b.text for b in self.buttons]}")


class Page(HTMLParser):
    """A page's forms, title, headings and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.forms: list[Form] = []
        self.text_parts: list[str] = []
        self.headings: list[str] = []
        self._form: Form | None = None
        self._button: Button | None = None
        self._textarea: str | None = None
        self._heading = False
        self.feed(html)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag in ("h1", "h2"):
            self._heading = True
            self.headings.append("")
        elif self._form is None:
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind == "hidden":
                self._form.hidden[a["name"]] = a.get("value", "")
            elif kind in ("checkbox", "radio"):
                self._form.boxes.append((a["name"], a.get("value", ""), kind))
            elif "name" in a:
                self._form.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.fields[a["name"]] = ""
        elif tag == "button":
            self._button = Button(a.get("name"), a.get("value", ""))
            self._form.buttons.append(self._button)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "button":
            self._button = None
        elif tag == "textarea":
            self._textarea = None
        elif tag in ("h1", "h2"):
            self._heading = False

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._button is not None:
            self._button.text += data
        if self._textarea is not None and self._form is not None:
            self._form.fields[self._textarea] += data
        if self._heading:
            self.headings[-1] += data

    def form(self, action: str, button: str | None = None) -> Form:
        """The first form posting to ``action`` (with a button saying ``button``)."""
        for found in self.forms:
            if found.action == action and (
                button is None or any(button.lower() in b.text.lower() for b in found.buttons)
            ):
                return found
        raise AssertionError(f"no form for {action} {button or ''} on the page:\n{self.text}")


class Browser:
    """A session with cookies; ``latencies`` keeps each request's seconds."""

    def __init__(self, base: str, session: aiohttp.ClientSession) -> None:
        self.base = base
        self.session = session
        self.page: Page | None = None
        self.status = 0
        self.url = ""
        self.latencies: list[float] = []

    async def get(self, path: str) -> Page:
        started = time.perf_counter()
        async with self.session.get(urljoin(self.base, path)) as response:
            return await self._read(response, started)

    async def submit(
        self,
        form: Form,
        button: Button | None = None,
        typed: dict[str, str] | None = None,
        boxes: list[str] | None = None,
    ) -> Page:
        data: list[tuple[str, str]] = list(form.hidden.items())
        data += [(k, v) for k, v in {**form.fields, **(typed or {})}.items()]
        for name, value, _ in form.boxes:
            if boxes is not None and value in boxes:
                data.append((name, value))
        if button is not None and button.name:
            data.append((button.name, button.value))
        started = time.perf_counter()
        async with self.session.post(urljoin(self.base, form.action), data=data) as response:
            return await self._read(response, started)

    async def _read(self, response: aiohttp.ClientResponse, started: float) -> Page:
        text = await response.text()
        self.latencies.append(time.perf_counter() - started)
        self.status, self.url = response.status, str(response.url)
        self.page = Page(text)
        return self.page


def jar() -> aiohttp.CookieJar:
    """A cookie jar that keeps cookies from 127.0.0.1 (aiohttp's refuses IP addresses)."""
    return aiohttp.CookieJar(unsafe=True)


async def quick_journey(browser: Browser, join_path: str, option: int = 4) -> Page:
    """Join, answer every question with option ``option`` (skipping any follow-up), review,
    finish; returns the summary page."""
    page = await browser.get(join_path)
    page = await browser.submit(page.form("/join"), page.form("/join").button("Start"))
    for _ in range(60):
        if browser.url.endswith("/summary"):
            return page
        if "/reply" in [f.action for f in page.forms] and any(
            b.name == "choice" for f in page.forms for b in f.buttons
        ):
            form = page.form("/reply")
            choices = [b for b in form.buttons if b.name == "choice"]
            page = await browser.submit(form, choices[min(option, len(choices)) - 1])
        elif any(b.value == "finish" for f in page.forms for b in f.buttons):
            form = page.form("/command", "Finish")
            page = await browser.submit(form, form.button("Finish"))
        elif any(b.value == "review" for f in page.forms for b in f.buttons) and not any(
            f.action == "/reply" for f in page.forms
        ):
            form = page.form("/command", "Review")
            page = await browser.submit(form, form.button("Review"))
        else:  # a follow-up: send it empty
            form = page.form("/reply")
            page = await browser.submit(form, form.buttons[0], {"reply": ""})
        assert browser.status == 200, page.text
    raise AssertionError(f"the journey never ended; the page says:\n{page.text}")
