"""``DefaultAioHttpClient()``: an httpx.AsyncClient on aiohttp with the runtime's
defaults, and the runtime's behaviour on it over real sockets (retries, typed
errors, the key kept out of exceptions and logs). The socket tests of
test_sockets, test_timeouts and test_limits run on it too (``async_transport``)."""

from __future__ import annotations

import logging
import sys

import httpx
import pytest
from httpx_aiohttp import HttpxAiohttpClient

from anthropic_models import (
    DEFAULT_TIMEOUT,
    AsyncClient,
    DefaultAioHttpClient,
    InternalServerError,
    NotFoundError,
)
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .helpers import KEY, Delays, model_ids

MODEL = model_ids(10)[3]


def test_it_is_an_async_httpx_client_on_aiohttp_with_the_runtime_timeout() -> None:
    http = DefaultAioHttpClient()
    assert isinstance(http, httpx.AsyncClient)
    assert isinstance(http, HttpxAiohttpClient)
    assert http.timeout == DEFAULT_TIMEOUT
    assert DefaultAioHttpClient(timeout=3.0).timeout == httpx.Timeout(3.0)


def test_without_the_extra_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)  # import fails
    with pytest.raises(ImportError, match=r"anthropic-models\[aiohttp\]"):
        DefaultAioHttpClient()


@pytest.mark.anyio
async def test_an_async_client_on_it_retries_and_raises_typed_errors(
    fake: FakeModelsAPI, server: FakeServer
) -> None:
    fake.inject(Fault.error(503))
    delays = Delays()
    http = DefaultAioHttpClient()
    async with AsyncClient(
        api_key=KEY,
        base_url=server.base_url,
        http_client=http,
        sleep=delays.async_,
        max_retries=1,
    ) as client:
        assert (await client.models.get(MODEL)).id == MODEL
        with pytest.raises(NotFoundError) as raised:
            await client.models.get("nope")
    await http.aclose()
    assert raised.value.error_type == "not_found_error"
    assert len(delays) == 1
    assert [r.headers["x-api-key"] for r in fake.requests] == [KEY] * 3


@pytest.mark.anyio
async def test_the_key_echoed_by_the_server_is_in_no_exception_nor_log_record(
    fake: FakeModelsAPI, server: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every library's records, aiohttp's too
    echo = Fault.error(500, message=f"bad key {KEY}", headers={"x-echo": KEY})
    fake.inject(echo, echo, echo)
    http = DefaultAioHttpClient()
    async with AsyncClient(
        api_key=KEY,
        base_url=server.base_url,
        http_client=http,
        sleep=Delays().async_,
    ) as client:
        with pytest.raises(InternalServerError) as raised:
            await client.models.get(MODEL)
    await http.aclose()
    assert KEY not in str(raised.value)
    assert KEY not in repr(raised.value)
    assert KEY not in raised.value.message
    assert caplog.records  # the runtime logged each attempt
    for record in caplog.records:
        assert KEY not in record.getMessage()
    assert len(fake.requests) == 3
