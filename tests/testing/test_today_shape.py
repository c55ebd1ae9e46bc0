"""The catalogues in today's shape (api-facts.md, "Today's API"): the default one,
the synthetic one, and the `capabilities()` builder."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

import httpx
import pytest

from anthropic_models.testing import (
    DEFAULT_MODELS,
    LIFECYCLE_STAGES,
    FakeModelsAPI,
    capabilities,
    synthetic_models,
)

from .helpers import HEADERS, TRANSPORT_BASE_URL

# The capabilities tree as api-facts.md lists it, written out here rather than
# taken from the fake: "leaf" is {"supported": bool}, "leaf?" a leaf or null,
# "bool" a group's own flag, NULLABLE(group) a group or null. `compaction` is
# the beta view's (the fake leaves it out of the plain view).
NULLABLE = "nullable"
EXPECTED_TREE: dict[str, Any] = {
    "batch": "leaf",
    "citations": "leaf",
    "code_execution": "leaf",
    "compaction": (NULLABLE, {"supported": "bool", "summarize": "leaf"}),
    "context_management": {
        "supported": "bool",
        "clear_thinking_20251015": "leaf?",
        "clear_tool_uses_20250919": "leaf?",
        "compact_20260112": "leaf?",
    },
    "effort": {
        "supported": "bool",
        "low": "leaf",
        "medium": "leaf",
        "high": "leaf",
        "max": "leaf",
        "xhigh": "leaf?",
    },
    "image_input": "leaf",
    "pdf_input": "leaf",
    "server_tools": {
        "supported": "bool",
        "code_execution": "leaf",
        "web_search": "leaf",
    },
    "structured_outputs": "leaf",
    "thinking": {
        "supported": "bool",
        "types": {
            "adaptive": "leaf",
            "between_tools": "leaf",
            "disabled": "leaf",
            "enabled": "leaf",
        },
    },
}
TODAY_FIELDS = {
    "id",
    "created_at",
    "display_name",
    "type",
    "lifecycle",
    "deprecated_at",
    "retires_at",
    "line",
    "max_input_tokens",
    "max_tokens",
    "allowed_fallback_models",  # the beta view's
    "capabilities",
}
LINES = {"haiku", "sonnet", "opus", "fable", "mythos"}


def _check_tree(value: Any, expected: Any, path: str) -> None:
    if isinstance(expected, tuple):
        if value is None:
            return
        expected = expected[1]
    if expected == "bool":
        assert isinstance(value, bool), path
    elif expected == "leaf?" and value is None:
        pass
    elif expected in ("leaf", "leaf?"):
        assert isinstance(value, dict) and set(value) == {"supported"}, path
        assert isinstance(value["supported"], bool), path
    else:
        assert isinstance(value, dict) and set(value) == set(expected), path
        for key, child in expected.items():
            _check_tree(value[key], child, f"{path}.{key}")


def _groups_agree_with_their_leaves(tree: dict[str, Any]) -> None:
    for name, group in tree.items():
        if group is None:  # a nullable group
            continue
        if "types" in group:
            group = {"supported": group["supported"], **group["types"]}
        if set(group) == {"supported"}:
            continue
        leaves = [v["supported"] for k, v in group.items() if k != "supported" and v]
        assert group["supported"] is any(leaves), name
        if not group["supported"]:
            # A nullable group that supports nothing is null; a nullable leaf
            # of an unsupported group is null, not false.
            assert not isinstance(EXPECTED_TREE[name], tuple), name
            nullable = [k for k, v in EXPECTED_TREE[name].items() if v == "leaf?"]
            assert all(group[k] is None for k in nullable), name


def _instant(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _objects(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + sum(_objects(v) for v in value.values())
    return 0


def _check_today_model(model: dict[str, Any]) -> None:
    assert set(model) == TODAY_FIELDS
    assert model["lifecycle"] in LIFECYCLE_STAGES
    assert model["line"] is None or model["line"] in LINES
    deprecated_at = _instant(model["deprecated_at"])
    retires_at = _instant(model["retires_at"])
    created_at = _instant(model["created_at"])
    assert created_at is not None
    if model["lifecycle"] == "active":
        assert deprecated_at is None and retires_at is None
    else:
        assert deprecated_at is not None and deprecated_at > created_at
        assert retires_at is None or retires_at > deprecated_at
    if model["lifecycle"] == "retired":
        assert retires_at is not None
    limits = (model["max_input_tokens"], model["max_tokens"])
    assert all(isinstance(n, int) and n > 0 for n in limits)
    assert model["max_tokens"] < model["max_input_tokens"]
    if model["capabilities"] is not None:
        _check_tree(model["capabilities"], EXPECTED_TREE, "capabilities")
        _groups_agree_with_their_leaves(model["capabilities"])
    fallbacks = model["allowed_fallback_models"]
    assert fallbacks is None or (
        isinstance(fallbacks, list)
        and all(isinstance(f, str) and f != model["id"] for f in fallbacks)
    )


@pytest.mark.parametrize("model", DEFAULT_MODELS, ids=lambda m: m["id"])
def test_every_default_model_is_in_todays_shape(model: dict[str, Any]) -> None:
    _check_today_model(model)
    if model["line"] is not None:
        # The line is data, not derived from the ID; it still names the model.
        assert model["line"].title() in model["display_name"]


def test_the_default_catalogue_spans_every_stage_and_a_model_in_no_line() -> None:
    stages = Counter(m["lifecycle"] for m in DEFAULT_MODELS)
    assert stages["active"] >= 3 and stages["deprecated"] >= 2
    assert stages["retired"] >= 2
    assert any(m["line"] is None for m in DEFAULT_MODELS)
    assert any(m["capabilities"] is None for m in DEFAULT_MODELS)
    # A deprecated model with no retirement scheduled, and one that has a date.
    deprecated = [m for m in DEFAULT_MODELS if m["lifecycle"] == "deprecated"]
    assert {m["retires_at"] is None for m in deprecated} == {True, False}
    # At least one model with the whole tree (29 objects, compaction's two
    # included), as the live API's beta view.
    assert max(_objects(m) for m in DEFAULT_MODELS) == 29
    # Fallbacks of every kind, each a model of the catalogue.
    fallbacks = [m["allowed_fallback_models"] for m in DEFAULT_MODELS]
    assert None in fallbacks and [] in fallbacks and any(fallbacks)
    ids = {m["id"] for m in DEFAULT_MODELS}
    assert all(set(f) <= ids for f in fallbacks if f)
    # Compaction supported on some models, null on others.
    compactions = [(m["capabilities"] or {}).get("compaction") for m in DEFAULT_MODELS]
    assert None in compactions
    assert {"supported": True, "summarize": {"supported": True}} in compactions


def _supports(model_id: str, *path: str) -> bool:
    model = next(m for m in DEFAULT_MODELS if m["id"] == model_id)
    node: Any = model["capabilities"]
    for key in path:
        node = node[key]
    supported: bool = node["supported"]
    return supported


@pytest.mark.parametrize(
    ("model_id", "path", "expected"),
    [
        # Plausible for each model: effort on the newest Opus only, thinking from
        # Sonnet 3.7 on (interleaved from the 4 models on), PDFs not on Haiku 3.
        ("claude-opus-4-5-20251101", ("effort",), True),
        ("claude-opus-4-5-20251101", ("effort", "max"), False),
        ("claude-sonnet-4-5-20250929", ("effort",), False),
        ("claude-3-7-sonnet-20250219", ("thinking", "types", "enabled"), True),
        ("claude-3-7-sonnet-20250219", ("thinking", "types", "between_tools"), False),
        ("claude-sonnet-4-20250514", ("thinking", "types", "between_tools"), True),
        ("claude-3-5-haiku-20241022", ("thinking",), False),
        ("claude-3-haiku-20240307", ("pdf_input",), False),
        ("claude-3-5-haiku-20241022", ("pdf_input",), True),
        ("claude-3-5-haiku-20241022", ("server_tools", "web_search"), True),
        ("claude-3-haiku-20240307", ("server_tools",), False),
    ],
)
def test_default_capabilities_are_plausible_for_each_model(
    model_id: str, path: tuple[str, ...], expected: bool
) -> None:
    assert _supports(model_id, *path) is expected


def test_a_retired_model_is_still_found_by_get() -> None:
    fake = FakeModelsAPI()
    with httpx.Client(
        transport=fake.transport(), base_url=TRANSPORT_BASE_URL, headers=HEADERS
    ) as client:
        for alias_or_id in ("claude-3-opus-latest", "claude-2.1"):
            response = client.get(f"/v1/models/{alias_or_id}")
            assert response.status_code == 200
            assert response.json()["lifecycle"] == "retired"
            assert response.json()["id"] not in fake.model_ids
            assert response.json() in fake.catalogue


def test_capabilities_builds_the_whole_tree_from_the_supported_leaves() -> None:
    tree = capabilities(["pdf_input", "effort.high", "thinking.enabled"])
    _check_tree(tree, EXPECTED_TREE, "capabilities")
    _groups_agree_with_their_leaves(tree)
    assert tree["pdf_input"] == {"supported": True}
    assert tree["batch"] == {"supported": False}
    assert tree["effort"]["supported"] is True
    assert tree["effort"]["high"] == {"supported": True}
    assert tree["effort"]["xhigh"] == {"supported": False}  # its group is supported
    assert tree["thinking"]["types"]["enabled"] == {"supported": True}
    assert tree["context_management"] == {
        "supported": False,
        "clear_thinking_20251015": None,
        "clear_tool_uses_20250919": None,
        "compact_20260112": None,
    }
    assert tree["compaction"] is None  # nothing of it asked for
    assert capabilities(["compaction.summarize"])["compaction"] == {
        "supported": True,
        "summarize": {"supported": True},
    }
    with pytest.raises(ValueError, match=r"thinking\.types\.enabled"):
        capabilities(["thinking.types.enabled"])  # leaves are named without "types"


def test_synthetic_models_in_todays_shape_are_full_varied_and_all_listed() -> None:
    models = synthetic_models(60, shape="today")
    for model in models:
        _check_today_model(model)
        # Every group of two or more leaves has a supported one: no nulls but
        # compaction (one leaf), when its leaf is not supported.
        compaction = model["capabilities"]["compaction"]
        assert _objects(model) == (27 if compaction is None else 29)
        assert 900 <= len(json.dumps(model, separators=(",", ":"))) <= 1600
    assert {m["lifecycle"] for m in models} == {"active", "deprecated"}
    assert {m["line"] for m in models} == {*LINES, None}
    assert len({m["max_tokens"] for m in models}) >= 3
    assert len({json.dumps(m["capabilities"]) for m in models}) >= 3
    assert {m["capabilities"]["compaction"] is None for m in models} == {True, False}
    fallbacks = [m["allowed_fallback_models"] for m in models]
    assert None in fallbacks and [] in fallbacks and any(fallbacks)
    # Each names a model of the same catalogue, whatever its size.
    for n in (1, 4, 60):
        few = synthetic_models(n, shape="today")
        ids = {m["id"] for m in few}
        assert all(set(m["allowed_fallback_models"] or ()) <= ids for m in few)
    assert {m["retires_at"] is None for m in models if m["deprecated_at"]} == {
        True,
        False,
    }
    # The same IDs and dates as the four-field shape, and no retired model: an
    # unfiltered list serves them all.
    reference = synthetic_models(60)
    assert [set(m) for m in reference] == [
        {"id", "created_at", "display_name", "type"}
    ] * 60
    assert [{k: m[k] for k in r} for m, r in zip(models, reference, strict=True)] == (
        reference
    )
    assert FakeModelsAPI(models=models).model_ids == [m["id"] for m in models]
    # Fresh dicts: changing one model changes no other.
    models[0]["capabilities"]["batch"]["supported"] = "changed"
    assert all(m["capabilities"]["batch"]["supported"] != "changed" for m in models[1:])


def test_an_unknown_synthetic_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="shape"):
        synthetic_models(3, shape="tomorrow")  # type: ignore[arg-type]
