"""The limits of an attempt, each measured in a fresh interpreter (so that its
peak RSS is the call's own): a body trickled two bytes a second ends within the
timeout, sync and on both async transports; a 300 MB body with or without a
Content-Length, and a 200 KB gzip body that inflates to 200 MB, end in
ResponseTooLargeError with the process's peak RSS grown by little more than the
32 MiB cap (before the cap: 601 MB and 614 MB)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from anthropic_models import DEFAULT_MAX_RESPONSE_BYTES

from ..hostile_server import HostileServer, bomb
from .report import REPORT

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 1.0
SLACK = 2.0  # scheduling slack on a loaded machine of 2 cores
MIB = 2**20
# The body held up to the cap, plus one decoded chunk (at most about 1 MiB) and
# the allocator's rounding: far below the hundreds of MB the bodies would take.
MEMORY_BOUND = DEFAULT_MAX_RESPONSE_BYTES + 16 * MIB


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    bomb()  # compressed once, before anything is timed
    with HostileServer() as served:
        yield served


def probe(server: HostileServer, behaviour: str, transport: str) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.hardening.limits_probe",
            server.base_url,
            behaviour,
            transport,
            str(TIMEOUT),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("transport", ["sync", "httpx", "aiohttp"])
def test_a_trickled_body_ends_in_api_timeout_error_within_the_timeout(
    server: HostileServer, transport: str
) -> None:
    result = probe(server, "trickle", transport)
    REPORT.count_case("5. limits")
    REPORT.limits[f"trickle 2 B/s, {transport}"] = (
        f"{result['outcome']} after {result['elapsed']:.2f} s (timeout {TIMEOUT} s)"
    )
    assert result["outcome"] == "APITimeoutError"
    assert TIMEOUT * 0.9 <= result["elapsed"] < TIMEOUT + SLACK


@pytest.mark.parametrize(
    ("behaviour", "transport"),
    [
        ("big-length", "sync"),
        ("big-chunked", "sync"),
        ("big-chunked", "aiohttp"),
        ("bomb", "sync"),
        ("bomb", "httpx"),
        ("bomb", "aiohttp"),
    ],
)
def test_an_oversized_body_ends_in_response_too_large_error_within_the_memory_bound(
    server: HostileServer, behaviour: str, transport: str
) -> None:
    result = probe(server, behaviour, transport)
    what = {
        "big-length": "300 MB, Content-Length",
        "big-chunked": "300 MB, chunked",
        "bomb": f"gzip bomb {len(bomb()) // 1000} KB -> 200 MB",
    }[behaviour]
    REPORT.count_case("5. limits")
    REPORT.limits[f"{what}, {transport}"] = (
        f"{result['outcome']}, peak RSS +{result['rss_growth'] / MIB:.1f} MiB "
        f"(cap {DEFAULT_MAX_RESPONSE_BYTES // MIB} MiB)"
    )
    assert result["outcome"] == "ResponseTooLargeError"
    assert result["rss_growth"] < MEMORY_BOUND
