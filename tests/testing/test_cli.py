"""`python -m anthropic_models.testing`: serves until interrupted, exits 0."""

from __future__ import annotations

import queue
import shlex
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import IO

import httpx
import pytest

from .helpers import NO_TLS, VERSION

STARTUP_TIMEOUT = 15.0  # a cold interpreter on a busy CI machine


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def _announced(process: subprocess.Popen[str]) -> dict[str, str]:
    """The `export KEY=VALUE` lines the CLI prints before serving (read with a
    timeout), as a shell would read them."""
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    announced: dict[str, str] = {}
    while "ANTHROPIC_API_KEY" not in announced:
        try:
            line = lines.get(timeout=STARTUP_TIMEOUT)
        except queue.Empty:
            pytest.fail("the CLI printed no base URL and key in time")
        words = shlex.split(line, comments=True)
        if not words:
            continue
        assert words[0] == "export", line
        for word in words[1:]:
            name, _, value = word.partition("=")
            announced[name] = value
    return announced


@pytest.fixture
def run_cli() -> Iterator[list[subprocess.Popen[str]]]:
    """Started processes, killed at the end if a test left one running."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)


def _start(run_cli: list[subprocess.Popen[str]], *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "anthropic_models.testing", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    run_cli.append(process)
    return process


def test_the_cli_serves_the_default_catalogue_until_ctrl_c(
    run_cli: list[subprocess.Popen[str]],
) -> None:
    process = _start(run_cli)
    announced = _announced(process)
    base_url = announced["ANTHROPIC_BASE_URL"]
    assert base_url.startswith("http://127.0.0.1:")
    assert announced["ANTHROPIC_API_KEY"] == "test-api-key"
    headers = {"x-api-key": "test-api-key", "anthropic-version": VERSION}
    with httpx.Client(
        base_url=base_url, headers=headers, verify=NO_TLS, timeout=5
    ) as client:
        page = client.get("/v1/models").json()
        assert len(page["data"]) == 9
        model = client.get("/v1/models/claude-sonnet-4-5").json()
        assert model["id"] == "claude-sonnet-4-5-20250929"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    assert process.stderr is not None
    assert process.stderr.read() == ""  # quiet: no traceback, no access log


def test_the_cli_takes_a_key_and_a_synthetic_catalogue_and_stops_on_sigterm(
    run_cli: list[subprocess.Popen[str]],
) -> None:
    process = _start(run_cli, "--api-key", "sk-ant-cli", "--models", "1500")
    announced = _announced(process)
    assert announced["ANTHROPIC_API_KEY"] == "sk-ant-cli"
    with httpx.Client(
        base_url=announced["ANTHROPIC_BASE_URL"],
        headers={"x-api-key": "sk-ant-cli", "anthropic-version": VERSION},
        verify=NO_TLS,
        timeout=5,
    ) as client:
        page = client.get("/v1/models", params={"limit": 1000}).json()
        assert len(page["data"]) == 1000
        assert page["has_more"] is True
        assert page["first_id"] == "claude-synthetic-000001"
        rejected = client.get("/v1/models", headers={"x-api-key": "test-api-key"})
        assert rejected.status_code == 401
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert process.stderr is not None
    assert process.stderr.read() == ""


def test_the_cli_rejects_a_negative_catalogue_size(
    run_cli: list[subprocess.Popen[str]],
) -> None:
    process = _start(run_cli, "--models", "-1")
    assert process.wait(timeout=STARTUP_TIMEOUT) == 2
    assert process.stderr is not None
    assert "--models" in process.stderr.read()


def test_the_cli_prints_export_lines_a_shell_reads_back_whatever_the_key(
    run_cli: list[subprocess.Popen[str]],
) -> None:
    key = "sk-ant it's $HOME"  # a space, a quote, a dollar: quoted, not expanded
    process = _start(run_cli, "--api-key", key)
    announced = _announced(process)  # also checks each line starts with export
    assert announced["ANTHROPIC_API_KEY"] == key
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0


def test_the_cli_on_a_busy_port_says_so_on_one_line(
    run_cli: list[subprocess.Popen[str]],
) -> None:
    # Before: a Python traceback ending in "OSError: [Errno 98] Address already
    # in use", exit status 1.
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        process = _start(run_cli, "--port", str(port))
        assert process.wait(timeout=STARTUP_TIMEOUT) == 1
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read() == ""
    stderr = process.stderr.read()
    assert stderr.startswith(
        f"python -m anthropic_models.testing: error: cannot listen on "
        f"127.0.0.1:{port}: "
    )
    assert stderr.count("\n") == 1 and stderr.endswith("\n")
