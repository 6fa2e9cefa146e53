"""The go-to prompt: type a day number, enter jumps, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class GoToScreen(ModalScreen[int | None]):
    """Asks for a day number; dismisses with it, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = """
    GoToScreen {
        align: center middle;
    }
    GoToScreen > Vertical {
        width: 44;
        max-width: 100%;
        height: auto;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    GoToScreen Input {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Go to day (enter jumps, escape cancels)")
            yield Input(placeholder="day number", type="integer", max_length=6, id="day")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip().lstrip("+")
        self.dismiss(int(value) if value.isdigit() and int(value) > 0 else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
