"""Responses that break HTTP/1.1 (issue 19), on the three transports: each ends
in this library's ``APIConnectionError`` (not a timeout, and never an
exception of aiohttp's), after the same retries as any transport failure."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import pytest

from anthropic_models import (
    APIConnectionError,
    AsyncClient,
    Client,
    DefaultAioHttpClient,
)

from ..hostile_server import MALFORMED, HostileServer
from .report import REPORT
from .support import KEY, Sleeps, check_exception

MAX_RETRIES = 2
TRANSPORTS = ["sync", "httpx", "aiohttp"]
# How each transport ended before the fix (issue 19), for the report.
BEFORE = {
    "sync": "",
    "httpx": "",
    "aiohttp": " (before the fix: aiohttp.ClientResponseError 6, not retried;"
    " APITimeoutError 1)",
}
_OUTCOMES: dict[str, Counter[str]] = {}


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer() as served:
        yield served


def get(server: HostileServer, model_id: str, transport: str) -> BaseException:
    sleeps = Sleeps()
    try:
        if transport == "sync":
            with Client(
                api_key=KEY,
                base_url=server.base_url,
                max_retries=MAX_RETRIES,
                sleep=sleeps.sync,
            ) as client:
                client.models.get(model_id)
        else:

            async def run() -> None:
                http = DefaultAioHttpClient() if transport == "aiohttp" else None
                try:
                    async with AsyncClient(
                        api_key=KEY,
                        base_url=server.base_url,
                        max_retries=MAX_RETRIES,
                        http_client=http,
                        sleep=sleeps.async_,
                    ) as client:
                        await client.models.get(model_id)
                finally:
                    if http is not None:
                        await http.aclose()

            asyncio.run(run())
    except BaseException as error:  # what escapes, whatever it is
        return error
    raise AssertionError(f"{model_id} returned a model")


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_response_ends_in_a_typed_connection_error_after_retries(
    server: HostileServer, kind: str, transport: str
) -> None:
    before = server.requests
    error = get(server, f"malformed-{kind}", transport)
    attempts = server.requests - before
    REPORT.count_case("6. hostile environment")
    outcomes = _OUTCOMES.setdefault(transport, Counter())
    outcomes[type(error).__name__] += 1
    REPORT.environment[f"malformed responses, {transport}"] = (
        ", ".join(f"{name} {n}" for name, n in sorted(outcomes.items()))
        + f" of {len(MALFORMED)} kinds, retried"
        + BEFORE[transport]
    )
    assert type(error) is APIConnectionError, repr(error)
    check_exception(error)
    # aiohttp itself sends a request once more when the server closed the
    # connection before answering (its handling of a stale kept-alive
    # connection), inside each of the runtime's attempts.
    tries = 2 if (transport, kind) == ("aiohttp", "closed-before-any-byte") else 1
    assert attempts == tries * (1 + MAX_RETRIES)
