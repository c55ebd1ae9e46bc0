"""Socket-level behaviour against a real HTTP/1.1 server on 127.0.0.1: responses
cut short, keep-alive reuse, refused connections and refused headers."""

from __future__ import annotations

import httpx
import pytest

from anthropic_models import APIConnectionError, APITimeoutError, Client
from generated_client.api.models import get_model

from .conftest import (
    KEY,
    Catalogue,
    Delays,
    LocalServer,
    ServerReply,
    async_client_on,
    closed_port,
    model_ids,
    ok_model,
)

# Headers announcing 1000 bytes, then 10 bytes of body, then the connection closes.
CUT_SHORT = (
    b"HTTP/1.1 200 OK\r\n"
    b"content-type: application/json\r\n"
    b"content-length: 1000\r\n"
    b"\r\n"
    b'{"id": "cl'
)


def cut_short_once(request: httpx.Request, served: list[int]) -> ServerReply:
    served.append(1)
    return CUT_SHORT if len(served) == 1 else ok_model("whole")


# --- a connection reset mid-response ----------------------------------------------


def test_response_cut_short_is_retried_and_the_next_attempt_succeeds(
    local_server: LocalServer,
) -> None:
    served: list[int] = []
    local_server.handler = lambda request: cut_short_once(request, served)
    delays = Delays()
    with Client(api_key=KEY, base_url=local_server.base_url, sleep=delays.sync) as c:
        assert c.models.get("m").id == "whole"
    assert len(local_server.requests) == 2
    assert local_server.connections == 2  # the cut connection is not reused
    assert len(delays) == 1


@pytest.mark.anyio
async def test_async_response_cut_short_is_retried_and_the_next_attempt_succeeds(
    local_server: LocalServer, async_transport: str
) -> None:
    served: list[int] = []
    local_server.handler = lambda request: cut_short_once(request, served)
    delays = Delays()
    async with async_client_on(
        async_transport,
        api_key=KEY,
        base_url=local_server.base_url,
        sleep=delays.async_,
    ) as client:
        assert (await client.models.get("m")).id == "whole"
    assert len(local_server.requests) == 2
    assert len(delays) == 1


def test_response_cut_short_without_retries_raises_api_connection_error(
    local_server: LocalServer,
) -> None:
    local_server.handler = lambda request: CUT_SHORT
    with (
        Client(api_key=KEY, base_url=local_server.base_url, max_retries=0) as c,
        pytest.raises(APIConnectionError) as raised,
    ):
        c.models.get("m")
    assert type(raised.value) is APIConnectionError
    assert isinstance(raised.value.__cause__, httpx.TransportError)
    assert len(local_server.requests) == 1


@pytest.mark.anyio
async def test_async_response_cut_short_without_retries_raises_api_connection_error(
    local_server: LocalServer, async_transport: str
) -> None:
    local_server.handler = lambda request: CUT_SHORT
    async with async_client_on(
        async_transport, api_key=KEY, base_url=local_server.base_url, max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError) as raised:
            await client.models.get("m")
    assert type(raised.value) is APIConnectionError
    assert len(local_server.requests) == 1


def test_listing_page_cut_short_is_retried_with_the_same_cursor(
    local_server: LocalServer,
) -> None:
    catalogue = Catalogue(model_ids(6))
    calls: list[int] = []

    def handler(request: httpx.Request) -> ServerReply:
        calls.append(1)
        return CUT_SHORT if len(calls) == 2 else catalogue(request)

    local_server.handler = handler
    with Client(
        api_key=KEY, base_url=local_server.base_url, sleep=Delays().sync
    ) as client:
        items = list(client.models.list(limit=2))
    assert [m.id for m in items] == model_ids(6)
    assert [r.url.params.get("after_id") for r in local_server.requests] == [
        None,
        "claude-model-01",
        "claude-model-01",
        "claude-model-03",
    ]


