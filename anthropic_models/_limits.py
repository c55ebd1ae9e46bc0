"""The limits of one attempt: how long it may take, and how much body it may read.

- **The deadline.** httpx applies a timeout to each socket operation, so a server
  that trickles its body a byte at a time keeps a call alive as long as it likes.
  The runtime bounds each attempt as a whole (waiting for a connection,
  connecting, sending, waiting, reading the whole body) by the largest value of
  the request's timeout: with ``timeout=T`` that is ``T``, with the default
  ``httpx.Timeout(30.0, connect=5.0)`` 30 s (the connect still gives up after
  5 s); with a ``None`` among the values there is no deadline. Async, the
  transport runs the attempt under ``asyncio.timeout``. Sync there is no event
  loop: the runtime's own pool gives each socket operation at most the time left
  (:data:`DEADLINE` and ``_pool``), and the body loop here checks the clock
  between chunks.
- **The size cap.** A body is read chunk by chunk, after decoding its
  Content-Encoding, and given up as soon as it passes ``max_response_bytes``; a
  ``Content-Length`` above it is refused before reading. The raw chunks of an
  encoded body are cut small first, so that one chunk of a compression bomb
  cannot inflate to more than about a MiB in one go.
"""

from __future__ import annotations

import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from contextvars import ContextVar
from typing import TypeVar

import httpx

from . import errors

__all__ = [
    "DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "aread_body",
    "attempt_budget",
    "checked_max_response_bytes",
    "read_body",
    "time_left",
]

# 32 MiB: a page of 1,000 models (the API's largest) is about 1.2 MB today, so a
# real response stays far below it even if models grow tenfold; holding and
# parsing 32 MiB costs a process about 150 MB, far below what hurts (a 300 MB
# body took a process past 600 MB before this limit).
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024

# The raw piece an encoded body is decoded in: gzip and deflate inflate at most
# about 1,030-fold, so a piece yields at most about 1 MiB.
_ENCODED_PIECE = 1024
_IDENTITY = ("", "identity")
# The deadline of the attempt running in this thread or task (time.monotonic()),
# read by the sync pool's streams; None outside an attempt.
DEADLINE: ContextVar[float | None] = ContextVar(
    "anthropic_models_deadline", default=None
)
# A socket timeout of 0 means non-blocking (BlockingIOError, not a timeout): the
# least time a socket operation is given once the deadline has passed.
_LEAST_WAIT = 1e-3
_PHASES = ("connect", "read", "write", "pool")
_StreamT = TypeVar("_StreamT", httpx.SyncByteStream, httpx.AsyncByteStream)


def checked_max_response_bytes(value: object) -> int:
    if type(value) is not int or value < 1:
        raise ValueError(f"max_response_bytes must be an int >= 1, got {value!r}")
    return value


def attempt_budget(timeouts: Mapping[str, float | None] | None) -> float | None:
    """Seconds one attempt may take: the largest of the request's timeouts, or
    None (no deadline) when it has none or any of them is None."""
    if not timeouts:
        return None
    largest = 0.0
    for phase in _PHASES:
        value = timeouts.get(phase)
        if value is None:
            return None
        if value > largest:
            largest = value
    return largest


