"""Baseline: the smallest Textual app, one line of text. `q` quits.

The line sits at the bottom, so the screen shows it only once the whole first frame is written
(a frame is written top to bottom).
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "A minimal Textual app showing one line"


class OneLine(App[None]):
    CSS = "Static { dock: bottom; }"
    BINDINGS = [("q", "quit")]

    def compose(self) -> ComposeResult:
        yield Static(TEXT)


if __name__ == "__main__":
    OneLine().run()
