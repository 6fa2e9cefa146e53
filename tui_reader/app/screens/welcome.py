"""Shown while nothing is stored: how to import or fetch, and the sample one key away."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Middle
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui_reader.app.keys import WELCOME_BINDINGS
from tui_reader.app.widgets.status_line import StatusLine


def welcome_text() -> Text:
    text = Text()
    text.append("Welcome to warday\n\n", style="bold")
    text.append('No digests are stored yet. The daily "What to know after Day N of\n')
    text.append('Russia-Ukraine war" puts a Western and a Russian perspective side by side.\n\n')
    text.append("  s", style="bold")
    text.append("  read the bundled sample (Day 993)\n")
    text.append("  r", style="bold")
    text.append("  fetch digests from the site now (or run: warday fetch)\n")
    text.append("  q", style="bold")
    text.append("  quit\n\n")
    text.append("Saved pages or text files: warday import FILE...", style="dim")
    return text


class WelcomeScreen(Screen[None]):
    """The empty store's first screen."""

    BINDINGS: ClassVar[list[BindingType]] = [*WELCOME_BINDINGS]

    DEFAULT_CSS = """
    WelcomeScreen #welcome {
        width: auto;
        max-width: 80;
        border: round $accent;
        padding: 1 2;
    }
    """

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(welcome_text(), id="welcome")
        yield StatusLine()
        yield Footer()

    class SampleWanted(Message):
        """The reader asked for the bundled sample."""

    def action_open_sample(self) -> None:
        self.post_message(self.SampleWanted())
