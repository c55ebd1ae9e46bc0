"""The HTTP layer: what every request gets, whichever generated function sends it.

The runtime hands the generated ``Client`` an httpx client that carries the key,
version and user-agent as default headers, and whose transport is a
:class:`RuntimeTransport` (or :class:`AsyncRuntimeTransport`) wrapped around the
real one. The transport merges the client's betas into each request, retries, and
turns error statuses and transport failures into this library's typed exceptions,
so calling ``generated_client.api.models.get_model.sync(...,
client=client.generated)`` behaves like ``client.models.get(...)``.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from . import errors
from ._aiohttp import transport_failure
from ._arguments import merged
from ._limits import (
    DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    aread_body,
    attempt_budget,
    read_body,
)
from ._spec import CLIENT_LIST_HEADERS, CLIENT_PARAMETERS

logger = logging.getLogger("anthropic_models")

API_KEY_HEADER = "x-api-key"
AUTHORIZATION_HEADER = "authorization"
# The header the client's betas travel in, joined (openapi.yaml: x-runtime).
((BETA_HEADER, _BETA_SEPARATOR),) = CLIENT_LIST_HEADERS.items()

_SECRET_HEADERS = frozenset({API_KEY_HEADER, AUTHORIZATION_HEADER})
# What is meant for the API's origin alone: never sent to another (redirects):
# the credentials, and the client-wide parameter headers that name the caller's
# account (the workspace; openapi.yaml's x-runtime: client, single-valued).
_ORIGIN_BOUND_HEADERS = (
    API_KEY_HEADER,
    AUTHORIZATION_HEADER,
    *(p.name for p in CLIENT_PARAMETERS.values() if p.join is None),
)
_DEFAULT_PORTS = {"http": 80, "https": 443}

# Statuses worth another try without a server's say-so (x-should-retry overrides).
_RETRYABLE_STATUSES = frozenset({408, 409, 429})
_INITIAL_BACKOFF = 0.5
_MAX_BACKOFF = 8.0
# A server-given delay longer than this is ignored in favour of our own backoff:
# a caller would rather see the error than block for minutes.
_MAX_SERVER_DELAY = 60.0
# Failures that retrying cannot help: the request could not be sent as it is, or
# the body could not be decoded (a corrupt Content-Encoding; httpx raises
# DecodingError, which is not a TransportError).
_NOT_RETRYABLE = (
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
    httpx.DecodingError,
    httpx.TooManyRedirects,
)
# What an attempt can fail with short of a response: retried or not as above,
# and in any case raised as APIConnectionError. (TooManyRedirects, from a
# caller's redirect-following http_client, is neither a TransportError nor a
# DecodingError.)
_FAILURES = (httpx.TransportError, httpx.DecodingError, httpx.TooManyRedirects)


@dataclass(frozen=True, repr=False)
class TransportSettings:
    """What the transport adds to each request. ``repr`` is off: it holds the
    secret (``api_key`` is the credential the client sends: the API key, or the
    Bearer token)."""

    api_key: str
    max_retries: int
    betas: tuple[str, ...]
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def redact(self, text: str) -> str:
        return errors.redact_key(text, self.api_key)


def _server_delay(response: httpx.Response) -> float | None:
    """The delay the server asked for (retry-after-ms, else retry-after)."""
    headers = response.headers
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return float(milliseconds) / 1000.0
        except ValueError:
            pass
    seconds = headers.get("retry-after")
    if seconds is None:
        return None
    try:
        return float(seconds)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(seconds)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.timestamp() - time.time()


def retry_delay(response: httpx.Response | None, retries_taken: int) -> float:
    """How long to wait before the next attempt.

    The server's ``retry-after-ms`` / ``retry-after`` when it lies in 0..60 s, else
    exponential backoff from 0.5 s, doubling, at most 8 s, with up to 25 % jitter
    taken off (so that many clients do not retry in step).
    """
    if response is not None:
        delay = _server_delay(response)
        if delay is not None and 0 <= delay <= _MAX_SERVER_DELAY:
            return delay
    backoff = min(_INITIAL_BACKOFF * 2.0**retries_taken, _MAX_BACKOFF)
    return backoff * (1.0 - 0.25 * random.random())


def should_retry(response: httpx.Response) -> bool:
    """The server's ``x-should-retry`` when given, else our own rule."""
    verdict = response.headers.get("x-should-retry")
    if verdict == "true":
        return True
    if verdict == "false":
        return False
    return response.status_code in _RETRYABLE_STATUSES or response.status_code >= 500


