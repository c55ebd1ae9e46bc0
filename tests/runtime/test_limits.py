"""The limits of an attempt, against a hostile server on 127.0.0.1: the timeout
bounds each attempt as a whole (a body trickled two bytes a second ends in
APITimeoutError, retried like any timeout), and a body past max_response_bytes
ends in ResponseTooLargeError (refused on its Content-Length, or given up while
streaming, after decoding gzip; error bodies too; never retried). What the
runtime reads is the response's whole body, through every accessor httpx has;
a body a caller's response hook consumed or closed is refused, as httpx does."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from anthropic_models import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    APITimeoutError,
    AsyncClient,
    Client,
    ModelInfo,
    ResponseTooLargeError,
)
from anthropic_models._limits import attempt_budget
from generated_client.api.models import get_model

from ..hostile_server import BIG, HostileServer, bomb, model_body
from .helpers import KEY, Delays, async_client_on, make_client

TIMEOUT = 1.0
# Scheduling slack on a loaded machine of 2 cores: generous, and still far below
# the minute the trickle would take.
SLACK = 2.0
LIMIT = DEFAULT_MAX_RESPONSE_BYTES


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    bomb()  # compressed once, before any test times anything
    with HostileServer() as served:
        yield served


def client_for(server: HostileServer, **options: object) -> Client:
    options.setdefault("max_retries", 0)
    return Client(api_key=KEY, base_url=server.base_url, **options)  # type: ignore[arg-type]


# --- what bounds an attempt ------------------------------------------------------


def test_the_attempt_budget_is_the_largest_timeout_value_or_none() -> None:
    assert attempt_budget(httpx.Timeout(2.5, connect=1.0).as_dict()) == 2.5
    assert attempt_budget(DEFAULT_TIMEOUT.as_dict()) == 30.0
    assert attempt_budget(httpx.Timeout(1.0, pool=9.0).as_dict()) == 9.0
    assert attempt_budget(httpx.Timeout(5.0, read=None).as_dict()) is None
    assert attempt_budget(None) is None


# --- a trickling body ------------------------------------------------------------


def test_a_trickled_body_ends_in_api_timeout_error_within_the_timeout(
    server: HostileServer,
) -> None:
    before = server.requests
    started = time.monotonic()
    with client_for(server, timeout=TIMEOUT) as client, pytest.raises(APITimeoutError):
        client.models.get("trickle")
    assert TIMEOUT * 0.9 <= time.monotonic() - started < TIMEOUT + SLACK
    assert server.requests == before + 1


def test_trickled_headers_end_in_api_timeout_error_within_the_timeout(
    server: HostileServer,
) -> None:
    """httpcore reads the headers in its own loop, each read in time: only the
    pool's socket-level deadline (anthropic_models._pool) can end this."""
    started = time.monotonic()
    with client_for(server, timeout=TIMEOUT) as client, pytest.raises(APITimeoutError):
        client.models.get("trickle-head")
    assert TIMEOUT * 0.9 <= time.monotonic() - started < TIMEOUT + SLACK


def test_a_trickled_body_through_the_callers_client_ends_too(
    server: HostileServer,
) -> None:
    """Through a caller's httpx.Client the deadline is checked between chunks
    (its pool is the caller's): a trickle still ends."""
    started = time.monotonic()
    with (
        httpx.Client() as http,
        client_for(server, timeout=TIMEOUT, http_client=http) as client,
        pytest.raises(APITimeoutError) as raised,
    ):
        client.models.get("trickle")
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)


def test_a_trickled_body_is_retried_like_any_timeout(server: HostileServer) -> None:
    before = server.requests
    delays = Delays()
    started = time.monotonic()
    with (
        client_for(server, timeout=TIMEOUT, max_retries=1, sleep=delays.sync) as c,
        pytest.raises(APITimeoutError),
    ):
        c.models.get("trickle")
    assert server.requests == before + 2
    assert len(delays) == 1
    assert time.monotonic() - started < 2 * TIMEOUT + SLACK


def test_with_options_timeout_bounds_the_attempt_too(server: HostileServer) -> None:
    with client_for(server, timeout=30.0) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            client.with_options(timeout=TIMEOUT).models.get("trickle")
        assert time.monotonic() - started < TIMEOUT + SLACK
        assert client.models.get("after").id == "after"  # the pool still serves


