"""Shared helpers of the runtime tests: handlers for ``httpx.MockTransport`` and
client factories that never sleep for real.

``Catalogue`` is the package's fake behind a recording handler. ``Script`` remains
for what the fake deliberately cannot do: raise an arbitrary httpx exception
(ConnectTimeout, ReadError...) as a transport would, or answer with a response
no API would send (a 200 page that lies about its cursors). ``Recorder`` keeps
each ``httpx.Request`` as the client built it (its host, its timeout extension),
which the fake, seeing requests as a server does, does not record. Socket-level
tests serve the package's fake over HTTP (the ``server`` fixture, ``conftest.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any, Literal

import httpx
import pytest

from anthropic_models import AsyncClient, Client, DefaultAioHttpClient
from anthropic_models.testing import FakeModelsAPI, Fault

KEY = "sk-ant-TEST-SECRET-0123456789"
TOKEN = "sk-ant-oat01-TEST-BEARER-TOKEN-9876543210"
BASE_URL = "https://api.test"
API_VERSION = "2023-06-01"

Handler = Callable[[httpx.Request], httpx.Response]
Step = httpx.Response | Exception | Handler


# --- bodies ------------------------------------------------------------------


def model_json(model_id: str, **extra: Any) -> dict[str, Any]:
    """A ModelInfo body as the API sends it."""
    return {
        "id": model_id,
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": f"Model {model_id}",
        "type": "model",
        **extra,
    }


def error_json(
    error_type: str, message: str, request_id: str | None = None
) -> dict[str, Any]:
    """An error body as the API sends it."""
    body: dict[str, Any] = {
        "type": "error",
        "error": {"type": error_type, "message": message},
    }
    if request_id is not None:
        body["request_id"] = request_id
    return body


def error_response(status: int, **headers: str) -> httpx.Response:
    """An error response with the API's body for ``status``."""
    return httpx.Response(
        status,
        json=error_json("api_error", f"status {status}"),
        headers={name.replace("_", "-"): value for name, value in headers.items()},
    )


def ok_model(model_id: str = "claude-test-1") -> httpx.Response:
    return httpx.Response(200, json=model_json(model_id))


# --- handlers ----------------------------------------------------------------