def time_left(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this attempt's deadline."""
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    left = max(deadline - time.monotonic(), _LEAST_WAIT)
    return left if timeout is None or left < timeout else timeout


def _check_length(
    response: httpx.Response, request: httpx.Request, limit: int
) -> int | None:
    """The announced Content-Length; ResponseTooLargeError when above ``limit``."""
    announced = response.headers.get("content-length")
    if announced is None:
        return None
    try:
        length = int(announced)
    except ValueError:
        return None  # httpcore refuses a malformed Content-Length before we see it
    if length > limit:
        raise _too_large(response, request, limit, length)
    return length


def _too_large(
    response: httpx.Response,
    request: httpx.Request,
    limit: int,
    content_length: int | None,
) -> errors.ResponseTooLargeError:
    what = (
        f"announces {content_length} bytes"
        if content_length is not None and content_length > limit
        else "is longer"
    )
    return errors.ResponseTooLargeError(
        f"the body of the {response.status_code} response to {request.method} "
        f"{request.url} {what}, more than max_response_bytes={limit}",
        request=request,
        limit=limit,
        status_code=response.status_code,
        content_length=content_length,
    )


def _encoded(response: httpx.Response) -> bool:
    encoding = response.headers.get("content-encoding", "")
    return encoding.strip().lower() not in _IDENTITY


class _Pieces(httpx.SyncByteStream):
    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            for start in range(0, len(chunk), _ENCODED_PIECE):
                yield chunk[start : start + _ENCODED_PIECE]

    def close(self) -> None:
        self._stream.close()


class _AsyncPieces(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            for start in range(0, len(chunk), _ENCODED_PIECE):
                yield chunk[start : start + _ENCODED_PIECE]

    async def aclose(self) -> None:
        await self._stream.aclose()


# httpx has no public way to hand a response a body read from its stream, and its
# own reading (Response.read: a decoder, two chunkers and two context managers
# for each chunk) is heavy for what an unencoded body needs: measured on a 1 kB
# body, 8.3 us against 1.9 us for the loop of read_body. So an unencoded body is
# read straight from the stream, as Response.iter_raw does, and handed over as
# Response.read() leaves it: `_content` (what content, text, json and iter_bytes
# read), `_num_bytes_downloaded` and `is_stream_consumed`. httpx is held below
# 0.29 in pyproject.toml; tests/runtime/test_limits.py checks every accessor and
# both attributes, sync and async, on plain and gzip bodies.


def _raw_stream(
    response: httpx.Response,
    kind: type[_StreamT],
    pieces: Callable[[_StreamT], _StreamT],
) -> _StreamT | None:
    """The stream to read the body straight from, when it has nothing to decode;
    else None, to read through httpx's decoding (an encoded body, its raw chunks
    cut into ``pieces`` first; a body already read, as a response built with
    ``content=``) or have httpx refuse it as it would (a stream of the other kind,
    one already consumed or closed, say by a response hook of the caller's
    ``http_client``)."""
    stream = response.stream
    if not isinstance(stream, kind):
        return None
    if response.is_stream_consumed or response.is_closed:
        return None  # httpx's StreamConsumed or StreamClosed (a caller's hook)
    if _encoded(response):
        response.stream = pieces(stream)
        return None
    return None if hasattr(response, "_content") else stream


def _keep(response: httpx.Response, parts: list[bytes], raw: int | None) -> None:
    response._content = b"".join(parts)
    if raw is not None:  # read straight from the stream: httpx's own bookkeeping
        response._num_bytes_downloaded = raw
        response.is_stream_consumed = True


def read_body(
    response: httpx.Response,
    request: httpx.Request,
    limit: int,
    deadline: float | None,
) -> None:
    """Read the whole body (decoded) into ``response``, at most ``limit`` bytes of
    it, giving up with ``httpx.ReadTimeout`` once ``deadline`` has passed."""
    length = _check_length(response, request, limit)
    stream = _raw_stream(response, httpx.SyncByteStream, _Pieces)
    chunks: Iterable[bytes] = response.iter_bytes() if stream is None else stream
    parts: list[bytes] = []
    size = 0
    try:
        for part in chunks:
            size += len(part)
            if size > limit:
                raise _too_large(response, request, limit, length)
            parts.append(part)
            if deadline is not None and time.monotonic() > deadline:
                raise httpx.ReadTimeout(
                    "the attempt's deadline passed while reading the body",
                    request=request,
                )
    except httpx.RequestError as exc:
        exc.request = request  # as httpx's own reading does
        raise
    _keep(response, parts, size if chunks is stream else None)


async def aread_body(
    response: httpx.Response, request: httpx.Request, limit: int
) -> None:
    """The async twin of :func:`read_body`; the deadline is the caller's
    ``asyncio.timeout``."""
    length = _check_length(response, request, limit)
    stream = _raw_stream(response, httpx.AsyncByteStream, _AsyncPieces)
    chunks: AsyncIterable[bytes] = response.aiter_bytes() if stream is None else stream
    parts: list[bytes] = []
    size = 0
    try:
        async for part in chunks:
            size += len(part)
            if size > limit:
                raise _too_large(response, request, limit, length)
            parts.append(part)
    except httpx.RequestError as exc:
        exc.request = request
        raise
    _keep(response, parts, size if chunks is stream else None)
