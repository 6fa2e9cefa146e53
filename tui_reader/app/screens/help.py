"""Every key of the reader, as currently mapped, and the status line's whole message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.app.keys import key_table
from tui_reader.app.widgets.ascii_mode import use_ascii_scrollbars


def keys_renderable(keymap: Mapping[str, str], ascii: bool = False) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("Keys", no_wrap=True)
    table.add_column("Does")
    table.add_column(Text("Id in [keys]"), style="dim", no_wrap=True)
    table.add_column("Where", style="dim", no_wrap=True)
    for binding_id, keys, description, where in key_table(keymap, ascii):
        table.add_row(Text(keys, style="bold"), Text(description), Text(binding_id), Text(where))
    return table


class HelpScreen(ModalScreen[None]):
    """The status line's message in full, then a scrollable table of keys; escape, q or ? closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", show=False)
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-style: bold;
        padding: 0 1;
        background: $surface;
    }
    HelpScreen Static {
        width: 1fr;
    }
    HelpScreen #status {
        margin-bottom: 1;
    }
    """

    def __init__(self, keymap: Mapping[str, str], ascii: bool = False, status: str = "") -> None:
        super().__init__()
        self.keymap = keymap
        self.ascii = ascii
        self.status = status

    def compose(self) -> ComposeResult:
        scroller = VerticalScroll()
        scroller.border_title = Text("Keys (escape closes; remap them in [keys] of config.toml)")
        with scroller:
            if self.status:
                status = Text("Status: ", style="bold")
                status.append(self.status)
                yield Static(status, id="status")
            yield Static(keys_renderable(self.keymap, self.ascii))

    def on_mount(self) -> None:
        if self.ascii:
            use_ascii_scrollbars(self.query_one(VerticalScroll))

    def action_close(self) -> None:
        self.dismiss(None)
