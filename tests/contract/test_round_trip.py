"""Every payload valid against a response schema of openapi.yaml parses into the
generated attrs model and comes back unchanged from to_dict(); the pydantic models
generated from the same spec accept it too, and reject payloads that break it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, Protocol, Self

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import generated_client.models
from anthropic_models._parsers import PARSERS
from anthropic_models._validation import InvalidPayload

from . import spec_models
from .spec_contract import (
    JSON,
    PAYLOADS,
    built_alike,
    canonical,
    inline_refs,
    load_spec,
    response_schema_names,
    schema_errors,
)

SPEC = load_spec()
SCHEMAS: dict[str, JSON] = SPEC["components"]["schemas"]
RESPONSE_SCHEMAS = response_schema_names(SPEC)
STRATEGIES = {
    name: from_schema(inline_refs(SPEC, SCHEMAS[name])) for name in RESPONSE_SCHEMAS
}


class GeneratedModel(Protocol):
    """What every generated attrs model offers."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


def attrs_model(name: str) -> type[GeneratedModel]:
    cls: type[GeneratedModel] = getattr(generated_client.models, name)
    assert isinstance(cls, type)
    return cls


def runtime_parse(cls: type[GeneratedModel], payload: JSON) -> object:
    """The runtime's generated parser of ``cls`` applied to ``payload``."""
    return PARSERS[cls](payload)


def pydantic_model(name: str) -> type[pydantic.BaseModel]:
    cls = getattr(spec_models, name)
    assert isinstance(cls, type) and issubclass(cls, pydantic.BaseModel)
    return cls


def test_response_schemas_are_the_five_the_api_returns() -> None:
    assert sorted(RESPONSE_SCHEMAS) == [
        "BetaListModelsResponse",
        "BetaModelInfo",
        "ErrorResponse",
        "ListModelsResponse",
        "ModelInfo",
    ]


def test_inlined_schemas_are_self_contained() -> None:
    for name in RESPONSE_SCHEMAS:
        assert "$ref" not in repr(inline_refs(SPEC, SCHEMAS[name])), name


@pytest.mark.parametrize("name", RESPONSE_SCHEMAS)
@settings(PAYLOADS, max_examples=60)
@given(data=st.data())
def test_generated_model_round_trips_every_valid_payload(
    name: str, data: st.DataObject
) -> None:
    payload: JSON = data.draw(STRATEGIES[name], label=name)
    assert schema_errors(SPEC, SCHEMAS[name], payload) == []
    original = copy.deepcopy(payload)

    parsed = attrs_model(name).from_dict(payload)
    dumped = parsed.to_dict()

    assert payload == original, "from_dict changed its input"
    assert canonical(SPEC, SCHEMAS[name], dumped) == canonical(
        SPEC, SCHEMAS[name], original
    )
    pydantic_model(name).model_validate(payload)
    # The runtime's generated parser builds exactly what from_dict builds.
    assert built_alike(runtime_parse(attrs_model(name), payload), parsed) == []
    assert payload == original, "the runtime parser changed its input"


def test_round_trip_turns_z_into_an_equal_utc_offset() -> None:
    payload = copy.deepcopy(SCHEMAS["ModelInfo"]["example"])
    dumped = attrs_model("ModelInfo").from_dict(payload).to_dict()
    assert payload["created_at"].endswith("Z")
    assert dumped["created_at"].endswith("+00:00")
    assert canonical(SPEC, SCHEMAS["ModelInfo"], dumped) == canonical(
        SPEC, SCHEMAS["ModelInfo"], payload
    )


def test_round_trip_comparison_tells_true_from_one_and_offsets_apart() -> None:
    schema = SCHEMAS["ListModelsResponse"]
    page: dict[str, JSON] = {
        "data": [],
        "first_id": None,
        "last_id": None,
        "has_more": True,
    }
    assert canonical(SPEC, schema, page) != canonical(
        SPEC, schema, {**page, "has_more": 1}
    )
    model = SCHEMAS["ModelInfo"]
    utc = {**model["example"], "created_at": "2025-09-29T02:00:00+00:00"}
    paris = {**model["example"], "created_at": "2025-09-29T04:00:00+02:00"}
    assert canonical(SPEC, model, utc) != canonical(SPEC, model, paris)


# ------------------------------------------------------------- invalid payloads


def _example(name: str) -> JSON:
    """The spec's own example of a schema: its `example`, or the first response
    example that uses it."""
    if "example" in SCHEMAS[name]:
        return copy.deepcopy(SCHEMAS[name]["example"])
    for container in (SPEC["paths"], SPEC["components"]["responses"]):
        for media in _media_types(container):
            if media.get("schema", {}).get("$ref") == f"#/components/schemas/{name}":
                return copy.deepcopy(media["example"])
    raise LookupError(name)


