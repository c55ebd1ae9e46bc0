"""The interface between the fake's core and its two faces.

The core (`_core.ModelsAPICore`) is a `Responder`: given a request as `(method,
target, header pairs)` it records it, takes its scripted fault, and returns the
`Outcome` — what the API answers and how (after a delay, cut short, or not at
all). A face (the httpx transport, the HTTP server) knows only this module: it
asks a `Responder`, turns the outcome into a `Reply` with `reply()` (status line,
headers, the bytes of the body to send, whether the message ends early), and puts
that on its own wire. Everything the faces share is here, once; how each one
waits, hangs up or fails mid-body is its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Protocol

__all__ = ["Outcome", "Reply", "Responder", "Response", "reason_phrase", "reply"]


@dataclass(slots=True)
class Response:
    """An answer of the API."""

    status: int
    # Lower-cased names, content-length included; the faces send them as they are.
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(slots=True)
class Outcome:
    """What a face must do: wait `delay` seconds, then send `response` whole, or
    (cut) its head and half its body before closing; `response=None` means close
    the connection without answering."""

    response: Response | None
    delay: float = 0.0
    cut: bool = False


class Responder(Protocol):
    """What a face needs of the core."""

    def respond(
        self, method: str, target: str, headers: Iterable[tuple[str, str]]
    ) -> Outcome:
        """Record the request (`target`: path and query as sent), take its fault,
        and decide the outcome."""
        ...

    def reject(self, status: int, message: str) -> Response:
        """The API's error response for a request the face could not even read
        (a malformed request line, headers too long); it is not recorded."""
        ...


@dataclass(frozen=True, slots=True)
class Reply:
    """An outcome as a face sends it: the status line, the headers, and the body
    bytes to write. `complete=False` (Fault.cut_body): the headers announce the
    whole body, `body` is half of it, and the connection ends after it."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    complete: bool


def reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # 529 and other statuses http.HTTPStatus does not know
        return "Overloaded" if status == 529 else "Unknown"


def reply(outcome: Outcome, method: str) -> Reply | None:
    """What to send for `outcome` to a `method` request; None: hang up unanswered
    (Fault.drop_connection)."""
    response = outcome.response
    if response is None:
        return None
    # A HEAD response has the headers of the GET one, and no body.
    body = b"" if method == "HEAD" else response.body
    if outcome.cut:
        body = body[: len(body) // 2]
    return Reply(
        response.status,
        reason_phrase(response.status),
        response.headers,
        body,
        complete=not outcome.cut,
    )
