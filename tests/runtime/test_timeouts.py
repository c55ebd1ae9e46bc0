"""Timeouts: finite by default, overridable per copy (sharing the pool), and a
silent server raises APITimeoutError instead of hanging."""

from __future__ import annotations

import math
import time

import httpx
import pytest

from anthropic_models import (
    DEFAULT_TIMEOUT,
    APITimeoutError,
    AsyncClient,
    Client,
)
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .helpers import (
    KEY,
    Delays,
    Recorder,
    async_client_on,
    make_async_client,
    make_client,
)

MODEL = "claude-model-03"


def assert_finite(timeout: httpx.Timeout) -> None:
    for value in (timeout.connect, timeout.read, timeout.write, timeout.pool):
        assert value is not None
        assert 0 < value < math.inf


# --- defaults ------------------------------------------------------------------


def test_default_timeout_is_finite_with_five_seconds_to_connect() -> None:
    with Client(api_key=KEY) as client:
        assert client.timeout.connect == 5.0
        assert_finite(client.timeout)
    assert DEFAULT_TIMEOUT.connect == 5.0
    assert_finite(DEFAULT_TIMEOUT)


@pytest.mark.anyio
async def test_async_default_timeout_is_finite_with_five_seconds_to_connect() -> None:
    async with AsyncClient(api_key=KEY) as client:
        assert client.timeout.connect == 5.0
        assert_finite(client.timeout)
        assert client.timeout == DEFAULT_TIMEOUT


def test_every_request_carries_the_client_timeout() -> None:
    recorder = Recorder()
    with make_client(recorder, timeout=12.5) as client:
        assert client.timeout.read == 12.5
        assert client.timeout.connect == 5.0
        client.models.get("m")
    assert recorder.requests[0].extensions["timeout"] == {
        "connect": 5.0,
        "read": 12.5,
        "write": 12.5,
        "pool": 12.5,
    }


def test_short_timeout_also_bounds_connect() -> None:
    with make_client(Recorder(), timeout=0.5) as client:
        assert client.timeout == httpx.Timeout(0.5)


