"""Models in the shapes the official material shows parse, and nothing present is
lost: strict on type, lenient on presence.

The fixtures are written here by hand from api-facts.md: the official spec of
autumn 2026 and the docs' example model have no
``capabilities.thinking.types.between_tools``, and servers of the same version
differ by such keys. A model lacking any key of the capabilities tree parses with
that key UNSET; a key present with the wrong type is still an error.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anthropic_models import Client, ResponseValidationError
from generated_client.models import (
    ListModelsResponse,
    ModelCapabilities,
    ModelInfo,
    ThinkingCapability,
    ThinkingTypes,
)
from generated_client.types import UNSET

YES = {"supported": True}
NO = {"supported": False}

# A model as the official spec of autumn 2026 and the docs' example write it:
# every field of today, the capabilities tree without `between_tools`.
OFFICIAL_MODEL: dict[str, Any] = {
    "id": "claude-opus-4-6",
    "created_at": "2026-02-05T00:00:00Z",
    "display_name": "Claude Opus 4.6",
    "type": "model",
    "lifecycle": "active",
    "deprecated_at": None,
    "retires_at": None,
    "line": "opus",
    "max_input_tokens": 1000000,
    "max_tokens": 128000,
    "capabilities": {
        "batch": YES,
        "citations": YES,
        "code_execution": YES,
        "context_management": {
            "supported": True,
            "clear_thinking_20251015": YES,
            "clear_tool_uses_20250919": YES,
            "compact_20260112": YES,
        },
        "effort": {
            "supported": True,
            "low": YES,
            "medium": YES,
            "high": YES,
            "max": YES,
            "xhigh": None,
        },
        "image_input": YES,
        "pdf_input": YES,
        "server_tools": {"supported": True, "code_execution": YES, "web_search": YES},
        "structured_outputs": YES,
        "thinking": {
            "supported": True,
            "types": {"adaptive": YES, "disabled": YES, "enabled": NO},
        },
    },
}


def _client(*bodies: object) -> Client:
    answers = iter(bodies)

    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=next(answers))

    return Client(
        api_key="shapes-key",
        base_url="https://api.test",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(respond)),
    )


def _get(body: object) -> ModelInfo:
    with _client(body) as client:
        return client.models.get("claude-opus-4-6")


def _page(models: list[dict[str, Any]]) -> ListModelsResponse:
    body = {
        "data": models,
        "first_id": models[0]["id"] if models else None,
        "last_id": models[-1]["id"] if models else None,
        "has_more": False,
    }
    with _client(body) as client:
        return next(iter(client.models.list().pages()))


def _as_sent(model: ModelInfo) -> dict[str, Any]:
    """The model back as JSON: what was present, and only that."""
    sent: dict[str, Any] = json.loads(
        json.dumps(model.to_dict(), default=str).replace("+00:00", "Z")
    )
    return sent


def test_the_official_shape_without_between_tools_parses_and_keeps_everything() -> None:
    model = _get(OFFICIAL_MODEL)
    capabilities = model.capabilities
    assert isinstance(capabilities, ModelCapabilities)
    assert isinstance(capabilities.thinking, ThinkingCapability)
    types = capabilities.thinking.types
    assert isinstance(types, ThinkingTypes)
    assert types.between_tools is UNSET
    assert _as_sent(model) == OFFICIAL_MODEL


def test_a_model_without_the_capabilities_object_parses() -> None:
    body = {k: v for k, v in OFFICIAL_MODEL.items() if k != "capabilities"}
    model = _get(body)
    assert model.capabilities is UNSET
    assert _as_sent(model) == body


def test_every_nullable_field_null_parses() -> None:
    nullable = (
        "deprecated_at",
        "retires_at",
        "line",
        "max_input_tokens",
        "max_tokens",
        "capabilities",
    )
    body = {**OFFICIAL_MODEL, **dict.fromkeys(nullable)}
    model = _get(body)
    assert [getattr(model, name) for name in nullable] == [None] * len(nullable)
    assert _as_sent(model) == body


def _paths(node: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key of the capabilities tree, as a path from its root."""
    found = []
    for key, value in node.items():
        found.append((*prefix, key))
        if isinstance(value, dict):
            found += _paths(value, (*prefix, key))
    return found


CAPABILITY_KEYS = _paths(OFFICIAL_MODEL["capabilities"])


def _without(paths: list[tuple[str, ...]]) -> dict[str, Any]:
    model = copy.deepcopy(OFFICIAL_MODEL)
    for path in paths:
        node = model["capabilities"]
        for key in path[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(path[-1], None)
    return model


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(CAPABILITY_KEYS), max_size=len(CAPABILITY_KEYS)),
        min_size=1,
        max_size=4,
    )
)
def test_a_page_whose_models_lack_any_subset_of_capability_keys_parses(
    removals: list[list[tuple[str, ...]]],
) -> None:
    models = [
        {**_without(paths), "id": f"claude-model-{index}"}
        for index, paths in enumerate(removals)
    ]
    page = _page(models)
    # Each model back as it was sent: the missing keys are UNSET (absent from
    # to_dict), the present ones kept.
    assert [_as_sent(model) for model in page.data] == models


def test_the_docs_example_model_and_todays_shape_parse_on_one_page() -> None:
    today = copy.deepcopy(OFFICIAL_MODEL)
    today["id"] = "claude-sonnet-4-6"
    today["capabilities"]["thinking"]["types"]["between_tools"] = YES
    page = _page([OFFICIAL_MODEL, today])
    assert [_as_sent(model) for model in page.data] == [OFFICIAL_MODEL, today]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("thinking", "types", "adaptive", "supported"), "yes"),
        (("effort", "low"), None),
        (("batch",), True),
        (("server_tools", "supported"), 1),
    ],
)
def test_a_present_key_of_the_wrong_type_is_still_an_error(
    path: tuple[str, ...], value: object
) -> None:
    body = copy.deepcopy(OFFICIAL_MODEL)
    node = body["capabilities"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ResponseValidationError, match=path[-1]):
        _get(body)
