"""The limits of an attempt, each measured in a fresh interpreter (so that its
peak RSS is the call's own): a body trickled two bytes a second ends within the
timeout, sync and on both async transports; a 300 MB body with or without a
Content-Length, and a 200 KB gzip body that inflates to 200 MB, end in
ResponseTooLargeError with the process's peak RSS grown by little more than the
32 MiB cap (before the cap: 601 MB and 614 MB), and so do bombs of two and
three layers (``gzip, gzip``, ``deflate, gzip``, ``gzip, gzip, gzip``), which
httpx's own decoders inflated in full, chunk by chunk, before the cap saw them
(issue 19: before the layer-by-layer decoding, +382 MiB for 200 MB, on
every transport, and over httpx's pool an APITimeoutError)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from anthropic_models import DEFAULT_MAX_RESPONSE_BYTES

from ..hostile_server import HostileServer, bomb, layered_bomb
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
    for encodings in (("gzip", "gzip"), ("gzip", "gzip", "gzip"), ("deflate", "gzip")):
        layered_bomb(encodings)
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
        ("bomb-gzip.gzip", "sync"),
        ("bomb-gzip.gzip", "httpx"),
        ("bomb-gzip.gzip", "aiohttp"),
        ("bomb-gzip.gzip.gzip", "sync"),
        ("bomb-gzip.gzip.gzip", "httpx"),
        ("bomb-gzip.gzip.gzip", "aiohttp"),
        ("bomb-deflate.gzip", "sync"),
    ],
)
def test_an_oversized_body_ends_in_response_too_large_error_within_the_memory_bound(
    server: HostileServer, behaviour: str, transport: str
) -> None:
    result = probe(server, behaviour, transport)
    if behaviour.startswith("bomb-"):
        encodings = behaviour.removeprefix("bomb-").split(".")
        sent = len(layered_bomb(tuple(encodings)))
        what = f"{', '.join(encodings)} bomb {sent} B -> 200 MB"
    else:
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
    if behaviour.startswith("bomb-"):  # issue 19, measured before the fix
        REPORT.limits[f"{what}, {transport}"] += (
            " (before the fix: +382 MiB"
            + (", and APITimeoutError" if transport == "httpx" else "")
            + ")"
        )
    assert result["outcome"] == "ResponseTooLargeError"
    assert result["rss_growth"] < MEMORY_BOUND


# What parsing a body may cost, at most, as a multiple of its size: the README
# states it. The costliest JSON per byte is a list of `[[]]` (two empty lists,
# 56 bytes each and a pointer, for five bytes): about 33 times its size for
# json.loads, plus the body itself, held while it is parsed. Real pages cost far
# less (strings and numbers are cheap per byte).
PARSE_MULTIPLE = 40
PARSED = 4 * MIB


def test_parsing_the_costliest_body_stays_within_the_stated_multiple(
    server: HostileServer,
) -> None:
    result = probe(server, f"nested-{PARSED}", "sync")
    REPORT.count_case("5. limits")
    REPORT.limits[f"{PARSED // MIB} MiB of nested empty lists, parsed, sync"] = (
        f"{result['outcome']}, peak RSS +{result['rss_growth'] / MIB:.1f} MiB "
        f"({result['rss_growth'] / PARSED:.1f}x the body; README: at most "
        f"{PARSE_MULTIPLE}x)"
    )
    assert result["outcome"] == "ResponseValidationError"  # not a model
    assert result["rss_growth"] < PARSE_MULTIPLE * PARSED
