"""Nothing typed or written in a bank breaks the app: it is shown as text, never as markup.

A participant's name, an option label or a domain title may hold ``[/]`` (which made Rich
raise and the app crash), balanced tags such as ``[bold]`` or ``[@click=app.quit]`` (which
were applied) or terminal escapes (which the terminal would obey). Each must show literally.
The room's vote labels must show whole at 80x24, and ``d`` on the summary must really write
the summary and say where.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BANKS
from textual.app import App, ComposeResult
from textual.widgets import Input
from textual.widgets._toast import Toast

from readiness.bank.load import load_bank
from readiness.scoring.answers import Respondent
from readiness.session import files as sessions
from readiness.tui.app import AppOptions, ReadinessApp
from readiness.tui.dialogs import NoteDialog, ResumeDialog
from readiness.tui.markup import spans_to_text, to_text
from readiness.tui.review import ReviewScreen
from readiness.tui.start import StartScreen
from readiness.tui.summary import SummaryScreen
from readiness.tui.ticks import MultiReply
from readiness.tui.votes import VotesReply
from readiness.tui.widgets import ChoiceReply, Transcript, Turn

CONVERSATION = str(BANKS / "valid" / "conversation.yaml")
OSC52 = "\x1b]52;c;aGk=\x07"  # asks the terminal to put "hi" on the clipboard
OSC52_SHOWN = "␛]52;c;aGk=␇"
HOSTILE_LABELS = ["Not [/] in place", "Talked [bold]x[/] about", "Written [@click=app.quit]q[/]"]
HOSTILE_BANK = r"""
format: readiness-bank/1
id: hostile
title: "Hostile [/] bank [bold]x[/]"
version: 1.0.0
sources:
  - {id: src, short: "Source [/] 2017", citation: "A source (2017)."}
scales:
  - id: four
    options:
      - {id: none, label: "Not [/] in place"}
      - {id: some, label: "Talked [bold]x[/] about"}
      - {id: most, label: "Written [@click=app.quit]q[/]"}
      - {id: all, label: "Agreed \e]52;c;aGk=\a here"}
domains:
  - {id: leadership, title: "Leadership [/]"}
  - {id: data, title: "Data [bold]x[/bold]"}
recommendations:
  - {id: R01, title: "Vision [/]", text: "Have one [/].", source: {ref: src}}
questions:
  - id: vision
    domain: leadership
    prompt: "How far is the [/] vision [link=https://example.org]written[/link] down?"
    help: {text: "Clear [/] aims.", source: {ref: src}}
    type: scale
    scale: four
    evidences: [R01]
  - id: sources
    domain: data
    prompt: "Which data [/] do you share?"
    help: {text: "Sharing [/] matters.", source: {ref: src}}
    type: multiple
    options:
      - {id: health, label: "Health [/]", score: 0.5}
      - {id: police, label: "Police [bold]x[/]", score: 0.5}
      - {id: nothing, label: "None \e]52;c;aGk=\a of these", score: 0, exclusive: true}
    evidences: [R01]
bands:
  - {id: low, label: "Low [/]", min: 0, max: 50}
  - {id: high, label: "High [bold]x[/]", min: 50, max: 100}
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def hostile_bank(tmp_path: Path) -> str:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_BANK, encoding="utf-8")
    return str(path)


def screen_text(app: App, selector: str | None = None) -> str:
    """What the current screen shows, line by line, as the terminal would draw it; only the
    part inside the widget ``selector`` finds, if given."""
    strips = app.screen._compositor.render_strips()  # no public text export
    if selector is None:
        return "\n".join(strip.text for strip in strips)
    region = app.screen.query_one(selector).region
    rows = strips[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in rows)


def flat(text: str) -> str:
    """Whitespace (line wraps too) as single spaces, to find text however it wrapped."""
    return " ".join(text.split())


def notices(app: App) -> list[str]:
    """The notifications on screen, as plain text."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


class Host(App[None]):
    """The app's stylesheet and one widget or screen, to look at it alone."""

    CSS_PATH = Path(__file__).resolve().parent.parent / "readiness" / "tui" / "readiness.tcss"

    def __init__(self, *widgets: object) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets  # type: ignore[misc]


