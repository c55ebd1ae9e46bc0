"""The network face: a real HTTP/1.1 server (keep-alive, one thread per connection)."""

from __future__ import annotations

import contextlib
import selectors
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from ._wire import Outcome, Reply, Responder, Response, reason_phrase, reply

__all__ = ["FakeServer"]

# Request bodies are read (so the connection stays usable) up to this size; a
# bigger one is left unread and the connection closed after the response.
_MAX_DRAINED_BODY = 1 << 20


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive by default
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        # The response goes out in one write, but small request/response exchanges
        # on a kept-alive connection still stall on Nagle + delayed ACK (40 ms per
        # request on Linux) without this.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Silenced: a test run is no place for an access log."""

    def __getattr__(self, name: str) -> Callable[[], None]:
        # BaseHTTPRequestHandler looks up `do_<METHOD>`; every method, known or not,
        # goes to the fake, which answers 405 to anything but GET (as the API does),
        # instead of http.server's HTML 501.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def _drain_body(self) -> bool:
        """Read the request body, if any; False if the connection must be closed.

        The API ignores bodies, but an unread one would be taken for the next
        request on a kept-alive connection (and closing with unread data makes the
        kernel reset the connection, which can destroy the response in flight).
        """
        encoding = self.headers.get("transfer-encoding")
        if encoding is not None:
            return encoding.strip().lower() == "chunked" and self._drain_chunked()
        length = self.headers.get("content-length")
        if length is None:
            return True
        try:
            size = int(length)
        except ValueError:
            return False
        if size < 0 or size > _MAX_DRAINED_BODY:
            return False
        while size > 0:
            chunk = self.rfile.read(min(size, 65536))
            if not chunk:
                return False
            size -= len(chunk)
        return True

    def _drain_chunked(self) -> bool:
        total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                return False
            total += size
            if size < 0 or total > _MAX_DRAINED_BODY:
                return False
            if size == 0:
                break
            data = self.rfile.read(size + 2)  # the chunk and its CRLF
            if len(data) != size + 2:
                return False
        while True:  # trailer fields, up to the empty line
            line = self.rfile.readline(8192)
            if line in (b"\r\n", b"\n"):
                return True
            if not line:
                return False

    def _serve(self) -> None:
        keep_open = self._drain_body()
        # The request target exactly as sent: http.server rewrites a leading "//" in
        # self.path, the request line keeps it.
        words = self.requestline.split()
        target = words[1] if len(words) >= 2 else self.path
        outcome = self.server.fake.respond(
            self.command, target, [(n, str(v)) for n, v in self.headers.items()]
        )
        if outcome.delay and self.server.stopping.wait(outcome.delay):
            self.close_connection = True  # the server is stopping: give up
            return
        sent = reply(outcome, self.command)
        if sent is None:  # Fault.drop_connection
            self.close_connection = True
            return
        # Fault.cut_body: the full Content-Length, half the body, then close.
        if not keep_open or not sent.complete:
            self.close_connection = True
        self._send(sent)

    def _send(self, sent: Reply) -> None:
        lines = [f"HTTP/1.1 {sent.status} {sent.reason}"]
        lines.extend(f"{name}: {value}" for name, value in sent.headers)
        lines.append(f"date: {self.date_time_string()}")
        if self.close_connection:
            lines.append("connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head + sent.body)  # one write: see setup()

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        """http.server's own errors (bad request line, headers too long...), in the
        API's JSON error shape instead of an HTML page."""
        response: Response = self.server.fake.reject(
            code, message or reason_phrase(code)
        )
        self.close_connection = True
        # The body in any case: the request (HEAD or not) was not understood.
        sent = reply(Outcome(response), "GET")
        assert sent is not None  # an Outcome with a response always has a reply
        self._send(sent)


class _HTTPServer(ThreadingHTTPServer):
    # One daemon thread per connection (a forgotten server cannot keep a test
    # process alive). ThreadingMixIn does not join daemon threads, so the server
    # tracks them itself and stop() joins them, after shutting every open socket
    # down so that the joins are quick.
    daemon_threads = True
    # The default backlog (5) is too small for benchmarks: the official SDK's
    # own pool opens a connection per request of a burst of 500 at once, and a
    # full accept queue drops SYNs (retried after 1 s, then 3 s).
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], fake: Responder) -> None:
        self.fake = fake
        self.stopping = threading.Event()
        self.counter_lock = threading.Condition()
        self.connections_opened = 0
        self.open_connections = 0
        self.max_concurrent_connections = 0
        self.sockets: set[socket.socket] = set()
        self.handler_threads: list[threading.Thread] = []
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, a DNS lookup that can take
        # seconds on a badly configured machine; the fake never needs it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(
        self, request: Any, client_address: Any
    ) -> None:  # runs on the accept thread
        with self.counter_lock:
            self.connections_opened += 1
            self.open_connections += 1
            self.max_concurrent_connections = max(
                self.max_concurrent_connections, self.open_connections
            )
            self.sockets.add(request)
            # Forget the handlers that are done; keep the live ones for stop().
            self.handler_threads = [t for t in self.handler_threads if t.is_alive()]
            thread = threading.Thread(
                target=self.process_request_thread,
                args=(request, client_address),
                name=f"fake-models-api:{self.server_port}:{self.connections_opened}",
                daemon=True,
            )
            self.handler_threads.append(thread)
        thread.start()

    def join_handlers(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self.counter_lock:
            threads = list(self.handler_threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def shutdown_request(self, request: Any) -> None:  # runs when a connection ends
        try:
            super().shutdown_request(request)
        finally:
            with self.counter_lock:
                if request in self.sockets:
                    self.sockets.discard(request)
                    self.open_connections -= 1
                    self.counter_lock.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-exchange (or stop() shutting its socket) is
        # normal for a fake that drops connections on purpose: stay quiet.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)

    def accept_loop(self, wake: socket.socket) -> None:
        """Accept connections until `wake` becomes readable.

        Instead of serve_forever(), whose shutdown() waits up to a poll interval:
        stop() writes a byte to `wake` and the loop ends at once, which matters
        when every test starts and stops a server.
        """
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(wake, selectors.EVENT_READ)
            while True:
                for key, _ in selector.select():
                    if key.fileobj is wake:
                        return
                    try:
                        request, client_address = self.get_request()
                    except OSError:
                        continue  # the client went away before we accepted
                    try:
                        self.process_request(request, client_address)
                    except Exception:
                        self.handle_error(request, client_address)
                        self.shutdown_request(request)

    def close_connections(self) -> None:
        with self.counter_lock:
            sockets = list(self.sockets)
        for sock in sockets:
            # OSError: already closed by its handler.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class FakeServer:
    """A FakeModelsAPI served over HTTP/1.1 on a background thread.

    Started when created (by `fake.serve()`); `stop()`, or leaving the `with`
    block, stops accepting, closes every open connection and joins every thread.
    """

    def __init__(
        self, fake: Responder, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.fake = fake
        self._httpd = _HTTPServer((host, port), fake)
        self.host = host
        self.port: int = self._httpd.server_port
        self._stopped = False
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._thread = threading.Thread(
            target=self._httpd.accept_loop,
            args=(self._wake_reader,),
            name=f"fake-models-api:{self.port}",
            daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def connections_opened(self) -> int:
        """TCP connections accepted so far."""
        with self._httpd.counter_lock:
            return self._httpd.connections_opened

    @property
    def open_connections(self) -> int:
        """TCP connections currently open (a client's close is noticed within
        milliseconds; see wait_for_idle)."""
        with self._httpd.counter_lock:
            return self._httpd.open_connections

    @property
    def max_concurrent_connections(self) -> int:
        """High-water mark of simultaneously open connections."""
        with self._httpd.counter_lock:
            return self._httpd.max_concurrent_connections

    def wait_for_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no connection is open; False if `timeout` passed first."""
        with self._httpd.counter_lock:
            return self._httpd.counter_lock.wait_for(
                lambda: self._httpd.open_connections == 0, timeout
            )

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._wake_writer.send(b"x")  # the accept loop exits: no new connection
        self._thread.join()
        self._httpd.stopping.set()  # wakes handlers waiting in a Fault.delay
        self._httpd.close_connections()  # wakes handlers waiting for a request
        self._httpd.server_close()  # closes the listening socket
        # Bounded, so that a handler stuck in user code (a fault_hook that never
        # returns) cannot hang the test run; in practice this takes milliseconds.
        self._httpd.join_handlers(timeout=5.0)
        self._wake_reader.close()
        self._wake_writer.close()

    def __enter__(self) -> FakeServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else "serving"
        return f"<FakeServer {self.base_url} {state}>"
