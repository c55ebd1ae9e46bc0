"""The in-process face: an httpx transport, for httpx.Client and httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from http import HTTPStatus
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from ._core import FakeModelsAPI, _Outcome

__all__ = ["FakeTransport"]


def _reason(status: int) -> bytes:
    try:
        return HTTPStatus(status).phrase.encode()
    except ValueError:  # 529 and other statuses http.HTTPStatus does not know
        return b"Overloaded" if status == 529 else b""


class _CutSyncStream(httpx.SyncByteStream):
    """Yields half the body, then fails as a connection closed mid-body would."""

    def __init__(self, head: bytes, request: httpx.Request) -> None:
        self._head = head
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        if self._head:
            yield self._head
        raise httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body",
            request=self._request,
        )


class _CutAsyncStream(httpx.AsyncByteStream):
    def __init__(self, head: bytes, request: httpx.Request) -> None:
        self._head = head
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self._head:
            yield self._head
        raise httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body",
            request=self._request,
        )


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

    def __init__(self, fake: FakeModelsAPI) -> None:
        self.fake = fake

    def _outcome(self, request: httpx.Request) -> _Outcome:
        # raw_path is the path and query exactly as httpx puts them on the wire.
        return self.fake._dispatch(
            request.method,
            request.url.raw_path.decode("ascii"),
            request.headers.multi_items(),
        )

    def _response(
        self, outcome: _Outcome, request: httpx.Request, *, is_async: bool
    ) -> httpx.Response:
        response = outcome.response
        if response is None:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        body = b"" if request.method == "HEAD" else response.body
        stream: httpx.SyncByteStream | httpx.AsyncByteStream
        if outcome.cut:
            head = body[: len(body) // 2]
            stream = (
                _CutAsyncStream(head, request)
                if is_async
                else _CutSyncStream(head, request)
            )
        else:
            stream = httpx.ByteStream(body)
        return httpx.Response(
            response.status,
            headers=response.headers,
            stream=stream,
            request=request,
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": _reason(response.status),
            },
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        outcome = self._outcome(request)
        if outcome.delay:
            time.sleep(outcome.delay)
        return self._response(outcome, request, is_async=False)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        outcome = self._outcome(request)
        if outcome.delay:
            await asyncio.sleep(outcome.delay)
        return self._response(outcome, request, is_async=True)
