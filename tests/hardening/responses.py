"""Hostile responses for the fuzzing properties, and the oracle that says what the
client must make of each.

A response is a status, headers and body bytes. The oracle does not ask the
runtime anything: it decodes the body with httpx's own content decoders (not
under test), reads JSON with ``json.loads`` and decides validity with a JSON
Schema validator built from ``openapi.yaml`` (format assertions on), the same
second reading of the spec the contract tests use.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from hypothesis import strategies as st

import anthropic_models
from anthropic_models import (
    APIStatusError,
    InternalServerError,
    ListModelsResponse,
    ModelInfo,
)
from tests.contract.spec_contract import deref, load_spec, schema_validator

from .support import KEY

JSON = Any

# ---------------------------------------------------------------- the oracle

_SPEC = load_spec()
_VALIDATORS = {
    name: schema_validator(_SPEC, _SPEC["components"]["schemas"][name])
    for name in ("ModelInfo", "ListModelsResponse")
}
MODEL_KEYS = frozenset({"id", "created_at", "display_name", "type"})
PAGE_KEYS = frozenset({"data", "first_id", "last_id", "has_more"})


def _documented_classes() -> dict[int, type[APIStatusError]]:
    """The exception class of each status the spec documents (its error
    responses' x-runtime.exception), read from openapi.yaml itself."""
    classes: dict[int, type[APIStatusError]] = {}
    for item in _SPEC["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                runtime = deref(_SPEC, response).get("x-runtime", {})
                if "exception" in runtime:
                    found = getattr(anthropic_models, runtime["exception"])
                    classes[int(status)] = found
    return classes


_STATUS_CLASSES = _documented_classes()


def status_class(status: int) -> type[APIStatusError]:
    if status in _STATUS_CLASSES:
        return _STATUS_CLASSES[status]
    return InternalServerError if status >= 500 else APIStatusError


def retried(status: int, headers: Mapping[str, str]) -> bool:
    """The README's rule: x-should-retry decides when it says true or false;
    else 408, 409, 429 and every status from 500 are retried."""
    verdict = {k.lower(): v for k, v in headers.items()}.get("x-should-retry")
    if verdict in ("true", "false"):
        return verdict == "true"
    return status in (408, 409, 429) or status >= 500


def _lenient_date_times(payload: JSON, name: str) -> JSON:
    """The one documented leniency of the runtime: RFC 3339 (section 5.6) lets a
    space separate date and time, and a lower-case t or z stand for T and Z; JSON
    Schema's date-time checker (and Python 3.11's fromisoformat) want T and Z."""

    def fix(model: JSON) -> JSON:
        if isinstance(model, dict) and isinstance(model.get("created_at"), str):
            value: str = model["created_at"]
            if len(value) > 10 and value[10] == " ":
                value = value[:10] + "T" + value[11:]
            return {**model, "created_at": value.upper()}
        return model

    if name == "ModelInfo":
        return fix(payload)
    if isinstance(payload, dict) and isinstance(payload.get("data"), list):
        return {**payload, "data": [fix(model) for model in payload["data"]]}
    return payload


@dataclass(frozen=True)
class Expected:
    """What the client must do with a response: return ``value``, or raise
    ``error`` (an exact class), after ``attempts`` requests."""

    error: type[Exception] | None
    value: object = None
    attempts: int = 1


def expected_outcome(
    name: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    max_retries: int,
) -> Expected:
    """``name`` is the schema the 2xx body must match (ModelInfo or
    ListModelsResponse)."""
    from anthropic_models import APIConnectionError, ResponseValidationError

    tokens = {
        token.strip().lower()
        for token in headers.get("content-encoding", "").split(",")
    }
    if tokens - {"", "identity", "gzip", "deflate"}:
        # An encoding the client did not ask for (it asks for gzip, deflate):
        # refused before reading, what the bytes are cannot be known.
        return Expected(APIConnectionError)
    try:
        decoded = httpx.Response(
            status, headers=dict(headers), stream=httpx.ByteStream(body)
        ).read()
    except httpx.DecodingError:
        # A body its Content-Encoding cannot decode: no usable response. Not
        # retried (the same bytes would come back).
        return Expected(APIConnectionError)
    if not 200 <= status < 300:
        attempts = 1 + max_retries if retried(status, headers) else 1
        return Expected(status_class(status), attempts=attempts)
    try:
        payload = json.loads(decoded)
    except (ValueError, RecursionError):
        return Expected(ResponseValidationError)
    try:
        lenient = _lenient_date_times(payload, name)
        valid = _VALIDATORS[name].is_valid(lenient)
    except RecursionError:  # nested deeper than the validator can walk
        valid = False
    if not valid:
        return Expected(ResponseValidationError)
    cls: Any = ModelInfo if name == "ModelInfo" else ListModelsResponse
    return Expected(None, value=cls.from_dict(lenient))


# ---------------------------------------------------------------- strategies

_VISIBLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
header_text = st.text(_VISIBLE, max_size=30)

texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "claude-x", "model", KEY, f"echo {KEY}!", "\x00", "\u202e"]),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=12,
)


