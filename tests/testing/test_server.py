"""The HTTP face: keep-alive, connection counters, clean shutdown, HTTP edge cases."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .helpers import API_KEY, VERSION, http_client


def _raw_exchange(server: FakeServer, data: bytes) -> tuple[str, dict[str, str], bytes]:
    """Send `data` on a fresh socket, read until the server closes it; return the
    first response's status line, headers and body."""
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status_line, headers, body[: int(headers.get("content-length", len(body)))]


def _wait_until(condition: Any, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return bool(condition())


def _request(
    path: str, *, extra: str = "", method: str = "GET", close: bool = True
) -> bytes:
    connection = "Connection: close\r\n" if close else ""
    return (
        f"{method} {path} HTTP/1.1\r\nHost: fake\r\nx-api-key: {API_KEY}\r\n"
        f"anthropic-version: {VERSION}\r\n{extra}{connection}\r\n"
    ).encode()


def test_a_client_connection_is_kept_alive_across_requests() -> None:
    with FakeModelsAPI().serve() as server:
        with http_client(server) as client:
            for n in range(50):
                response = client.get("/v1/models", params={"limit": n % 9 + 1})
                assert response.status_code == 200
                assert "connection" not in response.headers  # keep-alive (HTTP/1.1)
            assert client.get("/v1/models/claude-nope").status_code == 404
            assert server.connections_opened == 1
            assert server.open_connections == 1
            assert server.max_concurrent_connections == 1
        assert server.wait_for_idle(5)
        assert server.open_connections == 0
        assert server.connections_opened == 1


def test_connection_counters_follow_clients() -> None:
    with FakeModelsAPI().serve() as server:
        assert (server.connections_opened, server.open_connections) == (0, 0)
        clients = [http_client(server) for _ in range(3)]
        try:
            for client in clients:
                assert client.get("/v1/models").status_code == 200
            assert server.open_connections == 3
            assert server.max_concurrent_connections == 3
            clients[0].close()
            assert _wait_until(lambda: server.open_connections == 2)
        finally:
            for client in clients:
                client.close()
        assert server.wait_for_idle(5)
        assert server.open_connections == 0
        assert server.connections_opened == 3
        assert server.max_concurrent_connections == 3  # a high-water mark


def _fake_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t is not threading.current_thread()}


def test_stopping_closes_every_connection_and_joins_every_thread() -> None:
    before = _fake_threads()
    server = FakeModelsAPI().serve()
    host, port = server.host, server.port
    client = http_client(server)
    try:
        assert client.get("/v1/models").status_code == 200
        assert server.open_connections == 1  # kept alive, its handler waiting
        assert _fake_threads() - before  # the accept loop and the handler
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 1
        assert _fake_threads() == before
        assert server.open_connections == 0
        with pytest.raises(OSError):
            socket.create_connection((host, port), timeout=1).close()
        with pytest.raises(httpx.TransportError):
            client.get("/v1/models")
        server.stop()  # idempotent
        assert "stopped" in repr(server)
    finally:
        client.close()


def test_stopping_interrupts_a_delayed_response() -> None:
    fake = FakeModelsAPI()
    fake.inject(Fault.delay(30))
    outcome: list[BaseException | int] = []
    with fake.serve() as server:

        def call() -> None:
            try:
                with http_client(server) as client:
                    outcome.append(client.get("/v1/models").status_code)
            except BaseException as exc:  # reported by the main thread
                outcome.append(exc)

        thread = threading.Thread(target=call)
        thread.start()
        assert _wait_until(lambda: len(fake.requests) == 1)
        started = time.monotonic()
    assert time.monotonic() - started < 2  # did not wait for the 30 s delay
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], httpx.TransportError)


def test_a_request_body_is_read_and_the_connection_reused() -> None:
    with FakeModelsAPI().serve() as server, http_client(server) as client:
        response = client.post("/v1/models", content=b"x" * 100_000)
        assert response.status_code == 405
        assert client.get("/v1/models").status_code == 200
        assert server.connections_opened == 1


