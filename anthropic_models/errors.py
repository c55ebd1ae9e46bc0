"""Every exception the runtime raises after it has started a request.

Arguments that are wrong before anything is sent raise a plain ``ValueError`` that
names the argument; everything else derives from :class:`AnthropicModelsError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, ClassVar

import httpx

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AnthropicModelsError",
    "PaginationError",
    "ResponseTooLargeError",
    "ResponseValidationError",
]


class AnthropicModelsError(Exception):
    """Base class of every error this library raises once a request has started.

    Errors pickle (a ``ProcessPoolExecutor`` worker may raise one to its caller):
    the copy keeps the message and every field (``status_code``, ``request_id``,
    ``error_type``, ``message``, ``body``, ``limit``, ...), and its ``response``
    and ``request`` are rebuilt without the secret: the same status, method, URL,
    headers and body, less the ``x-api-key`` and ``authorization`` headers, with
    the key (or token) redacted wherever else the server echoed it, and less
    what only a live exchange has (the connection, the stream). The chained
    ``__cause__`` is not pickled (Python never pickles it).
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls cls(*args), which our keyword-only
        # constructors refuse (TypeError on unpickling), and would pickle the
        # httpx objects with the credential in their headers.
        secret = _secret_of(self.__dict__.values())
        state = {
            name: _without_secret(value, secret) for name, value in vars(self).items()
        }
        args = tuple(_without_secret(arg, secret) for arg in self.args)
        return _unpickled, (type(self), args, state)


def _unpickled(
    cls: type[AnthropicModelsError], args: tuple[Any, ...], state: dict[str, Any]
) -> AnthropicModelsError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


def _secret_of(values: Iterable[object]) -> str | None:
    """The credential an error's request carried, found in its httpx objects."""
    for value in values:
        if isinstance(value, httpx.Response):
            return _response_key(value)
        if isinstance(value, httpx.Request):
            return _request_key(value)
    return None


# Headers a copy of an exchange does not keep: the credential, and those that
# describe the bytes on the wire rather than the (decoded) body the copy holds.
_DROPPED_HEADERS = frozenset(
    {"x-api-key", "authorization", "content-encoding", "content-length"}
    | {"transfer-encoding"}
)


def _headers_without(
    headers: httpx.Headers, secret: str | None
) -> list[tuple[str, str]]:
    return [
        (name, redact_key(value, secret))
        for name, value in headers.multi_items()
        if name.lower() not in _DROPPED_HEADERS
    ]


def _request_copy(request: httpx.Request, secret: str | None) -> httpx.Request:
    return httpx.Request(
        request.method,
        redact_key(str(request.url), secret),
        headers=_headers_without(request.headers, secret),
    )


def _response_copy(response: httpx.Response, secret: str | None) -> httpx.Response:
    try:
        request: httpx.Request | None = _request_copy(response.request, secret)
    except RuntimeError:  # a response built without its request
        request = None
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b""
    text = content.decode("utf-8", "surrogateescape")
    return httpx.Response(
        response.status_code,
        headers=_headers_without(response.headers, secret),
        content=redact_key(text, secret).encode("utf-8", "surrogateescape"),
        request=request,
    )


def _without_secret(value: object, secret: str | None) -> object:
    """``value`` as a pickled error keeps it: httpx objects copied without the
    credential, and the secret redacted from every string (a body is parsed
    JSON, which a faulty server may have filled with the key)."""
    if isinstance(value, httpx.Response):
        return _response_copy(value, secret)
    if isinstance(value, httpx.Request):
        return _request_copy(value, secret)
    if isinstance(value, str):
        return redact_key(value, secret)
    if secret is not None and isinstance(value, dict | list):
        # A parsed JSON body: redacted as JSON text and parsed back (as deep as
        # the body itself was parsed, where a recursive walk could overflow).
        try:
            text = redact_key(json.dumps(value), secret)
        except (TypeError, ValueError, RecursionError):  # not a JSON body
            return None
        escaped = json.dumps(secret)[1:-1]  # a key holding '"' or '\\'
        return json.loads(redact_key(text, escaped) if escaped != secret else text)
    return value


REDACTED = "<redacted>"
# A quoted value cut short ("sk-ant-api03-AbCd...") may hold a prefix of the key:
# prefixes this long are redacted too.
_KEY_PREFIX_SHOWN = 16
# Shorter "keys" are test values: redacting them would mangle messages ("k").
_SHORTEST_REDACTED_KEY = 8


def redact_key(text: str, key: str | None) -> str:
    """``text`` without ``key``, whole or cut short. The one redaction of the
    library: error texts quote what a server sent (an error type, a request id, a
    value that failed validation, the start of a body), and a faulty server or
    proxy may echo the key back in any of them; log lines quote URLs."""
    if not key or len(key) < _SHORTEST_REDACTED_KEY:
        return text
    text = text.replace(key, REDACTED)
    for length in range(len(key) - 1, _KEY_PREFIX_SHOWN - 1, -1):
        if key[:length] in text:
            text = text.replace(key[:length], REDACTED)
    return text


