"""Socket-level behaviour against the package's fake served on 127.0.0.1: responses
cut short, keep-alive reuse, refused connections and refused headers. Each sync
test has an async twin that asserts the same."""

from __future__ import annotations

import asyncio
import contextlib
import gc

import httpx
import pytest

from anthropic_models import (
    APIConnectionError,
    APITimeoutError,
    AsyncClient,
    Client,
    DefaultAioHttpClient,
)
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault
from generated_client.api.models import get_model

from .helpers import KEY, Delays, async_client_on, closed_port, model_ids

MODEL = "claude-model-03"


def _cursors(fake: FakeModelsAPI) -> list[str | None]:
    return [dict(request.query).get("after_id") for request in fake.requests]


# --- a connection cut mid-response -------------------------------------------------
# Fault.cut_body: the headers announce the whole body, half of it is sent, and the
# connection closes.


def _check_cut_retried(
    fake: FakeModelsAPI, server: FakeServer, delays: Delays, model_id: str
) -> None:
    assert model_id == MODEL
    assert len(fake.requests) == 2
    assert server.connections_opened == 2  # the cut connection is not reused
    assert len(delays) == 1


def test_response_cut_short_is_retried_and_the_next_attempt_succeeds(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(Fault.cut_body())
    delays = Delays()
    with Client(api_key=KEY, base_url=server.base_url, sleep=delays.sync) as client:
        model_id = client.models.get(MODEL).id
    _check_cut_retried(fake, server, delays, model_id)


@pytest.mark.anyio
async def test_async_response_cut_short_is_retried_and_the_next_attempt_succeeds(
    fake: FakeModelsAPI,
    server: FakeServer,
    async_transport: str,
) -> None:
    fake.inject(Fault.cut_body())
    delays = Delays()
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url, sleep=delays.async_
    ) as client:
        model_id = (await client.models.get(MODEL)).id
    _check_cut_retried(fake, server, delays, model_id)


def _check_cut_raised(fake: FakeModelsAPI, error: APIConnectionError) -> None:
    assert type(error) is APIConnectionError
    assert isinstance(error.__cause__, httpx.TransportError)
    # The cause knows its request, as when httpx reads a body itself.
    assert error.__cause__.request.url.path == f"/v1/models/{MODEL}"
    assert len(fake.requests) == 1


def test_response_cut_short_without_retries_raises_api_connection_error(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(Fault.cut_body())
    with (
        Client(api_key=KEY, base_url=server.base_url, max_retries=0) as client,
        pytest.raises(APIConnectionError) as raised,
    ):
        client.models.get(MODEL)
    _check_cut_raised(fake, raised.value)


@pytest.mark.anyio
async def test_async_response_cut_short_without_retries_raises_api_connection_error(
    fake: FakeModelsAPI,
    server: FakeServer,
    async_transport: str,
) -> None:
    fake.inject(Fault.cut_body())
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url, max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError) as raised:
            await client.models.get(MODEL)
    _check_cut_raised(fake, raised.value)