@st.composite
def rfc3339(draw: st.DrawFn) -> str:
    moment = draw(st.datetimes())
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    fraction = draw(st.sampled_from(["", ".5", ".123456", ".123456789"]))
    minutes = draw(st.integers(min_value=-1439, max_value=1439))
    if draw(st.booleans()):
        offset = "Z"
    else:
        sign = "-" if minutes < 0 else "+"
        offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return text + fraction + offset


ODD_DATE_TIMES = [
    "1970-01-01T00:00:00Z",
    "2025-09-29t00:00:00z",
    "2025-09-29 00:00:00Z",
    "2025-09-29",
    "2025-09-29T00:00:00",
    "2025-13-01T00:00:00Z",
    "2025-02-30T00:00:00Z",
    "2025-09-29T24:00:00Z",
    "2025-09-29T00:00:60Z",
    "0000-01-01T00:00:00Z",
    "2025-09-29T00:00:00+24:00",
    "2025-09-29T00:00:00.Z",
    "2025-09-29T00:00:00Z ",
    "\uff12025-09-29T00:00:00Z",
    "1759104000",
    KEY,
]
date_times = st.one_of(rfc3339(), st.sampled_from(ODD_DATE_TIMES))


def _with_extras(
    base: st.SearchStrategy[dict[str, JSON]], known: frozenset[str]
) -> st.SearchStrategy[dict[str, JSON]]:
    extras = st.dictionaries(
        st.text(max_size=10).filter(lambda key: key not in known),
        json_values,
        max_size=3,
    )
    return st.builds(lambda fields, more: {**more, **fields}, base, extras)


valid_models = _with_extras(
    st.fixed_dictionaries(
        {
            "id": texts,
            "created_at": rfc3339(),
            "display_name": texts,
            "type": st.just("model"),
        }
    ),
    MODEL_KEYS,
)
valid_pages = _with_extras(
    st.fixed_dictionaries(
        {
            "data": st.lists(valid_models, max_size=4),
            "first_id": st.none() | texts,
            "last_id": st.none() | texts,
            "has_more": st.booleans(),
        }
    ),
    PAGE_KEYS,
)


def valid_payloads(name: str) -> st.SearchStrategy[dict[str, JSON]]:
    return valid_models if name == "ModelInfo" else valid_pages


@st.composite
def mutated(draw: st.DrawFn, name: str) -> dict[str, JSON]:
    """A valid payload with one field changed: deleted, given another JSON value,
    an odd date-time, or (for a page) an item that is not a model."""
    payload = draw(valid_payloads(name))
    holders: list[dict[str, JSON]] = [payload]
    if name == "ListModelsResponse":
        holders += payload["data"]
    holder = draw(st.sampled_from(holders))
    key = draw(st.sampled_from(sorted(holder)))
    action = draw(st.sampled_from(["delete", "replace", "date-time", "item"]))
    if action == "delete":
        del holder[key]
    elif action == "date-time" and "created_at" in holder:
        holder["created_at"] = draw(date_times)
    elif action == "item" and isinstance(payload.get("data"), list):
        payload["data"].append(draw(json_values))
    else:
        holder[key] = draw(json_values)
    return payload


def _dump(payload: JSON) -> bytes:
    return json.dumps(payload).encode()


def _huge_bodies() -> list[bytes]:
    """Bodies over 1 MB (each is built once, at import)."""
    model = {
        "id": "claude-huge",
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": "Huge",
        "type": "model",
    }
    many = [{**model, "id": f"claude-huge-{i:05d}"} for i in range(10_000)]
    page = {
        "data": many,
        "first_id": many[0]["id"],
        "last_id": many[-1]["id"],
        "has_more": False,
    }
    return [
        _dump(page),  # a valid page of 10,000 models
        _dump({**model, "display_name": "x" * 1_500_000}),  # a valid 1.5 MB model
        _dump({**model, "padding": [KEY] * 20_000}),  # valid, echoing the key
        _dump(list(range(250_000))),
        b"\xff\xfe" + bytes(range(256)) * 5_000,
        b'{"data": [' + b"1," * 700_000,  # cut short
    ]


def _nested_bodies() -> list[bytes]:
    def lists(depth: int) -> bytes:
        return b"[" * depth + b"]" * depth

    def objects(depth: int) -> bytes:
        return b'{"a":' * depth + b"1" + b"}" * depth

    model = b'{"id": "m", "created_at": "2025-09-29T00:00:00Z", "display_name": "m"'
    return [
        lists(100),
        lists(100_000),
        objects(100_000),
        b"[" * 100_000,
        model + b', "type": "model", "deep": ' + lists(200) + b"}",  # valid
        model + b', "type": "model", "deep": ' + lists(100_000) + b"}",
        model + b', "type": ' + lists(100_000) + b"}",
        b'{"data": ' + lists(100_000) + b', "first_id": null, "last_id": null, '
        b'"has_more": false}',
    ]


