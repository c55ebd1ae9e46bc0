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
  ``Content-Length`` above it is refused before reading.
- **Decoding.** The runtime asks for ``gzip, deflate`` (:data:`ACCEPT_ENCODING`)
  and decodes them itself, layer by layer: every layer hands on at most
  :data:`_DECODED_PIECE` bytes at a time (zlib's ``max_length``), so a
  compression bomb, however many layers deep (``gzip, gzip`` inflates about a
  million-fold), is held only up to the cap plus a piece per layer. httpx's
  own decoders inflate each chunk in full, layer after layer: a 980-byte
  ``gzip, gzip`` body took +1 GB before the cap saw it. At most
  :data:`MAX_ENCODING_LAYERS` layers; more, or an encoding not asked for
  (``br``, ``zstd``, a token nobody knows), is refused as ``httpx.DecodingError``
  (``APIConnectionError``, not retried) before the body is read: what the
  bytes are cannot be known.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Iterable,
    Iterator,
    Mapping,
)
from contextvars import ContextVar
from typing import TypeVar

import httpx

from . import errors

__all__ = [
    "ACCEPT_ENCODING",
    "DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "aread_body",
    "attempt_budget",
    "checked_max_response_bytes",
    "read_body",
    "time_left",
]

# 32 MiB: a page of 1,000 models (the API's largest) is about 1.2 MB today, so a
# real response stays far below it even if models grow tenfold (a 300 MB body
# took a process past 600 MB before this limit). Parsing costs more than the
# bytes: JSON of the costliest shape (lists of empty lists) takes up to about 40
# times its size while parsed (tests/hardening/test_limits.py measures it; the
# README states it), so a caller who fears a hostile server lowers the cap.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024

# What the runtime sends as Accept-Encoding: the encodings it can decode within
# the cap (httpx would also offer br and zstd when their packages are installed,
# whose decoders cannot be told to stop at a size).
ACCEPT_ENCODING = "gzip, deflate"
# The most one decoding layer hands on at a time.
_DECODED_PIECE = 64 * 1024
# No server has a reason to encode a body more than once; a few layers are
# decoded all the same (each costs about 110 KiB while it runs).
MAX_ENCODING_LAYERS = 4
_IDENTITY = ("", "identity")
_GZIP = ("gzip", "x-gzip")
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


class _Layer:
    """One gzip or deflate layer: inflates what it is fed, handing on at most
    ``_DECODED_PIECE`` bytes at a time, as httpx's decoders would decode it (a
    zlib-wrapped or raw deflate stream; a truncated stream ends where it ends,
    and what follows the end of a stream is ignored)."""

    def __init__(self, encoding: str) -> None:
        gzipped = encoding in _GZIP
        self._inflater = zlib.decompressobj(
            zlib.MAX_WBITS | 16 if gzipped else zlib.MAX_WBITS
        )
        self._may_be_raw = not gzipped  # "deflate" is often sent unwrapped

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                piece = self._inflater.decompress(data, _DECODED_PIECE)
            except zlib.error as exc:
                if not self._may_be_raw:
                    raise httpx.DecodingError(str(exc)) from exc
                self._may_be_raw = False
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._may_be_raw = False
            data = self._inflater.unconsumed_tail
            if piece:
                yield piece
            # A full piece may leave output pending though the input is used up.
            if self._inflater.eof or (not data and len(piece) < _DECODED_PIECE):
                return

    def flush(self) -> Iterator[bytes]:
        yield from self.feed(b"")


