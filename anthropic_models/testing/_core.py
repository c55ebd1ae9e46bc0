"""The fake Models API itself: catalogue, request handling and fault dispatch.

`ModelsAPICore` is the `_wire.Responder` both faces (the httpx transport and the
HTTP server) talk to: a face turns a request into `(method, target, header
pairs)`, calls `respond`, and carries out the `Outcome` it returns (wait, answer,
answer in part, or hang up). Everything the API decides lives here, once; this
module imports neither face (`FakeModelsAPI`, in `_fake`, adds them).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import secrets
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeAlias, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from .._arguments import matches
from .._operation import Fields, Operation, Parameter
from .._spec import ERROR_STATUSES, FIELDS, OPERATIONS
from ._catalogue import DEFAULT_ALIASES, DEFAULT_MODELS
from ._faults import Fault, RecordedRequest, default_error_type
from ._wire import Outcome, Responder, Response

__all__ = ["ModelsAPICore"]

# What the fake serves: the spec's operations (generated into _spec). Requests
# are routed by path template and fixed query, and validated from their
# parameters; what the fake does with them is below: a list (an operation that
# pages) pages by its `x-pagination` and filters by its parameters' `x-runtime:
# filter`; any other finds the model (or alias) its path parameter names. Each
# operation serves the models as its class of model declares them (FIELDS).


def _route(operation: Operation) -> re.Pattern[str]:
    """The raw paths of an operation: its template, each parameter one
    non-empty raw segment ("%2F" inside it is part of the value)."""
    parts = re.split(r"\{[^}]*\}", operation.path)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


# The operations, those with the most fixed query pairs first: a request takes
# the first whose path it matches and whose fixed query it sends.
_ROUTES = sorted(
    ((_route(op), op) for op in OPERATIONS.values()),
    key=lambda route: -len(route[1].query),
)
# The filter parameters of the lists, by name (the same on every list).
_FILTERS = list(
    {
        p.name: p
        for op in OPERATIONS.values()
        for p in op.parameters
        if p.filter is not None
    }.values()
)
_UNLISTED = {p.name: p.filter.unlisted for p in _FILTERS if p.filter is not None}
# The view of the catalogue the API serves without a fixed query: what
# `models` and `catalogue` show.
_PLAIN = next(op.item for op in OPERATIONS.values() if not op.query)


def _merged(trees: Iterable[Fields | None]) -> Fields:
    """Every property any of the trees declares, at every depth."""
    merged: Fields = {}
    for tree in trees:
        for name, children in (tree or {}).items():
            known = merged.get(name)
            merged[name] = (
                children
                if known is None
                else known
                if children is None
                else _merged((known, children))
            )
    return merged


# Every property some served class declares: a model's key that one class
# declares and another does not is left out of the other's view (the API's
# plain view has no `allowed_fallback_models`); keys no class declares are
# served as given.
_KNOWN = _merged(FIELDS.values())

# Which of a model's keys a view leaves out: a name maps to True (left out) or
# to what is left out inside its value.
_LeftOut: TypeAlias = dict[str, "_LeftOut | bool"]


def _left_out(fields: Fields, known: Fields) -> _LeftOut:
    """What a class declaring `fields` leaves out of a model."""
    left: _LeftOut = {}
    for name, theirs in known.items():
        if name not in fields:
            left[name] = True
            continue
        mine = fields[name]
        if mine is not None and theirs is not None:
            below = _left_out(mine, theirs)
            if below:
                left[name] = below
    return left


_LEFT_OUT = {name: _left_out(fields, _KNOWN) for name, fields in FIELDS.items()}


def _projected(value: object, left: _LeftOut) -> object:
    """`value` without what `left` leaves out; `value` itself (the same object)
    when nothing is."""
    if not isinstance(value, dict) or not left:
        return value
    kept: dict[str, object] | None = None
    for name, rule in left.items():
        if name not in value:
            continue
        if rule is True:
            if kept is None:
                kept = dict(value)
            del kept[name]
            continue
        inner = _projected(value[name], cast(_LeftOut, rule))
        if inner is not value[name]:
            if kept is None:
                kept = dict(value)
            kept[name] = inner
    return value if kept is None else kept


_INTEGER = re.compile(r"[+-]?[0-9]+")
_MOST_DIGITS = len(str(2**64))

# The status of each error the fake decides on: the first (lowest) documented
# status whose example shows that error type (400, 412 and 422 all show
# invalid_request_error: the API answers a bad request with 400).
_STATUS: dict[str, int] = {}
for _documented in sorted(ERROR_STATUSES.values(), key=lambda error: error.status):
    _STATUS.setdefault(_documented.error_type, _documented.status)
_INVALID = _STATUS["invalid_request_error"]
_UNAUTHENTICATED = _STATUS["authentication_error"]
_NOT_FOUND = _STATUS["not_found_error"]

# Request IDs look like the API's (`req_011C...`, base58) and are unique within a
# process: a random per-process part, then a counter. `next()` on itertools.count
# is atomic under the GIL, so no lock is needed.
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_REQUEST_ID_PREFIX = "req_011C" + "".join(secrets.choice(_BASE58) for _ in range(10))
_request_counter = itertools.count(1)

# Compact JSON, like the API's. One encoder object: json.dumps with non-default
# arguments builds a new encoder per call, which dominates encoding a big catalogue.
_encode_json = json.JSONEncoder(separators=(",", ":")).encode


def new_request_id() -> str:
    n = next(_request_counter)
    digits = []
    for _ in range(10):
        n, r = divmod(n, 58)
        digits.append(_BASE58[r])
    return _REQUEST_ID_PREFIX + "".join(reversed(digits))


_NO_FAULT: Any = object()  # "the queue is empty", as opposed to a queued None


def _json_response(
    status: int,
    body: bytes,
    request_id: str,
    extra_headers: Iterable[tuple[str, str]] = (),
) -> Response:
    headers = [
        ("request-id", request_id),
        ("content-type", "application/json"),
        ("content-length", str(len(body))),
    ]
    return Response(status, _merge_headers(headers, extra_headers), body)


def _merge_headers(
    base: list[tuple[str, str]], extra: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    # A fault's header replaces the fake's own of the same name (a test may pin a
    # request-id or a content-type); other extra headers are appended.
    merged = list(base)
    for name, value in extra:
        merged = [(n, v) for n, v in merged if n != name]
        merged.append((name, value))
    return merged


def _error_body(error_type: str, message: str, request_id: str) -> bytes:
    return _encode_json(
        {
            "type": "error",
            "error": {"type": error_type, "message": message},
            "request_id": request_id,
        }
    ).encode()


def _error(
    status: int,
    message: str,
    request_id: str,
    *,
    error_type: str | None = None,
    extra_headers: Iterable[tuple[str, str]] = (),
) -> Response:
    body = _error_body(error_type or default_error_type(status), message, request_id)
    return _json_response(status, body, request_id, extra_headers)


def _parse_created_at(model: Mapping[str, Any]) -> float:
    value = model.get("created_at")
    if not isinstance(value, str):
        raise ValueError(f"model {model.get('id')!r}: created_at must be a string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"model {model.get('id')!r}: created_at is not an RFC 3339 date-time: "
            f"{value!r}"
        ) from None
    if parsed.tzinfo is None:
        raise ValueError(
            f"model {model.get('id')!r}: created_at needs a UTC offset or Z: {value!r}"
        )
    return parsed.timestamp()


def _quoted(values: Iterable[str]) -> str:
    """Values as the API's messages list them: 'a', 'b' or 'c'."""
    quoted = [f"'{value}'" for value in values]
    return (
        ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
        if len(quoted) > 1
        else "".join(quoted)
    )