def _request_key(request: httpx.Request) -> str | None:
    """The secret a request carries: its x-api-key, else its Bearer token."""
    key: str | None = request.headers.get("x-api-key")
    if key is None:
        authorization: str = request.headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token:
            return token
    return key


def _response_key(response: httpx.Response) -> str | None:
    try:
        return _request_key(response.request)
    except RuntimeError:  # a response built without its request
        return None


class APIStatusError(AnthropicModelsError):
    """The API answered with a status that is not 2xx.

    Attributes:
        status_code: the HTTP status.
        request_id: the ``request-id`` header, else the body's ``request_id``; quote it
            to support.
        error_type: the API's ``error.type`` (``"not_found_error"``, ...), kept as a
            string also when this library does not know it; ``None`` when the body
            is not the API's error body (an HTML page from a proxy, for one).
        message: the API's ``error.message``, else the start of the body's text.
        error_code: the API's ``error.details.error_code`` (``"organization_on_hold"``,
            ...), or ``None``; a code the spec documents raises its own subclass
            (``OrganizationOnHoldError``), with its fields typed.
        details: the API's ``error.details`` object, kept whole, or ``None``.
        body: the parsed JSON body, or ``None`` when the body is not JSON.
        response: the ``httpx.Response``.
    """

    status_code: int
    request_id: str | None
    error_type: str | None
    error_code: str | None
    details: dict[str, Any] | None
    body: Any
    response: httpx.Response
    # The typed fields of a documented error code's subclass: each one's
    # ``error.details`` key and JSON type (generated from openapi.yaml).
    _DETAILS: ClassVar[dict[str, type]] = {}

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        error_type: str | None,
        request_id: str | None,
        body: Any,
    ) -> None:
        key = _response_key(response)
        summary = f"{response.status_code} {error_type or 'error'}: {message}"
        if request_id:
            summary += f" (request-id: {request_id})"
        # Each text redacted once, from what the server sent.
        super().__init__(redact_key(summary, key))
        self.message = redact_key(message, key)
        self.status_code = response.status_code
        self.request_id = request_id
        self.error_type = error_type
        self.body = body
        self.response = response
        error = body.get("error") if isinstance(body, dict) else None
        details = error.get("details") if isinstance(error, dict) else None
        self.details = details if isinstance(details, dict) else None
        code = self.details.get("error_code") if self.details is not None else None
        self.error_code = code if isinstance(code, str) else None
        for name, kind in self._DETAILS.items():
            value = (self.details or {}).get(name)
            setattr(self, name, value if type(value) is kind else None)


class APIConnectionError(AnthropicModelsError):
    """The request did not get a complete response: connection refused or reset,
    protocol error, and so on. ``request`` is the ``httpx.Request``."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(redact_key(message, _request_key(request)))
        self.request = request


class APITimeoutError(APIConnectionError):
    """The server did not answer within the timeout."""


class ResponseTooLargeError(AnthropicModelsError):
    """A response body larger than ``max_response_bytes`` once its Content-Encoding
    is decoded (or a ``Content-Length`` announcing more). Not retried: the same
    request would get the same body. Nothing past the limit was read.

    Attributes:
        limit: the ``max_response_bytes`` in force.
        status_code: the response's HTTP status (error bodies are capped too).
        content_length: the ``Content-Length`` the server announced, or ``None``.
        request: the ``httpx.Request``.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request,
        limit: int,
        status_code: int,
        content_length: int | None,
    ) -> None:
        super().__init__(redact_key(message, _request_key(request)))
        self.request = request
        self.limit = limit
        self.status_code = status_code
        self.content_length = content_length


class ResponseValidationError(AnthropicModelsError):
    """A 2xx response whose body does not match the spec (not JSON, truncated, a
    missing field, a wrong type). ``response`` is the ``httpx.Response``."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        request_id = response.headers.get("request-id")
        if request_id:
            message += f" (request-id: {request_id})"
        super().__init__(redact_key(message, _response_key(response)))
        self.response = response
        self.request_id = request_id


class PaginationError(AnthropicModelsError):
    """A list page that cannot be followed: it says ``has_more`` but holds no model
    or gives no cursor, gives a cursor this listing has already followed (the
    listing would loop), or gives one that cannot be sent (too long, not UTF-8)."""


def status_error_class(
    status_code: int, error_code: str | None = None
) -> type[APIStatusError]:
    """The exception class for an error status and its ``error.details.error_code``:
    the documented code's own (openapi.yaml's x-runtime.codes), else the documented
    status's (x-runtime.exception), else the class standing for every 5XX, else
    APIStatusError."""
    if error_code is not None:
        coded = CODE_ERRORS.get((status_code, error_code))
        if coded is not None:
            return coded
    known = STATUS_ERRORS.get(status_code)
    if known is not None:
        return known
    # RFC 9110's 5xx class: the server failed.
    return SERVER_ERROR if status_code // 100 == 5 else APIStatusError


# The classes of the documented statuses are generated from openapi.yaml; they
# derive from APIStatusError above, so they are imported after it.
from . import _status_errors  # noqa: E402
from ._status_errors import *  # noqa: E402, F403
from ._status_errors import CODE_ERRORS, SERVER_ERROR, STATUS_ERRORS  # noqa: E402

__all__ += _status_errors.__all__
