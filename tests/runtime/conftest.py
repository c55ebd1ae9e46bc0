"""Shared helpers of the runtime tests: fake handlers for ``httpx.MockTransport``, a
fake catalogue with the API's cursor semantics, client factories that never sleep
for real, and a raw-socket HTTP/1.1 server on 127.0.0.1 for socket-level tests.

Test modules import the helpers from here (``from .conftest import ...``); the
fixtures at the end are found by pytest as usual.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from typing import Any

import httpx
import pytest

from anthropic_models import AsyncClient, Client, DefaultAioHttpClient

KEY = "sk-ant-TEST-SECRET-0123456789"
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


class Catalogue(Recorder):
    """``GET /v1/models`` and ``GET /v1/models/{id}`` over a fixed list of IDs
    (newest first), with the live API's cursor semantics:

    - ``after_id=X``: the ``limit`` models after X (older); ``has_more`` when
      there are more after those;
    - ``before_id=X``: the ``limit`` models right before X (newer); ``has_more``
      when there are more before those;
    - ``first_id`` / ``last_id``: the first and last ID of ``data``, or null.

    ``failures`` maps a call number (1-based) to the response sent instead.
    More than ``max_calls`` requests fail the test (no listing may loop).
    """

    def __init__(
        self,
        ids: Iterable[str],
        *,
        failures: dict[int, httpx.Response] | None = None,
        max_calls: int = 100,
    ) -> None:
        super().__init__()
        self.ids = list(ids)
        self.failures = dict(failures or {})
        self.max_calls = max_calls

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert self.calls <= self.max_calls, "too many requests: the listing loops"
        failure = self.failures.get(self.calls)
        if failure is not None:
            return failure
        path = request.url.path
        if path.startswith("/v1/models/"):
            model_id = path.removeprefix("/v1/models/")
            if model_id in self.ids:
                return httpx.Response(200, json=model_json(model_id))
            return httpx.Response(
                404, json=error_json("not_found_error", f"model: {model_id}")
            )
        assert path == "/v1/models", path
        params = request.url.params
        limit = int(params.get("limit", "20"))
        return httpx.Response(
            200,
            json=self.page(params.get("after_id"), params.get("before_id"), limit),
            headers={"request-id": f"req_{self.calls}"},
        )

    def page(
        self, after_id: str | None, before_id: str | None, limit: int
    ) -> dict[str, Any]:
        if before_id is not None:
            end = self.ids.index(before_id)
            start = max(0, end - limit)
            has_more = start > 0
        else:
            start = self.ids.index(after_id) + 1 if after_id is not None else 0
            end = min(len(self.ids), start + limit)
            has_more = end < len(self.ids)
        chosen = self.ids[start:end]
        return {
            "data": [model_json(model_id) for model_id in chosen],
            "first_id": chosen[0] if chosen else None,
            "last_id": chosen[-1] if chosen else None,
            "has_more": has_more,
        }

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


# --- a real HTTP/1.1 server on 127.0.0.1 ---------------------------------------

# What a LocalServer handler answers: a response (sent with Content-Length, the
# connection kept alive), raw bytes (sent as they are, then the connection is
# closed), or None (say nothing and hold the connection until the server stops).
ServerReply = httpx.Response | bytes | None
ServerHandler = Callable[[httpx.Request], ServerReply]


def serialize(response: httpx.Response) -> bytes:
    body = response.content
    lines = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}"]
    lines += [
        f"{name}: {value}"
        for name, value in response.headers.items()
        if name.lower() not in ("content-length", "transfer-encoding", "connection")
    ]
    lines.append(f"content-length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class LocalServer:
    """A small HTTP/1.1 server on an ephemeral port of 127.0.0.1, one thread per
    connection, keep-alive. Counts the connections it accepted and records the
    requests (as ``httpx.Request``) it read. Every wait is a short poll, so
    :meth:`stop` returns promptly."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.handler: ServerHandler = lambda request: httpx.Response(404)
        self.connections = 0
        self.requests: list[httpx.Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self._spawn(self._accept_loop)

    def stop(self) -> None:
        self._stopping.set()
        # The accept loop first (it polls, so it ends within one poll), so that no
        # connection thread can start after the joins below.
        acceptor, *_ = self._threads
        acceptor.join(timeout=2)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=2)
        assert not any(thread.is_alive() for thread in self._threads)

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(0.05)
        buffer = b""
        with connection:
            while not self._stopping.is_set():
                if b"\r\n\r\n" not in buffer:
                    try:
                        chunk = connection.recv(65536)
                    except TimeoutError:
                        continue
                    except OSError:
                        return
                    if not chunk:
                        return
                    buffer += chunk
                    continue
                head, buffer = buffer.split(b"\r\n\r\n", 1)
                request = self._request(head)
                with self._lock:
                    self.requests.append(request)
                reply = self.handler(request)
                if reply is None:
                    self._stopping.wait()
                    return
                if isinstance(reply, bytes):
                    connection.sendall(reply)
                    return
                connection.sendall(serialize(reply))

    def _request(self, head: bytes) -> httpx.Request:
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = []
        for line in header_lines:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        return httpx.Request(method, self.base_url + target, headers=headers)


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def closed_port() -> int:
    """A port of 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port: int = listener.getsockname()[1]
    return port


def ids_of(items: Sequence[Any]) -> list[str]:
    return [item.id for item in items]


# --- the async transports ------------------------------------------------------

ASYNC_TRANSPORTS = ("httpx", "aiohttp")


@pytest.fixture(params=ASYNC_TRANSPORTS)
def async_transport(request: pytest.FixtureRequest) -> str:
    """The async socket-level tests run on each: the AsyncClient's own pool
    (httpx's), and DefaultAioHttpClient() passed as ``http_client``."""
    name: str = request.param
    return name


@contextlib.asynccontextmanager
async def async_client_on(transport: str, **options: Any) -> AsyncIterator[AsyncClient]:
    """An AsyncClient on ``transport`` (see :func:`async_transport`); the
    aiohttp client, which the caller owns, is closed on exit too."""
    http = DefaultAioHttpClient() if transport == "aiohttp" else None
    try:
        async with AsyncClient(http_client=http, **options) as client:
            yield client
    finally:
        if http is not None:
            await http.aclose()
