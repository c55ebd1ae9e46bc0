"""Response fuzzing: whatever a server answers (any status, any bytes, valid
payloads with one field mutated, bodies over 1 MB, JSON nested 100,000 deep,
wrong content types, bogus content encodings, odd retry headers), each call
either returns exactly the model or page a correct parse gives, or raises the
``AnthropicModelsError`` subclass the README promises; nothing else escapes, and
no call hangs.

Two faces: ``httpx.MockTransport`` (any status, 1xx included, many cases), and
the fake Models API's real HTTP server serving ``Fault.raw`` (fewer cases, but
through real framing, sockets and connection reuse).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anthropic_models import (
    AnthropicModelsError,
    AsyncClient,
    Client,
    ListModelsResponse,
    PaginationError,
)
from anthropic_models._arguments import MAX_ARGUMENT_BYTES
from anthropic_models.testing import FakeModelsAPI, Fault, RecordedRequest

from .report import REPORT
from .responses import Expected, Served, expected_outcome, responses
from .support import KEY, Sleeps, check_exception

OPERATIONS = ["ModelInfo", "ListModelsResponse"]
MAX_RETRIES = 2
# No call may take longer (there is no network wait: sleeps are recorded, not
# slept, and every body is in memory or on 127.0.0.1).
CALL_CEILING = 10.0

FUZZ_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)


def attempt(call: Callable[[], Any]) -> tuple[Any, Exception | None]:
    started = time.monotonic()
    try:
        result: Any = call()
        error: Exception | None = None
    except Exception as exc:  # anything at all: the assertions sort it out
        result, error = None, exc
    assert time.monotonic() - started < CALL_CEILING, "the call hung"
    return result, error


def check_outcome(
    expected: Expected, result: object, error: Exception | None, attempts: int
) -> None:
    if error is not None:
        REPORT.fuzz_outcomes[type(error).__name__] += 1
        check_exception(error)
        assert isinstance(error, AnthropicModelsError), repr(error)
    else:
        REPORT.fuzz_outcomes["returned"] += 1
    if expected.error is None:
        assert error is None, f"expected {expected.value!r}, got {error!r}"
        assert result == expected.value
    else:
        assert type(error) is expected.error, f"expected {expected.error}: {error!r}"
    assert attempts == expected.attempts


def fetch_first(
    client: Client, name: str
) -> tuple[Any, Iterator[ListModelsResponse] | None]:
    """The model, or the first page and the pager's page iterator."""
    if name == "ModelInfo":
        return client.models.get("claude-fuzz"), None
    pages = client.models.list().pages()
    return next(pages), pages


def sendable(cursor: str) -> bool:
    """Whether a request line can carry ``cursor`` (MAX_ARGUMENT_BYTES)."""
    try:
        return len(quote(cursor, safe="")) <= MAX_ARGUMENT_BYTES
    except UnicodeEncodeError:  # a lone surrogate
        return False


def check_the_rest(
    first: ListModelsResponse,
    pages: Iterator[ListModelsResponse],
    requests: Callable[[], list[str | None]],
) -> None:
    """The server serves the same page again: a page without has_more ends the
    listing; one with has_more but no model, no last_id or a last_id that cannot
    be sent (over 4,096 bytes percent-encoded, a lone surrogate), or whose
    last_id is the cursor that fetched it, raises PaginationError instead of
    looping."""
    sent = len(requests())
    if not first.has_more:
        assert next(pages, None) is None
    elif not first.data or not first.last_id or not sendable(first.last_id):
        with pytest.raises(PaginationError) as raised:
            next(pages)
        check_exception(raised.value)
    else:
        assert next(pages) == first
        assert requests()[sent:] == [first.last_id] * sent  # after_id = last_id
        with pytest.raises(PaginationError) as raised:
            next(pages)
        check_exception(raised.value)
        assert len(requests()) == 2 * sent
        return
    assert len(requests()) == sent