def _media_types(node: JSON) -> list[dict[str, JSON]]:
    found: list[dict[str, JSON]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "content" and isinstance(value, dict):
                found += [m for m in value.values() if isinstance(m, dict)]
            else:
                found += _media_types(value)
    return found


Edit = Callable[[dict[str, JSON]], None]


def _set(path: tuple[str | int, ...], value: JSON) -> Edit:
    def edit(payload: dict[str, JSON]) -> None:
        node: JSON = payload
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def _drop(path: tuple[str | int, ...]) -> Edit:
    def edit(payload: dict[str, JSON]) -> None:
        node: JSON = payload
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


INVALID = [
    *[
        pytest.param(name, _drop((field,)), id=f"{name}-missing-{field}")
        for name in RESPONSE_SCHEMAS
        for field in SCHEMAS[name]["required"]
    ],
    pytest.param("ModelInfo", _set(("id",), 123), id="ModelInfo-id-123"),
    pytest.param("ModelInfo", _set(("type",), "models"), id="ModelInfo-type-models"),
    pytest.param(
        "ModelInfo", _set(("created_at",), "not-a-date"), id="ModelInfo-unparsable-date"
    ),
    pytest.param(
        "ModelInfo",
        _set(("created_at",), "2025-02-30T00:00:00Z"),
        id="ModelInfo-impossible-date",
    ),
    pytest.param(
        "ModelInfo",
        _set(("created_at",), "2025-09-29T00:00:00"),
        id="ModelInfo-date-without-offset",
    ),
    pytest.param(
        "ModelInfo", _set(("display_name",), None), id="ModelInfo-display_name-null"
    ),
    pytest.param(
        "ListModelsResponse",
        _set(("has_more",), "false"),
        id="ListModelsResponse-has_more-string",
    ),
    pytest.param(
        "ListModelsResponse",
        _set(("first_id",), 5),
        id="ListModelsResponse-first_id-number",
    ),
    pytest.param(
        "ListModelsResponse",
        _set(("data",), {}),
        id="ListModelsResponse-data-object",
    ),
    pytest.param(
        "ListModelsResponse",
        _set(("data", 0, "type"), "models"),
        id="ListModelsResponse-item-type-models",
    ),
    pytest.param(
        "ListModelsResponse",
        _drop(("data", 1, "id")),
        id="ListModelsResponse-item-missing-id",
    ),
    # Today's fields: optional, but typed when present.
    pytest.param(
        "ModelInfo", _set(("max_input_tokens",), "200000"), id="ModelInfo-limit-string"
    ),
    pytest.param("ModelInfo", _set(("max_tokens",), 6.5), id="ModelInfo-limit-float"),
    pytest.param("ModelInfo", _set(("line",), 3), id="ModelInfo-line-number"),
    pytest.param(
        "ModelInfo", _set(("retires_at",), "soon"), id="ModelInfo-retires_at-not-a-date"
    ),
    pytest.param(
        "ModelInfo", _set(("capabilities",), []), id="ModelInfo-capabilities-list"
    ),
    pytest.param(
        "ModelInfo",
        _set(("capabilities", "pdf_input", "supported"), "yes"),
        id="ModelInfo-supported-yes",
    ),
    pytest.param(
        "ListModelsResponse",
        _set(("data", 1, "capabilities", "batch"), {"supported": 1}),
        id="ListModelsResponse-item-supported-1",
    ),
    pytest.param(
        "ErrorResponse", _set(("type",), "errors"), id="ErrorResponse-type-errors"
    ),
    pytest.param(
        "ErrorResponse", _set(("error", "type"), 5), id="ErrorResponse-error-type-5"
    ),
    pytest.param(
        "ErrorResponse",
        _drop(("error", "message")),
        id="ErrorResponse-error-missing-message",
    ),
    pytest.param(
        "ErrorResponse", _set(("request_id",), 7), id="ErrorResponse-request_id-7"
    ),
    pytest.param(
        "ErrorResponse",
        _set(("error", "details"), {"appeal_url": "https://example.test"}),
        id="ErrorResponse-details-without-error_code",
    ),
]


# Invalid payloads the pydantic oracle cannot tell: datamodel-code-generator types
# every optional property as `X | None = None`, so it takes null for a property
# the spec does not let be null. The schema and the runtime parser refuse them.
INVALID_FOR_THE_SPEC_ONLY = [
    pytest.param(
        "ModelInfo", _set(("lifecycle",), None), id="ModelInfo-lifecycle-null"
    ),
    pytest.param(
        "ErrorResponse",
        _set(("error", "details"), None),
        id="ErrorResponse-details-null",
    ),
    # A capability key may be absent (lenient on presence), not null where the
    # spec does not let it be.
    pytest.param(
        "ModelInfo",
        _set(("capabilities", "thinking", "types", "enabled"), None),
        id="ModelInfo-thinking-type-null",
    ),
]


@pytest.mark.parametrize("name", RESPONSE_SCHEMAS)
def test_spec_example_is_accepted_by_every_model(name: str) -> None:
    payload = _example(name)
    assert schema_errors(SPEC, SCHEMAS[name], payload) == []
    pydantic_model(name).model_validate(payload)
    attrs_model(name).from_dict(payload)


@pytest.mark.parametrize(("name", "edit"), INVALID)
def test_payload_breaking_the_schema_is_rejected_by_the_pydantic_models(
    name: str, edit: Edit
) -> None:
    payload = _example(name)
    edit(payload)
    assert schema_errors(SPEC, SCHEMAS[name], payload), "the payload is still valid"
    with pytest.raises(pydantic.ValidationError):
        pydantic_model(name).model_validate(payload)


@pytest.mark.parametrize(("name", "edit"), [*INVALID, *INVALID_FOR_THE_SPEC_ONLY])
def test_payload_breaking_the_schema_is_rejected_by_the_runtime_parser(
    name: str, edit: Edit
) -> None:
    payload = _example(name)
    edit(payload)
    assert schema_errors(SPEC, SCHEMAS[name], payload), "the payload is still valid"
    with pytest.raises(InvalidPayload):
        runtime_parse(attrs_model(name), payload)
