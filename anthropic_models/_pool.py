"""The sync connection pool the runtime builds when no ``http_client`` is given:
httpx's own, on a network backend whose sockets never wait past the attempt's
deadline.

httpcore reads a request's ``read`` timeout once per response and gives it to
every socket read of the body, so a body trickled in time for each read would go
on for ever; a sync client has no event loop to cancel it. Here each socket
operation (connect, TLS handshake, read, write) gets the smaller of its own
timeout and what is left of the deadline that ``_transport`` sets for the
attempt (:data:`anthropic_models._limits.DEADLINE`), so an attempt ends within
its budget whatever the server does. Imported only when a ``Client`` builds its
pool: httpcore is not needed by ``import anthropic_models``.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._limits import time_left

__all__ = ["pool_transport"]

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


def pool_transport() -> httpx.HTTPTransport:
    """``httpx.HTTPTransport()`` (its defaults, its exception mapping), sending
    through a pool on the deadline-aware backend."""
    ssl_context = httpx.create_ssl_context()  # once: loading the CAs costs ms
    transport = httpx.HTTPTransport(verify=ssl_context)
    # httpx.HTTPTransport takes no network backend; its pool is the one attribute
    # its handle_request uses, set here to the same pool httpx builds
    # (httpx.HTTPTransport.__init__, 0.28) but for the backend. httpx is held
    # below 0.29 in pyproject.toml; tests/runtime/test_limits.py proves the
    # deadline on a real socket.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl_context,
        max_connections=_LIMITS.max_connections,
        max_keepalive_connections=_LIMITS.max_keepalive_connections,
        keepalive_expiry=_LIMITS.keepalive_expiry,
        network_backend=_DeadlineBackend(),
    )
    return transport