@pytest.mark.parametrize("bad", [0, -1, "5", True, math.nan, [5]])
def test_bad_timeout_raises_value_error(bad: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        make_client(Recorder(), timeout=bad)
    with (
        make_client(Recorder()) as client,
        pytest.raises(ValueError, match="timeout"),
    ):
        client.with_options(timeout=bad)  # type: ignore[arg-type]


# --- with_options(timeout=...) -------------------------------------------------------


def test_with_options_timeout_overrides_and_shares_the_caller_transport() -> None:
    recorder = Recorder()
    http_client = httpx.Client(transport=httpx.MockTransport(recorder))
    with make_client(recorder, http_client=http_client, timeout=20.0) as client:
        fast = client.with_options(timeout=httpx.Timeout(2.0, connect=1.0))
        assert fast.timeout == httpx.Timeout(2.0, connect=1.0)
        assert client.timeout.read == 20.0
        fast.models.get("m")
        client.models.get("m")
        assert recorder.calls == 2  # the same MockTransport saw both
        assert recorder.requests[0].extensions["timeout"]["read"] == 2.0
        assert recorder.requests[0].extensions["timeout"]["connect"] == 1.0
        assert recorder.requests[1].extensions["timeout"]["read"] == 20.0

        fast.close()
        assert not http_client.is_closed
        client.models.get("m")  # the original still works
        assert recorder.calls == 3
    assert not http_client.is_closed  # the caller's client is the caller's to close
    http_client.close()


@pytest.mark.anyio
async def test_async_with_options_timeout_overrides_and_shares_the_transport() -> None:
    recorder = Recorder()
    http_client = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    async with make_async_client(
        recorder, http_client=http_client, timeout=20.0
    ) as client:
        fast = client.with_options(timeout=httpx.Timeout(2.0, connect=1.0))
        assert fast.timeout == httpx.Timeout(2.0, connect=1.0)
        assert client.timeout.read == 20.0
        await fast.models.get("m")
        await client.models.get("m")
        assert recorder.calls == 2  # the same MockTransport saw both
        assert recorder.requests[0].extensions["timeout"]["read"] == 2.0
        assert recorder.requests[0].extensions["timeout"]["connect"] == 1.0
        assert recorder.requests[1].extensions["timeout"]["read"] == 20.0

        await fast.aclose()
        assert not http_client.is_closed
        await client.models.get("m")  # the original still works
        assert recorder.calls == 3
    assert not http_client.is_closed  # the caller's client is the caller's to close
    await http_client.aclose()


def test_with_options_keeps_key_betas_and_retries_unless_told() -> None:
    recorder = Recorder()
    with make_client(recorder, betas=["beta-x"], max_retries=5) as client:
        copy = client.with_options(timeout=9.0)
        assert copy.max_retries == 5
        assert copy.betas == ("beta-x",)
        assert copy.base_url == client.base_url
        copy.models.get("m")
    request = recorder.requests[0]
    assert request.headers["x-api-key"] == KEY
    assert request.headers["anthropic-beta"] == "beta-x"


def _check_pool_shared(fake: FakeModelsAPI, server: FakeServer) -> None:
    assert len(fake.requests) == 3
    assert server.connections_opened == 1


def test_with_options_copy_shares_the_connection_pool(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    with Client(api_key=KEY, base_url=server.base_url) as client:
        copy = client.with_options(timeout=2.0, max_retries=0)
        client.models.get(MODEL)
        copy.models.get(MODEL)
        copy.close()
        client.models.get(MODEL)  # closing the copy left the pool open
    _check_pool_shared(fake, server)


@pytest.mark.anyio
async def test_async_with_options_copy_shares_the_connection_pool(
    fake: FakeModelsAPI,
    server: FakeServer,
    async_transport: str,
) -> None:
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url
    ) as client:
        copy = client.with_options(timeout=2.0, max_retries=0)
        await client.models.get(MODEL)
        await copy.models.get(MODEL)
        await copy.aclose()
        await client.models.get(MODEL)  # closing the copy left the pool open
    _check_pool_shared(fake, server)


# --- a server that never answers ----------------------------------------------------
# Fault.delay(SILENCE): the fake reads the request and says nothing until it is
# stopped (stopping the server ends the wait), far longer than any timeout here.
SILENCE = 60.0


def _check_timed_out(
    fake: FakeModelsAPI, error: APITimeoutError, started: float
) -> None:
    # Generous slack: a loaded machine may be slow, but never 60 s slow.
    assert 0.25 <= time.monotonic() - started < 3.0
    assert isinstance(error.__cause__, httpx.ReadTimeout)
    assert len(fake.requests) == 1


def test_silent_server_raises_api_timeout_error_instead_of_hanging(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(Fault.delay(SILENCE))
    started = time.monotonic()
    with (
        Client(
            api_key=KEY, base_url=server.base_url, timeout=0.3, max_retries=0
        ) as client,
        pytest.raises(APITimeoutError) as raised,
    ):
        client.models.get(MODEL)
    _check_timed_out(fake, raised.value, started)


@pytest.mark.anyio
async def test_async_silent_server_raises_api_timeout_error_instead_of_hanging(
    fake: FakeModelsAPI,
    server: FakeServer,
    async_transport: str,
) -> None:
    fake.inject(Fault.delay(SILENCE))
    started = time.monotonic()
    async with async_client_on(
        async_transport,
        api_key=KEY,
        base_url=server.base_url,
        timeout=0.3,
        max_retries=0,
    ) as client:
        with pytest.raises(APITimeoutError) as raised:
            await client.models.get(MODEL)
    _check_timed_out(fake, raised.value, started)


def test_silent_server_timeout_is_retried(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(Fault.delay(SILENCE), Fault.delay(SILENCE))
    delays = Delays()
    with (
        Client(
            api_key=KEY,
            base_url=server.base_url,
            timeout=0.2,
            max_retries=1,
            sleep=delays.sync,
        ) as client,
        pytest.raises(APITimeoutError),
    ):
        list(client.models.list())
    assert len(fake.requests) == 2
    assert len(delays) == 1


def test_with_options_timeout_applies_on_a_real_socket(
    fake: FakeModelsAPI,
    server: FakeServer,
) -> None:
    fake.inject(Fault.delay(SILENCE))
    with Client(
        api_key=KEY, base_url=server.base_url, timeout=30.0, max_retries=0
    ) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.with_options(timeout=0.3).models.get(MODEL)
    assert time.monotonic() - started < 3.0