class _Decoder:
    """The layers of a Content-Encoding, applied in the order listed, undone in
    reverse."""

    def __init__(self, encodings: list[str]) -> None:
        self._layers = [_Layer(encoding) for encoding in reversed(encodings)]

    def _through(self, data: bytes, index: int) -> Iterator[bytes]:
        if index == len(self._layers):
            yield data
            return
        for piece in self._layers[index].feed(data):
            yield from self._through(piece, index + 1)

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        return self._through(chunk, 0)

    def finish(self) -> Iterator[bytes]:
        for index, layer in enumerate(self._layers):
            for piece in layer.flush():
                yield from self._through(piece, index + 1)

    def decode(self, raw: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in raw:
            yield from self.feed(chunk)
        yield from self.finish()


def _decoder(response: httpx.Response) -> _Decoder | None:
    """The decoder of the response's Content-Encoding, None for none;
    ``httpx.DecodingError`` for an encoding it cannot decode within the cap."""
    encodings = [
        token
        for token in (
            value.strip().lower()
            for value in response.headers.get_list(
                "content-encoding", split_commas=True
            )
        )
        if token not in _IDENTITY
    ]
    if not encodings:
        return None
    unknown = sorted({token for token in encodings if token not in (*_GZIP, "deflate")})
    if unknown:
        raise httpx.DecodingError(
            f"the response is encoded as {', '.join(unknown)}, which this client "
            f"did not ask for (Accept-Encoding: {ACCEPT_ENCODING})"
        )
    if len(encodings) > MAX_ENCODING_LAYERS:
        raise httpx.DecodingError(
            f"the response is encoded {len(encodings)} times over; this client "
            f"decodes at most {MAX_ENCODING_LAYERS} layers"
        )
    return _Decoder(encodings)


class _Counted:
    """A raw stream, counting its bytes (httpx's ``num_bytes_downloaded``)."""

    def __init__(self) -> None:
        self.size = 0

    def sync(self, stream: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in stream:
            self.size += len(chunk)
            yield chunk

    async def async_(self, stream: AsyncIterable[bytes]) -> AsyncIterator[bytes]:
        async for chunk in stream:
            self.size += len(chunk)
            yield chunk


# httpx has no public way to hand a response a body read from its stream, and its
# own reading (Response.read: a decoder, two chunkers and two context managers
# for each chunk) is heavy for what an unencoded body needs: measured on a 1 kB
# body, 8.3 us against 1.9 us for the loop of read_body. So a body is read
# straight from the stream, as Response.iter_raw does, decoded here when it is
# encoded, and handed over as Response.read() leaves it: `_content` (what
# content, text, json and iter_bytes read), `_num_bytes_downloaded` and
# `is_stream_consumed`. httpx is held below 0.29 in pyproject.toml;
# tests/runtime/test_limits.py checks every accessor and both attributes, sync
# and async, on plain and gzip bodies.


def _raw_stream(response: httpx.Response, kind: type[_StreamT]) -> _StreamT | None:
    """The stream to read the body straight from; else None, to read it as
    httpx does (a body already read, as a response built with ``content=``), or
    have httpx refuse it as it would (a stream of the other kind, one already
    consumed or closed, say by a response hook of the caller's
    ``http_client``)."""
    stream = response.stream
    if not isinstance(stream, kind):
        return None
    if response.is_stream_consumed or response.is_closed:
        return None  # httpx's StreamConsumed or StreamClosed (a caller's hook)
    return None if hasattr(response, "_content") else stream


def _keep(response: httpx.Response, parts: list[bytes], raw: int | None) -> None:
    response._content = b"".join(parts)
    if raw is not None:  # read straight from the stream: httpx's own bookkeeping
        response._num_bytes_downloaded = raw
        response.is_stream_consumed = True


def _downloaded(stream: object, chunks: object, size: int, raw: _Counted) -> int | None:
    """The raw bytes read from the stream; None when httpx read it."""
    if stream is None:
        return None
    return size if chunks is stream else raw.size


def read_body(
    response: httpx.Response,
    request: httpx.Request,
    limit: int,
    deadline: float | None,
) -> None:
    """Read the whole body (decoded) into ``response``, at most ``limit`` bytes of
    it, giving up with ``httpx.ReadTimeout`` once ``deadline`` has passed."""
    length = _check_length(response, request, limit)
    stream = _raw_stream(response, httpx.SyncByteStream)
    raw = _Counted()
    chunks: Iterable[bytes]
    parts: list[bytes] = []
    size = 0
    try:
        decoder = None if stream is None else _decoder(response)
        if stream is None:
            chunks = response.iter_bytes()
        elif decoder is None:
            chunks = stream
        else:
            chunks = decoder.decode(raw.sync(stream))
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
    except (httpx.RequestError, httpx.DecodingError) as exc:
        exc.request = request  # as httpx's own reading does
        raise
    _keep(response, parts, _downloaded(stream, chunks, size, raw))


async def aread_body(
    response: httpx.Response, request: httpx.Request, limit: int
) -> None:
    """The async twin of :func:`read_body`; the deadline is the caller's
    ``asyncio.timeout``."""
    length = _check_length(response, request, limit)
    stream = _raw_stream(response, httpx.AsyncByteStream)
    raw = _Counted()
    chunks: AsyncIterable[bytes]
    parts: list[bytes] = []
    size = 0
    try:
        decoder = None if stream is None else _decoder(response)
        if stream is None:
            chunks = response.aiter_bytes()
        elif decoder is None:
            chunks = stream
        else:
            chunks = _decoded_async(decoder, raw.async_(stream))
        async for part in chunks:
            size += len(part)
            if size > limit:
                raise _too_large(response, request, limit, length)
            parts.append(part)
    except (httpx.RequestError, httpx.DecodingError) as exc:
        exc.request = request
        raise
    _keep(response, parts, _downloaded(stream, chunks, size, raw))


async def _decoded_async(
    decoder: _Decoder, raw: AsyncIterable[bytes]
) -> AsyncIterator[bytes]:
    """``decoder`` over an async stream: each raw chunk decoded as it comes (a
    chunk's pieces are yielded one by one, so the cap is checked between them)."""
    async for chunk in raw:
        for piece in decoder.feed(chunk):
            yield piece
    for piece in decoder.finish():
        yield piece