# --- keep-alive ------------------------------------------------------------------


def test_one_keep_alive_connection_serves_every_page_of_a_listing(
    local_server: LocalServer,
) -> None:
    local_server.handler = Catalogue(model_ids(10))
    with Client(api_key=KEY, base_url=local_server.base_url) as client:
        pages = list(client.models.list(limit=2).pages())
    assert len(pages) == 5
    assert len(local_server.requests) == 5
    assert local_server.connections == 1
    for request in local_server.requests:
        assert request.headers["x-api-key"] == KEY
        assert request.headers["anthropic-version"] == "2023-06-01"


@pytest.mark.anyio
async def test_async_one_keep_alive_connection_serves_every_page_of_a_listing(
    local_server: LocalServer, async_transport: str
) -> None:
    local_server.handler = Catalogue(model_ids(10))
    async with async_client_on(
        async_transport, api_key=KEY, base_url=local_server.base_url
    ) as client:
        items = [m async for m in client.models.list(limit=2)]
    assert len(items) == 10
    assert len(local_server.requests) == 5
    assert local_server.connections == 1


def test_error_responses_keep_the_connection_alive_across_retries(
    local_server: LocalServer,
) -> None:
    statuses = iter([503, 429, 200])

    def handler(request: httpx.Request) -> ServerReply:
        status = next(statuses)
        return ok_model() if status == 200 else httpx.Response(status, json={})

    local_server.handler = handler
    with Client(
        api_key=KEY, base_url=local_server.base_url, sleep=Delays().sync
    ) as client:
        client.models.get("m")
    assert len(local_server.requests) == 3
    assert local_server.connections == 1


# --- connections that never happen ---------------------------------------------------


def test_refused_connection_is_retried_then_raises_api_connection_error() -> None:
    delays = Delays()
    with (
        Client(
            api_key=KEY, base_url=f"http://127.0.0.1:{closed_port()}", sleep=delays.sync
        ) as client,
        pytest.raises(APIConnectionError) as raised,
    ):
        client.models.get("m")
    assert not isinstance(raised.value, APITimeoutError)
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
    assert len(delays) == 2


@pytest.mark.anyio
async def test_async_refused_connection_is_retried_then_raises(
    async_transport: str,
) -> None:
    delays = Delays()
    async with async_client_on(
        async_transport,
        api_key=KEY,
        base_url=f"http://127.0.0.1:{closed_port()}",
        sleep=delays.async_,
    ) as client:
        with pytest.raises(APIConnectionError):
            await client.models.get("m")
    assert len(delays) == 2


@pytest.mark.parametrize("value", ["a\r\nb", "a\nb", "nul\x00", " leading-space"])
def test_header_that_httpx_refuses_is_not_retried(
    local_server: LocalServer, value: str
) -> None:
    local_server.handler = lambda request: ok_model()
    delays = Delays()
    with (
        Client(
            api_key=KEY, base_url=local_server.base_url, sleep=delays.sync
        ) as client,
        pytest.raises(APIConnectionError) as raised,
    ):
        # The generated function does not check its header arguments; httpx (h11)
        # refuses the value before anything is written.
        get_model.sync("m", client=client.generated, anthropic_beta=value)
    assert isinstance(raised.value.__cause__, httpx.LocalProtocolError)
    assert delays == []
    assert local_server.requests == []


@pytest.mark.anyio
async def test_async_header_that_httpx_refuses_is_not_retried(
    local_server: LocalServer, async_transport: str
) -> None:
    local_server.handler = lambda request: ok_model()
    delays = Delays()
    async with async_client_on(
        async_transport,
        api_key=KEY,
        base_url=local_server.base_url,
        sleep=delays.async_,
    ) as client:
        with pytest.raises(APIConnectionError):
            await get_model.asyncio("m", client=client.generated, anthropic_beta="a\nb")
    assert delays == []
    assert local_server.requests == []
