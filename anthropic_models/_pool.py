"""The connection pools the runtime builds when no ``http_client`` is given:
httpx's own, routed through the proxies of the environment as httpx's
``trust_env`` does, started afresh in a forked child, and (sync) on a network
backend whose sockets never wait past the attempt's deadline.

- **The deadline (sync).** httpcore reads a request's ``read`` timeout once per
  response and gives it to every socket read of the body, so a body trickled in
  time for each read would go on for ever; a sync client has no event loop to
  cancel it. Here each socket operation (connect, TLS handshake, read, write)
  gets the smaller of its own timeout and what is left of the deadline that
  ``_transport`` sets for the attempt (:data:`anthropic_models._limits.DEADLINE`),
  so an attempt ends within its budget whatever the server does.
- **Proxies.** ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``
  (and their lower-case forms) route each request as an ``httpx.Client()``
  would route it: httpx builds the routes (an ``httpx.Client`` given a
  ``transport`` ignores the environment, and the runtime's client is given
  one), the pool only asks them which transport a URL goes through.
- **Fork.** A child made by ``os.fork`` (``multiprocessing``'s ``fork`` start
  method) inherits the parent's kept-alive sockets: two processes writing
  requests on one connection and each reading the other's answers. The pool
  notes the process it was built in; a request from another process builds a
  fresh set of routes there and never touches the inherited ones, not even to
  close them (another thread of the parent may have held one of their locks at
  the fork, and the connections are the parent's). The parent's pool is left
  as it was. A caller's own ``http_client`` is the caller's to manage.

Imported only when a client builds its pool: httpcore is not needed by
``import anthropic_models``.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._limits import time_left

__all__ = ["AsyncOwnPool", "OwnPool"]

# httpx's own limit of connections for the pool of an httpx.HTTPTransport(), all
# of which may be kept alive (httpx keeps 20): httpcore 1.0.9 closes "surplus"
# idle connections once the pool holds more than that many connections, idle or
# not, and closes them outside its lock, when one may just have been handed to a
# waiting request (encode/httpcore#1110). With every connection allowed to stay
# alive, that pass never runs; idle ones still go after keepalive_expiry (5 s).
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:  # httpcore writes b"" twice a request; the socket is not asked
            self._stream.write(buffer, time_left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, time_left(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._backend.connect_tcp(
                host, port, time_left(timeout), local_address, socket_options
            )
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._backend.connect_unix_socket(path, time_left(timeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _Guarded(httpcore.ConnectionInterface):
    """A connection of the sync pool whose expiry check cannot close it under a
    request.

    httpcore 1.0.9's pool asks every connection ``has_expired()`` on each of its
    passes; an HTTP/1.1 connection answers "idle, and its socket is readable"
    (the server closed it) without its state lock, in two steps. Between them,
    another thread may start a request on it and the server answer it: the
    socket is then readable, the pool closes the connection under that request,
    and the request reads a closed descriptor ("Bad file descriptor"), or one
    the kernel already gave to the pool's replacement connection; the server
    meanwhile sees one connection more than the pool allows. Measured with 16
    threads on 8 connections: 23 such closes in 5,000 gets. Here the check
    holds the connection's state lock, which a request must take to start,
    and a connection found expired is closed at once, under the lock: a request
    handed it meanwhile finds it closed and is given another connection."""

    def __init__(self, inner: httpcore.ConnectionInterface) -> None:
        self._inner = inner

    def has_expired(self) -> bool:
        protocol = getattr(self._inner, "_connection", None)  # once connected
        lock = getattr(protocol, "_state_lock", None)
        if protocol is None or lock is None:
            return self._inner.has_expired()
        with lock:
            expired: bool = protocol.has_expired()
            if expired:
                protocol.close()
        return expired

    def handle_request(self, request: httpcore.Request) -> httpcore.Response:
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()

    def info(self) -> str:
        return self._inner.info()

    def can_handle_request(self, origin: httpcore.Origin) -> bool:
        return self._inner.can_handle_request(origin)

    def is_available(self) -> bool:
        return self._inner.is_available()

    def is_idle(self) -> bool:
        return self._inner.is_idle()

    def is_closed(self) -> bool:
        return self._inner.is_closed()

    def __repr__(self) -> str:
        return repr(self._inner)


class _GuardedPool(httpcore.ConnectionPool):
    def create_connection(
        self, origin: httpcore.Origin
    ) -> httpcore.ConnectionInterface:
        return _Guarded(super().create_connection(origin))


def _routes(ssl_context: ssl.SSLContext) -> httpx.Client:
    """httpx's own transports for a client built without one: the pool, and one
    per proxy the environment names (its ``_transport`` and ``_mounts``), each
    sending through the deadline-aware backend. Never used to send: only its
    routing (``_transport_for_url``) and its transports are."""
    routes = httpx.Client(verify=ssl_context, limits=_LIMITS, trust_env=True)
    # httpx.HTTPTransport takes no network backend: the one attribute of its
    # httpcore pool (ConnectionPool, or HTTPProxy / SOCKSProxy for a proxy) that
    # holds it is set here, after httpx built the pool with its own settings.
    # httpx is held below 0.29 and httpcore at 1.0.9 (constraints.txt);
    # tests/runtime/test_limits.py proves the deadline on a real socket and
    # tests/hardening/test_proxies_and_cookies.py the proxy route.
    transports = [routes._transport, *routes._mounts.values()]
    for transport in transports:
        if isinstance(transport, httpx.HTTPTransport):
            transport._pool._network_backend = _DeadlineBackend()
    # The direct route's pool, as httpx built it (httpx.HTTPTransport.__init__,
    # 0.28) but guarded against httpcore's race (_Guarded). A proxy's pool keeps
    # httpcore's own connections: a proxied request that meets the race is
    # retried, as any transport failure.
    direct = routes._transport
    assert isinstance(direct, httpx.HTTPTransport)
    direct._pool = _GuardedPool(
        ssl_context=ssl_context,
        max_connections=_LIMITS.max_connections,
        max_keepalive_connections=_LIMITS.max_keepalive_connections,
        keepalive_expiry=_LIMITS.keepalive_expiry,
        network_backend=_DeadlineBackend(),
    )
    return routes


class OwnPool(httpx.BaseTransport):
    """The sync client's own transport: see the module's docstring."""

    def __init__(self) -> None:
        self._ssl_context = httpx.create_ssl_context()  # once: the CAs cost ms
        self._pid = os.getpid()
        self._routes = _routes(self._ssl_context)

    def _current(self) -> httpx.Client:
        if self._pid != os.getpid():
            # A forked child: fresh routes, the inherited ones dropped untouched.
            # Two threads of the child may both get here; each builds its own
            # and the last one stays: a pool dropped so is only garbage.
            self._routes = _routes(self._ssl_context)
            self._pid = os.getpid()
        return self._routes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._current()._transport_for_url(request.url)
        return transport.handle_request(request)

    def close(self) -> None:
        if self._pid == os.getpid():  # a child never closes its parent's sockets
            self._routes.close()


class AsyncOwnPool(httpx.AsyncBaseTransport):
    """The async client's own transport: the proxies and the fork as
    :class:`OwnPool` (the deadline is the attempt's ``asyncio.timeout``). A
    child's event loop is not its parent's: the inherited connections could
    not serve it, even if they were its own."""

    def __init__(self) -> None:
        self._pid = os.getpid()
        self._routes = self._new_routes()

    @staticmethod
    def _new_routes() -> httpx.AsyncClient:
        # httpx's own limits (100 connections, 20 kept alive), not the sync
        # pool's _LIMITS: an event loop runs one task at a time, so httpcore's
        # pruning race cannot happen here, and every idle connection kept costs
        # a liveness check of each connection at every request assigned
        # (measured: 500 concurrent gets took 1.5x raw httpx's CPU with 100 kept
        # alive, against 1.0x with 20).
        return httpx.AsyncClient(trust_env=True)

    def _current(self) -> httpx.AsyncClient:
        if self._pid != os.getpid():
            self._routes = self._new_routes()
            self._pid = os.getpid()
        return self._routes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._current()._transport_for_url(request.url)
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        if self._pid == os.getpid():
            await self._routes.aclose()
