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

from typing import Any

import httpx

__all__ = ["DefaultAioHttpClient"]

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
        from httpx_aiohttp import HttpxAiohttpClient
    except ImportError:
        raise ImportError(
            "DefaultAioHttpClient needs aiohttp: "
            "pip install 'anthropic-models[aiohttp]'"
        ) from None
    from ._client import DEFAULT_TIMEOUT

    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
    kwargs.setdefault("limits", _LIMITS)
    return HttpxAiohttpClient(**kwargs)