def status_error(response: httpx.Response) -> errors.APIStatusError:
    """The typed exception for an error response whose body has been read."""
    body: Any = None
    error_type: str | None = None
    message: str | None = None
    with contextlib.suppress(ValueError, RecursionError):
        body = json.loads(response.content)
    request_id = response.headers.get("request-id")
    error_code: str | None = None
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            if isinstance(error.get("type"), str):
                error_type = error["type"]
            if isinstance(error.get("message"), str):
                message = error["message"]
            details = error.get("details")
            if isinstance(details, dict) and isinstance(details.get("error_code"), str):
                error_code = details["error_code"]
        if request_id is None and isinstance(body.get("request_id"), str):
            request_id = body["request_id"]
    if message is None:
        text = response.content.decode("utf-8", "replace").strip()
        message = text[:500] if text else response.reason_phrase or "no body"
    return errors.status_error_class(response.status_code, error_code)(
        message,
        response=response,
        error_type=error_type,
        request_id=request_id,
        body=body,
    )


def connection_error(
    exc: httpx.RequestError, request: httpx.Request
) -> errors.APIConnectionError:
    kind = (
        errors.APITimeoutError
        if isinstance(exc, httpx.TimeoutException)
        else errors.APIConnectionError
    )
    detail = str(exc) or type(exc).__name__
    message = f"{type(exc).__name__} on {request.method} {request.url}: {detail}"
    return kind(message, request=request)


class _Attempts:
    """The retry loop's bookkeeping, shared by the sync and async transports."""

    def __init__(self, request: httpx.Request, settings: TransportSettings) -> None:
        self.request = request
        self.settings = settings
        self.retries_taken = 0
        self.debug = logger.isEnabledFor(logging.DEBUG)
        self.started = 0.0
        self._prepare()

    def _prepare(self) -> None:
        # The key, version and user-agent are default headers of the httpx client
        # this transport belongs to (merged into every request it builds, which
        # costs less than setting them here); the client's betas are merged with
        # the request's own here.
        betas = self.settings.betas
        if betas:
            headers = self.request.headers
            sent = headers.get_list(BETA_HEADER, split_commas=True)
            headers[BETA_HEADER] = _BETA_SEPARATOR.join(merged(betas, sent))

    def start(self) -> None:
        if self.debug:
            self.started = time.perf_counter()
            shown = {
                name: (errors.REDACTED if name.lower() in _SECRET_HEADERS else value)
                for name, value in self.request.headers.items()
            }
            self._log(
                "request %s %s attempt %d/%d headers=%s",
                self.request.method,
                self.request.url,
                self.retries_taken + 1,
                self.settings.max_retries + 1,
                shown,
            )

    def _log(self, message: str, *args: object, level: int = logging.DEBUG) -> None:
        # Everything logged is formatted here and redacted, so no record can carry
        # the key even if a URL or a server's message echoes it.
        logger.log(level, "%s", self.settings.redact(message % args))

    def succeeded(self, response: httpx.Response) -> bool:
        """Log the response; True when it is 2xx (to be returned)."""
        if self.debug:
            self._log(
                "response %s %s -> %d request-id=%s in %.1f ms",
                self.request.method,
                self.request.url,
                response.status_code,
                response.headers.get("request-id"),
                (time.perf_counter() - self.started) * 1000,
            )
        return 200 <= response.status_code < 300

    def after_status(self, response: httpx.Response) -> float:
        """The delay before retrying an error response; raise when not retrying."""
        if self.retries_taken < self.settings.max_retries and should_retry(response):
            return self._retry(
                retry_delay(response, self.retries_taken), str(response.status_code)
            )
        # httpx attaches the request to a response only once the transport has
        # returned it; the exception needs it now, to find (and redact) the key.
        response.request = self.request
        raise status_error(response)

    def after_failure(self, exc: httpx.RequestError) -> float:
        """The delay before retrying a transport failure; raise when not retrying."""
        error = connection_error(exc, self.request)
        if self.retries_taken < self.settings.max_retries and not isinstance(
            exc, _NOT_RETRYABLE
        ):
            return self._retry(
                retry_delay(None, self.retries_taken), type(exc).__name__
            )
        raise error from exc

    def _retry(self, delay: float, cause: str) -> float:
        self.retries_taken += 1
        self._log(
            "retrying %s %s in %.2f s (attempt %d of %d) after %s",
            self.request.method,
            self.request.url,
            delay,
            self.retries_taken + 1,
            self.settings.max_retries + 1,
            cause,
            level=logging.INFO,
        )
        return delay


