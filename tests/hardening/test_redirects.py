"""A caller's ``http_client`` built with ``follow_redirects=True`` (issue 19):
a redirect to another origin (scheme, host, port) never carries the key, the
Bearer token or the workspace header, whatever the status (301, 302, 303, 307,
308), sync, async and on aiohttp; a redirect within the origin keeps them. The
API's server and the other origin are two fakes on 127.0.0.1, on two ports."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from anthropic_models import (
    APIConnectionError,
    AsyncClient,
    AuthenticationError,
    Client,
    DefaultAioHttpClient,
)
from anthropic_models.testing import (
    FakeModelsAPI,
    FakeServer,
    Fault,
    RecordedRequest,
    synthetic_models,
)

from .report import REPORT
from .support import KEY, check_exception

STATUSES = [301, 302, 303, 307, 308]
WORKSPACE = "wrkspc_hardening"
ORIGIN_BOUND = ("x-api-key", "authorization", "anthropic-workspace-id")
# Per transport: redirects that carried something, redirects tried.
_TALLY: dict[str, list[int]] = {}


@pytest.fixture
def api() -> Iterator[tuple[FakeModelsAPI, FakeServer]]:
    fake = FakeModelsAPI(models=synthetic_models(3), api_key=KEY)
    with fake.serve() as served:
        yield fake, served


@pytest.fixture
def elsewhere() -> Iterator[tuple[FakeModelsAPI, FakeServer]]:
    fake = FakeModelsAPI(models=synthetic_models(3), api_key=KEY)
    with fake.serve() as served:
        yield fake, served


def credentials(kind: str) -> dict[str, Any]:
    return {"api_key": KEY} if kind == "api_key" else {"auth_token": KEY}


def call(
    transport: str, base_url: str, model_id: str, kind: str
) -> BaseException | None:
    """One get through a redirect-following http_client; the exception, if any."""
    settings: dict[str, Any] = {
        **credentials(kind),
        "base_url": base_url,
        "workspace_id": WORKSPACE,
        "max_retries": 0,
    }
    try:
        if transport == "sync":
            with (
                httpx.Client(follow_redirects=True) as http,
                Client(http_client=http, **settings) as client,
            ):
                client.models.get(model_id)
        else:

            async def run() -> None:
                http = (
                    DefaultAioHttpClient(follow_redirects=True)
                    if transport == "aiohttp"
                    else httpx.AsyncClient(follow_redirects=True)
                )
                async with http, AsyncClient(http_client=http, **settings) as client:
                    await client.models.get(model_id)

            asyncio.run(run())
    except Exception as error:
        return error
    return None


def carried(request: RecordedRequest) -> list[str]:
    return [name for name in ORIGIN_BOUND if name in request.headers]


@pytest.mark.parametrize("kind", ["api_key", "auth_token"])
@pytest.mark.parametrize("transport", ["sync", "httpx", "aiohttp"])
@pytest.mark.parametrize("status", STATUSES)
def test_a_redirect_to_another_origin_never_carries_the_credential_or_workspace(
    api: tuple[FakeModelsAPI, FakeServer],
    elsewhere: tuple[FakeModelsAPI, FakeServer],
    status: int,
    transport: str,
    kind: str,
) -> None:
    fake, server = api
    other, other_server = elsewhere
    model_id = fake.model_ids[0]
    target = f"{other_server.base_url}/v1/models/{model_id}"
    fake.inject(Fault.raw(status, b"", headers={"location": target}))
    error = call(transport, server.base_url, model_id, kind)
    # The API's origin got everything; the other origin nothing of it (so it
    # refuses the request as unauthenticated).
    assert carried(fake.requests[0]) == [
        "x-api-key" if kind == "api_key" else "authorization",
        "anthropic-workspace-id",
    ]
    (hop,) = other.requests
    leaked = carried(hop)
    REPORT.count_case("6. hostile environment")
    tally = _TALLY.setdefault(transport, [0, 0])
    tally[0] += bool(leaked)
    tally[1] += 1
    REPORT.environment[f"redirects to another origin, {transport}"] = (
        f"{tally[0]} of {tally[1]} (301-308, key or token) carried the credential"
        " or workspace (before the fix: 10 of 10)"
    )
    assert leaked == []
    assert isinstance(error, AuthenticationError), repr(error)
    check_exception(error)


@pytest.mark.parametrize("transport", ["sync", "httpx", "aiohttp"])
def test_a_redirect_within_the_origin_keeps_them(
    api: tuple[FakeModelsAPI, FakeServer], transport: str
) -> None:
    fake, server = api
    first, second = fake.model_ids[:2]
    location = f"{server.base_url}/v1/models/{second}"
    fake.inject(Fault.raw(307, b"", headers={"location": location}))
    assert call(transport, server.base_url, first, "api_key") is None
    assert [carried(request) for request in fake.requests] == [
        ["x-api-key", "anthropic-workspace-id"]
    ] * 2


@pytest.mark.parametrize("transport", ["sync", "httpx"])
def test_endless_redirects_end_in_a_typed_error_at_max_redirects(
    api: tuple[FakeModelsAPI, FakeServer], transport: str
) -> None:
    fake, server = api
    model_id = fake.model_ids[0]
    location = f"{server.base_url}/v1/models/{model_id}"
    fake.inject(*[Fault.raw(302, b"", headers={"location": location})] * 30)
    error = call(transport, server.base_url, model_id, "api_key")
    assert type(error) is APIConnectionError, repr(error)
    assert "TooManyRedirects" in str(error)
    assert len(fake.requests) == 21  # the first, and httpx's 20 redirects
