"""A hostile HTTP/1.1 server on an ephemeral port of 127.0.0.1, for the deadline
and size-limit tests (runtime and hardening). ``GET /v1/models/<behaviour>``:

- ``trickle``: a model object, its ``Content-Length`` honest, sent two bytes a
  second (about a minute in all);
- ``trickle-head``: the same, its status line and headers trickled too;
- ``big-length``: a ``Content-Length`` of 300 MB, then zeros for as long as the
  client reads;
- ``big-chunked`` / ``big-error``: a chunked 200 / 500 response of zeros with no
  ``Content-Length``, for as long as the client reads (at most 300 MB);
- ``gzip``: a model object, gzip-encoded (an honest compressed body);
- ``bomb``: 200 MB of JSON whitespace gzip-compressed to about 200 KB, with
  ``Content-Encoding: gzip`` and its honest ``Content-Length``;
- ``bomb-<e1>.<e2>...``: the same 200 MB, encoded in each of the encodings in
  turn (``gzip``, ``deflate``), sent with ``Content-Encoding: e1, e2, ...``;
- ``enc-<e1>.<e2>...``: a small model object, encoded likewise, where an
  encoding that is neither gzip nor deflate (``br``, ``x-unknown``) leaves the
  bytes as they are;
- ``nested-<n>``: a 200 response of ``n`` bytes of JSON that costs the most
  memory to parse per byte (a list of ``[[]]``: two lists for five bytes);
- ``malformed-<kind>``: a response that breaks HTTP/1.1 (:data:`MALFORMED`): a
  bad status line, a bad header name, two or a non-numeric Content-Length, a
  bad chunk size, a flood of headers, or the connection closed before a byte;
- anything else: a small model object.

Every connection is closed after one response. Every loop ends when the client
goes away, when the byte budget is spent, or when :meth:`HostileServer.stop` is
called; every wait is a short poll.
"""

from __future__ import annotations

import functools
import gzip
import json
import socket
import threading
import time
import zlib
from collections.abc import Iterator

MB = 1_000_000
BIG = 300 * MB
BOMB_INFLATED = 200 * MB
TRICKLE_BYTES_PER_SECOND = 2
_CHUNK = 64 * 1024


# Raw responses that break HTTP/1.1, each answered to ``malformed-<kind>``.
_BODY = b'{"id": "x"}'
MALFORMED: dict[str, bytes] = {
    "status-line": b"HTTP/1.1 OK-ISH\r\ncontent-length: 11\r\n\r\n" + _BODY,
    "header-name": b"HTTP/1.1 200 OK\r\nbad header: 1\r\ncontent-length: 11\r\n\r\n"
    + _BODY,
    "two-lengths": b"HTTP/1.1 200 OK\r\ncontent-length: 11\r\n"
    b"content-length: 12\r\n\r\n" + _BODY,
    "length-not-a-number": b"HTTP/1.1 200 OK\r\ncontent-length: eleven\r\n\r\n" + _BODY,
    "chunk-size": b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n"
    + _BODY
    + b"\r\n0\r\n\r\n",
    "header-flood": b"HTTP/1.1 200 OK\r\n"
    + b"".join(b"x-flood-%d: %s\r\n" % (i, b"f" * 100) for i in range(2000))
    + b"content-length: 11\r\n\r\n"
    + _BODY,
    "closed-before-any-byte": b"",
}


def encoded(body: bytes, encodings: list[str]) -> bytes:
    """``body`` encoded in each of ``encodings`` in turn (gzip and deflate; any
    other name leaves the bytes as they are)."""
    for encoding in encodings:
        if encoding in ("gzip", "x-gzip"):
            body = gzip.compress(body, 9)
        elif encoding == "deflate":
            body = zlib.compress(body, 9)
    return body


