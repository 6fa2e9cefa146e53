"""The reader in a browser: textual-serve runs one reader process per browser tab.

Only `warday serve` imports this module, so the reader and the other commands never load the
web server. textual-serve has no password or token: safety comes from listening on loopback
(reach it from elsewhere through an SSH tunnel) and from refusing pages of other sites.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

STOP_SECONDS = 10.0
"""How long readers get to close when the server stops, before they are ended."""

PAGE_HEAD = """<head>
    <title>warday</title>
    <style>
      @font-face {
        font-family: "Roboto Mono";
        font-weight: 100 700;
        src: url("static/fonts/RobotoMono-VariableFont_wght.ttf");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        font-weight: 100 700;
        src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf");
      }
    </style>
    <script>
      // The reader names the day it shows in the terminal's title (OSC 2): the tab shows it too.
      (() => {
        const titles = /\\x1b\\]2;([^\\x07\\x1b]*)(?:\\x07|\\x1b\\\\)/g;
        const decoder = new TextDecoder();
        window.WebSocket = class extends window.WebSocket {
          constructor(...args) {
            super(...args);
            this.addEventListener("message", (event) => {
              if (typeof event.data === "string") return;
              for (const match of decoder.decode(event.data).matchAll(titles)) {
                document.title = match[1];
              }
            });
          }
        };
      })();
    </script>"""
"""What the page's head gains over textual-serve's: a title that follows the reader, and the
font textual-serve ships (instead of a stylesheet from a font service on the internet)."""

FONT_SERVICE = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")


def is_loopback(host: str) -> bool:
    """`127.0.0.1`, `::1`, `localhost` and the like: reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ReaderServer(Server):
    """textual-serve's server with warday's page, plain output and a clean stop.

    - The page is textual-serve's own with a title, and its addresses follow the address the
      browser used (an SSH tunnel may use another port).
    - A tab's connection is refused when it comes from a page of another site, or, on loopback,
      through a name that is not a loopback one (DNS rebinding).
    - Stopping (ctrl+c) asks every tab's reader to quit, waits for it, and ends any that does not.
    """

    def __init__(
        self, command: str, host: str, port: int, on_ready: Callable[[], None] | None = None
    ) -> None:
        super().__init__(command, host=host, port=port, title="warday")
        self.on_ready = on_ready
        self.sessions: dict[AppService, web.WebSocketResponse] = {}
        """The reader of each open tab, with the tab's connection."""

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c or SIGTERM; a port already in use raises OSError."""
        logging.basicConfig(level=logging.WARNING, format="warday serve: %(message)s")
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            print=self.ready,
            access_log=None,
            shutdown_timeout=STOP_SECONDS,
        )

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print yet: `on_ready` speaks once the port is open."""

    def ready(self, _banner: str) -> None:
        """The port is open (aiohttp's own banner is left out)."""
        if self.on_ready is not None:
            self.on_ready()

    def refusal(self, request: web.Request) -> str | None:
        """Why this request may not reach a reader, or None."""
        host = request.url.host or ""
        if is_loopback(self.host) and not is_loopback(host):
            return f"this server answers only to loopback names, not {host!r}"
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            return f"a page of {origin} may not open a reader"
        return None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page, with warday's title, pointing at the address the browser used."""
        if reason := self.refusal(request):
            raise web.HTTPForbidden(text=reason)
        root = f"{request.scheme}://{request.host}"
        websocket = request.app.router["websocket"].url_for()
        context = {
            "font_size": _whole_number(request.query.get("fontsize"), 16),
            "app_websocket_url": f"{'wss' if request.secure else 'ws'}://{request.host}{websocket}",
            "config": {"static": {"url": f"{root}/static/"}},
            "application": {"name": self.title},
        }
        page = aiohttp_jinja2.render_string("app_index.html", request, context)
        page = FONT_SERVICE.sub("", page.replace("<head>", PAGE_HEAD, 1))
        return web.Response(text=page, content_type="text/html")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if reason := self.refusal(request):
            raise web.HTTPForbidden(text=reason)
        return await super().handle_websocket(request)

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """A tab's whole life: its reader is known from here until it has quit.

        Stopping the server closes the tabs' connections first: a reader is still known then,
        so `on_shutdown` can end it if it does not quit.
        """
        self.sessions[app_service] = websocket
        try:
            await super()._process_messages(websocket, app_service)
        finally:
            await app_service.stop()
            self.sessions.pop(app_service, None)

    async def on_shutdown(self, app: web.Application) -> None:
        """Ask every reader to quit, end those still running after STOP_SECONDS, close tabs."""
        sessions = dict(self.sessions)
        if not sessions:
            return
        stopping = [asyncio.ensure_future(service.stop()) for service in sessions]
        await asyncio.wait(stopping, timeout=STOP_SECONDS)
        for service in sessions:
            process = service._process  # textual-serve keeps the process to itself
            if process is None:
                continue
            try:
                await asyncio.wait_for(process.wait(), timeout=1)
            except TimeoutError:
                process.kill()
                await process.wait()
        for websocket in sessions.values():
            await websocket.close()


def _whole_number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def serve_reader(
    command: str, host: str, port: int, on_ready: Callable[[], None] | None = None
) -> None:
    """Serve the reader run by `command` (a shell command line) at host:port until stopped."""
    ReaderServer(command, host, port, on_ready).serve()
