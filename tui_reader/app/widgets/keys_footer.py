"""The footer: Textual's, drawn with the first frame and composed again only when its keys change.

Textual's footer waits for the screen's first refresh before it lists any key, so the reader's
first frame came without them, and it builds its keys again whenever the bindings might have
changed (every change of focus), though the keys it shows rarely do.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool], ...]
"""(key, action, description, enabled) of each key the footer shows."""


class KeysFooter(Footer):
    # The screen's bindings are known when the footer is composed: the reader's screen-level
    # keys do not depend on which widget has focus.
    _bindings_ready = reactive(True, repaint=False)

    def __init__(self, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: Shown | None = None

    def compose(self) -> ComposeResult:
        """Textual's keys, each made in the footer's style (compact or not) at once: a key made
        compact and then set to the footer's style is restyled twice as it mounts."""
        self._shown = shown_keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Textual binds every key's style to the footer's but the command palette's,
                # which stays compact.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Compose the keys again if the keys shown change."""
        if shown_keys(screen) != self._shown:
            super().bindings_changed(screen)


def shown_keys(screen: Screen[object]) -> Shown:
    return tuple(
        (active.binding.key, active.binding.action, active.binding.description, active.enabled)
        for active in screen.active_bindings.values()
        if active.binding.show
    )
