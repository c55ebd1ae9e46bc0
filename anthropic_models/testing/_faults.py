"""What the fake records (RecordedRequest) and what a test can make it do (Fault)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .._spec import ERROR_STATUSES

__all__ = ["Fault", "FaultKind", "RecordedRequest", "default_error_type"]


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the fake received it.

    `path` is the raw path, still percent-encoded, without the query; `query` holds
    the decoded pairs in order (repeats kept); `headers` has lower-cased names, and
    a header sent several times is joined with "," (the API treats `anthropic-beta:
    a` + `anthropic-beta: b` as `a,b`).
    """

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]


# error.type of the statuses openapi.yaml does not document, as the API answers
# them (api-facts.md); a documented status's is its example's (generated, _spec).
_UNDOCUMENTED_ERROR_TYPES: dict[int, str] = {
    402: "billing_error",
    504: "timeout_error",
}

# Default messages, worded as the API's (mostly the spec's examples).
_ERROR_MESSAGES: dict[int, str] = {
    400: "Invalid request",
    401: "invalid x-api-key",
    402: "Your credit balance is too low to access the Anthropic API.",
    403: "Your API key does not have permission to use the specified resource.",
    404: "Not Found",
    413: "Request exceeds the maximum allowed number of bytes.",
    429: "Number of requests has exceeded your rate limit.",
    500: "Internal server error",
    504: "Request timed out",
    529: "Overloaded",
}


# The generic errors: the spec's first documented 4xx, and the 5xx that stands
# for every undocumented 5XX (x-runtime: server-errors).
_GENERIC_CLIENT_ERROR = min(
    (e for e in ERROR_STATUSES.values() if e.status < 500), key=lambda e: e.status
)
(_GENERIC_SERVER_ERROR,) = [e for e in ERROR_STATUSES.values() if e.server_errors]


def default_error_type(status: int) -> str:
    """The `error.type` the API uses for `status`: the spec's for a documented
    status, else the API's for one it sends undocumented; any other 4xx/5xx gets
    the type of the spec's generic one (the 400's, or the one that stands for
    every 5XX)."""
    documented = ERROR_STATUSES.get(status)
    if documented is not None and documented.error_type:
        return documented.error_type
    known = _UNDOCUMENTED_ERROR_TYPES.get(status)
    if known is not None:
        return known
    generic = _GENERIC_SERVER_ERROR if status >= 500 else _GENERIC_CLIENT_ERROR
    return generic.error_type


def default_error_message(status: int) -> str:
    known = _ERROR_MESSAGES.get(status)
    if known is not None:
        return known
    return "Invalid request" if status < 500 else "Internal server error"


FaultKind = Literal[
    "error",
    "delay",
    "drop_connection",
    "cut_body",
    "raw",
    "truncated_json",
    "extra_fields",
]


def _check_headers(headers: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    # Validated here, at construction, so a typo fails in the test that wrote it and
    # not as a broken HTTP message on the server thread.
    if headers is None:
        return ()
    checked: list[tuple[str, str]] = []
    for name, value in headers.items():
        if (
            not isinstance(name, str)
            or not name
            or any(c in name for c in " \t\r\n:")
            or not name.isascii()
        ):
            raise ValueError(f"invalid header name: {name!r}")
        # Visible ASCII, spaces and tabs only: what both faces can put on the wire
        # (httpx encodes header values as ASCII).
        if not isinstance(value, str) or not all(
            " " <= c <= "~" or c == "\t" for c in value
        ):
            raise ValueError(f"invalid value for header {name!r}: {value!r}")
        checked.append((name.lower(), value))
    return tuple(checked)


@dataclass(frozen=True, slots=True)
class Fault:
    """Something the fake does instead of, or to, the normal response.

    Build one with the constructors (`Fault.error(429)`, `Fault.drop_connection()`,
    ...), not directly. Immutable and hashable, so one Fault can be queued many
    times.
    """

    kind: FaultKind
    status: int = 0
    error_type: str | None = None
    message: str | None = None
    # Extra response headers (names lower-cased); they override the fake's own.
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    content_type: str | None = None
    seconds: float = 0.0
    # Fault.extra_fields: the fields as JSON text, so the Fault stays immutable and a
    # caller mutating its dict afterwards changes nothing.
    fields_json: str = "{}"

    @classmethod
    def error(
        cls,
        status: int,
        *,
        error_type: str | None = None,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Fault:
        """Answer `status` with the API's error body.

        `error_type` defaults from the status (429 -> rate_limit_error, ...);
        `headers` adds e.g. retry-after, retry-after-ms, x-should-retry.
        """
        if not 400 <= status <= 599:
            raise ValueError(f"an error status is 4xx or 5xx, got {status}")
        return cls(
            kind="error",
            status=status,
            error_type=error_type
            if error_type is not None
            else default_error_type(status),
            message=message if message is not None else default_error_message(status),
            headers=_check_headers(headers),
        )

    @classmethod
    def overloaded(cls, headers: Mapping[str, str] | None = None) -> Fault:
        """529 overloaded_error."""
        return cls.error(529, headers=headers)

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Wait `seconds` before sending anything, then serve normally."""
        if not seconds >= 0:  # also rejects NaN
            raise ValueError(f"seconds must be >= 0, got {seconds}")
        return cls(kind="delay", seconds=float(seconds))

    @classmethod
    def drop_connection(cls) -> Fault:
        """Close the connection without sending a response."""
        return cls(kind="drop_connection")

    @classmethod
    def cut_body(cls) -> Fault:
        """Send the normal status and headers (full Content-Length), half the body,
        then close the connection."""
        return cls(kind="cut_body")

    @classmethod
    def raw(
        cls,
        status: int,
        body: bytes,
        *,
        content_type: str | None = "text/html",
        headers: Mapping[str, str] | None = None,
    ) -> Fault:
        """Answer `status` with exactly `body` (an HTML 502 page, an empty 503...).

        `content_type=None` sends no Content-Type. The response still carries a
        `request-id`, like every response of the fake (override it with `headers`).
        """
        if not 200 <= status <= 599:
            raise ValueError(f"status must be in 200..599, got {status}")
        if not isinstance(body, bytes):
            raise TypeError("body must be bytes")
        if status in (204, 304) and body:
            raise ValueError(f"a {status} response cannot have a body")
        if content_type is not None:
            _check_headers({"content-type": content_type})
        return cls(
            kind="raw",
            status=status,
            body=body,
            content_type=content_type,
            headers=_check_headers(headers),
        )

    @classmethod
    def truncated_json(cls) -> Fault:
        """The normal response with its JSON body cut in half, and a Content-Length
        matching what is sent: a complete HTTP message whose body is not JSON."""
        return cls(kind="truncated_json")

    @classmethod
    def extra_fields(cls, fields: Mapping[str, Any]) -> Fault:
        """The normal response with `fields` added to the top-level object and to
        every model object (an existing key with the same name is overwritten)."""
        return cls(kind="extra_fields", fields_json=json.dumps(dict(fields)))

    @property
    def fields(self) -> dict[str, Any]:
        """Fault.extra_fields: the fields (a fresh copy)."""
        loaded: dict[str, Any] = json.loads(self.fields_json)
        return loaded