class RuntimeTransport(httpx.BaseTransport):
    """Wraps the transport that really sends (a pool, or the caller's client)."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        settings: TransportSettings,
        sleep: Callable[[float], None],
        *,
        owns_inner: bool,
    ) -> None:
        self.inner = inner
        self.settings = settings
        self._sleep = sleep
        self._owns_inner = owns_inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self.settings)
        budget = attempt_budget(request.extensions.get("timeout"))
        limit = self.settings.max_response_bytes
        while True:
            attempts.start()
            deadline = None if budget is None else time.monotonic() + budget
            # The runtime's own pool bounds every socket operation by it (_pool).
            token = DEADLINE.set(deadline)
            try:
                response = self.inner.handle_request(request)
                try:
                    # Read here, inside the retry loop, so that a connection lost
                    # mid-body is retried like any other transport failure.
                    read_body(response, request, limit, deadline)
                finally:
                    response.close()
            except _FAILURES as exc:
                self._sleep(attempts.after_failure(exc))
                continue
            finally:
                DEADLINE.reset(token)
            if attempts.succeeded(response):
                return response
            self._sleep(attempts.after_status(response))

    def close(self) -> None:
        if self._owns_inner:
            self.inner.close()


class AsyncRuntimeTransport(httpx.AsyncBaseTransport):
    """The async twin of :class:`RuntimeTransport`."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        settings: TransportSettings,
        sleep: Callable[[float], Awaitable[None]],
        *,
        owns_inner: bool,
    ) -> None:
        self.inner = inner
        self.settings = settings
        self._sleep = sleep
        self._owns_inner = owns_inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # Imported here, as in _client: only async code needs asyncio, and any
        # running AsyncClient has imported it already.
        import asyncio

        attempts = _Attempts(request, self.settings)
        budget = attempt_budget(request.extensions.get("timeout"))
        limit = self.settings.max_response_bytes
        while True:
            attempts.start()
            try:
                # The whole attempt, body included, on every transport (httpx's
                # pool, aiohttp, the caller's client): cancelled at the deadline.
                async with asyncio.timeout(budget):
                    try:
                        response = await self.inner.handle_async_request(request)
                    except ValueError as exc:
                        # aiohttp refuses a header value it cannot send (a newline,
                        # a NUL) with ValueError where httpx raises
                        # LocalProtocolError: the same failure, not retried.
                        raise httpx.LocalProtocolError(str(exc)) from exc
                    try:
                        await aread_body(response, request, limit)
                    finally:
                        await response.aclose()
            except TimeoutError:
                expired = httpx.ReadTimeout(
                    f"the attempt did not complete within its {budget} s deadline",
                    request=request,
                )
                await self._sleep(attempts.after_failure(expired))
                continue
            except _FAILURES as exc:
                failure = transport_failure(exc, request)
                await self._sleep(
                    attempts.after_failure(exc if failure is None else failure)
                )
                continue
            except Exception as exc:
                # An exception of aiohttp's that httpx-aiohttp let escape.
                failure = transport_failure(exc, request)
                if failure is None:
                    raise
                await self._sleep(attempts.after_failure(failure))
                continue
            if attempts.succeeded(response):
                return response
            await self._sleep(attempts.after_status(response))

    async def aclose(self) -> None:
        if self._owns_inner:
            await self.inner.aclose()


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def _next_hop(first: httpx.Request, response: httpx.Response) -> httpx.Request | None:
    """The request a redirect asks for (httpx builds it: method, body, cookies),
    None for no redirect. Bound for another origin (scheme, host, port) than the
    first request's, it goes without the credential and the workspace: httpx
    drops only Authorization there (and keeps it from http to https), and knows
    nothing of x-api-key. A redirect within the origin keeps them: it is the
    API's own doing, on the host the caller chose to trust."""
    hop = response.next_request
    if hop is not None and _origin(hop.url) != _origin(first.url):
        for name in _ORIGIN_BOUND_HEADERS:
            hop.headers.pop(name, None)
    return hop


class ClientTransport(httpx.BaseTransport):
    """Sends through a caller's own ``httpx.Client`` (its transport, proxies, auth
    and hooks apply). Closing is left to the caller, who owns that client.

    A client built with ``follow_redirects=True`` has its redirects followed
    here, hop by hop (:func:`_next_hop`), up to its ``max_redirects``: httpx's
    own following would carry the key to wherever a redirect points, and read
    each redirect's body whole, past the size cap."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        client = self._client
        if not client.follow_redirects:
            return client.send(request, stream=True)
        response = client.send(request, stream=True, follow_redirects=False)
        hops = 0
        while (hop := _next_hop(request, response)) is not None:
            response.close()  # unread: a redirect's body is not wanted
            hops += 1
            if hops > client.max_redirects:
                raise httpx.TooManyRedirects(
                    "Exceeded maximum allowed redirects.", request=request
                )
            response = client.send(hop, stream=True, follow_redirects=False)
        return response


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """The async twin of :class:`ClientTransport`."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        client = self._client
        if not client.follow_redirects:
            return await client.send(request, stream=True)
        response = await client.send(request, stream=True, follow_redirects=False)
        hops = 0
        while (hop := _next_hop(request, response)) is not None:
            await response.aclose()
            hops += 1
            if hops > client.max_redirects:
                raise httpx.TooManyRedirects(
                    "Exceeded maximum allowed redirects.", request=request
                )
            response = await client.send(hop, stream=True, follow_redirects=False)
        return response