HUGE = _huge_bodies()
NESTED = _nested_bodies()
assert min(len(body) for body in HUGE) > 1_000_000


def bodies(name: str) -> st.SearchStrategy[tuple[str, bytes]]:
    """(kind, body): the kind is only for the report of what was tried."""
    return st.one_of(
        st.tuples(st.just("valid"), valid_payloads(name).map(_dump)),
        st.tuples(st.just("mutated"), mutated(name).map(_dump)),
        st.tuples(st.just("json"), json_values.map(_dump)),
        st.tuples(st.just("bytes"), st.binary(max_size=300)),
        st.tuples(
            st.just("text"),
            st.text(max_size=100).map(lambda text: text.encode("utf-8", "replace")),
        ),
        st.tuples(st.just("huge"), st.sampled_from(HUGE)),
        st.tuples(st.just("nested"), st.sampled_from(NESTED)),
        st.tuples(
            st.just("utf-16"),
            valid_payloads(name).map(lambda p: json.dumps(p).encode("utf-16")),
        ),
    )


# Half of the draws are 2xx, so that bodies are parsed as often as errors are.
STATUSES = st.one_of(
    st.just(200),
    st.sampled_from([200, 201, 203, 204, 206, 299]),
    st.sampled_from(
        [
            *(300, 301, 302, 304, 307, 308),
            *(400, 401, 403, 404, 405, 408, 409, 413, 418, 422, 429, 499),
            *(500, 502, 503, 504, 529, 599),
        ]
    ),
    st.integers(min_value=200, max_value=599),
)
INFORMATIONAL = st.sampled_from([100, 101, 102, 103, 199])
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=utf-16",
        "text/html",
        "text/plain; charset=latin-1",
        "application/octet-stream",
        "application/problem+json",
        "multipart/mixed; boundary=x",
        ";;;",
    ]
)

# How the body is sent: as it is, compressed as its Content-Encoding says, or
# under a Content-Encoding it does not have (garbage to the decoder).
ENCODINGS: dict[str, Callable[[bytes], tuple[str | None, bytes]]] = {
    "none": lambda body: (None, body),
    "identity": lambda body: ("identity", body),
    "gzip": lambda body: ("gzip", gzip.compress(body)),
    "deflate": lambda body: ("deflate", zlib.compress(body)),
    "gzip, deflate": lambda body: ("gzip, deflate", zlib.compress(gzip.compress(body))),
    "bogus gzip": lambda body: ("gzip", body),
    "bogus deflate": lambda body: ("deflate", body),
    "bogus gzip, gzip": lambda body: ("gzip, gzip", gzip.compress(body)),
    "truncated gzip": lambda body: ("gzip", gzip.compress(body)[:-9]),
    "unknown": lambda body: ("x-unknown", body),
}
# Mostly sent as they are (three draws in four).
encoding_names = st.one_of(
    st.just("none"),
    st.just("none"),
    st.just("none"),
    st.sampled_from(sorted(ENCODINGS)),
)

retry_headers = st.fixed_dictionaries(
    {},
    optional={
        "retry-after": st.one_of(
            st.sampled_from(
                [
                    *("0", "1", "60", "61", "-1", "nan", "inf", "1e400", "soon", ""),
                    *(
                        "Wed, 21 Oct 2015 07:28:00 GMT",
                        "Fri, 31 Dec 9999 23:59:59 -0000",
                    ),
                ]
            ),
            header_text,
        ),
        "retry-after-ms": st.one_of(
            st.sampled_from(["0", "250", "-5", "nan", "1e10", "x"]), header_text
        ),
        "x-should-retry": st.sampled_from(["true", "false", "TRUE", "1", ""]),
        "request-id": st.one_of(st.just(KEY), header_text),
    },
)


@dataclass(frozen=True)
class Served:
    """One response to serve: what the fuzzing properties draw."""

    status: int
    headers: dict[str, str]
    body: bytes
    kind: str


@st.composite
def responses(draw: st.DrawFn, name: str, *, informational: bool) -> Served:
    status = draw(st.one_of(STATUSES, INFORMATIONAL) if informational else STATUSES)
    kind, body = draw(bodies(name))
    encoding, sent = ENCODINGS[draw(encoding_names)](body)
    if status in (204, 304):
        sent = b""  # no body, whatever the kind (as over a real socket)
    headers = dict(draw(retry_headers))
    content_type = draw(CONTENT_TYPES)
    if content_type is not None:
        headers["content-type"] = content_type
    if encoding is not None:
        headers["content-encoding"] = encoding
    return Served(status, headers, sent, kind)
