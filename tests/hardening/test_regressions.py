"""Regression tests for what the hardening properties found (each failed before
its fix in the runtime)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import httpx
import pytest

from anthropic_models import (
    AsyncClient,
    Client,
    InternalServerError,
    NotFoundError,
    PaginationError,
    ResponseValidationError,
)
from anthropic_models._arguments import MAX_ARGUMENT_BYTES
from anthropic_models.testing import FakeModelsAPI, Fault

from .support import KEY, CountingTransport, assert_no_key, check_exception


def counting_client() -> tuple[Client, CountingTransport]:
    """A client of the fake (in-process) whose requests are counted as they
    reach the transport: a request refused before sending never does."""
    fake = FakeModelsAPI(api_key=KEY)
    counter = CountingTransport(fake.transport())
    client = Client(
        api_key=KEY,
        base_url="https://api.test",
        http_client=httpx.Client(transport=counter),
    )
    return client, counter


# --- 1. arguments too long for a request line ----------------------------------------
# Before: httpx.InvalidURL ("URL too long"), neither a ValueError nor an
# AnthropicModelsError, escaped from get() and from iterating list(); the command
# line printed a traceback. Betas that long were sent, and refused by the server.


@pytest.mark.parametrize("length", [MAX_ARGUMENT_BYTES + 1, 70_000, 100_000])
def test_an_overlong_model_id_is_refused_before_sending(length: int) -> None:
    client, counter = counting_client()
    with client, pytest.raises(ValueError, match="model_id") as raised:
        client.models.get("a" * length)
    assert counter.sent == 0
    assert len(str(raised.value)) < 300  # the message does not quote the value


def test_a_model_id_is_measured_as_sent_percent_encoded() -> None:
    client, counter = counting_client()
    fits = "a" * MAX_ARGUMENT_BYTES
    too_long = "/" * (MAX_ARGUMENT_BYTES // 3 + 1)  # "%2F" each
    with client:
        with pytest.raises(NotFoundError):
            client.models.get(fits)
        assert counter.sent == 1
        with pytest.raises(ValueError, match="model_id"):
            client.models.get(too_long)
    assert counter.sent == 1


@pytest.mark.parametrize("argument", ["after_id", "before_id"])
def test_an_overlong_cursor_is_refused_before_sending(argument: str) -> None:
    client, counter = counting_client()
    with client, pytest.raises(ValueError, match=argument):
        client.models.list(**{argument: "ü" * 50_000})  # type: ignore[arg-type]
    assert counter.sent == 0


def test_overlong_betas_are_refused_before_sending() -> None:
    client, counter = counting_client()
    with client:
        with pytest.raises(ValueError, match="betas"):
            client.models.get("claude-opus-4-5", betas=["b" * 100_000])
        with pytest.raises(ValueError, match="betas"):
            client.models.list(betas=[f"beta-{i:04d}" for i in range(1000)])
    with pytest.raises(ValueError, match="betas"):
        Client(api_key=KEY, betas=["b" * (MAX_ARGUMENT_BYTES + 1)])
    assert counter.sent == 0


def test_nested_percent_encoding_is_checked_in_bounded_time() -> None:
    """'%252525...' decodes one level per round: without the length check first,
    100 kB of it took seconds (quadratic)."""
    client, counter = counting_client()
    started = time.monotonic()
    with client, pytest.raises(ValueError, match="model_id"):
        client.models.get("%" + "25" * 50_000)
    assert time.monotonic() - started < 0.5
    assert counter.sent == 0


# --- 2. lone surrogates --------------------------------------------------------------
# Before: a bare UnicodeEncodeError ("'utf-8' codec can't encode character...")
# that did not say which argument was wrong.


@pytest.mark.parametrize("argument", ["model_id", "after_id", "before_id"])
def test_a_lone_surrogate_is_refused_naming_the_argument(argument: str) -> None:
    client, counter = counting_client()
    with client, pytest.raises(ValueError, match=argument) as raised:
        if argument == "model_id":
            client.models.get("claude-\ud800")
        else:
            client.models.list(**{argument: "claude-\udcff"})  # type: ignore[arg-type]
    assert type(raised.value) is ValueError
    assert counter.sent == 0


# --- 3. the key echoed by a server, over the client's own connection pool ----------
# Before: an error status was turned into an exception inside the transport, where
# httpx had not yet attached the request to the response, so the exception could
# not find the key to redact: a server echoing the key (in request-id or the
# message) put it in str(error). Only the default pool was affected (a caller's
# httpx.Client attaches the request itself), that is, every real deployment.


def test_a_status_error_over_the_default_pool_redacts_an_echoed_key() -> None:
    fake = FakeModelsAPI(api_key=KEY)
    fake.inject(
        Fault.error(404, message=f"no model for {KEY}", headers={"request-id": KEY})
    )
    with (
        fake.serve() as server,
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(NotFoundError) as raised,
    ):
        client.models.get("claude-nope")
    check_exception(raised.value)
    assert "<redacted>" in str(raised.value)
    assert raised.value.response.request.url.path == "/v1/models/claude-nope"


@pytest.mark.anyio
async def test_an_async_status_error_over_the_default_pool_redacts_an_echoed_key() -> (
    None
):
    fake = FakeModelsAPI(api_key=KEY)
    fake.inject(Fault.error(500, headers={"request-id": KEY}))
    with fake.serve() as server:
        async with AsyncClient(
            api_key=KEY, base_url=server.base_url, max_retries=0
        ) as client:
            with pytest.raises(InternalServerError) as raised:
                await client.models.get("claude-opus-4-5")
    check_exception(raised.value)
    assert "<redacted>" in str(raised.value)


# --- 4. the key echoed in a response header, in httpcore's DEBUG trace ---------------
# Before: with DEBUG logging on, httpcore logged every response's headers verbatim
# ("receive_response_headers.complete return_value=(...)"), so a server or proxy
# echoing the key in a header put it in a log record.


def test_the_http_stack_debug_trace_redacts_an_echoed_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeModelsAPI(api_key=KEY)
    fake.inject(Fault.raw(200, b"{}", headers={"x-echo": KEY}))
    with (
        fake.serve() as server,
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(ResponseValidationError) as raised,
    ):
        client.models.get("claude-opus-4-5")
    check_exception(raised.value)
    traced = [r for r in caplog.records if r.name.startswith("httpcore")]
    headers = [r.getMessage() for r in traced if "x-echo" in r.getMessage()]
    assert headers, "httpcore did not log the response headers: nothing was checked"
    for message in headers:
        assert_no_key(message, "httpcore's trace")
        assert "<redacted>" in message


# --- 5. a long bad argument quoted whole in the error message -----------------------
# Before: betas="b" * 100_000 raised a ValueError of 100 kB (it quoted the value).


@pytest.mark.parametrize(
    "call",
    [
        lambda client: client.models.get("m", betas="b" * 100_000),
        lambda client: client.models.get("m", betas=["b b" * 50_000]),
        lambda client: client.models.list(after_id=["x" * 100_000]),
    ],
)
def test_a_long_bad_argument_is_not_quoted_whole(
    call: Callable[[Client], object],
) -> None:
    client, counter = counting_client()
    with client, pytest.raises(ValueError) as raised:
        call(client)
    assert len(str(raised.value)) < 300
    assert counter.sent == 0


# --- 6. a cursor that echoes the key -------------------------------------------------
# Before: a page whose last_id was the key (a server echoing it back as the cursor)
# and which repeated itself raised a PaginationError quoting the key, and the
# pager's repr showed it as its after_id.

ECHOING_PAGE = {
    "data": [
        {
            "id": "m",
            "created_at": "2025-09-29T00:00:00Z",
            "display_name": "m",
            "type": "model",
        }
    ],
    "first_id": KEY,
    "last_id": KEY,
    "has_more": True,
}


def test_a_pagination_error_and_the_pager_repr_redact_an_echoed_cursor() -> None:
    fake = FakeModelsAPI(api_key=KEY)
    body = json.dumps(ECHOING_PAGE).encode()
    fake.fault_hook = lambda request: Fault.raw(200, body, content_type=None)
    with (
        fake.serve() as server,
        Client(api_key=KEY, base_url=server.base_url) as client,
    ):
        for pager in (client.models.list(), client.models.list(before_id="x")):
            with pytest.raises(PaginationError) as raised:
                list(pager)
            check_exception(raised.value)
            assert "<redacted>" in str(raised.value)
            assert_no_key(repr(pager), "repr(pager)")
            assert_no_key(repr(pager.resume()), "repr(pager.resume())")
            assert KEY in (pager.after_id, pager.before_id)  # the cursor is kept


@pytest.mark.anyio
async def test_an_async_pagination_error_redacts_an_echoed_cursor() -> None:
    fake = FakeModelsAPI(api_key=KEY)
    body = json.dumps(ECHOING_PAGE).encode()
    fake.fault_hook = lambda request: Fault.raw(200, body, content_type=None)
    with fake.serve() as server:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
            pager = client.models.list()
            with pytest.raises(PaginationError) as raised:
                async for _ in pager:
                    pass
    check_exception(raised.value)
    assert_no_key(repr(pager), "repr(pager)")