def test_connection_close_is_honoured() -> None:
    with FakeModelsAPI().serve() as server, http_client(server) as client:
        response = client.get("/v1/models", headers={"connection": "close"})
        assert response.status_code == 200
        assert response.headers["connection"] == "close"
        assert client.get("/v1/models").status_code == 200
        assert server.connections_opened == 2


def test_http_errors_of_the_server_itself_are_api_shaped_json() -> None:
    with FakeModelsAPI().serve() as server:
        status, headers, body = _raw_exchange(server, b"NONSENSE\r\n\r\n")
        assert status.startswith("HTTP/1.1 400")
        assert headers["content-type"] == "application/json"
        error = json.loads(body)
        assert error["type"] == "error"
        assert error["error"]["type"] == "invalid_request_error"
        assert error["request_id"] == headers["request-id"]


def test_an_unknown_method_is_a_405_not_a_501() -> None:
    with FakeModelsAPI().serve() as server:
        status, headers, body = _raw_exchange(
            server, _request("/v1/models", method="BREW")
        )
    assert status.startswith("HTTP/1.1 405")
    assert headers["allow"] == "GET"
    assert json.loads(body)["error"]["type"] == "invalid_request_error"


def test_an_absolute_form_request_target_is_understood() -> None:
    fake = FakeModelsAPI()
    with fake.serve() as server:
        target = f"{server.base_url}/v1/models?limit=2"
        status, _, body = _raw_exchange(server, _request(target))
    assert status.startswith("HTTP/1.1 200")
    assert len(json.loads(body)["data"]) == 2
    assert fake.requests[0].path == "/v1/models"
    assert fake.requests[0].query == [("limit", "2")]


def test_a_double_slash_path_is_recorded_as_sent() -> None:
    fake = FakeModelsAPI()
    with fake.serve() as server:
        status, _, _ = _raw_exchange(server, _request("//v1/models"))
    assert status.startswith("HTTP/1.1 404")
    assert fake.requests[0].path == "//v1/models"


def test_a_chunked_request_body_is_read_and_the_connection_reused() -> None:
    def body() -> Iterator[bytes]:  # no length known: httpx sends it chunked
        yield b"abc"
        yield b"x" * 5000

    with FakeModelsAPI().serve() as server, http_client(server) as client:
        response = client.post("/v1/models", content=body())
        assert response.status_code == 405
        assert response.request.headers["transfer-encoding"] == "chunked"
        assert client.get("/v1/models").status_code == 200
        assert server.connections_opened == 1


def test_a_malformed_chunked_body_gets_an_answer_then_a_close() -> None:
    with FakeModelsAPI().serve() as server:
        # Without "Connection: close": the server closes on its own (else the
        # read below would time out), as it cannot tell where the body ends.
        data = _request(
            "/v1/models",
            method="POST",
            extra="Transfer-Encoding: chunked\r\n",
            close=False,
        )
        status, headers, _ = _raw_exchange(server, data + b"zz\r\n")
    assert status.startswith("HTTP/1.1 405")
    assert headers["connection"] == "close"


def test_the_server_writes_nothing_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    fake = FakeModelsAPI()
    fake.inject(Fault.drop_connection(), Fault.cut_body(), Fault.error(500))
    with fake.serve() as server, http_client(server) as client:
        for path in ["/v1/models"] * 3 + ["/v1/models/claude-nope", "/x"]:
            with contextlib.suppress(httpx.TransportError):
                client.get(path)
        _raw_exchange(server, b"NONSENSE\r\n\r\n")
        assert len(fake.requests) == 5
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_serve_takes_a_host_and_a_port() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake = FakeModelsAPI()
    with fake.serve(host="127.0.0.1", port=port) as server:
        assert server.base_url == f"http://127.0.0.1:{port}"
        assert server.fake is fake
        assert "serving" in repr(server)
        with http_client(server) as client:
            assert client.get("/v1/models").status_code == 200
