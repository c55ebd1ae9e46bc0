"""The fake's model catalogues: a realistic default one, and synthetic big ones.

Models come in today's shape (api-facts.md, "Today's API"): the reference page's
four fields, then `lifecycle`, `deprecated_at`, `retires_at`, `line`,
`max_input_tokens`, `max_tokens` and the whole `capabilities` tree, with the
beta view's fields too (`allowed_fallback_models`, `capabilities.compaction`),
which the fake leaves out of the plain view. The reference page's four-field
shape stays available from `synthetic_models(n)`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

from generated_client.models import ModelInfoLifecycle

__all__ = [
    "DEFAULT_ALIASES",
    "DEFAULT_MODELS",
    "LIFECYCLE_STAGES",
    "SyntheticShape",
    "capabilities",
    "synthetic_models",
]

# The stages the API documents, in its order: the spec's ModelInfoLifecycle enum.
# A model may carry another string (more stages may come); the list filter only
# takes these.
LIFECYCLE_STAGES: tuple[str, ...] = tuple(stage.value for stage in ModelInfoLifecycle)

# The capabilities tree, keys in the API's (alphabetical) order: a top-level key
# maps to None for a CapabilitySupport leaf, to its children's names for a group
# with its own `supported` flag. `thinking` nests its children under `types`.
_TREE: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("batch", None),
    ("citations", None),
    ("code_execution", None),
    ("compaction", ("summarize",)),  # the beta view's
    (
        "context_management",
        ("clear_thinking_20251015", "clear_tool_uses_20250919", "compact_20260112"),
    ),
    ("effort", ("low", "medium", "high", "max", "xhigh")),
    ("image_input", None),
    ("pdf_input", None),
    ("server_tools", ("code_execution", "web_search")),
    ("structured_outputs", None),
    ("thinking", ("adaptive", "between_tools", "disabled", "enabled")),
)
# The leaves the API types as "CapabilitySupport or null".
_NULLABLE = frozenset(
    {
        "context_management.clear_thinking_20251015",
        "context_management.clear_tool_uses_20250919",
        "context_management.compact_20260112",
        "effort.xhigh",
    }
)
# The groups the API sends as null when none of their entries is supported.
_NULLABLE_GROUPS = frozenset({"compaction"})
# Every leaf's dotted name (`thinking.enabled` is `thinking.types.enabled` on
# the wire), for validating what `capabilities()` is given.
_LEAVES = frozenset(
    name if children is None else f"{name}.{child}"
    for name, children in _TREE
    for child in (children or ("",))
)


def capabilities(supported: Iterable[str]) -> dict[str, Any]:
    """A full `capabilities` tree in which exactly the `supported` leaves say true.

    Leaves are named `pdf_input`, `effort.high`, `thinking.enabled` (the wire's
    `thinking.types.enabled`), and so on. A group's own `supported` is true when
    any of its leaves is; in a group with none, the nullable leaves are null
    (and `compaction`, the beta view's, is null as a whole).
    """
    chosen = frozenset(supported)
    unknown = chosen - _LEAVES
    if unknown:
        raise ValueError(f"unknown capability leaves: {sorted(unknown)}")
    tree: dict[str, Any] = {}
    for name, children in _TREE:
        if children is None:
            tree[name] = {"supported": name in chosen}
            continue
        leaves: dict[str, Any] = {
            child: {"supported": f"{name}.{child}" in chosen} for child in children
        }
        any_supported = any(leaf["supported"] for leaf in leaves.values())
        if not any_supported and name in _NULLABLE_GROUPS:
            tree[name] = None
            continue
        if not any_supported:
            for child in children:
                if f"{name}.{child}" in _NULLABLE:
                    leaves[child] = None
        if name == "thinking":
            tree[name] = {"supported": any_supported, "types": leaves}
        else:
            tree[name] = {"supported": any_supported, **leaves}
    return tree


def _model(
    model_id: str,
    display_name: str,
    *,
    lifecycle: str,
    line: str | None,
    max_input_tokens: int,
    max_tokens: int,
    supports: Iterable[str] | None,
    deprecated_at: str | None = None,
    retires_at: str | None = None,
    created_at: str | None = None,
    fallbacks: list[str] | None = None,
) -> dict[str, Any]:
    # `created_at` is the snapshot date carried by the ID (claude-sonnet-4-5-20250929
    # -> 2025-09-29T00:00:00Z), as in the spec's examples. Two models share a date
    # (Opus 4 and Sonnet 4, both 2025-05-14): the catalogue keeps Opus 4 first, which
    # exercises the stable tie-break of the fake's newest-first sort.
    if created_at is None:
        date = model_id.rsplit("-", 1)[1]
        created_at = f"{date[:4]}-{date[4:6]}-{date[6:]}T00:00:00Z"
    return {
        "id": model_id,
        "created_at": created_at,
        "display_name": display_name,
        "type": "model",
        "lifecycle": lifecycle,
        "deprecated_at": deprecated_at,
        "retires_at": retires_at,
        "line": line,
        "max_input_tokens": max_input_tokens,
        "max_tokens": max_tokens,
        "allowed_fallback_models": fallbacks,
        "capabilities": None if supports is None else capabilities(supports),
    }


# What the models of a generation have in common (the fake's own plausible reading
# of the public model pages; not a claim about any real model).
_BASICS = ("batch", "citations", "image_input", "pdf_input")
_CLAUDE_4 = (
    *_BASICS,
    "server_tools.code_execution",
    "server_tools.web_search",
    "thinking.between_tools",
    "thinking.disabled",
    "thinking.enabled",
)
_CLEARING = (
    "context_management.clear_thinking_20251015",
    "context_management.clear_tool_uses_20250919",
)

# Real Claude models, newest first, in today's shape: active, deprecated (one
# whose retirement is overdue: a past `retires_at`, still `deprecated`; one with
# no retirement scheduled) and retired ones (kept as a record: `get` finds them,
# an unfiltered list leaves them out), one of them in no model line and without
# capabilities. A tuple, so a test cannot append to the shared default by
# accident; a fake copies (encodes) the models it is given when it is built.
DEFAULT_MODELS: tuple[dict[str, Any], ...] = (
    _model(
        "claude-opus-4-5-20251101",
        "Claude Opus 4.5",
        lifecycle="active",
        line="opus",
        max_input_tokens=200_000,
        max_tokens=64_000,
        fallbacks=["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"],
        supports=(
            *_CLAUDE_4,
            *_CLEARING,
            "code_execution",
            "compaction.summarize",
            "context_management.compact_20260112",
            "effort.high",
            "effort.low",
            "effort.medium",
            "structured_outputs",
        ),
    ),
    _model(
        "claude-haiku-4-5-20251001",
        "Claude Haiku 4.5",
        lifecycle="active",
        line="haiku",
        max_input_tokens=200_000,
        max_tokens=64_000,
        fallbacks=[],  # takes no `fallbacks` as the primary
        supports=(*_CLAUDE_4, *_CLEARING, "structured_outputs"),
    ),
    _model(
        "claude-sonnet-4-5-20250929",
        "Claude Sonnet 4.5",
        lifecycle="active",
        line="sonnet",
        max_input_tokens=1_000_000,
        max_tokens=64_000,
        fallbacks=["claude-haiku-4-5-20251001"],
        supports=(
            *_CLAUDE_4,
            *_CLEARING,
            "code_execution",
            "compaction.summarize",
            "context_management.compact_20260112",
            "structured_outputs",
        ),
    ),
    _model(
        "claude-opus-4-1-20250805",
        "Claude Opus 4.1",
        lifecycle="active",
        line="opus",
        max_input_tokens=200_000,
        max_tokens=32_000,
        fallbacks=["claude-sonnet-4-5-20250929"],
        supports=(*_CLAUDE_4, *_CLEARING, "structured_outputs"),
    ),
    _model(
        "claude-opus-4-20250514",
        "Claude Opus 4",
        lifecycle="deprecated",
        deprecated_at="2026-09-15T00:00:00Z",
        retires_at="2027-03-15T00:00:00Z",
        line="opus",
        max_input_tokens=200_000,
        max_tokens=32_000,
        supports=(*_CLAUDE_4, "context_management.clear_tool_uses_20250919"),
    ),
    _model(
        "claude-sonnet-4-20250514",
        "Claude Sonnet 4",
        lifecycle="active",
        line="sonnet",
        max_input_tokens=200_000,
        max_tokens=64_000,
        supports=(*_CLAUDE_4, "context_management.clear_tool_uses_20250919"),
    ),
    _model(
        "claude-3-7-sonnet-20250219",
        "Claude Sonnet 3.7",
        lifecycle="deprecated",
        deprecated_at="2025-10-28T00:00:00Z",
        retires_at="2026-02-19T00:00:00Z",  # past: overdue, and still deprecated
        line="sonnet",
        max_input_tokens=200_000,
        max_tokens=64_000,
        supports=(
            *_BASICS,
            "server_tools.web_search",
            "thinking.disabled",
            "thinking.enabled",
        ),
    ),
    _model(
        "claude-3-5-haiku-20241022",
        "Claude Haiku 3.5",
        lifecycle="deprecated",
        deprecated_at="2025-12-19T00:00:00Z",
        retires_at="2026-12-19T00:00:00Z",
        line="haiku",
        max_input_tokens=200_000,
        max_tokens=8_192,
        supports=(*_BASICS, "server_tools.web_search"),
    ),
    _model(
        "claude-3-5-sonnet-20240620",
        "Claude Sonnet 3.5",
        lifecycle="retired",
        deprecated_at="2025-08-13T00:00:00Z",
        retires_at="2025-10-22T00:00:00Z",
        line="sonnet",
        max_input_tokens=200_000,
        max_tokens=8_192,
        supports=("batch", "image_input", "pdf_input"),
    ),
    _model(
        "claude-3-haiku-20240307",
        "Claude Haiku 3",
        lifecycle="deprecated",
        deprecated_at="2026-10-01T00:00:00Z",
        retires_at=None,  # no retirement scheduled yet
        line="haiku",
        max_input_tokens=200_000,
        max_tokens=4_096,
        supports=("batch", "image_input"),
    ),
    _model(
        "claude-3-opus-20240229",
        "Claude Opus 3",
        lifecycle="retired",
        deprecated_at="2025-06-30T00:00:00Z",
        retires_at="2026-01-05T00:00:00Z",
        line="opus",
        max_input_tokens=200_000,
        max_tokens=4_096,
        supports=("batch", "image_input"),
    ),
    _model(
        "claude-2.1",
        "Claude 2.1",
        created_at="2023-11-21T00:00:00Z",
        lifecycle="retired",
        deprecated_at="2025-01-21T00:00:00Z",
        retires_at="2025-07-21T00:00:00Z",
        line=None,  # before the model lines
        max_input_tokens=200_000,
        max_tokens=4_096,
        supports=None,  # a record only: no capabilities
    ),
)

# The aliases the API resolves for those models (read-only view).
DEFAULT_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "claude-opus-4-5": "claude-opus-4-5-20251101",
        "claude-haiku-4-5": "claude-haiku-4-5-20251001",
        "claude-sonnet-4-5": "claude-sonnet-4-5-20250929",
        "claude-opus-4-1": "claude-opus-4-1-20250805",
        "claude-opus-4-0": "claude-opus-4-20250514",
        "claude-sonnet-4-0": "claude-sonnet-4-20250514",
        "claude-3-7-sonnet-latest": "claude-3-7-sonnet-20250219",
        "claude-3-5-haiku-latest": "claude-3-5-haiku-20241022",
        "claude-3-opus-latest": "claude-3-opus-20240229",
    }
)

# Newest synthetic model: 2025-12-01T00:00:00Z; each next one is a minute older, so
# every created_at is distinct and the list is already in serving order.
_SYNTHETIC_NEWEST = 1764547200
_SYNTHETIC_STEP = 60

SyntheticShape = Literal["reference", "today"]

# Today's shape, varied so that no two neighbours look alike: the lines (a null
# one among them), the limits, and every capability leaf, with none of the groups
# empty, so each model is the full tree (27 objects, 29 with compaction, about
# 1.3 kB of JSON).
_SYNTHETIC_LINES = ("sonnet", "haiku", "opus", "fable", "mythos", None)
_SYNTHETIC_LIMITS = ((200_000, 64_000), (1_000_000, 128_000), (200_000, 8_192))
_LEAF_ORDER = sorted(_LEAVES)
_SYNTHETIC_CAPABILITIES = tuple(
    # Leaf k is supported unless (k + pattern) % 3 == 0: each group has two or
    # more consecutive leaves, so at least one of them is supported.
    frozenset(leaf for k, leaf in enumerate(_LEAF_ORDER) if (k + pattern) % 3)
    for pattern in range(3)
)
# One model in ten is deprecated (half of those with a retirement date); none is
# retired, so an unfiltered list serves all of them.
_SYNTHETIC_DEPRECATED_AT = "2026-06-01T00:00:00Z"
_SYNTHETIC_RETIRES_AT = "2027-06-01T00:00:00Z"


def synthetic_models(
    n: int, *, shape: SyntheticShape = "reference"
) -> list[dict[str, Any]]:
    """Return `n` distinct, valid model dicts, newest first.

    IDs are `claude-synthetic-000001`, `claude-synthetic-000002`, ... (at least six
    digits), each a minute older than the one before. `shape="reference"` gives
    the reference page's four fields; `shape="today"` adds lifecycle, dates, line,
    limits, the beta view's fallbacks and the full capabilities tree, varied from
    model to model (active or deprecated, never retired). Built for big
    catalogues (100,000 four-field models in well under a second).
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if shape not in ("reference", "today"):
        raise ValueError(f"shape must be 'reference' or 'today', got {shape!r}")
    today = shape == "today"
    width = max(6, len(str(n)))
    models: list[dict[str, Any]] = []
    append = models.append
    gmtime = time.gmtime
    strftime = time.strftime
    for i in range(n):
        model: dict[str, Any] = {
            "id": f"claude-synthetic-{i + 1:0{width}d}",
            "created_at": strftime(
                "%Y-%m-%dT%H:%M:%SZ",
                gmtime(_SYNTHETIC_NEWEST - i * _SYNTHETIC_STEP),
            ),
            "display_name": f"Claude Synthetic {i + 1}",
            "type": "model",
        }
        if today:
            deprecated = i % 10 == 9
            max_input_tokens, max_tokens = _SYNTHETIC_LIMITS[i % 3]
            # The beta view's fallbacks: the next (older) model, none, or not
            # stated; the last model has no next one to name.
            fallbacks = (
                [f"claude-synthetic-{i + 2:0{width}d}"] if i + 1 < n else [],
                [],
                None,
            )[i % 3]
            model.update(
                lifecycle="deprecated" if deprecated else "active",
                deprecated_at=_SYNTHETIC_DEPRECATED_AT if deprecated else None,
                retires_at=_SYNTHETIC_RETIRES_AT
                if deprecated and i % 20 == 9
                else None,
                line=_SYNTHETIC_LINES[i % len(_SYNTHETIC_LINES)],
                max_input_tokens=max_input_tokens,
                max_tokens=max_tokens,
                allowed_fallback_models=fallbacks,
                capabilities=capabilities(_SYNTHETIC_CAPABILITIES[(i // 2) % 3]),
            )
        append(model)
    return models
