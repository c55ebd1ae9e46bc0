"""The in-process face: an httpx transport, for httpx.Client and httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import httpx

from ._wire import Reply, Responder, reply

__all__ = ["FakeTransport"]

_CUT_MESSAGE = "peer closed connection without sending complete message body"


class _CutSyncStream(httpx.SyncByteStream):
    """Yields half the body, then fails as a connection closed mid-body would."""

    def __init__(self, head: bytes, request: httpx.Request) -> None:
        self._head = head
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        if self._head:
            yield self._head
        raise httpx.RemoteProtocolError(_CUT_MESSAGE, request=self._request)


class _CutAsyncStream(httpx.AsyncByteStream):
    def __init__(self, head: bytes, request: httpx.Request) -> None:
        self._head = head
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self._head:
            yield self._head
        raise httpx.RemoteProtocolError(_CUT_MESSAGE, request=self._request)


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers requests from a FakeModelsAPI without any socket.

    Usable with both `httpx.Client(transport=...)` and
    `httpx.AsyncClient(transport=...)`. Faults behave as over the network: a delay
    sleeps (time.sleep / asyncio.sleep), a dropped connection raises
    httpx.RemoteProtocolError, a cut body gives the status and headers and then
    raises httpx.RemoteProtocolError while the body is read. httpx enforces its
    timeouts in the network layer this transport replaces, so a delay never times
    out here: test timeouts against `fake.serve()`.
    """

    def __init__(self, fake: Responder) -> None:
        self.fake = fake

    def _ask(self, request: httpx.Request) -> tuple[Reply | None, float]:
        # raw_path is the path and query exactly as httpx puts them on the wire.
        outcome = self.fake.respond(
            request.method,
            request.url.raw_path.decode("ascii"),
            request.headers.multi_items(),
        )
        return reply(outcome, request.method), outcome.delay

    @staticmethod
    def _response(
        sent: Reply | None, request: httpx.Request, *, is_async: bool
    ) -> httpx.Response:
        if sent is None:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        stream: httpx.SyncByteStream | httpx.AsyncByteStream
        if sent.complete:
            stream = httpx.ByteStream(sent.body)
        elif is_async:
            stream = _CutAsyncStream(sent.body, request)
        else:
            stream = _CutSyncStream(sent.body, request)
        return httpx.Response(
            sent.status,
            headers=sent.headers,
            stream=stream,
            request=request,
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": sent.reason.encode("ascii"),
            },
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        sent, delay = self._ask(request)
        if delay:
            time.sleep(delay)
        return self._response(sent, request, is_async=False)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        sent, delay = self._ask(request)
        if delay:
            await asyncio.sleep(delay)
        return self._response(sent, request, is_async=True)
