"""The reader over a real SSH session on loopback (sshd started by the test, in tmux)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import WARDAY, Terminal, terminal_env

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
pytestmark = pytest.mark.skipif(
    not (Path(SSHD).exists() and shutil.which("ssh") and shutil.which("tmux")),
    reason="needs sshd, ssh and tmux",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An sshd on 127.0.0.1 that lets this user in with a key made for the test."""
    keys = tmp_path / "ssh"
    keys.mkdir(mode=0o700)
    for name in ("host", "user"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys / name], check=True
        )
    (keys / "authorized_keys").write_text((keys / "user.pub").read_text())
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {keys / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nPermitRootLogin prohibit-password\nPrintMotd no\nPrintLastLog no\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True) if os.geteuid() == 0 else None
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as client:
            if client.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield port, keys / "user"
    server.terminate()
    server.wait(timeout=10)


def test_read_and_rate_over_ssh(sshd, home: Path, fixtures: Path, tmp_path: Path):
    port, key = sshd
    env = terminal_env(home)
    subprocess.run(
        [WARDAY, "import", str(fixtures / "text")], env=env, capture_output=True, check=True
    )
    config = home / "config" / "config.toml"
    config.write_text(
        config.read_text()
        .replace("sync_on_start = true", "sync_on_start = false")
        .replace("mouse = true", "mouse = false")
    )
    remote = f"env WARDAY_HOME={home} LANG=C.UTF-8 {WARDAY} 993"
    ssh = (
        f"ssh -t -p {port} -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
        f" -o LogLevel=ERROR 127.0.0.1 '{remote}'; echo SSH-EXIT=$?"
    )
    terminal = Terminal(f"warday-ssh-{os.getpid()}-{tmp_path.name}", env)
    try:
        terminal.start(ssh, 80, 24)
        terminal.wait_for("Day 993", "North Korea ratifies", "Five Ukrainian tanks")
        terminal.keys("3")
        terminal.wait_for("Day 993 rated 3/5")
        terminal.keys("q")
        after = terminal.wait_for("SSH-EXIT=0")
        assert "Day 993" not in after, "the alternate screen was left behind"
    finally:
        terminal.close()
    listed = subprocess.run(
        [WARDAY, "list", "--json"], env=env, capture_output=True, text=True, check=True
    )
    assert {row["day"]: row["rating"] for row in json.loads(listed.stdout)}[993] == 3
