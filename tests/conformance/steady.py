"""Run steady, the OpenAPI mock server the official Anthropic SDKs are tested
against, on our spec: 127.0.0.1, an ephemeral port, started and stopped by the
tests. steady reports in each response's ``x-steady-error-count`` header how many
ways the request broke the spec."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "openapi.yaml"
# Pinned: steady's diagnostics and generated responses are part of what the tests
# assert. `npm exec --yes` fetches it from the npm registry on first use.
STEADY_PACKAGE = "@stdy/cli@0.22.2"
# The first run may download the package; later runs start in about a second.
START_TIMEOUT = 180.0
# How steady reads array query parameters (the list's `lifecycle[]`). "auto"
# (steady's default) reads the spec's style/explode; "brackets" is how the
# official SDKs' own tests run it, for a spec that names the parameter without
# the brackets. Measured with steady 0.22.2 on our spec, which names it
# `lifecycle[]` (see openapi.yaml): both modes pass the SDK's form and flag the
# repeated `lifecycle=a&lifecycle=b`; only "auto" also counts the values (4 are
# an "Array size violation"); neither checks the values against the enum.
QUERY_ARRAY_FORMATS = ("auto", "brackets")


def steady_command(*args: str) -> list[str]:
    return [
        "npm",
        "exec",
        "--yes",
        f"--package={STEADY_PACKAGE}",
        "--",
        "steady",
        *args,
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_steady(query_array_format: str = "brackets") -> Iterator[str]:
    """Serve openapi.yaml with steady; yield its base URL; stop it afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        steady_command(
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--quiet",
            f"--validator-query-array-format={query_array_format}",
            str(SPEC),
        ),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # npm starts steady as a child: stop the group
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(
                    f"steady exited with {process.returncode}:\n{output}"
                )
            try:
                httpx.get(f"{base_url}/v1/models", timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("steady did not start in time") from None
                time.sleep(0.2)
        yield base_url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