def check_call(
    client: Client,
    name: str,
    served: Served,
    requests: Callable[[], list[str | None]],
    sleeps: Sleeps,
) -> None:
    """One fuzzed call: ``requests()`` gives the after_id of each request sent."""
    expected = expected_outcome(
        name, served.status, served.headers, served.body, MAX_RETRIES
    )
    result, error = attempt(lambda: fetch_first(client, name))
    value, pages = result if result is not None else (None, None)
    check_outcome(expected, value, error, len(requests()))
    assert len(sleeps) == expected.attempts - 1
    if pages is not None:
        assert isinstance(value, ListModelsResponse)
        check_the_rest(value, pages, requests)


# ------------------------------------------------------------ in-process face


@pytest.mark.timeout(100)
@pytest.mark.parametrize("name", OPERATIONS)
@settings(FUZZ_SETTINGS, max_examples=450)
@given(data=st.data())
def test_any_response_gives_the_parsed_result_or_a_typed_error(
    name: str, data: st.DataObject
) -> None:
    served: Served = data.draw(responses(name, informational=True))
    REPORT.count_case(f"1. response fuzzing, {name}, in-process")
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        assert len(requests) <= 12, "a loop"
        return httpx.Response(
            served.status,
            headers=served.headers,
            stream=httpx.ByteStream(served.body),
        )

    sleeps = Sleeps()
    client = Client(
        api_key=KEY,
        base_url="https://api.fuzz.test",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        max_retries=MAX_RETRIES,
        sleep=sleeps.sync,
    )
    with client:
        check_call(
            client,
            name,
            served,
            lambda: [r.url.params.get("after_id") for r in requests],
            sleeps,
        )
    # The same response through AsyncClient (its own transport code).
    requests.clear()
    sleeps.clear()
    expected = expected_outcome(
        name, served.status, served.headers, served.body, MAX_RETRIES
    )
    result, error = attempt(
        lambda: asyncio.run(fetch_first_async(handler, name, sleeps))
    )
    check_outcome(expected, result, error, len(requests))
    assert len(sleeps) == expected.attempts - 1


async def fetch_first_async(
    handler: Callable[[httpx.Request], httpx.Response], name: str, sleeps: Sleeps
) -> Any:
    async with AsyncClient(
        api_key=KEY,
        base_url="https://api.fuzz.test",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        max_retries=MAX_RETRIES,
        sleep=sleeps.async_,
    ) as client:
        if name == "ModelInfo":
            return await client.models.get("claude-fuzz")
        async for page in client.models.list().pages():
            return page
    raise AssertionError("no first page")


# ---------------------------------------------------------------- HTTP face


def _raw_fault(served: Served) -> Fault:
    headers = {k: v for k, v in served.headers.items() if k != "content-type"}
    return Fault.raw(
        served.status,
        served.body,
        content_type=served.headers.get("content-type"),
        headers=headers,
    )


@pytest.mark.timeout(100)
@pytest.mark.parametrize("name", OPERATIONS)
def test_any_response_over_http_gives_the_parsed_result_or_a_typed_error(
    name: str,
) -> None:
    fake = FakeModelsAPI(api_key=KEY)
    sleeps = Sleeps()
    with (
        fake.serve() as server,
        Client(
            api_key=KEY,
            base_url=server.base_url,
            max_retries=MAX_RETRIES,
            sleep=sleeps.sync,
            timeout=5.0,
        ) as client,
    ):

        @settings(FUZZ_SETTINGS, max_examples=150)
        @given(served=responses(name, informational=False))
        def served_over_http(served: Served) -> None:
            REPORT.count_case(f"1. response fuzzing, {name}, over HTTP")
            fault = _raw_fault(served)

            def every_time(request: RecordedRequest) -> Fault:
                return fault

            fake.fault_hook = every_time
            fake.clear_requests()
            sleeps.clear()
            check_call(
                client,
                name,
                served,
                lambda: [dict(r.query).get("after_id") for r in fake.requests],
                sleeps,
            )

        served_over_http()
        assert server.connections_opened >= 1
