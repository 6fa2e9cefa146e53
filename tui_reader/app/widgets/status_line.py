"""One line above the footer for what a background fetch is doing; hidden when there is nothing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui_reader.webtext import safe_line


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: auto;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
        display: none;
        &.-shown {
            display: block;
        }
    }
    """

    def on_mount(self) -> None:
        self.say(getattr(self.app, "status_text", ""))

    def say(self, message: str) -> None:
        """Show `message` (plain text), or hide the line when it is empty."""
        self.update(Text(safe_line(message)))
        self.set_class(bool(message), "-shown")