@functools.cache
def layered_bomb(encodings: tuple[str, ...]) -> bytes:
    """:func:`bomb`'s 200 MB of spaces, encoded in each of ``encodings`` in turn;
    the first, when gzip, is the bomb itself."""
    first, *rest = encodings
    if first == "gzip":
        return encoded(bomb(), rest)
    compressor = zlib.compressobj(9)
    block = b" " * MB
    parts = [compressor.compress(block) for _ in range(BOMB_INFLATED // MB)]
    parts.append(compressor.flush())
    return encoded(b"".join(parts), rest)


def model_body(model_id: str) -> bytes:
    return json.dumps(
        {
            "id": model_id,
            "created_at": "2025-09-29T00:00:00Z",
            "display_name": f"Model {model_id}",
            "type": "model",
        }
    ).encode()


@functools.cache
def bomb() -> bytes:
    """200 MB of spaces (valid JSON padding, so only its size is wrong), gzipped."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b" " * MB
    parts = [compressor.compress(block) for _ in range(BOMB_INFLATED // MB)]
    parts.append(compressor.flush())
    return b"".join(parts)


class HostileServer:
    def __init__(self) -> None:
        # A deep accept queue: tests may connect many clients at once.
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.sent = 0  # body bytes written, across connections
        self.requests = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> HostileServer:
        self._spawn(self._accept_loop)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        acceptor, *_ = self._threads
        acceptor.join(timeout=2)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=2)
        assert not any(thread.is_alive() for thread in self._threads)

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
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
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(0.05)
        head = b""
        with connection:
            while b"\r\n\r\n" not in head:
                if self._stopping.is_set():
                    return
                try:
                    chunk = connection.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                head += chunk
            target = head.split(b" ", 2)[1].decode("latin-1")
            behaviour = target.split("?", 1)[0].rsplit("/", 1)[-1]
            with self._lock:
                self.requests += 1
            try:
                self._answer(connection, behaviour)
            except OSError:
                return  # the client went away: what the limits are for

    def _send(self, connection: socket.socket, data: bytes) -> None:
        connection.settimeout(2.0)
        connection.sendall(data)
        with self._lock:
            self.sent += len(data)

    def _head(self, status: str, *headers: str) -> bytes:
        lines = [f"HTTP/1.1 {status}", "content-type: application/json"]
        lines += [*headers, "connection: close"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _answer(self, connection: socket.socket, behaviour: str) -> None:
        if behaviour in ("trickle", "trickle-head"):
            body = model_body("claude-trickle")
            head = self._head("200 OK", f"content-length: {len(body)}")
            if behaviour == "trickle":
                connection.sendall(head)
            else:
                body = head + body
            for start in range(0, len(body), 1):
                if self._stopping.wait(1 / TRICKLE_BYTES_PER_SECOND):
                    return
                self._send(connection, body[start : start + 1])
        elif behaviour == "big-length":
            connection.sendall(self._head("200 OK", f"content-length: {BIG}"))
            for block in self._zeros(BIG):
                self._send(connection, block)
        elif behaviour in ("big-chunked", "big-error"):
            status = "200 OK" if behaviour == "big-chunked" else "500 Oops"
            connection.sendall(self._head(status, "transfer-encoding: chunked"))
            for block in self._zeros(BIG):
                self._send(connection, b"%x\r\n%s\r\n" % (len(block), block))
            self._send(connection, b"0\r\n\r\n")
        elif behaviour.startswith("malformed-"):
            raw = MALFORMED[behaviour.removeprefix("malformed-")]
            if raw:
                self._send(connection, raw)
        elif behaviour.startswith("nested-"):
            size = int(behaviour.removeprefix("nested-"))
            body = b"[" + b"[[]]," * ((size - 6) // 5) + b"[[]]]"
            connection.sendall(self._head("200 OK", f"content-length: {len(body)}"))
            for start in range(0, len(body), _CHUNK):
                self._send(connection, body[start : start + _CHUNK])
        elif behaviour.startswith(("bomb-", "enc-")):
            kind, _, names = behaviour.partition("-")
            encodings = names.split(".")
            body = (
                layered_bomb(tuple(encodings))
                if kind == "bomb"
                else encoded(model_body("claude-encoded"), encodings)
            )
            connection.sendall(
                self._head(
                    "200 OK",
                    f"content-encoding: {', '.join(encodings)}",
                    f"content-length: {len(body)}",
                )
                + body
            )
        elif behaviour in ("bomb", "gzip"):
            body = bomb() if behaviour == "bomb" else gzip.compress(model_body("z"))
            connection.sendall(
                self._head(
                    "200 OK", "content-encoding: gzip", f"content-length: {len(body)}"
                )
            )
            for start in range(0, len(body), _CHUNK):
                self._send(connection, body[start : start + _CHUNK])
        else:
            body = model_body(behaviour)
            connection.sendall(
                self._head("200 OK", f"content-length: {len(body)}") + body
            )

    def _zeros(self, total: int) -> Iterator[bytes]:
        block = b"0" * _CHUNK
        deadline = time.monotonic() + 60
        for _ in range(total // _CHUNK):
            if self._stopping.is_set() or time.monotonic() > deadline:
                return
            yield block
