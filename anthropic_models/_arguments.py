"""The generic checks of caller arguments, made before anything is sent (each
raises a ``ValueError`` naming the argument).

The generated methods (``_resources``) call these with the bounds, patterns and
values their schema in openapi.yaml states; nothing here knows a parameter. What
lives here is what no schema can say: that a path parameter must be one safe
segment, that a request line has a size every server accepts, that a listing goes
one way at a time, that a header value must be one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any
from urllib.parse import quote, unquote

# The most bytes one argument may take as sent (percent-encoded, or joined in a
# header). Real IDs are under 100 characters. RFC 9112 (section 3) only asks
# servers to accept request lines of 8,000 octets: longer ones are refused (414,
# 431) or the connection reset, by the API's front end or a proxy, and httpx
# refuses URLs over 64 KiB with its own InvalidURL. 4,096 keeps every request
# line this client builds within the 8,000.
MAX_ARGUMENT_BYTES = 4096


def shown(value: object) -> str:
    """A value as an error message quotes it: its repr, cut short (a message that
    quotes a 100 kB argument back is no help)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _encoded(value: str, argument: str) -> str:
    """``value`` percent-encoded as UTF-8, as it is sent; a ValueError naming the
    argument when it cannot be encoded or is too long."""
    if len(value) > MAX_ARGUMENT_BYTES:  # encoding never shortens: no need to try
        raise ValueError(
            f"{argument} is {len(value)} characters long: at most "
            f"{MAX_ARGUMENT_BYTES} bytes are sent once percent-encoded"
        )
    try:
        encoded = quote(value, safe="")
    except UnicodeEncodeError:
        raise ValueError(
            f"{argument} must be encodable as UTF-8: it holds a lone surrogate"
        ) from None
    if len(encoded) > MAX_ARGUMENT_BYTES:
        raise ValueError(
            f"{argument} takes {len(encoded)} bytes once percent-encoded: at most "
            f"{MAX_ARGUMENT_BYTES} are sent"
        )
    return encoded


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def matches(pattern: str, value: str) -> bool:
    """JSON Schema's ``pattern``: a search, not anchored unless the pattern is.
    Python's ``$`` also matches before a final newline, which ECMA 262's does not:
    a value ending in one is judged without that leeway."""
    found = _compiled(pattern).search(value)
    return found is not None and not (value.endswith("\n") and found.end() < len(value))


def _header_value(value: str, argument: str) -> None:
    """A header carries visible ASCII and inner spaces: anything else httpx would
    refuse, or a proxy split or trim."""
    if not value.isascii() or not value.isprintable() or value != value.strip():
        raise ValueError(
            f"{argument} must be ASCII without control characters or surrounding "
            f"whitespace to travel in a header, got {shown(value)}"
        )
    if len(value) > MAX_ARGUMENT_BYTES:
        raise ValueError(
            f"{argument} is {len(value)} characters long: at most "
            f"{MAX_ARGUMENT_BYTES} are sent in a header"
        )


def _string_value(
    value: str,
    argument: str,
    *,
    header: bool,
    min_length: int | None,
    max_length: int | None,
    pattern: str | None,
    enum: Sequence[str] | None,
    open_enum: bool,
) -> str:
    if enum is not None and not open_enum and value not in enum:
        allowed = ", ".join(repr(item) for item in enum)
        raise ValueError(f"{argument} must be one of {allowed}, got {shown(value)}")
    if min_length is not None and len(value) < min_length:
        if min_length == 1:
            raise ValueError(f"{argument} must be a non-empty string, got ''")
        raise ValueError(
            f"{argument} must be at least {min_length} characters long, got "
            f"{shown(value)}"
        )
    if max_length is not None and len(value) > max_length:
        raise ValueError(
            f"{argument} must be at most {max_length} characters long, got {len(value)}"
        )
    if pattern is not None and not matches(pattern, value):
        raise ValueError(
            f"{argument} must match the pattern {pattern!r}, got {shown(value)}"
        )
    if header:
        _header_value(value, argument)
    else:
        _encoded(value, argument)
    # The string's own value: str() of a plain (str, Enum) member would be its
    # qualified name on Python 3.11.
    return str.__str__(value)


def string(
    value: object,
    argument: str,
    *,
    header: bool = False,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    enum: Sequence[str] | None = None,
    open_enum: bool = False,
) -> str | None:
    """Check a string argument: None (not sent) or a ``str`` within the schema's
    bounds, and sendable (in a header, or percent-encoded in the URL)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{argument} must be a string, got {shown(value)}")
    return _string_value(
        value,
        argument,
        header=header,
        min_length=min_length,
        max_length=max_length,
        pattern=pattern,
        enum=enum,
        open_enum=open_enum,
    )


def integer(
    value: object,
    argument: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """Check an integer argument: None (not sent) or an ``int`` (not a bool: True
    is not a number) within the schema's bounds."""
    if value is None:
        return None
    between = (
        f" from {minimum} to {maximum}"
        if minimum is not None and maximum is not None
        else f" >= {minimum}"
        if minimum is not None
        else f" <= {maximum}"
        if maximum is not None
        else ""
    )
    if type(value) is not int:
        raise ValueError(f"{argument} must be an int{between}, got {shown(value)}")
    if (minimum is not None and value < minimum) or (
        maximum is not None and value > maximum
    ):
        raise ValueError(f"{argument} must be{between}, got {value}")
    return value


