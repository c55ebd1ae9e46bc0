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

# httpx's own defaults for the pool of an httpx.HTTPTransport().
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


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
        self._routes = httpx.AsyncClient(limits=_LIMITS, trust_env=True)

    def _current(self) -> httpx.AsyncClient:
        if self._pid != os.getpid():
            self._routes = httpx.AsyncClient(limits=_LIMITS, trust_env=True)
            self._pid = os.getpid()
        return self._routes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self._current()._transport_for_url(request.url)
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        if self._pid == os.getpid():
            await self._routes.aclose()
