"""`warday serve` as a process: its page, who may open a reader, ctrl+c, bad hosts and ports."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from served import Served, alive, free_port
from terminal import WARDAY, terminal_env

from tui_reader.config import load_config, save_setting
from tui_reader.places import resolve_places
from tui_reader.sample import store_sample
from tui_reader.store import Store


@pytest.fixture
def quiet_home(home: Path) -> Path:
    """A home holding the sample day, with no fetching when a reader opens."""
    places = resolve_places(home)
    places.create()
    load_config(places.config_file)
    save_setting(places.config_file, "sync_on_start", False)
    with Store(places.database) as store:
        store_sample(store)
    return home


@pytest.fixture
def served(quiet_home: Path) -> Iterator[Served]:
    server = Served(quiet_home)
    yield server
    server.stop()


async def open_tab(http: aiohttp.ClientSession, served: Served) -> aiohttp.ClientWebSocketResponse:
    """What a tab does: connect, then wait for its reader's first screen."""
    tab = await http.ws_connect(f"{served.url}ws?width=100&height=30")
    while True:
        message = await asyncio.wait_for(tab.receive(), 20)
        if message.type == aiohttp.WSMsgType.BINARY and b"Day 993" in message.data:
            return tab


async def closed(tab: aiohttp.ClientWebSocketResponse) -> None:
    """Read the tab's last screens until the server closes it."""
    async for _message in tab:
        pass


async def test_the_page_is_titled_and_loads_nothing_from_the_internet(served: Served):
    async with aiohttp.ClientSession() as http, http.get(served.url) as response:
        page = await response.text()
    assert response.status == 200
    assert "<title>warday</title>" in page
    assert f'"ws://127.0.0.1:{served.port}/ws"' in page
    assert "googleapis" not in page
    assert "https://" not in page


async def test_the_page_follows_the_address_the_browser_used(served: Served):
    """An SSH tunnel may arrive through another port or name: the page points back at it."""
    headers = {"Host": "localhost:9000"}
    async with aiohttp.ClientSession() as http, http.get(served.url, headers=headers) as response:
        page = await response.text()
    assert '"ws://localhost:9000/ws"' in page
    assert "http://localhost:9000/static/js/textual.js" in page


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Origin": "http://evil.example"}, id="another-site"),
        pytest.param({"Host": "evil.example"}, id="rebound-name"),
    ],
)
async def test_pages_of_other_sites_open_no_reader(served: Served, headers: dict[str, str]):
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"{served.url}ws", headers=headers)
        async with http.get(served.url, headers=headers) as page:
            assert page.status == 403
    assert refused.value.status == 403
    assert served.readers() == set()


async def test_a_closed_tab_ends_its_reader(served: Served):
    async with aiohttp.ClientSession() as http:
        tab = await open_tab(http, served)
        [reader] = served.wait_for_readers(1)
        await tab.close()
        served.wait_for_readers(0)
    assert not alive(reader)


@pytest.mark.parametrize(
    "group",
    [
        pytest.param(False, id="to-the-server"),
        pytest.param(True, id="to-the-terminal-s-process-group"),
    ],
)
async def test_ctrl_c_stops_the_server_and_every_tabs_reader(quiet_home: Path, group: bool):
    """ctrl+c in a terminal reaches the server and its readers at once; a plain SIGINT reaches
    the server alone. Either way every reader ends, and no process is left behind."""
    served = Served(quiet_home, own_group=group)
    try:
        async with aiohttp.ClientSession() as http:
            tabs = [await open_tab(http, served), await open_tab(http, served)]
            readers = served.wait_for_readers(2)
            code = await asyncio.to_thread(served.interrupt, group, 15)
            for tab in tabs:
                await asyncio.wait_for(closed(tab), 10)
        assert code == 0
        assert not any(alive(reader) for reader in readers)
        assert "Stopped; every tab's reader is closed." in served.rest()
    finally:
        served.stop()


async def test_ctrl_c_ends_a_reader_that_does_not_answer(served: Served):
    """A reader stopped dead (SIGSTOP) cannot quit when asked: the server ends it, and exits."""
    async with aiohttp.ClientSession() as http:
        await open_tab(http, served)
        [reader] = served.wait_for_readers(1)
        os.kill(reader, signal.SIGSTOP)
        code = await asyncio.to_thread(served.interrupt, False, 30)
    assert code == 0
    assert not alive(reader)


def test_open_shows_the_page_in_the_browser(quiet_home: Path, tmp_path: Path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {opened}\n')
    browser.chmod(0o755)
    served = Served(quiet_home, "--open", env={"BROWSER": str(browser)})
    try:
        served.interrupt()
    finally:
        served.stop()
    assert opened.read_text() == served.url + "\n"


def test_open_without_a_browser_says_where_to_go(quiet_home: Path):
    served = Served(quiet_home, "--open", env={"BROWSER": "", "DISPLAY": ""})
    try:
        served.interrupt()
        said = served.rest()
    finally:
        served.stop()
    assert f"No web browser can be opened from here; open {served.url} in one." in said


def test_a_host_other_machines_reach_needs_public(warday):
    result = warday("serve", "--host", "0.0.0.0")
    assert result.code == 2
    assert "anyone who reaches it reads and rates as you" in result.err
    assert "--public" in result.err
    assert "ssh -L 8022:127.0.0.1:8022" in result.err


def test_public_warns_before_listening(warday):
    """192.0.2.1 is a documentation address no machine has, so nothing listens anywhere."""
    result = warday("serve", "--host", "192.0.2.1", "--public", "--port", str(free_port()))
    assert result.code == 1
    assert "anyone who can reach port" in result.err
    assert "reads and rates as you (there is no password)" in result.err
    assert "warday: cannot listen on 192.0.2.1 port" in result.err


def test_a_port_in_use_is_one_sentence(quiet_home: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [WARDAY, "serve", "--port", str(port)],
            env=terminal_env(quiet_home),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == f"warday: port {port} is already in use; pick another with --port.\n"
    assert done.stdout == ""


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_port_is_a_number_from_1_to_65535(warday, port: str):
    result = warday("serve", "--port", port)
    assert result.code == 2
    assert "a port is a number from 1 to 65535" in result.err
