"""`warday serve`: the same reader in a browser, one reader per tab, on this store."""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import socket
import sys

from rich.text import Text

from tui_reader.cli.session import FAILED, OK, USAGE, AddCommand, Session
from tui_reader.places import HOME_VARIABLE

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8022
TUNNEL = f"ssh -L {DEFAULT_PORT}:127.0.0.1:{DEFAULT_PORT} HOST"


def port_argument(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 1 to 65535, not {text!r}")
    return int(text)


def reader_command(session: Session, home: str | None) -> str:
    """The shell command textual-serve runs for each tab: this warday, on this store and config.

    UTF-8 mode, because the terminal in the page always is UTF-8 whatever this machine's locale.
    """
    reader = [sys.executable, "-X", "utf8", "-m", "tui_reader"]
    if home:
        reader += ["--home", str(session.places.config_dir.parent)]
    return "exec " + shlex.join([*reader, "open"])


def page_address(host: str, port: int) -> str:
    """The address to open: this machine's name when listening on every interface."""
    if host in {"", "0.0.0.0", "::"}:
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def cmd_serve(args: argparse.Namespace, session: Session) -> int:
    from tui_reader.web import is_loopback, serve_reader

    host, port = args.host, args.port
    if not is_loopback(host) and not args.public:
        session.say(
            f"warday serve: {host} is reachable from other machines, and anyone who reaches it"
            " reads and rates as you; add --public to do it anyway, or keep 127.0.0.1 and use"
            f" an SSH tunnel ({TUNNEL})."
        )
        return USAGE
    session.store  # noqa: B018 - a bad config or store stops here, not in every tab
    url = page_address(host, port)
    if not is_loopback(host):
        session.say(
            f"warning: anyone who can reach port {port} of this machine reads and rates as you"
            f" (there is no password). An SSH tunnel is safer: {TUNNEL}"
        )

    def ready() -> None:
        session.out.print(Text(f"Serving warday at {url} (each browser tab is a reader)"))
        session.out.print(Text("Press ctrl+c to stop."))
        if args.open:
            open_in_browser(session, url)

    home = args.home or os.environ.get(HOME_VARIABLE)
    try:
        serve_reader(reader_command(session, home), host, port, ready)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            session.say(f"warday: port {port} is already in use; pick another with --port.")
        else:
            reason = error.strerror or str(error)
            session.say(f"warday: cannot listen on {host} port {port} ({reason}).")
        return FAILED
    session.out.print(Text("Stopped; every tab's reader is closed."))
    return OK


def open_in_browser(session: Session, url: str) -> None:
    from tui_reader.browser import browser_here

    if browser_here():
        import webbrowser

        if webbrowser.open(url):
            return
    session.say(f"No web browser can be opened from here; open {url} in one.")


def register(add: AddCommand) -> None:
    sub = add("serve", cmd_serve, "serve the reader to a web browser (one reader per tab)")
    sub.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    sub.add_argument(
        "--port",
        type=port_argument,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT})",
    )
    sub.add_argument(
        "--public",
        action="store_true",
        help="allow a --host that other machines reach: anyone who reaches it reads and rates"
        " as you",
    )
    sub.add_argument("--open", action="store_true", help="open the page in a web browser")
