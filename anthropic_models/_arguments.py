"""Checks of caller arguments, made before anything is sent (each raises a
``ValueError`` naming the argument)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, unquote

# One beta name as openapi.yaml's anthropic-beta pattern admits it: visible ASCII
# without the comma that separates names. Whitespace, control and non-ASCII
# characters would be refused by httpx or split the header.
_BETA_NAME = re.compile(r"[!-+\--~]+")

# The most bytes a model ID, a cursor or a list of betas may take as sent (IDs
# percent-encoded, betas joined with commas). Real IDs are under 100 characters.
# RFC 9112 (section 3) only asks servers to accept request lines of 8,000 octets:
# longer ones are refused (414, 431) or the connection reset, by the API's front
# end or a proxy, and httpx refuses URLs over 64 KiB with its own InvalidURL.
# 4,096 keeps every request line this client builds within the 8,000.
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


def beta_names(betas: Iterable[str] | None, argument: str = "betas") -> tuple[str, ...]:
    """Check a ``betas`` argument; return its names, order kept, duplicates dropped.

    Members of the generated ``AnthropicBeta`` enum are strings, so they pass as
    any other name does: the set of betas is open.
    """
    if betas is None:
        return ()
    if isinstance(betas, str):
        raise ValueError(
            f"{argument} must be a list of beta names, not a single string: "
            f"use [{shown(betas)}]"
        )
    names: dict[str, None] = {}
    for index, beta in enumerate(betas):
        if not isinstance(beta, str) or not _BETA_NAME.fullmatch(beta):
            raise ValueError(
                f"{argument}[{index}] = {shown(beta)} is not a beta name: it must "
                "be a non-empty string of visible ASCII characters without a comma"
            )
        # The string's own value: str() of a plain (str, Enum) member would be
        # its qualified name on Python 3.11.
        names[str.__str__(beta)] = None
    size = sum(len(name) + 1 for name in names) - 1
    if size > MAX_ARGUMENT_BYTES:
        raise ValueError(
            f"{argument} take {size} bytes joined in the anthropic-beta header: at "
            f"most {MAX_ARGUMENT_BYTES} are sent"
        )
    return tuple(names)


def merge_betas(*groups: Iterable[str]) -> tuple[str, ...]:
    """Merge already-checked groups of names: order kept, duplicates dropped."""
    return tuple(dict.fromkeys(name for group in groups for name in group))


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


def page_limit(limit: object) -> int | None:
    """Check ``limit``: None (the API's default of 20) or an int in 1..1000."""
    if limit is None:
        return None
    if type(limit) is not int:  # bool is an int subclass: True is not a page size
        raise ValueError(f"limit must be an int from 1 to 1000, got {limit!r}")
    if not 1 <= limit <= 1000:
        raise ValueError(f"limit must be from 1 to 1000, got {limit}")
    return limit


def cursor(value: object, argument: str) -> str | None:
    """Check ``after_id`` / ``before_id``: None or a non-empty string, valid UTF-8
    and at most MAX_ARGUMENT_BYTES long once percent-encoded."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError(f"{argument} must be a non-empty string, got {shown(value)}")
    _encoded(value, argument)
    return value


# The API takes up to 3 lifecycle stages (there are 3 today).
MAX_LIFECYCLE_STAGES = 3


def lifecycle_stages(lifecycle: Iterable[str] | None) -> tuple[str, ...] | None:
    """Check a ``lifecycle`` filter: None (the API's default, active and deprecated
    models), or 1 to 3 stage names, as strings or members of the generated
    ``ModelInfoLifecycle`` enum (which are strings). The set of stages is open: a
    name this library does not know is sent, and the API judges it."""
    if lifecycle is None:
        return None
    if isinstance(lifecycle, str):
        raise ValueError(
            "lifecycle must be a list of stages, not a single string: "
            f"use [{shown(lifecycle)}]"
        )
    stages = list(lifecycle)
    if not 1 <= len(stages) <= MAX_LIFECYCLE_STAGES:
        raise ValueError(
            f"lifecycle takes 1 to {MAX_LIFECYCLE_STAGES} stages, got {len(stages)}"
        )
    for index, stage in enumerate(stages):
        if not isinstance(stage, str) or not stage:
            raise ValueError(
                f"lifecycle[{index}] = {shown(stage)} is not a stage: it must be a "
                "non-empty string such as 'active', 'deprecated' or 'retired'"
            )
        _encoded(stage, f"lifecycle[{index}]")
    # The string's own value: an enum member (of any str Enum) is sent as it.
    return tuple(str.__str__(stage) for stage in stages)


# A workspace ID as a header value can carry it: visible ASCII, no whitespace
# (IDs look like wrkspc_011CZkZaBF1tNoB5wlCeusgy).
_WORKSPACE_ID = re.compile(r"[!-~]+")


def workspace_id(value: object, argument: str = "workspace_id") -> str | None:
    """Check a ``workspace_id``: None (no anthropic-workspace-id header) or a
    non-empty string of visible ASCII characters, at most MAX_ARGUMENT_BYTES."""
    if value is None:
        return None
    if not isinstance(value, str) or not _WORKSPACE_ID.fullmatch(value):
        raise ValueError(
            f"{argument} must be a non-empty string of visible ASCII characters "
            f"(no whitespace or control character), got {shown(value)}"
        )
    _encoded(value, argument)
    return value