# Markup and escapes in bank text


async def test_hostile_bank_runs_and_shows_its_text_literally(hostile_bank: str, tmp_path) -> None:
    app = ReadinessApp(
        AppOptions(bank=hostile_bank, respondent=Respondent("Sam [/]"), output_dir=tmp_path)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for label in HOSTILE_LABELS:
            assert label in shown
        assert f"Agreed {OSC52_SHOWN} here" in shown and "\x1b" not in shown
        assert "Leadership [/]" in shown
        assert "[link=https://example.org]written[/link]" in flat(shown)
        await pilot.press("3", "enter")  # "Written [@click=app.quit]q[/]": an answer, not a quit
        await pilot.pause()
        assert app.is_running and app.session and app.session.answers == {"vision": "most"}


async def test_reply_lists_show_labels_as_text(hostile_bank: str) -> None:
    bank = load_bank(hostile_bank)
    choice, multiple = ChoiceReply(), MultiReply()
    votes = VotesReply(bank.question_by_id["vision"])
    app = Host(choice, multiple, votes)
    async with app.run_test(size=(80, 40)) as pilot:
        choice.show(bank.question_by_id["vision"], None)
        multiple.show(bank.question_by_id["sources"], None)
        await pilot.pause()
        shown = screen_text(app)
    for number, label in enumerate(HOSTILE_LABELS, 1):
        assert f"{number}. {label}" in shown  # the choice list
        assert shown.count(label) == 2  # and the votes
    assert "Health [/]" in shown and "Police [bold]x[/]" in shown
    assert f"None {OSC52_SHOWN} of these" in shown
    assert "\x1b" not in shown and "\x07" not in shown


async def test_transcript_shows_turns_as_text() -> None:
    transcript = Transcript()
    app = Host(transcript)
    async with app.run_test(size=(80, 24)) as pilot:
        transcript.add(Turn([("Your name is ", None), ("Sam [/] **x** `y`", "bold")], "bot"))
        transcript.add(Turn("Welcome [bold]back[/]", "bot"))  # the former Markdown strings
        transcript.add(Turn(f"Sam [@click=app.quit]q[/] {OSC52}", "user"))
        await pilot.pause()
        shown = screen_text(app)
    assert "Your name is Sam [/] **x** `y`" in shown
    assert "Welcome [bold]back[/]" in shown
    assert f"Sam [@click=app.quit]q[/] {OSC52_SHOWN}" in shown


def test_spans_are_never_parsed() -> None:
    plain = "*a* [b]c[/b] "
    text = spans_to_text([(plain, None), (f"**d** {OSC52}", "bold italic")])
    assert text.plain == f"{plain}**d** {OSC52_SHOWN}"
    assert [(span.start, span.end, str(span.style)) for span in text.spans] == [
        (len(plain), len(text.plain), "bold italic")
    ]
    assert to_text(f"**Hi** [red]{OSC52}").plain == f"Hi [red]{OSC52_SHOWN}"
    with pytest.raises(ValueError, match="unknown emphasis 'red'"):
        spans_to_text([("x", "red")])


async def test_start_screen_lists_a_hostile_bank(hostile_bank: str, tmp_path: Path) -> None:
    app = ReadinessApp(AppOptions(bank=hostile_bank, output_dir=tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "Hostile [/] bank [bold]x[/] (2 questions" in screen_text(app)


# Markup and escapes in what a person typed


async def test_a_name_with_markup_never_stops_a_later_start(tmp_path: Path) -> None:
    options = {"bank": CONVERSATION, "output_dir": tmp_path / "out"}
    app = ReadinessApp(AppOptions(**options, respondent=Respondent(f"Sam [/] {OSC52}")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "enter")
        await pilot.press("ctrl+q")
    later = ReadinessApp(AppOptions(**options))
    async with later.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(later.screen, ResumeDialog)
        assert f"(Sam [/] {OSC52_SHOWN})" in flat(screen_text(later, "#resume-summary"))
        await pilot.press("r")
        await pilot.pause()
        assert later.session and later.session.answers == {"vision": "all"}


async def test_note_dialog_shows_a_note_as_text_and_keeps_it() -> None:
    note = f"ask [bold]the[/] board\n{OSC52}"
    closed: list[str | None] = []
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(NoteDialog(note), closed.append)
        await pilot.pause()
        assert app.screen.query_one("#note-text", Input).value == (
            f"ask [bold]the[/] board {OSC52_SHOWN}"
        )
        await pilot.press("enter")  # unchanged: the note is kept as written
        await pilot.pause()
        app.push_screen(NoteDialog("[/]"), closed.append)
        await pilot.pause()
        await pilot.press("end", *" x", "enter")
        await pilot.pause()
    assert closed == [note, "[/] x"]


# The summary screen


async def finish(pilot) -> None:
    """Answer every question of the conversation bank and finish from the review."""
    await pilot.press("4", "enter", "1", "enter", "1", "enter")
    for reply in ("12", None, "Nothing more"):
        if reply is None:
            await pilot.press("space", "down", "space", "enter")
            continue
        pilot.app.screen.query_one("#typed").focus()
        await pilot.press(*reply, "enter")
        await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own; the downloads folder is HOME/Downloads, if it exists."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_CONFIG_HOME", "XDG_DOWNLOAD_DIR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


async def test_summary_shows_paths_as_text(tmp_path: Path, home: Path) -> None:
    out = tmp_path / "out [/] [bold]x[/]"
    app = ReadinessApp(AppOptions(CONVERSATION, respondent=Respondent("Sam"), output_dir=out))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish(pilot)
        assert f"summary (HTML): {app.screen.written.html}" in app.screen.files_text().plain
        shown = " ".join(screen_text(app).split())  # a long path may wrap at a space
        assert "out [/] [bold]x[/]" in shown


async def test_download_without_a_downloads_folder_says_where_the_summary_is(
    tmp_path: Path, home: Path
) -> None:
    out = tmp_path / "out"
    app = ReadinessApp(AppOptions(CONVERSATION, respondent=Respondent("Sam"), output_dir=out))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await finish(pilot)
        html = app.screen.written.html
        html.unlink()  # gone since the end: it is written again
        await pilot.press("d")
        await pilot.pause()
        (notice,) = notices(app)
    (again,) = out.glob("*.html")
    assert str(again.absolute()) in notice and "no downloads folder" in notice
    assert again.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert not (home / "Downloads").exists()


async def test_download_writes_a_copy_into_the_downloads_folder(tmp_path: Path, home: Path) -> None:
    downloads = home / "Downloads"
    downloads.mkdir()
    app = ReadinessApp(
        AppOptions(CONVERSATION, respondent=Respondent("Sam"), output_dir=tmp_path / "out")
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await finish(pilot)
        html = app.screen.written.html
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("d")  # a second copy never overwrites the first
        await pilot.pause()
        shown = notices(app)
    copies = [downloads / html.name, downloads / f"{html.stem}-2.html"]
    assert sorted(downloads.iterdir()) == sorted(copies)
    for copy in copies:
        assert copy.read_text(encoding="utf-8") == html.read_text(encoding="utf-8")
        assert copy.stat().st_mode & 0o777 == 0o600
    assert shown == [f"Summary\nSummary saved to {copy}" for copy in copies]


# Room votes at 80x24


async def test_room_vote_labels_show_whole_at_80x24(tmp_path: Path) -> None:
    app = ReadinessApp(
        AppOptions("quick", respondent=Respondent("Room"), output_dir=tmp_path, room=True)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        question = app.screen.asked.question
        labels = [option.label for option in question.options]
        assert max(len(label) for label in labels) > 70  # a label wider than its column
        shown = flat(screen_text(app, ".votes"))
        for label in [*labels, question.dont_know]:
            assert f"0 {label} " in shown  # whole, beside its count
