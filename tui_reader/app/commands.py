"""Every key's action as a command in the palette (ctrl+p), with its key shown beside it."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_reader.app.keys import APP_BINDINGS, shown_keys


class KeyCommands(Provider):
    """The bindings of the screen the palette was opened from, and the app's own."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """(title, action, help) for each binding that works here."""
        keymap = getattr(self.app, "keymap", {})
        screen_bindings: list[Binding] = list(getattr(self.screen, "BINDINGS", []))
        found = []
        for binding in [*screen_bindings, *APP_BINDINGS]:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            owner = "app" if binding in APP_BINDINGS else "screen"
            keys = shown_keys(keymap.get(binding.id, binding.key))
            found.append((binding.description, f"{owner}.{binding.action}", f"key: {keys}"))
        return found

    def _run(self, action: str) -> None:
        target = self.screen if action.startswith("screen.") else self.app
        self.app.call_later(target.run_action, action.partition(".")[2])

    async def discover(self) -> Hits:
        for title, action, help in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), text=title, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, action),
                    text=title,
                    help=help,
                )