@pytest.mark.anyio
async def test_async_a_trickled_body_ends_in_api_timeout_error_within_the_timeout(
    server: HostileServer, async_transport: str
) -> None:
    before = server.requests
    started = time.monotonic()
    async with async_client_on(
        async_transport,
        api_key=KEY,
        base_url=server.base_url,
        timeout=TIMEOUT,
        max_retries=0,
    ) as client:
        with pytest.raises(APITimeoutError):
            await client.models.get("trickle")
        assert TIMEOUT * 0.9 <= time.monotonic() - started < TIMEOUT + SLACK
        assert (await client.models.get("after")).id == "after"
    assert server.requests == before + 2


# --- the body the runtime reads ----------------------------------------------------
# The runtime reads a body itself (inside its retry loop, under the deadline and
# the size cap), an unencoded one straight from the stream: the response it hands
# on must be the one httpx would have read, whichever accessor looks at it.

# behaviour -> (the decoded body, the bytes on the wire)
BODIES = {
    "plain": (model_body("plain"), len(model_body("plain"))),
    "gzip": (model_body("z"), len(gzip.compress(model_body("z")))),
}


def _check_read(response: httpx.Response, behaviour: str) -> None:
    body, on_the_wire = BODIES[behaviour]
    assert response.content == body
    assert response.read() == body
    assert response.text == body.decode()
    assert response.json() == json.loads(body)
    assert b"".join(response.iter_bytes()) == body
    assert response.is_stream_consumed and response.is_closed
    assert response.num_bytes_downloaded == on_the_wire


@pytest.mark.parametrize("behaviour", sorted(BODIES))
def test_a_body_the_runtime_read_is_whole_through_every_accessor(
    server: HostileServer, behaviour: str
) -> None:
    with client_for(server) as client:
        http = client.generated.get_httpx_client()
        _check_read(http.get(f"/v1/models/{behaviour}"), behaviour)


@pytest.mark.anyio
@pytest.mark.parametrize("behaviour", sorted(BODIES))
async def test_async_a_body_the_runtime_read_is_whole_through_every_accessor(
    server: HostileServer, async_transport: str, behaviour: str
) -> None:
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url, max_retries=0
    ) as client:
        http = client.generated.get_async_httpx_client()
        response = await http.get(f"/v1/models/{behaviour}")
    _check_read(response, behaviour)


# A response hook of the caller's http_client runs before the runtime reads the
# body: if it consumed or closed the response, the runtime refuses it as httpx
# does, rather than read what is left (nothing, or a closed stream).


SYNC_HOOKS: dict[str, Callable[[httpx.Response], object]] = {
    "consumes": lambda response: next(response.iter_raw(5)),
    "closes": lambda response: response.close(),
}


async def _consume(response: httpx.Response) -> None:
    async for _ in response.aiter_raw(5):
        break


async def _close(response: httpx.Response) -> None:
    await response.aclose()


REFUSED = (httpx.StreamConsumed, httpx.StreamClosed)


@pytest.mark.parametrize("hook", ["consumes", "closes"])
def test_a_body_a_callers_hook_consumed_or_closed_is_refused_not_read(
    server: HostileServer, hook: str
) -> None:
    before = server.requests
    with (
        httpx.Client(event_hooks={"response": [SYNC_HOOKS[hook]]}) as http,
        client_for(server, http_client=http) as client,
        pytest.raises(REFUSED),
    ):
        client.models.get("plain")
    assert server.requests == before + 1


@pytest.mark.anyio
@pytest.mark.parametrize("hook", ["consumes", "closes"])
async def test_async_a_body_a_callers_hook_consumed_or_closed_is_refused_not_read(
    server: HostileServer, hook: str
) -> None:
    before = server.requests
    hooks = {"consumes": _consume, "closes": _close}
    async with (
        httpx.AsyncClient(event_hooks={"response": [hooks[hook]]}) as http,
        AsyncClient(
            api_key=KEY, base_url=server.base_url, http_client=http, max_retries=0
        ) as client,
    ):
        with pytest.raises(REFUSED):
            await client.models.get("plain")
    assert server.requests == before + 1


# --- the size cap ------------------------------------------------------------------


def test_a_content_length_above_the_limit_is_refused_before_reading(
    server: HostileServer,
) -> None:
    sent = server.sent
    with client_for(server, max_retries=2, sleep=Delays().sync) as client:
        with pytest.raises(ResponseTooLargeError) as raised:
            client.models.get("big-length")
        requests = server.requests
    error = raised.value
    assert (error.limit, error.status_code, error.content_length) == (LIMIT, 200, BIG)
    assert f"max_response_bytes={LIMIT}" in str(error)
    # Not retried: one request. Refused on the header: the client read next to
    # nothing, so the server could write no more than the sockets' buffers.
    assert server.requests == requests
    assert server.sent - sent < LIMIT // 4


