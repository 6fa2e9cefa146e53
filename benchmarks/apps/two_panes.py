"""Baseline: two panes side by side whose text changes on a key. `p` shows the next text (older
day), `n` the one before, `q` quits.

    python two_panes.py TEXTS.json    # [[left text, right text], ...]
"""

import json
import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class TwoPanes(App[None]):
    CSS = "Static { width: 1fr; height: 1fr; padding: 0 1; }"
    BINDINGS = [("p", "move(1)"), ("n", "move(-1)"), ("q", "quit")]

    def __init__(self, texts: list[list[str]]) -> None:
        super().__init__()
        self.texts = texts
        self.index = 0

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(self.texts[0][0], id="left", markup=False)
            yield Static(self.texts[0][1], id="right", markup=False)

    def action_move(self, step: int) -> None:
        self.index = max(0, min(self.index + step, len(self.texts) - 1))
        left, right = self.texts[self.index]
        self.query_one("#left", Static).update(left)
        self.query_one("#right", Static).update(right)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        TwoPanes(json.load(file)).run()
