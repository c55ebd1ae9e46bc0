"""openapi.yaml itself: valid OpenAPI, every reference resolves, every operation is
documented, every example is valid against its schema."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from .spec_contract import (
    JSON,
    Operation,
    deref,
    iter_operations,
    iter_refs,
    load_spec,
    resolve_ref,
    schema_errors,
)

SPEC = load_spec()


def test_spec_is_valid_openapi() -> None:
    validate(SPEC)


def test_spec_validator_rejects_a_broken_spec() -> None:
    broken = load_spec()
    broken["components"]["parameters"]["Limit"]["in"] = "body"
    with pytest.raises(OpenAPIValidationError, match="body"):
        validate(broken)


def test_every_ref_resolves() -> None:
    refs = list(iter_refs(SPEC))
    assert len(refs) > 20
    unresolved = []
    for where, ref in refs:
        try:
            resolve_ref(SPEC, ref)
        except KeyError as error:
            unresolved.append(f"{where}: {error}")
    assert unresolved == []


def test_ref_resolution_reports_a_dangling_ref() -> None:
    with pytest.raises(KeyError):
        resolve_ref(SPEC, "#/components/schemas/NoSuchSchema")
    assert resolve_ref(SPEC, "#/components/schemas/ModelInfo")["type"] == "object"


OPERATIONS = list(iter_operations(SPEC))


@pytest.mark.parametrize("key", ["operationId", "summary", "description", "tags"])
@pytest.mark.parametrize(
    "operation", OPERATIONS, ids=[f"{op.method} {op.path}" for op in OPERATIONS]
)
def test_every_operation_is_documented(operation: Operation, key: str) -> None:
    value = operation.operation.get(key)
    assert value, f"{operation.method.upper()} {operation.path} has no {key}"
    if key == "tags":
        declared = {tag["name"] for tag in SPEC.get("tags", [])}
        assert set(value) <= declared


def test_operation_ids_are_unique() -> None:
    ids = [op.operation_id for op in OPERATIONS]
    assert len(ids) == len(set(ids))


# ------------------------------------------------------------------ examples


@dataclass(frozen=True)
class Example:
    where: str
    schema: JSON
    value: JSON


def _schema_examples(schema: JSON, where: str) -> list[Example]:
    """`example` of a schema and of its subschemas (properties, items, combinators)."""
    if not isinstance(schema, dict):
        return []
    found = []
    if "example" in schema:
        found.append(Example(f"{where}/example", schema, schema["example"]))
    for name, sub in (schema.get("properties") or {}).items():
        found += _schema_examples(sub, f"{where}/properties/{name}")
    for key in ("items", "additionalProperties", "not"):
        found += _schema_examples(schema.get(key), f"{where}/{key}")
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for index, sub in enumerate(schema.get(key, [])):
            found += _schema_examples(sub, f"{where}/{key}/{index}")
    return found


def _object_examples(node: JSON, where: str) -> list[Example]:
    """Examples of a parameter, header or media type object (`example` or the
    values of `examples`), each paired with the object's schema."""
    if "$ref" in node:  # collected where it is written, in components
        return []
    schema = node.get("schema", {})
    found = []
    if "example" in node:
        found.append(Example(f"{where}/example", schema, node["example"]))
    for name, example in (node.get("examples") or {}).items():
        example = deref(SPEC, example)
        if "value" in example:
            found.append(Example(f"{where}/examples/{name}", schema, example["value"]))
    found += _schema_examples(schema, f"{where}/schema")
    return found


def _response_examples(response: JSON, where: str) -> list[Example]:
    if "$ref" in response:  # collected where it is written, in components
        return []
    found = []
    for name, header in (response.get("headers") or {}).items():
        found += _object_examples(header, f"{where}/headers/{name}")
    for media_type, media in (response.get("content") or {}).items():
        found += _object_examples(media, f"{where}/content/{media_type}")
    return found