@pytest.mark.parametrize(
    ("behaviour", "status"), [("big-chunked", 200), ("big-error", 500)]
)
def test_a_body_without_content_length_is_given_up_past_the_limit(
    server: HostileServer, behaviour: str, status: int
) -> None:
    delays = Delays()
    before = server.requests
    sent = server.sent
    with (
        client_for(server, max_retries=2, sleep=delays.sync) as client,
        pytest.raises(ResponseTooLargeError) as raised,
    ):
        client.models.get(behaviour)
    assert raised.value.status_code == status
    assert raised.value.content_length is None
    assert server.requests == before + 1  # not retried, a 500 neither
    assert delays == []
    assert server.sent - sent < BIG // 2


def test_a_compression_bomb_is_given_up_past_the_limit_after_decoding(
    server: HostileServer,
) -> None:
    with client_for(server) as client, pytest.raises(ResponseTooLargeError) as raised:
        client.models.get("bomb")
    assert raised.value.content_length == len(bomb()) < LIMIT


def test_an_honest_gzip_body_is_decoded(server: HostileServer) -> None:
    with client_for(server) as client:
        assert client.models.get("gzip").id == "z"


@pytest.mark.anyio
@pytest.mark.parametrize("behaviour", ["big-length", "big-chunked", "bomb"])
async def test_async_a_body_past_the_limit_raises_response_too_large_error(
    server: HostileServer, async_transport: str, behaviour: str
) -> None:
    before = server.requests
    async with async_client_on(
        async_transport, api_key=KEY, base_url=server.base_url, sleep=Delays().async_
    ) as client:
        with pytest.raises(ResponseTooLargeError):
            await client.models.get(behaviour)
        assert (await client.models.get("gzip")).id == "z"
    assert server.requests == before + 2


def body_of(size: int) -> bytes:
    """A ModelInfo body of exactly ``size`` bytes (padded with spaces)."""
    body = model_body("m")
    assert len(body) <= size
    return body + b" " * (size - len(body))


def test_the_limit_is_configurable_per_client_and_with_options() -> None:
    body = body_of(200)
    with make_client(
        lambda request: httpx.Response(200, content=body), max_response_bytes=200
    ) as client:
        assert client.max_response_bytes == 200
        assert client.models.get("m").id == "m"  # exactly the limit: kept
        tight = client.with_options(max_response_bytes=199)
        assert tight.max_response_bytes == 199
        with pytest.raises(ResponseTooLargeError) as raised:
            tight.models.get("m")
        assert raised.value.content_length == 200
        assert client.models.get("m").id == "m"  # the original is unchanged
        assert client.with_options(timeout=5.0).max_response_bytes == 200


def test_a_decoded_body_is_whole_through_the_generated_functions(
    server: HostileServer,
) -> None:
    with client_for(server) as client:
        response = get_model.sync_detailed("gzip", client=client.generated)
    assert response.content == model_body("z")
    assert isinstance(response.parsed, ModelInfo)
    assert response.parsed.id == "z"


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True, None])
def test_a_bad_max_response_bytes_raises_value_error(bad: object) -> None:
    with pytest.raises(ValueError, match="max_response_bytes"):
        Client(api_key=KEY, max_response_bytes=bad)  # type: ignore[arg-type]
    if bad is not None:  # None means "unchanged" in with_options
        with (
            Client(api_key=KEY) as client,
            pytest.raises(ValueError, match="max_response_bytes"),
        ):
            client.with_options(max_response_bytes=bad)  # type: ignore[arg-type]


def test_the_default_limit_is_far_above_a_page_of_1000_models() -> None:
    page = {
        "data": [json.loads(model_body(f"claude-model-{i:04d}")) for i in range(1000)],
        "first_id": "claude-model-0000",
        "last_id": "claude-model-0999",
        "has_more": True,
    }
    assert len(json.dumps(page)) * 20 < DEFAULT_MAX_RESPONSE_BYTES
    with Client(api_key=KEY) as client:
        assert client.max_response_bytes == DEFAULT_MAX_RESPONSE_BYTES == 32 * 2**20
