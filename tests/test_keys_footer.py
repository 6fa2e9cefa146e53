"""The footer lists its keys from the first frame on, and is built again only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from tui_reader.app.widgets.keys_footer import KeysFooter


class Keys(App[None]):
    BINDINGS = [Binding("n", "next", "Next day"), Binding("p", "prev", "Prev day")]

    def __init__(self) -> None:
        super().__init__()
        self.keys_when_mounted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield KeysFooter()

    def on_mount(self) -> None:
        footer = self.query_one(KeysFooter)
        self.keys_when_mounted = [key.key for key in footer.query("FooterKey")]


async def test_the_footer_lists_its_keys_when_it_is_mounted():
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.keys_when_mounted[:2] == ["n", "p"]


async def test_moving_the_focus_does_not_build_the_footer_again():
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        first = list(app.query("FooterKey"))
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert list(app.query("FooterKey")) == first, "the same key widgets"
