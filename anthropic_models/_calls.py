"""What a generated method (``_resources``) calls to send a request and read its
answer: the request of a generated ``_get_kwargs`` as the runtime sends it, and the
body of a 2xx response as a generated model."""

from __future__ import annotations

import json
import math
from typing import Any, TypeVar

import httpx

from ._parsers import PARSERS
from ._spec import OWNED_HEADERS
from ._validation import CYCLIC_GC_PAUSED, InvalidPayload
from .errors import ResponseValidationError

ModelT = TypeVar("ModelT")


def sent(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A generated ``_get_kwargs`` request, less the headers the runtime owns
    (``x-runtime: owned``) when they hold the value the runtime's httpx client
    sends by default: the same request on the wire, and httpx has no headers of
    the request's own to merge into the client's (measured: 5 of the 37 us its
    build_request takes). A value the spec changed would be sent as it is."""
    headers = kwargs["headers"]
    for name, value in OWNED_HEADERS.items():
        if headers.get(name) == value:
            del headers[name]
    if not headers:
        del kwargs["headers"]
    return kwargs


class _NonFiniteNumber(ValueError):
    pass


def _no_constant(text: str) -> float:
    raise _NonFiniteNumber(f"{text} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFiniteNumber(f"a number too large for a float ({len(text)} chars)")
    return value


# Standard JSON only (RFC 8259): Python's json accepts NaN, Infinity and
# -Infinity, and turns 1e400 into inf, none of which JSON can carry back out
# (model.to_dict() and `anthropic-models --json` would print "NaN"). The spec
# has no number that is not an integer, so a body holding one is broken.
_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)


def parsed(cls: type[ModelT], response: httpx.Response) -> ModelT:
    """The body of a 2xx response as a generated model, or ResponseValidationError."""
    with CYCLIC_GC_PAUSED:  # tens of thousands of objects at once: see its reason
        content = response.content
        try:
            # What json.loads(content) does, through the strict decoder.
            payload = _DECODER.decode(
                content.decode(json.detect_encoding(content), "surrogatepass")
            )
        except (
            ValueError,
            RecursionError,
        ) as exc:  # JSONDecodeError, UnicodeDecodeError, _NonFiniteNumber
            detail = str(exc) if isinstance(exc, _NonFiniteNumber) else ""
            raise ResponseValidationError(
                "the response body is not valid JSON: "
                + (detail or type(exc).__name__),
                response=response,
            ) from None
        try:
            result: ModelT = PARSERS[cls](payload)
        except InvalidPayload as exc:
            raise ResponseValidationError(
                f"the response does not match the spec: {cls.__name__}.{exc}",
                response=response,
            ) from None
    return result
