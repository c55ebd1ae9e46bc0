"""Checks of caller arguments, made before anything is sent (each raises a
``ValueError`` naming the argument)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

# One beta name as openapi.yaml's anthropic-beta pattern admits it: visible ASCII
# without the comma that separates names. Whitespace, control and non-ASCII
# characters would be refused by httpx or split the header.
_BETA_NAME = re.compile(r"[!-+\--~]+")


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
            f"use [{betas!r}]"
        )
    names: dict[str, None] = {}
    for index, beta in enumerate(betas):
        if not isinstance(beta, str) or not _BETA_NAME.fullmatch(beta):
            raise ValueError(
                f"{argument}[{index}] = {beta!r} is not a beta name: it must be a "
                "non-empty string of visible ASCII characters without a comma"
            )
        names[str(beta)] = None
    return tuple(names)


def merge_betas(*groups: Iterable[str]) -> tuple[str, ...]:
    """Merge already-checked groups of names: order kept, duplicates dropped."""
    return tuple(dict.fromkeys(name for group in groups for name in group))


def path_segment(value: object, argument: str) -> str:
    """Check a path parameter that becomes one path segment.

    Empty values and dot segments (``.``, ``..``, also percent-encoded or mixed,
    such as ``%2e%2E`` or ``.%2e``) are refused: httpx would normalise
    ``/v1/models/..`` to ``/v1`` and send a different request than the one asked
    for. Everything else is percent-encoded into exactly one segment by the
    generated code.
    """
    if not isinstance(value, str):
        raise ValueError(f"{argument} must be a string, not {type(value).__name__}")
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
            f"got {value!r}"
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
    """Check ``after_id`` / ``before_id``: None or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError(f"{argument} must be a non-empty string, got {value!r}")
    return value
