"""One row above the footer for what a background fetch is doing; hidden when there is nothing.

A message longer than the row ends in an ellipsis; the `?` screen shows it whole, and so does a
click on the line.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui_reader.webtext import safe_line


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $boost;
        color: $text-muted;
        display: none;
        &.-shown {
            display: block;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.message = ""

    def on_mount(self) -> None:
        self.say(getattr(self.app, "status_text", ""))

    def say(self, message: str) -> None:
        """Show `message` (plain text) on one row, or hide the line when it is empty."""
        self.message = message
        self.update(Text(safe_line(message)))
        self.set_class(bool(message), "-shown")

    def on_click(self) -> None:
        if self.message:
            self.notify(self.message, markup=False)