def _checked(parameter: Parameter, label: str, value: str) -> object:
    """One value of a parameter as the API reads it from the wire, or the API's
    400 message (a str subclass, _Refusal) saying why not."""
    kind = parameter.item_type or parameter.type
    if kind == "integer":
        # At most a 64-bit integer's digits: int() refuses far longer ones
        # (Python's digit limit) with an error the fake must not let out, and
        # no bound needs more.
        if not _INTEGER.fullmatch(value) or len(value.lstrip("+-")) > _MOST_DIGITS:
            return _Refusal(
                f"{label}: Input should be a valid integer, unable to parse string "
                "as an integer"
            )
        number = int(value)
        if parameter.minimum is not None and number < parameter.minimum:
            return _Refusal(
                f"{label}: Input should be greater than or equal to {parameter.minimum}"
            )
        if parameter.maximum is not None and number > parameter.maximum:
            return _Refusal(
                f"{label}: Input should be less than or equal to {parameter.maximum}"
            )
        return number
    if kind == "boolean":
        if value not in ("true", "false"):
            return _Refusal(f"{label}: Input should be a valid boolean")
        return value == "true"
    # The server knows its values: an open enum is open to clients, which must
    # take values a newer server sends; the server refuses what it does not know.
    if parameter.enum is not None and value not in parameter.enum:
        return _Refusal(
            f"{label}: Input should be {_quoted(parameter.enum)}, got {value!r}"
        )
    if parameter.min_length is not None and len(value) < parameter.min_length:
        return _Refusal(
            f"{label}: String should have at least {parameter.min_length} "
            f"character{'s' if parameter.min_length != 1 else ''}"
        )
    if parameter.max_length is not None and len(value) > parameter.max_length:
        return _Refusal(
            f"{label}: String should have at most {parameter.max_length} characters"
        )
    if parameter.pattern is not None and not matches(parameter.pattern, value):
        return _Refusal(
            f"{label}: String should match pattern '{parameter.pattern}', got {value!r}"
        )
    return value


