"""An ``AsyncClient`` across event loops (each ``asyncio.run()`` makes a new one).

A connection belongs to the event loop it was opened on: kept alive in a pool
after ``asyncio.run()`` returned, it is unusable from the next loop, and httpx
then fails with an untyped ``RuntimeError: Event loop is closed``. The
AsyncClient's own pool is therefore one pool per running loop
(:class:`PerLoopPool`); a caller's ``http_client`` (``DefaultAioHttpClient()``
included), which the caller built and owns, cannot be rebuilt, so that failure
becomes a typed error that says why (:class:`CallerClientLoopCheck`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from . import errors

if TYPE_CHECKING:
    import asyncio

__all__ = ["CallerClientLoopCheck", "PerLoopPool"]


class PerLoopPool(httpx.AsyncBaseTransport):
    """One pool (from ``factory``) per running event loop, made on its first
    request. The pools of loops that have closed are dropped when another loop
    makes its pool: their connections cannot be closed politely any more (that
    needs their loop), so their sockets are left to the garbage collector."""

    def __init__(self, factory: Callable[[], httpx.AsyncBaseTransport]) -> None:
        self._factory = factory
        # Weak: a pool never keeps a finished loop (and its sockets) alive.
        self._pools: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, httpx.AsyncBaseTransport
        ] = weakref.WeakKeyDictionary()

    def _pool(self) -> httpx.AsyncBaseTransport:
        import asyncio  # here, as in _client: `import anthropic_models` skips it

        loop = asyncio.get_running_loop()
        pool = self._pools.get(loop)
        if pool is None:
            for finished in [old for old in self._pools if old.is_closed()]:
                del self._pools[finished]
            pool = self._pools[loop] = self._factory()
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pool().handle_async_request(request)

    async def aclose(self) -> None:
        # The pool of this loop is closed; those of other loops (finished, or
        # running in another thread) can only be dropped from here.
        import asyncio

        pools, self._pools = self._pools, weakref.WeakKeyDictionary()
        pool = pools.get(asyncio.get_running_loop())
        if pool is not None:
            await pool.aclose()


class CallerClientLoopCheck(httpx.AsyncBaseTransport):
    """Sends through a caller's client (``inner``), remembering the loop of its
    first request: when a request from another loop fails with RuntimeError
    while that first loop has closed, the failure is the one this module's
    docstring describes, raised as :class:`~anthropic_models.APIConnectionError`
    (not retried: the same client fails the same way)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner
        self._first_loop: weakref.ref[asyncio.AbstractEventLoop] | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import asyncio

        loop = asyncio.get_running_loop()
        if self._first_loop is None:
            self._first_loop = weakref.ref(loop)
        try:
            return await self._inner.handle_async_request(request)
        except RuntimeError:
            first = self._first_loop()
            if first is None or first is loop or not first.is_closed():
                raise
            raise errors.APIConnectionError(
                "the http_client passed to this AsyncClient was first used on an "
                "event loop that has closed (an earlier asyncio.run()), and its "
                "connections cannot be used from another: make a new http_client "
                "(DefaultAioHttpClient() included) for each event loop, or let "
                "the AsyncClient build its own pool, which follows the loop",
                request=request,
            ) from None

    async def aclose(self) -> None:
        await self._inner.aclose()
