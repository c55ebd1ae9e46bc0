"""The fake's model catalogues: a realistic default one, and synthetic big ones."""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["DEFAULT_ALIASES", "DEFAULT_MODELS", "synthetic_models"]


def _model(model_id: str, display_name: str) -> dict[str, Any]:
    # `created_at` is the snapshot date carried by the ID (claude-sonnet-4-5-20250929
    # -> 2025-09-29T00:00:00Z), as in the spec's examples. Two models share a date
    # (Opus 4 and Sonnet 4, both 2025-05-14): the catalogue keeps Opus 4 first, which
    # exercises the stable tie-break of the fake's newest-first sort.
    date = model_id.rsplit("-", 1)[1]
    return {
        "id": model_id,
        "created_at": f"{date[:4]}-{date[4:6]}-{date[6:]}T00:00:00Z",
        "display_name": display_name,
        "type": "model",
    }


# Real Claude models, newest first, in the shape the live API lists them (the four
# documented fields only: extra fields are what Fault.extra_fields, or a custom
# catalogue, are for). A tuple, so a test cannot append to the shared default by
# accident; a fake copies (encodes) the models it is given when it is built.
DEFAULT_MODELS: tuple[dict[str, Any], ...] = (
    _model("claude-opus-4-5-20251101", "Claude Opus 4.5"),
    _model("claude-haiku-4-5-20251001", "Claude Haiku 4.5"),
    _model("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5"),
    _model("claude-opus-4-1-20250805", "Claude Opus 4.1"),
    _model("claude-opus-4-20250514", "Claude Opus 4"),
    _model("claude-sonnet-4-20250514", "Claude Sonnet 4"),
    _model("claude-3-7-sonnet-20250219", "Claude Sonnet 3.7"),
    _model("claude-3-5-haiku-20241022", "Claude Haiku 3.5"),
    _model("claude-3-haiku-20240307", "Claude Haiku 3"),
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
    }
)

# Newest synthetic model: 2025-12-01T00:00:00Z; each next one is a minute older, so
# every created_at is distinct and the list is already in serving order.
_SYNTHETIC_NEWEST = 1764547200
_SYNTHETIC_STEP = 60


def synthetic_models(n: int) -> list[dict[str, Any]]:
    """Return `n` distinct, valid model dicts, newest first.

    IDs are `claude-synthetic-000001`, `claude-synthetic-000002`, ... (at least six
    digits), each a minute older than the one before. Built for big catalogues
    (100,000 models in well under a second).
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    width = max(6, len(str(n)))
    models: list[dict[str, Any]] = []
    append = models.append
    gmtime = time.gmtime
    strftime = time.strftime
    for i in range(n):
        append(
            {
                "id": f"claude-synthetic-{i + 1:0{width}d}",
                "created_at": strftime(
                    "%Y-%m-%dT%H:%M:%SZ",
                    gmtime(_SYNTHETIC_NEWEST - i * _SYNTHETIC_STEP),
                ),
                "display_name": f"Claude Synthetic {i + 1}",
                "type": "model",
            }
        )
    return models
