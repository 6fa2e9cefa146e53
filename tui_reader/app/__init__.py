"""The Textual reader. Textual is imported only when the reader runs, so the rest stays fast."""

from __future__ import annotations

import gc
import locale
import sys

from tui_reader.config import Config
from tui_reader.places import Places
from tui_reader.store import Store


def wants_ascii(config: Config) -> bool:
    """`ascii = true/false` from config, or ASCII when the terminal's encoding is not UTF-8."""
    if config.ascii is not None:
        return config.ascii
    encoding = getattr(sys.stdout, "encoding", None) or locale.getpreferredencoding(False)
    return not encoding.lower().replace("-", "").startswith("utf")


def run_reader(places: Places, config: Config, store: Store, day: int | None) -> int:
    """Run the reader until the user quits (0), or the store fails (1, with a plain message).

    Python's cycle collector is off until the first frame is on the screen (the app turns it on
    again): starting Textual makes objects enough to run it dozens of times, a tenth of the time
    to the first frame, though they are nearly all kept.
    """
    gc.disable()
    from tui_reader.app.app import WardayApp

    app = WardayApp(places, config, store, day, ascii=wants_ascii(config))
    try:
        app.run(mouse=config.mouse)
    finally:
        gc.enable()
        app.stop_sync()
        app.keep_unsaved()
        if app.unsaved_note:
            print(app.unsaved_note, file=sys.stderr)
    return app.return_code or 0