def boolean(value: object, argument: str) -> bool | None:
    """Check a boolean argument: None (not sent), True or False."""
    if value is None or type(value) is bool:
        return value
    raise ValueError(f"{argument} must be True or False, got {shown(value)}")


def array(
    value: Iterable[object] | None,
    argument: str,
    *,
    item_type: str,
    min_items: int | None = None,
    max_items: int | None = None,
    enum: Sequence[str] | None = None,
    open_enum: bool = False,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> tuple[Any, ...] | None:
    """Check a list argument (sent as one query pair per item): None (not sent),
    or an iterable, not a single string, of ``min_items`` to ``max_items`` items,
    each checked as its schema says. The items of an open enum are any non-empty
    string: no enum value is empty, and new ones may come."""
    if value is None:
        return None
    if isinstance(value, str | bytes):
        raise ValueError(
            f"{argument} must be a list, not a single string: use [{shown(value)}]"
        )
    try:
        items = list(value)
    except TypeError:
        raise ValueError(f"{argument} must be a list, got {shown(value)}") from None
    fewest = 0 if min_items is None else min_items
    if len(items) < fewest or (max_items is not None and len(items) > max_items):
        most = "any number of" if max_items is None else f"to {max_items}"
        raise ValueError(f"{argument} takes {fewest} {most} items, got {len(items)}")
    checked: list[object] = []
    for index, item in enumerate(items):
        name = f"{argument}[{index}]"
        if item_type == "integer":
            checked.append(integer(item, name, minimum=minimum, maximum=maximum))
            if item is None:
                raise ValueError(f"{name} must be an int, got None")
            continue
        if not isinstance(item, str) or (open_enum and not item):
            example = (
                " such as " + ", ".join(repr(e) for e in enum)
                if enum is not None
                else ""
            )
            raise ValueError(
                f"{name} = {shown(item)} is not valid: it must be a non-empty "
                f"string{example}"
            )
        checked.append(
            _string_value(
                item,
                name,
                header=False,
                min_length=min_length,
                max_length=max_length,
                pattern=pattern,
                enum=enum,
                open_enum=open_enum,
            )
        )
    return tuple(checked)


def joined(
    value: Iterable[str] | None,
    argument: str,
    *,
    separator: str,
    pattern: str | None = None,
) -> tuple[str, ...]:
    """Check a list argument that travels joined with ``separator`` in one header
    (``x-runtime: join``); return its values, order kept, duplicates dropped.

    Each value must match the header's ``pattern`` on its own and hold no
    separator, so that the joined header matches it too.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        raise ValueError(
            f"{argument} must be a list, not a single string: use [{shown(value)}]"
        )
    names: dict[str, None] = {}
    for index, item in enumerate(value):
        if (
            not isinstance(item, str)
            or not item
            or separator in item
            or (pattern is not None and not matches(pattern, item))
        ):
            rule = f" matching {pattern!r}" if pattern is not None else ""
            raise ValueError(
                f"{argument}[{index}] = {shown(item)} is not valid: it must be a "
                f"non-empty string{rule} without {separator!r}"
            )
        names[str.__str__(item)] = None
    size = sum(len(name) + len(separator) for name in names) - len(separator)
    if size > MAX_ARGUMENT_BYTES:
        raise ValueError(
            f"{argument} take {size} bytes joined in one header: at most "
            f"{MAX_ARGUMENT_BYTES} are sent"
        )
    return tuple(names)


def merged(*groups: Iterable[str]) -> tuple[str, ...]:
    """Merge already-checked groups of values: order kept, duplicates dropped."""
    return tuple(dict.fromkeys(name for group in groups for name in group))


def one_of(*given: tuple[str, object]) -> None:
    """At most one of these arguments: the two cursors of a listing (a listing
    goes one way; the API answers 400 to both)."""
    named = [name for name, value in given if value is not None]
    if len(named) > 1:
        raise ValueError(f"pass {' or '.join(named)}, not both")


# A segment of unreserved characters (RFC 3986) that is not a dot segment: sent
# as it is (percent-encoding leaves it unchanged, and it has nothing to decode).
_PLAIN_SEGMENT = re.compile(r"(?!\.\.?\Z)[A-Za-z0-9._~-]+\Z").match


def path_segment(value: object, argument: str) -> str:
    """Check a path parameter that becomes one path segment.

    Empty values and dot segments (``.``, ``..``, also percent-encoded or mixed,
    such as ``%2e%2E`` or ``.%2e``) are refused: httpx would normalise
    ``/v1/models/..`` to ``/v1`` and send a different request than the one asked
    for. Everything else is percent-encoded into exactly one segment by the
    generated code; it must be valid UTF-8, and at most MAX_ARGUMENT_BYTES long
    once encoded.
    """
    if not isinstance(value, str):
        raise ValueError(f"{argument} must be a string, not {type(value).__name__}")
    if _PLAIN_SEGMENT(value) and len(value) <= MAX_ARGUMENT_BYTES:
        return value  # every real model ID and alias: nothing to encode or decode
    _encoded(value, argument)  # first: it bounds the decoding loop below
    decoded = value
    # Decode until stable (bounded: each round shortens the text or stops), so
    # that doubly encoded dots are caught too.
    for _ in range(len(value)):
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
    if decoded in ("", ".", ".."):
        raise ValueError(
            f"{argument} must be a non-empty identifier and not a dot segment, "
            f"got {shown(value)}"
        )
    return value
