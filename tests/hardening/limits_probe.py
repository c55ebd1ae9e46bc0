"""Run in a fresh interpreter by ``test_limits.py``: one ``get`` against the
hostile server, and one JSON line on stdout saying how it ended, how long it
took, and how much the process's peak RSS grew during the call.

    python -m tests.hardening.limits_probe BASE_URL BEHAVIOUR sync|httpx|aiohttp TIMEOUT
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from anthropic_models import AsyncClient, Client, DefaultAioHttpClient

from .support import KEY


def _peak_rss_bytes() -> int:
    # VmHWM, this process's own peak: ru_maxrss would not do, Linux carries a
    # parent's peak over fork and exec into it (and pytest's is higher).
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # in kB
    raise AssertionError("no VmHWM in /proc/self/status")


async def _get_async(
    base_url: str, model_id: str, transport: str, timeout: float
) -> None:
    http = DefaultAioHttpClient() if transport == "aiohttp" else None
    try:
        async with AsyncClient(
            api_key=KEY,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=http,
        ) as client:
            await client.models.get(model_id)
    finally:
        if http is not None:
            await http.aclose()


def main(argv: list[str]) -> None:
    base_url, behaviour, transport, timeout_text = argv
    timeout = float(timeout_text)
    # Warm up on a small body first: imports, pools and buffers are not what is
    # measured.
    if transport == "sync":
        with Client(api_key=KEY, base_url=base_url, max_retries=0) as client:
            client.models.get("warm-up")
    else:
        asyncio.run(_get_async(base_url, "warm-up", transport, timeout))
    before = _peak_rss_bytes()
    started = time.monotonic()
    outcome = "returned"
    try:
        if transport == "sync":
            with Client(
                api_key=KEY, base_url=base_url, timeout=timeout, max_retries=0
            ) as client:
                client.models.get(behaviour)
        else:
            asyncio.run(_get_async(base_url, behaviour, transport, timeout))
    except Exception as error:
        outcome = type(error).__name__
    elapsed = time.monotonic() - started
    growth = _peak_rss_bytes() - before
    print(json.dumps({"outcome": outcome, "elapsed": elapsed, "rss_growth": growth}))


if __name__ == "__main__":
    main(sys.argv[1:])