def collect_examples() -> list[Example]:
    """Every example of the spec, wherever it is written."""
    found = []
    components = SPEC.get("components", {})
    for name, schema in components.get("schemas", {}).items():
        found += _schema_examples(schema, f"#/components/schemas/{name}")
    for name, parameter in components.get("parameters", {}).items():
        found += _object_examples(parameter, f"#/components/parameters/{name}")
    for name, header in components.get("headers", {}).items():
        found += _object_examples(header, f"#/components/headers/{name}")
    for name, response in components.get("responses", {}).items():
        found += _response_examples(response, f"#/components/responses/{name}")
    for path, item in SPEC.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            where = f"#/paths/{path}/{method}"
            for index, parameter in enumerate(operation.get("parameters", [])):
                found += _object_examples(parameter, f"{where}/parameters/{index}")
            for status, response in operation["responses"].items():
                found += _response_examples(response, f"{where}/responses/{status}")
    return found


def _count_example_keys(node: JSON) -> int:
    if isinstance(node, dict):
        own = ("example" in node) + len(node.get("examples") or {})
        return own + sum(_count_example_keys(v) for v in node.values())
    if isinstance(node, list):
        return sum(_count_example_keys(v) for v in node)
    return 0


EXAMPLES = collect_examples()


def test_every_example_of_the_spec_is_collected() -> None:
    # Written in place once each: no example location escapes the checks below.
    assert len(EXAMPLES) == _count_example_keys(SPEC)
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_every_example_is_valid_against_its_schema(example: Example) -> None:
    assert schema_errors(SPEC, example.schema, example.value) == []


def test_example_validation_checks_date_time_format() -> None:
    schema = {"$ref": "#/components/schemas/ModelInfo"}
    valid = SPEC["components"]["schemas"]["ModelInfo"]["example"]
    assert schema_errors(SPEC, schema, valid) == []
    for created_at in ("not-a-date", "2025-09-29", "2025-13-01T00:00:00Z"):
        errors = schema_errors(SPEC, schema, {**valid, "created_at": created_at})
        assert any("created_at" in e and "date-time" in e for e in errors), created_at


def test_example_validation_follows_refs_and_constants() -> None:
    schema = {"$ref": "#/components/schemas/ListModelsResponse"}
    page: dict[str, JSON] = {
        "data": [],
        "first_id": None,
        "last_id": None,
        "has_more": False,
    }
    assert schema_errors(SPEC, schema, page) == []
    bad_item = {"id": "x", "created_at": "2025-09-29T00:00:00Z", "display_name": "x"}
    assert schema_errors(SPEC, schema, {**page, "data": [{**bad_item, "type": "m"}]})


@pytest.mark.parametrize(
    "operation", OPERATIONS, ids=[f"{op.method} {op.path}" for op in OPERATIONS]
)
def test_every_response_has_an_example(operation: Operation) -> None:
    for status, raw in operation.operation["responses"].items():
        response = deref(SPEC, raw)
        content = response.get("content")
        assert content, f"{status}: no content"
        for media_type, media in content.items():
            assert "example" in media or media.get("examples"), (
                f"{status} {media_type}: no example"
            )


# ------------------------------------------------------------ anthropic-beta


BETA_SCHEMA = SPEC["components"]["parameters"]["AnthropicBetaHeader"]["schema"]


@pytest.mark.parametrize(
    "value",
    [
        "files-api-2025-04-14",
        "files-api-2025-04-14,some-future-beta",
        "files-api-2025-04-14,context-1m-2025-08-07,skills-2025-10-02",
        "x",
    ],
)
def test_beta_header_pattern_accepts_a_comma_separated_list_of_names(
    value: str,
) -> None:
    assert schema_errors(SPEC, BETA_SCHEMA, value) == []


@pytest.mark.parametrize(
    "value",
    [
        "",
        "a,,b",
        "a b",
        "a,",
        ",a",
        "files-api\x07-2025-04-14",
        "files-api-2025-04-14,\tnext",
        "caf\u00e9",
    ],
    ids=[
        "empty",
        "empty-entry",
        "space",
        "trailing-comma",
        "leading-comma",
        "bell",
        "tab",
        "non-ascii",
    ],
)
def test_beta_header_pattern_rejects_malformed_lists(value: str) -> None:
    assert schema_errors(SPEC, BETA_SCHEMA, value) != []