class Recorder:
    """A MockTransport handler that records every request and delegates."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.handler: Handler = handler or (lambda request: ok_model())
        self.requests: list[httpx.Request] = []

    @property
    def calls(self) -> int:
        return len(self.requests)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


class Script(Recorder):
    """Answers each request with the next step: a response, an exception to raise
    (as a transport would) or a handler. The last step repeats. Refuses to answer
    more than ``max_calls`` requests, so that a runaway loop fails the test."""

    def __init__(self, *steps: Step, max_calls: int = 20) -> None:
        super().__init__()
        assert steps
        self.steps = list(steps)
        self.max_calls = max_calls

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert self.calls <= self.max_calls, "too many requests: a loop?"
        step = self.steps[min(self.calls, len(self.steps)) - 1]
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            # A fresh copy: a response object can be read only once.
            return httpx.Response(
                step.status_code, headers=step.headers, content=step.content
            )
        return step(request)


def catalogue_fake(
    ids: Iterable[str], *, api_key: str = KEY, auth_token: str = TOKEN
) -> FakeModelsAPI:
    """The package's fake serving a model per ID, in the order given (newest
    first), and accepting ``api_key`` as x-api-key or ``auth_token`` as Bearer."""
    return FakeModelsAPI(
        models=[model_json(model_id) for model_id in ids],
        api_key=api_key,
        auth_token=auth_token,
    )


class Catalogue(Recorder):
    """The package's fake (``FakeModelsAPI``) serving ``ids`` in the order given
    (newest first), accepting ``KEY`` (or the Bearer ``TOKEN``), as a
    ``MockTransport`` handler that also records each ``httpx.Request``.
    ``faults`` maps a call number (1-based) to the ``Fault`` the fake serves
    instead. More than ``max_calls`` requests fail the
    test (no listing may loop)."""

    def __init__(
        self,
        ids: Iterable[str],
        *,
        faults: Mapping[int, Fault] | None = None,
        max_calls: int = 100,
        api_key: str = KEY,
        auth_token: str = TOKEN,
    ) -> None:
        self.ids = list(ids)
        self.fake = catalogue_fake(self.ids, api_key=api_key, auth_token=auth_token)
        if faults:
            self.fake.inject(*(faults.get(n) for n in range(1, max(faults) + 1)))
        transport = self.fake.transport()
        self.max_calls = max_calls

        def answer(request: httpx.Request) -> httpx.Response:
            assert self.calls <= self.max_calls, "too many requests: the listing loops"
            response = transport.handle_request(request)
            response.read()  # read whole, as a MockTransport answer is
            return response

        super().__init__(answer)

    def cursors(self, name: str) -> list[str | None]:
        """The value of query parameter ``name`` on each list request."""
        return [
            request.url.params.get(name)
            for request in self.requests
            if request.url.path == "/v1/models"
        ]


def model_ids(count: int) -> list[str]:
    return [f"claude-model-{index:02d}" for index in range(count)]


# --- clients -----------------------------------------------------------------


class Delays(list[float]):
    """Records the delays a client asks to sleep; never sleeps."""

    def sync(self, seconds: float) -> None:
        self.append(seconds)

    async def async_(self, seconds: float) -> None:
        self.append(seconds)


def make_client(
    handler: Handler,
    *,
    delays: Delays | None = None,
    http_client: httpx.Client | None = None,
    **options: Any,
) -> Client:
    """A Client sending through a MockTransport, with a fake sleep."""
    options.setdefault("api_key", KEY)
    options.setdefault("base_url", BASE_URL)
    return Client(
        http_client=http_client or httpx.Client(transport=httpx.MockTransport(handler)),
        sleep=(delays if delays is not None else Delays()).sync,
        **options,
    )


def make_async_client(
    handler: Handler,
    *,
    delays: Delays | None = None,
    http_client: httpx.AsyncClient | None = None,
    **options: Any,
) -> AsyncClient:
    """An AsyncClient sending through a MockTransport, with a fake sleep."""
    options.setdefault("api_key", KEY)
    options.setdefault("base_url", BASE_URL)
    return AsyncClient(
        http_client=http_client
        or httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        sleep=(delays if delays is not None else Delays()).async_,
        **options,
    )


# --- one test body for both clients ---------------------------------------------

# Parametrize a test with this, and reach the client through run(): the sync and
# the async client then go through the very same assertions (twins cannot drift).
BOTH_CLIENTS = pytest.mark.parametrize("mode", ["sync", "async"])
Operation = Literal["get", "list", "pages"]


def run(
    mode: str,
    handler: Handler,
    operation: Operation,
    *args: Any,
    delays: Delays | None = None,
    client: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Build a client of ``mode`` ("sync" or "async") on ``handler`` (options
    ``client``), and return what ``operation`` gives: ``get`` the model,
    ``list`` every item, ``pages`` every page; its exception propagates."""
    options = dict(client or {})
    if mode == "sync":
        with make_client(handler, delays=delays, **options) as sync_client:
            models = sync_client.models
            if operation == "get":
                return models.get(*args, **kwargs)
            if operation == "list":
                return list(models.list(*args, **kwargs))
            return list(models.list(*args, **kwargs).pages())
    assert mode == "async", mode

    async def main() -> Any:
        async with make_async_client(handler, delays=delays, **options) as c:
            if operation == "get":
                return await c.models.get(*args, **kwargs)
            pager = c.models.list(*args, **kwargs)
            if operation == "list":
                return [item async for item in pager]
            return [page async for page in pager.pages()]

    return asyncio.run(main())


def call_generated(
    mode: str,
    handler: Handler,
    function: ModuleType,
    *args: Any,
    detailed: bool = False,
    delays: Delays | None = None,
    client: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Call a generated endpoint module's sync (``mode="sync"``) or asyncio
    function with the ``generated`` client of a runtime client on ``handler``."""
    options = client or {}
    if mode == "sync":
        with make_client(handler, delays=delays, **options) as sync_client:
            call = function.sync_detailed if detailed else function.sync
            return call(*args, client=sync_client.generated, **kwargs)

    async def main() -> Any:
        async with make_async_client(handler, delays=delays, **options) as c:
            call = function.asyncio_detailed if detailed else function.asyncio
            return await call(*args, client=c.generated, **kwargs)

    return asyncio.run(main())


def closed_port() -> int:
    """A port of 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port: int = listener.getsockname()[1]
    return port


def ids_of(items: Sequence[Any]) -> list[str]:
    return [item.id for item in items]


# --- the async transports ------------------------------------------------------

ASYNC_TRANSPORTS = ("httpx", "aiohttp")


@contextlib.asynccontextmanager
async def async_client_on(transport: str, **options: Any) -> AsyncIterator[AsyncClient]:
    """An AsyncClient on ``transport`` (one of :data:`ASYNC_TRANSPORTS`); the
    aiohttp client, which the caller owns, is closed on exit too."""
    http = DefaultAioHttpClient() if transport == "aiohttp" else None
    try:
        async with AsyncClient(http_client=http, **options) as client:
            yield client
    finally:
        if http is not None:
            await http.aclose()
