"""``DefaultAioHttpClient()``: an ``httpx.AsyncClient`` that sends through aiohttp.

With many concurrent requests, aiohttp's connection pool costs far less CPU than
httpcore's (which rescans its whole queue of waiting requests on every change).
The official SDK offers the same option under the same name; both use
httpx-aiohttp, which plugs aiohttp in as an httpx transport, so everything the
runtime does in its own transport (retries, typed errors, the deadline, the size
cap, redaction) applies unchanged. It needs the extra:
``pip install 'anthropic-models[aiohttp]'``.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import httpx

__all__ = ["DefaultAioHttpClient", "transport_failure"]

# httpx's own pool limits, as the AsyncClient's own pool (httpx.AsyncHTTPTransport).
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


# A function named like a class: the official SDK's name (a class there), so that
# users moving over find it; a function keeps httpx_aiohttp out of the import.
def DefaultAioHttpClient(**kwargs: Any) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` on aiohttp with the runtime's defaults (its
    timeout, httpx's pool limits), for ``AsyncClient(http_client=...)``; keyword
    arguments are those of ``httpx.AsyncClient`` and override the defaults. You
    close it (``await http_client.aclose()``), as any client you pass in."""
    try:
        from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient
    except ImportError:
        raise ImportError(
            "DefaultAioHttpClient needs aiohttp: "
            "pip install 'anthropic-models[aiohttp]'"
        ) from None
    from ._client import DEFAULT_TIMEOUT

    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
    kwargs.setdefault("limits", _LIMITS)
    client = HttpxAiohttpClient(**kwargs)
    # Its transports (the pool, and one per proxy of the environment: httpx's
    # `_transport` and `_mounts`; httpx is held below 0.29) start their aiohttp
    # session from `client` when it is a callable: one that keeps no cookies.
    for transport in (client._transport, *client._mounts.values()):
        if isinstance(transport, AiohttpTransport) and transport.client is None:
            transport.client = functools.partial(_session, transport)
    return client


def _session(transport: Any) -> Any:
    """The aiohttp session of an httpx-aiohttp transport, as it would build it
    (its connection limit, keep-alive expiry and TLS context), but with a jar
    that keeps no cookie: aiohttp's session would keep and send back every
    cookie a server sets, without bound, as httpx's client would; the runtime
    keeps none (see ``_client._no_cookies``)."""
    import aiohttp

    limits: httpx.Limits = transport.limits
    connector = aiohttp.TCPConnector(
        limit=limits.max_connections or 0,  # 0: no limit, as httpx's None
        keepalive_timeout=limits.keepalive_expiry,
        ssl=transport.ssl_context,
    )
    return aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar()
    )


def transport_failure(
    exc: BaseException, request: httpx.Request
) -> httpx.TransportError | None:
    """An aiohttp failure as the httpx error httpcore raises for the same; None
    when ``exc`` is not one (or aiohttp was never imported).

    httpx-aiohttp 0.2.0 maps a few of aiohttp's exceptions, some wrongly: a
    refused connection (ClientConnectorError) and a connection closed before
    any byte (ServerDisconnectedError) become ``httpx.ConnectTimeout``; and
    lets the rest escape as they are: a bad status line, a bad header name, two
    or a non-numeric Content-Length, a bad chunk size or a flood of headers are
    ``aiohttp.ClientResponseError``, which nothing would type or retry. Here
    aiohttp's exception, escaped or as the cause of httpx-aiohttp's, decides:
    its timeouts stay timeouts, a broken response is a
    ``RemoteProtocolError``, a lost connection a ``ReadError`` or a
    ``ConnectError``; the runtime then types and retries them as on httpx's
    own pool. Used by the async transport for any httpx client on aiohttp (the
    caller's own ``HttpxAiohttpClient`` too)."""
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is None:
        return None
    cause = exc.__cause__ if isinstance(exc, httpx.TransportError) else exc
    if not isinstance(cause, aiohttp.ClientError):
        return None
    kind: type[httpx.TransportError]
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        kind = httpx.ConnectTimeout
    elif isinstance(cause, aiohttp.ServerTimeoutError):
        kind = httpx.ReadTimeout
    elif isinstance(
        cause, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)
    ):
        kind = httpx.ProxyError
    elif isinstance(cause, aiohttp.ClientConnectorError):
        kind = httpx.ConnectError
    elif isinstance(cause, (aiohttp.ClientOSError, aiohttp.ClientPayloadError)):
        kind = httpx.ReadError
    elif isinstance(cause, aiohttp.InvalidURL):
        kind = httpx.UnsupportedProtocol
    else:  # ServerDisconnectedError, ClientResponseError and the rest
        kind = httpx.RemoteProtocolError
    failure = kind(f"{type(cause).__name__}: {cause}", request=request)
    failure.__cause__ = cause
    return failure