class _Refusal(str):
    """The message of a 400 (as opposed to a valid string value)."""


def _validated(
    operation: Operation,
    query: list[tuple[str, str]],
    headers: Mapping[str, list[str]],
) -> dict[str, object] | _Refusal:
    """The request's parameters checked against the operation's (the spec's):
    their values by wire name, or the 400 message of the first problem. An
    array query parameter may repeat under its name or, for a `name[]`, under
    the name without brackets too (what httpx and most clients make of a list);
    their values add up."""
    values: dict[str, object] = {}
    by_name: dict[str, Parameter] = {}
    for parameter in operation.parameters:
        if parameter.location == "query":
            by_name[parameter.name] = parameter
            if parameter.type == "array":
                by_name.setdefault(parameter.name.removesuffix("[]"), parameter)
    for name, value in query:
        known = by_name.get(name)
        if known is None:
            return _Refusal(f"{name}: Extra inputs are not permitted")
        if known.type == "array":  # counted first, then checked, as the API does
            cast(list[str], values.setdefault(known.name, [])).append(value)
            continue
        if known.name in values:
            return _Refusal(f"{name}: query parameter given more than once")
        checked = _checked(known, known.name, value)
        if isinstance(checked, _Refusal):
            return checked
        values[known.name] = checked
    for parameter in operation.parameters:
        label = parameter.name.removesuffix("[]")
        if (
            parameter.location == "query"
            and parameter.required
            and parameter.name not in values
        ):
            return _Refusal(f"{label}: Field required")
        if parameter.type == "array" and parameter.name in values:
            count = len(cast(list[object], values[parameter.name]))
            if parameter.max_items is not None and count > parameter.max_items:
                return _Refusal(
                    f"{label}: List should have at most {parameter.max_items} "
                    f"items after validation, not {count}"
                )
            if parameter.min_items is not None and count < parameter.min_items:
                return _Refusal(
                    f"{label}: List should have at least {parameter.min_items} "
                    f"items after validation, not {count}"
                )
            items = []
            for item in cast(list[str], values[parameter.name]):
                checked = _checked(parameter, label, item)
                if isinstance(checked, _Refusal):
                    return checked
                items.append(checked)
            values[parameter.name] = items
        if parameter.location != "header":
            continue
        sent = headers.get(parameter.name)
        if sent is None:
            if parameter.required:
                return _Refusal(f"{parameter.name}: header is required")
            continue
        if parameter.join is not None:
            # A list header may be sent several times: `a` + `b` is `a,b`.
            joined = parameter.join.join(sent)
            if parameter.pattern is not None and not matches(parameter.pattern, joined):
                return _Refusal(
                    f"{parameter.name}: expected a {parameter.join!r}-separated "
                    f"list of names, got {joined!r}"
                )
            values[parameter.name] = joined
            continue
        if len(sent) != 1:
            return _Refusal(f"{parameter.name}: expected one value, got {len(sent)}")
        checked = _checked(parameter, parameter.name, sent[0])
        if isinstance(checked, _Refusal):
            return checked
        values[parameter.name] = checked
    return values