def test_listing_page_cut_short_is_retried_with_the_same_cursor(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(None, Fault.cut_body())
    with Client(api_key=KEY, base_url=server.base_url, sleep=Delays().sync) as client:
        items = list(client.models.list(limit=4))
    assert [m.id for m in items] == model_ids(10)
    ids = model_ids(10)
    assert _cursors(fake) == [None, ids[3], ids[3], ids[7]]


# --- keep-alive ------------------------------------------------------------------


def _check_one_connection(fake: FakeModelsAPI, server: FakeServer, pages: int) -> None:
    assert pages == 5
    assert len(fake.requests) == 5
    assert server.connections_opened == 1
    for request in fake.requests:
        assert request.headers["x-api-key"] == KEY
        assert request.headers["anthropic-version"] == "2023-06-01"


def test_one_keep_alive_connection_serves_every_page_of_a_listing(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    with Client(api_key=KEY, base_url=server.base_url) as client:
        pages = list(client.models.list(limit=2).pages())
    assert [m.id for page in pages for m in page.data] == model_ids(10)
    _check_one_connection(fake, server, len(pages))


@pytest.mark.anyio
async def test_async_one_keep_alive_connection_serves_every_page_of_a_listing(
    fake: FakeModelsAPI,
    server: FakeServer,
    async_transport: str,
) -> None:
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url
    ) as client:
        pages = [page async for page in client.models.list(limit=2).pages()]
    assert [m.id for page in pages for m in page.data] == model_ids(10)
    _check_one_connection(fake, server, len(pages))


def test_error_responses_keep_the_connection_alive_across_retries(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(Fault.error(503), Fault.error(429))
    with Client(api_key=KEY, base_url=server.base_url, sleep=Delays().sync) as client:
        assert client.models.get(MODEL).id == MODEL
    assert len(fake.requests) == 3
    assert server.connections_opened == 1


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
        with pytest.raises(APIConnectionError) as raised:
            await client.models.get("m")
    # Not a timeout on either transport, though httpx-aiohttp reports a refused
    # connection as httpx.ConnectTimeout (the runtime reads the cause).
    assert not isinstance(raised.value, APITimeoutError)
    assert isinstance(
        raised.value.__cause__,
        httpx.ConnectError if async_transport == "httpx" else httpx.TransportError,
    )
    assert len(delays) == 2


REFUSED_HEADER_VALUES = ["a\r\nb", "a\nb", "nul\x00", " leading-space"]


def _check_refused_header(
    fake: FakeModelsAPI, delays: Delays, error: APIConnectionError
) -> None:
    assert isinstance(error.__cause__, httpx.LocalProtocolError)
    assert delays == []
    assert fake.requests == []


@pytest.mark.parametrize("value", REFUSED_HEADER_VALUES)
def test_header_that_httpx_refuses_is_not_retried(
    fake: FakeModelsAPI,
    server: FakeServer,
    value: str,
) -> None:
    delays = Delays()
    with (
        Client(api_key=KEY, base_url=server.base_url, sleep=delays.sync) as client,
        pytest.raises(APIConnectionError) as raised,
    ):
        # The generated function does not check its header arguments; httpx (h11)
        # refuses the value before anything is written.
        get_model.sync(MODEL, client=client.generated, anthropic_beta=value)
    _check_refused_header(fake, delays, raised.value)


@pytest.mark.anyio
@pytest.mark.parametrize("value", REFUSED_HEADER_VALUES)
async def test_async_header_that_httpx_refuses_is_not_retried(
    fake: FakeModelsAPI,
    server: FakeServer,
    value: str,
    async_transport: str,
) -> None:
    delays = Delays()
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url, sleep=delays.async_
    ) as client:
        if async_transport == "aiohttp" and value.startswith(" "):
            # aiohttp sends leading whitespace as the optional whitespace before a
            # field value (RFC 9110 5.6.3), which the receiver drops: no error.
            await get_model.asyncio(
                MODEL, client=client.generated, anthropic_beta=value
            )
            assert [r.headers["anthropic-beta"] for r in fake.requests] == [
                value.strip()
            ]
            return
        with pytest.raises(APIConnectionError) as raised:
            await get_model.asyncio(
                MODEL, client=client.generated, anthropic_beta=value
            )
    _check_refused_header(fake, delays, raised.value)


# --- one AsyncClient, several event loops -----------------------------------------
# Each asyncio.run() makes a new event loop, and a connection kept alive by the
# first cannot be used from the second. Before: the second call raised an untyped
# RuntimeError("Event loop is closed"), on both async transports.


def test_an_async_client_on_its_own_pool_works_in_one_event_loop_after_another(
    server: FakeServer,
) -> None:
    client = AsyncClient(api_key=KEY, base_url=server.base_url, max_retries=0)

    async def get() -> str:
        return (await client.models.get(MODEL)).id

    assert [asyncio.run(get()) for _ in range(3)] == [MODEL] * 3
    # Each loop made its own connection; none of a finished loop was reused.
    assert server.connections_opened == 3
    asyncio.run(client.aclose())
    # The pools of finished loops were dropped, not closed (closing a connection
    # needs its loop): their sockets close when collected.
    gc.collect()
    assert server.wait_for_idle()


def test_a_caller_client_used_after_its_event_loop_closed_raises_a_typed_error(
    fake: FakeModelsAPI, server: FakeServer
) -> None:
    # DefaultAioHttpClient() is the caller's to build and close: it cannot be
    # rebuilt for the new loop, so the failure says why, typed, not retried.
    http = DefaultAioHttpClient()
    client = AsyncClient(
        api_key=KEY, base_url=server.base_url, http_client=http, max_retries=2
    )

    async def get() -> str:
        return (await client.models.get(MODEL)).id

    async def close() -> None:
        await client.aclose()
        await http.aclose()

    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(get()) == MODEL
        loop.close()  # as asyncio.run() closes its loop, the connection kept
        with pytest.raises(APIConnectionError, match="event loop that has closed"):
            asyncio.run(get())
        assert len(fake.requests) == 1  # no retry, nothing sent
    finally:
        with contextlib.suppress(RuntimeError):  # the session's loop is gone
            asyncio.run(close())
