"""The environment's proxies and the server's cookies (issue 19).

- ``HTTP_PROXY`` (as ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``) routes the
  client's own pools as it routes an ``httpx.Client()``, on every transport: a
  tiny forward proxy on 127.0.0.1 relays to the fake and records what it saw.
- Cookies a server sets are not kept: the Models API needs none, and a server
  setting a new one with every response grew the ``Cookie`` header of every
  request without bound (156 kB after 3,000 responses)."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator

import pytest

from anthropic_models import AsyncClient, Client, DefaultAioHttpClient
from anthropic_models.testing import (
    FakeModelsAPI,
    FakeServer,
    Fault,
    synthetic_models,
)

from .report import REPORT
from .support import KEY

TRANSPORTS = ["sync", "httpx", "aiohttp"]
_PROXY_VARIABLES = (
    *("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"),
    *("http_proxy", "https_proxy", "all_proxy", "no_proxy"),
)


class ForwardProxy:
    """A plain HTTP forward proxy (no CONNECT): one request per connection, its
    absolute-form target recorded, relayed to the origin with
    ``connection: close`` and the answer relayed back until the origin closes.
    Every wait is bounded."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.targets: list[str] = []
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> ForwardProxy:
        self._spawn(self._accept)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._spawn(self._relay, connection)

    def _relay(self, client: socket.socket) -> None:
        with client:
            client.settimeout(5)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = client.recv(65536)
                if not chunk:
                    return
                head += chunk
            request_line, *header_lines = head.split(b"\r\n\r\n")[0].split(b"\r\n")
            method, target, version = request_line.split(b" ")
            self.targets.append(target.decode())
            rest = target.split(b"://", 1)[1]
            authority, _, path = rest.partition(b"/")
            host, _, port = authority.decode().rpartition(":")
            headers = [
                line
                for line in header_lines
                if not line.lower().startswith((b"connection:", b"proxy-"))
            ]
            forwarded = b"\r\n".join(
                [b"%s /%s %s" % (method, path, version), *headers, b"connection: close"]
            )
            with socket.create_connection((host, int(port)), timeout=5) as origin:
                origin.sendall(forwarded + b"\r\n\r\n")
                while chunk := origin.recv(65536):
                    client.sendall(chunk)


@pytest.fixture
def fake() -> FakeModelsAPI:
    return FakeModelsAPI(models=synthetic_models(3), api_key=KEY)


@pytest.fixture
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    with fake.serve() as served:
        yield served


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ForwardProxy]:
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with ForwardProxy() as served:
        yield served


def get_ids(base_url: str, model_ids: list[str], transport: str) -> list[str]:
    """Gets through one client, built after the environment is set."""
    if transport == "sync":
        with Client(api_key=KEY, base_url=base_url, max_retries=0) as client:
            return [client.models.get(model_id).id for model_id in model_ids]

    async def run() -> list[str]:
        http = DefaultAioHttpClient() if transport == "aiohttp" else None
        try:
            async with AsyncClient(
                api_key=KEY, base_url=base_url, max_retries=0, http_client=http
            ) as client:
                return [(await client.models.get(m)).id for m in model_ids]
        finally:
            if http is not None:
                await http.aclose()

    return asyncio.run(run())


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_the_environments_proxy_carries_every_request(
    fake: FakeModelsAPI,
    server: FakeServer,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
    transport: str,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    ids = fake.model_ids[:2]
    assert get_ids(server.base_url, ids, transport) == ids
    REPORT.count_case("6. hostile environment")
    REPORT.environment[f"HTTP_PROXY, {transport}"] = (
        f"{len(proxy.targets)} of {len(ids)} requests through the proxy"
        + ("" if transport == "aiohttp" else " (before the fix: 0)")
    )
    assert proxy.targets == [f"{server.base_url}/v1/models/{i}" for i in ids]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_no_proxy_sends_directly(
    fake: FakeModelsAPI,
    server: FakeServer,
    proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
    transport: str,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    ids = fake.model_ids[:1]
    assert get_ids(server.base_url, ids, transport) == ids
    assert proxy.targets == []


RESPONSES = 300
# Measured before the fix, on each transport.
BEFORE_COOKIES = dict.fromkeys(TRANSPORTS, " (before the fix: 16034 bytes)")


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_cookies_the_server_sets_are_not_kept(
    fake: FakeModelsAPI, transport: str
) -> None:
    """Every response sets a new cookie; no request carries any back. Served on
    ``localhost``, not 127.0.0.1: aiohttp's jar ignores cookies of IP hosts."""
    model_id = fake.model_ids[0]
    body = json.dumps(fake.models[0]).encode()
    fake.inject(
        *(
            Fault.raw(
                200,
                body,
                content_type="application/json",
                headers={"set-cookie": f"affinity{i}={'v' * 40}; Path=/"},
            )
            for i in range(RESPONSES)
        )
    )
    with fake.serve(host="localhost") as server:
        base_url = f"http://localhost:{server.port}"
        assert (
            get_ids(base_url, [model_id] * RESPONSES, transport)
            == [model_id] * RESPONSES
        )
    sizes = [len(request.headers.get("cookie", "")) for request in fake.requests]
    REPORT.count_case("6. hostile environment")
    REPORT.environment[f"cookies after {RESPONSES} responses, {transport}"] = (
        f"Cookie header of the last request: {sizes[-1]} bytes"
        + BEFORE_COOKIES[transport]
    )
    assert sizes == [0] * RESPONSES