class ModelsAPICore(Responder):
    """The fake Models API without its faces (`FakeModelsAPI` adds them).

    `models` are served as given (extra fields included), newest first: sorted by
    `created_at` descending, stable for ties. Each model must have a unique string
    `id` and an RFC 3339 `created_at` with an offset; other fields are not checked,
    so a test can serve odd data on purpose. `aliases` maps alias -> model ID and
    defaults to DEFAULT_ALIASES for the default catalogue, to none otherwise.

    A model's `lifecycle` decides where the list shows it: without a `lifecycle`
    filter, every model but the retired ones (a model without the field counts as
    active, as the reference page's four-field models are); with one, the models
    in any of the given stages. `get` finds every model, retired ones included:
    the API keeps them in the catalogue as a record.

    Credentials: `x-api-key: <api_key>` or `Authorization: Bearer <auth_token>`,
    exactly one of the two (see `_authenticate`).
    """

    def __init__(
        self,
        models: Sequence[Mapping[str, Any]] | None = None,
        aliases: Mapping[str, str] | None = None,
        api_key: str = "test-api-key",
        auth_token: str = "test-auth-token",
    ) -> None:
        if models is None:
            models = DEFAULT_MODELS
            if aliases is None:
                aliases = DEFAULT_ALIASES
        if not api_key or not auth_token:
            raise ValueError("api_key and auth_token must be non-empty")
        if api_key == auth_token:
            # Then a test could not tell which header a client used.
            raise ValueError("api_key and auth_token must differ")
        self.api_key = api_key
        self.auth_token = auth_token
        # Sorted by timestamp (not by string: offsets and fractions make string
        # order wrong); `sorted` with reverse=True keeps the given order of ties.
        keyed = [(_parse_created_at(m), m) for m in models]
        ordered = [m for _, m in sorted(keyed, key=lambda km: km[0], reverse=True)]
        ids: list[str] = []
        index: dict[str, int] = {}
        for position, model in enumerate(ordered):
            model_id = model.get("id")
            if not isinstance(model_id, str) or not model_id:
                raise ValueError(f"every model needs a non-empty string id: {model!r}")
            if model_id in index:
                raise ValueError(f"duplicate model id: {model_id!r}")
            index[model_id] = position
            ids.append(model_id)
        self._ids: list[str] = ids
        self._index: dict[str, int] = index
        # Each model's value of each filtered field (None: not a string; the
        # filter's `absent` value when the model lacks the field), and the
        # positions each filter lists, built on first use; None stands for
        # "every position".
        self._fields: dict[str, list[str | None]] = {}
        for parameter in _FILTERS:
            assert parameter.filter is not None
            rule = parameter.filter
            values = [m.get(rule.field, rule.absent) for m in ordered]
            self._fields[parameter.name] = [
                value if isinstance(value, str) else None for value in values
            ]
        self._views: dict[
            tuple[tuple[str, frozenset[str] | None], ...], list[int] | None
        ]
        self._views = {}
        # Each model encoded once per view (class of model served); a page is
        # a join of these fragments. A model a view leaves nothing out of
        # shares its bytes with the others.
        self._fragments: dict[str, list[bytes]] = {}
        given = [dict(m) for m in ordered]
        whole = [_encode_json(m).encode() for m in given]
        for view, left in _LEFT_OUT.items():
            self._fragments[view] = [
                fragment if shown is model else _encode_json(shown).encode()
                for model, fragment in zip(given, whole, strict=True)
                for shown in (_projected(model, left),)
            ]
        # The ids as JSON string literals, for first_id/last_id.
        self._encoded_ids: list[bytes] = [_encode_json(i).encode() for i in ids]
        resolved: dict[str, int] = {}
        for alias, target in (aliases or {}).items():
            if alias in index:
                raise ValueError(f"alias {alias!r} is also a model id")
            if target not in index:
                raise ValueError(f"alias {alias!r} points to unknown model {target!r}")
            resolved[alias] = index[target]
        self._aliases = resolved
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._faults: deque[Fault | None] = deque()
        self.fault_hook: Callable[[RecordedRequest], Fault | None] | None = None

    # -- public API ---------------------------------------------------------------

    @property
    def models(self) -> list[dict[str, Any]]:
        """What an unfiltered plain list serves, in order (newest first), as
        fresh dicts: the catalogue without its retired models, each without the
        beta view's fields (the models given have them, if anything)."""
        plain = self._fragments[_PLAIN]
        return [json.loads(plain[p]) for p in self._view({})]

    @property
    def model_ids(self) -> list[str]:
        """The IDs an unfiltered list serves, in order."""
        return [self._ids[p] for p in self._view({})]

    @property
    def catalogue(self) -> list[dict[str, Any]]:
        """Every model, retired ones included, in serving order, as fresh dicts:
        what the plain `get` finds (the beta view's fields left out)."""
        return [json.loads(f) for f in self._fragments[_PLAIN]]

    def listed_ids(self, lifecycle: Iterable[str] | None = None) -> list[str]:
        """The IDs a list filtered to the `lifecycle` stages serves, in order
        (None: no filter, as `model_ids`)."""
        filters = {} if lifecycle is None else {_FILTERS[0].name: list(lifecycle)}
        return [self._ids[p] for p in self._view(filters)]

    @property
    def aliases(self) -> dict[str, str]:
        """alias -> resolved model ID."""
        return {alias: self._ids[i] for alias, i in self._aliases.items()}

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, in arrival order.

        A snapshot (a new list each time), so it is safe to read while server
        threads are still appending; `clear_requests()` empties the record.
        """
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def inject(self, *faults: Fault | None) -> None:
        """Queue faults, first in first out: each request takes the next entry;
        a `None` entry means "serve this one normally"."""
        for fault in faults:
            if fault is not None and not isinstance(fault, Fault):
                raise TypeError(f"not a Fault: {fault!r}")
        with self._lock:
            self._faults.extend(faults)

    @property
    def pending_faults(self) -> int:
        """How many queued entries (faults and `None`s) no request has taken yet."""
        with self._lock:
            return len(self._faults)

    # -- request handling -----------------------------------------------------------

    def respond(
        self, method: str, target: str, header_items: Iterable[tuple[str, str]]
    ) -> Outcome:
        """Record the request, take its fault, and decide the outcome."""
        if not target.startswith("/"):
            # Absolute form (`GET http://host/v1/models HTTP/1.1`), as a proxy sends.
            parts = urlsplit(target)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        raw_path, _, raw_query = target.partition("?")
        query = parse_qsl(raw_query, keep_blank_values=True)
        headers: dict[str, list[str]] = {}
        for name, value in header_items:
            headers.setdefault(name.lower(), []).append(value)
        recorded = RecordedRequest(
            method=method,
            path=raw_path,
            query=query,
            headers={name: ",".join(values) for name, values in headers.items()},
        )
        with self._lock:
            self._requests.append(recorded)
            fault = self._faults.popleft() if self._faults else _NO_FAULT
        if fault is _NO_FAULT:
            hook = self.fault_hook
            fault = hook(recorded) if hook is not None else None
            if fault is not None and not isinstance(fault, Fault):
                raise TypeError(f"fault_hook returned {fault!r}, not a Fault or None")
        request_id = new_request_id()

        if fault is not None:
            if fault.kind == "error":
                # A fault's own request-id header, if any, is the one in the body.
                request_id = dict(fault.headers).get("request-id", request_id)
                response = _error(
                    fault.status,
                    fault.message or "",
                    request_id,
                    error_type=fault.error_type,
                    extra_headers=fault.headers,
                )
                return Outcome(response)
            if fault.kind == "raw":
                base = [("request-id", request_id)]
                if fault.content_type is not None:
                    base.append(("content-type", fault.content_type))
                if fault.status not in (204, 304):
                    base.append(("content-length", str(len(fault.body))))
                response = Response(
                    fault.status, _merge_headers(base, fault.headers), fault.body
                )
                return Outcome(response)
            if fault.kind == "drop_connection":
                return Outcome(None)

        response = self._handle(method, raw_path, query, headers, request_id)
        outcome = Outcome(response)
        if fault is not None:
            if fault.kind == "delay":
                outcome.delay = fault.seconds
            elif fault.kind == "cut_body":
                outcome.cut = True
            elif fault.kind == "truncated_json":
                _replace_body(response, response.body[: len(response.body) // 2])
            elif fault.kind == "extra_fields":
                _replace_body(response, _add_fields(response.body, fault.fields))
        return outcome

    def reject(self, status: int, message: str) -> Response:
        """The API's error response for a request a face could not read."""
        return _error(status, message, new_request_id())

    def _handle(
        self,
        method: str,
        raw_path: str,
        query: list[tuple[str, str]],
        headers: dict[str, list[str]],
        request_id: str,
    ) -> Response:
        """The API proper: what the live API answers to this request."""
        # Authentication first: a request without a valid credential learns
        # nothing else.
        refused = self._authenticate(headers)
        if refused is not None:
            return _error(_UNAUTHENTICATED, refused, request_id)

        routes = self._routed(raw_path, query)
        if not routes:
            return _error(_NOT_FOUND, "Not Found", request_id)
        chosen = [r for r in routes if r[0].method == method.lower()]
        if not chosen:
            allowed = ", ".join(dict.fromkeys(r[0].method.upper() for r in routes))
            return _error(
                405,
                f"Method {method} is not allowed on this endpoint; use {allowed}.",
                request_id,
                error_type="invalid_request_error",
                # RFC 9110: a 405 lists the methods the resource supports.
                extra_headers=[("allow", allowed)],
            )
        operation, query = chosen[0]
        values = _validated(operation, query, headers)
        if isinstance(values, str):
            return _error(_INVALID, values, request_id)
        if operation.paging is not None:
            return self._list_models(operation, values, request_id)
        (segment,) = [
            unquote(raw_path.split("/")[position])
            for position, part in enumerate(operation.path.split("/"))
            if part.startswith("{")
        ]
        return self._get_model(operation, segment, request_id)

    @staticmethod
    def _routed(
        raw_path: str, query: list[tuple[str, str]]
    ) -> list[tuple[Operation, list[tuple[str, str]]]]:
        """The operations a request's path and query name, whatever their
        method (those with the most fixed query pairs first), each with the
        query less its fixed pairs (each taken once)."""
        found = []
        for pattern, operation in _ROUTES:
            if not pattern.fullmatch(raw_path):
                continue
            rest = list(query)
            for pair in operation.query:
                if pair not in rest:
                    break
                rest.remove(pair)
            else:
                found.append((operation, rest))
        return found

    def _authenticate(self, headers: dict[str, list[str]]) -> str | None:
        """None if the request carries exactly one valid credential, else why not.

        `x-api-key` must hold `api_key`, `Authorization: Bearer` must hold
        `auth_token` (the scheme's name in any case, RFC 9110): the key is not
        taken as a Bearer token, so a test sees which header a client used. A
        request carrying both headers is refused whatever they hold: a client
        must send one credential (the runtime sends exactly one), and a fake that
        picked one would hide the other, possibly stale, credential. Messages
        never repeat what was sent.
        """
        keys = headers.get("x-api-key")
        authorizations = headers.get("authorization")
        if keys is not None and authorizations is not None:
            return "send either x-api-key or Authorization: Bearer, not both"
        if keys is not None:
            return None if keys == [self.api_key] else "invalid x-api-key"
        if authorizations is not None:
            if len(authorizations) == 1:
                scheme, _, token = authorizations[0].partition(" ")
                if scheme.lower() == "bearer" and token == self.auth_token:
                    return None
            return "invalid bearer token"
        return "x-api-key or Authorization: Bearer header is required"

    def _get_model(
        self, operation: Operation, model_id: str, request_id: str
    ) -> Response:
        position = self._index.get(model_id)
        if position is None:
            position = self._aliases.get(model_id)
        if position is None:
            return _error(_NOT_FOUND, f"model: {model_id}", request_id)
        fragment = self._fragments[operation.item][position]
        return _json_response(200, fragment, request_id)

    def _positions(self, filters: Mapping[str, object]) -> list[int] | None:
        """The positions a list filtered by `filters` serves (a filter parameter's
        values by its name; without one, all but its `unlisted` values); None
        when that is every position. Built once per filter: two threads building
        the same one store equal lists, so no lock is needed."""
        key = tuple(
            (parameter.name, frozenset(cast(list[str], filters[parameter.name])))
            if parameter.name in filters
            else (parameter.name, None)
            for parameter in _FILTERS
        )
        try:
            return self._views[key]
        except KeyError:
            pass
        rules = [(self._fields[name], kept, _UNLISTED[name]) for name, kept in key]
        chosen = [
            position
            for position in range(len(self._ids))
            if all(
                values[position] in kept
                if kept is not None
                else values[position] not in unlisted
                for values, kept, unlisted in rules
            )
        ]
        view = None if len(chosen) == len(self._ids) else chosen
        self._views[key] = view
        return view

    def _view(self, filters: Mapping[str, object]) -> Sequence[int]:
        positions = self._positions(filters)
        return range(len(self._ids)) if positions is None else positions

    def _list_models(
        self, operation: Operation, values: dict[str, object], request_id: str
    ) -> Response:
        paging = operation.paging
        assert paging is not None and paging.limit is not None
        size = operation.parameter(paging.limit)
        limit = cast(int, values.get(size.name, size.default))
        forward = paging.forward.cursor
        backward = paging.backward.cursor if paging.backward is not None else None
        after_id = cast("str | None", values.get(forward))
        before_id = cast("str | None", values.get(backward)) if backward else None
        if after_id is not None and before_id is not None:
            return _error(
                _INVALID,
                f"{forward} and {backward} cannot be used together",
                request_id,
            )

        # Start and end are indexes into the listed positions (`view`; None: all
        # of them, the fast path). A cursor is any model of the catalogue, listed
        # under this filter or not: the page starts after (ends before) where
        # that model stands in the catalogue's order.
        view = self._positions(values)
        total = len(self._ids) if view is None else len(view)
        if after_id is not None:
            position = self._index.get(after_id)
            if position is None:
                return _error(
                    _INVALID, f"{forward}: unknown model ID {after_id!r}", request_id
                )
            start = (
                position + 1 if view is None else bisect.bisect_right(view, position)
            )
            end = min(start + limit, total)
            has_more = end < total
        elif before_id is not None:
            position = self._index.get(before_id)
            if position is None:
                return _error(
                    _INVALID, f"{backward}: unknown model ID {before_id!r}", request_id
                )
            end = position if view is None else bisect.bisect_left(view, position)
            start = max(0, end - limit)
            has_more = start > 0
        else:
            start = 0
            end = min(limit, total)
            has_more = end < total

        if start < end:
            first_at = start if view is None else view[start]
            last_at = end - 1 if view is None else view[end - 1]
            first = self._encoded_ids[first_at]
            last = self._encoded_ids[last_at]
        else:
            first = last = b"null"
        every = self._fragments[operation.item]
        if view is None:
            fragments = every[start:end]
        else:
            fragments = [every[p] for p in view[start:end]]
        body = b"".join(
            (
                b'{"data":[',
                b",".join(fragments),
                b'],"first_id":',
                first,
                b',"last_id":',
                last,
                b',"has_more":',
                b"true" if has_more else b"false",
                b"}",
            )
        )
        return _json_response(200, body, request_id)


def _replace_body(response: Response, body: bytes) -> None:
    response.body = body
    response.headers = [
        (n, str(len(body)) if n == "content-length" else v) for n, v in response.headers
    ]


def _add_fields(body: bytes, fields: dict[str, Any]) -> bytes:
    document = json.loads(body)
    if isinstance(document, dict):
        # The models first: a field named "data" must not be mistaken for the page.
        data = document.get("data")
        if isinstance(data, list):
            for item in data:
                if isinstance(item, dict):
                    item.update(fields)
        document.update(fields)
    return _encode_json(document).encode()
