"""scripts/generate_parsers.py on specs beyond today's: a copy of openapi.yaml grown
the way the API has grown (optional nullable properties, nested open objects,
open enums, an error's `details`, JSON names that are not Python names) is
generated, client and parsers, into a temporary directory, never the work tree.

The parsers generated from it build what the generated `from_dict` builds on
every payload valid against the grown spec, reject payloads that break it, and
are mypy --strict clean; constructs the generator cannot check stop it."""

from __future__ import annotations

import copy
import importlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from anthropic_models._validation import InvalidPayload

from ..repo_copy import dump_spec
from .spec_contract import (
    GENERATOR_CONFIG_PATH,
    JSON,
    PAYLOADS,
    REPO_ROOT,
    built_alike,
    inline_refs,
    load_spec,
    schema_errors,
)

SCRIPT = REPO_ROOT / "scripts" / "generate_parsers.py"
BIN = Path(sys.executable).parent
# A package name of its own, so the grown client imports beside generated_client.
PACKAGE = "grown_spec_client"
PARSERS_MODULE = "grown_spec_parsers"

# What the spec grows by, in the shapes the API's newer fields take
# (../shared/reference/api-facts.md, "Today's API").
GROWTH = yaml.safe_load(
    """
ModelInfo:
  lifecycle: {$ref: "#/components/schemas/ModelLifecycle"}
  deprecated_at: {type: [string, "null"], format: date-time}
  retires_at: {type: [string, "null"], format: date-time}
  line:
    anyOf: [{$ref: "#/components/schemas/ModelLine"}, {type: "null"}]
  max_input_tokens: {type: [integer, "null"]}
  max_tokens: {type: [integer, "null"]}
  capabilities:
    anyOf: [{$ref: "#/components/schemas/ModelCapabilities"}, {type: "null"}]
  # JSON names that are not Python names: the generator calls these
  # `context_window` and `release_notes`.
  contextWindow: {type: integer}
  release-notes: {type: string}
  aliases: {type: array, items: {type: string}}
  ratio: {type: number}
  stage: {type: string, enum: [alpha, beta]}
  limits:
    type: object
    properties:
      requests_per_minute: {type: integer}
    additionalProperties: false
APIError:
  details: {$ref: "#/components/schemas/ErrorDetails"}
"""
)
NEW_SCHEMAS = yaml.safe_load(
    """
ModelLifecycle:
  anyOf:
    - {type: string, enum: [active, deprecated, retired]}
    - {type: string}
ModelLine:
  anyOf:
    - {type: string, enum: [haiku, sonnet, opus]}
    - {type: string}
CapabilitySupport:
  type: object
  required: [supported]
  properties:
    supported: {type: boolean}
  additionalProperties: true
ModelCapabilities:
  type: object
  required: [batch, thinking]
  properties:
    batch: {$ref: "#/components/schemas/CapabilitySupport"}
    citations: {$ref: "#/components/schemas/CapabilitySupport"}
    context_management: {$ref: "#/components/schemas/ContextManagementCapability"}
    thinking: {$ref: "#/components/schemas/ThinkingCapability"}
  additionalProperties: true
ContextManagementCapability:
  type: object
  required: [supported]
  properties:
    supported: {type: boolean}
    clear_thinking_20251015:
      anyOf: [{$ref: "#/components/schemas/CapabilitySupport"}, {type: "null"}]
  additionalProperties: true
ThinkingCapability:
  type: object
  required: [supported, types]
  properties:
    supported: {type: boolean}
    types:
      type: object
      properties:
        adaptive: {$ref: "#/components/schemas/CapabilitySupport"}
      additionalProperties: true
  additionalProperties: true
ErrorDetails:
  type: object
  properties:
    error_code: {type: string}
    appeal_url: {type: [string, "null"]}
  additionalProperties: true
"""
)


def grown_spec() -> dict[str, JSON]:
    spec = load_spec()
    schemas = spec["components"]["schemas"]
    for name, properties in GROWTH.items():
        schemas[name]["properties"].update(copy.deepcopy(properties))
    schemas.update(copy.deepcopy(NEW_SCHEMAS))
    return spec


def write_inputs(folder: Path, spec: JSON) -> tuple[Path, Path]:
    """The spec and a generator configuration naming the package PACKAGE."""
    folder.mkdir(parents=True, exist_ok=True)
    spec_path = folder / "openapi.yaml"
    spec_path.write_text(dump_spec(spec), encoding="utf-8")
    config = yaml.safe_load(GENERATOR_CONFIG_PATH.read_text(encoding="utf-8"))
    config["package_name_override"] = PACKAGE
    config_path = folder / "generator-config.yaml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return spec_path, config_path


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def generate_parsers(spec: JSON, folder: Path) -> subprocess.CompletedProcess[str]:
    spec_path, config_path = write_inputs(folder, spec)
    output = folder / f"{PARSERS_MODULE}.py"
    return run(
        [sys.executable, str(SCRIPT), str(spec_path), str(config_path), str(output)],
        folder,
    )


@dataclass
class Grown:
    folder: Path
    spec: dict[str, JSON]
    models: ModuleType
    types: ModuleType
    parsers: ModuleType

    def model(self, name: str) -> Any:
        return getattr(self.models, name)

    def parser(self, name: str) -> Callable[[object], Any]:
        parse: Callable[[object], Any] = self.parsers.PARSERS[self.model(name)]
        return parse


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Grown]:
    folder = tmp_path_factory.mktemp("grown")
    spec = grown_spec()
    spec_path, config_path = write_inputs(folder, spec)
    client = run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec_path),
            "--config",
            str(config_path),
            "--meta",
            "none",
            "--output-path",
            str(folder / PACKAGE),
            "--fail-on-warning",
        ],
        folder,
    )
    assert client.returncode == 0, client.stdout + client.stderr
    parsers = generate_parsers(spec, folder)
    assert parsers.returncode == 0, parsers.stderr
    sys.path.insert(0, str(folder))
    try:
        yield Grown(
            folder=folder,
            spec=spec,
            models=importlib.import_module(f"{PACKAGE}.models"),
            types=importlib.import_module(f"{PACKAGE}.types"),
            parsers=importlib.import_module(PARSERS_MODULE),
        )
    finally:
        sys.path.remove(str(folder))
        for name in list(sys.modules):
            if name.split(".")[0] in (PACKAGE, PARSERS_MODULE):
                del sys.modules[name]


def a_model(**changes: JSON) -> dict[str, JSON]:
    """A model in the grown spec's full shape."""
    support = {"supported": True}
    model: dict[str, JSON] = {
        "id": "claude-x-1",
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": "Claude X",
        "type": "model",
        "lifecycle": "active",
        "deprecated_at": None,
        "retires_at": "2026-09-29T00:00:00+02:00",
        "line": "opus",
        "max_input_tokens": 200_000,
        "max_tokens": None,
        "capabilities": {
            "batch": support,
            "citations": {"supported": False, "note": "kept"},
            "context_management": {"supported": True, "clear_thinking_20251015": None},
            "thinking": {"supported": True, "types": {"adaptive": support}},
        },
        "contextWindow": 1_000_000,
        "release-notes": "https://example.test/notes",
        "aliases": ["claude-x"],
        "ratio": 1,
        "stage": "beta",
        "limits": {"requests_per_minute": 50},
    }
    model.update(changes)
    return model


# ------------------------------------------------------------------ names


def test_json_names_that_are_not_python_names_parse_into_their_attributes(
    grown: Grown,
) -> None:
    payload = a_model()
    parsed = grown.parser("ModelInfo")(payload)
    assert parsed.context_window == 1_000_000
    assert parsed.release_notes == "https://example.test/notes"
    assert parsed.additional_properties == {}
    assert built_alike(parsed, grown.model("ModelInfo").from_dict(payload)) == []


def test_an_error_names_the_json_key_not_the_attribute(grown: Grown) -> None:
    with pytest.raises(InvalidPayload) as raised:
        grown.parser("ModelInfo")(a_model(contextWindow="1000000"))
    assert str(raised.value) == "contextWindow: expected an integer, got '1000000'"


# ------------------------------------------------------- valid payloads


def test_open_enums_keep_unknown_values_as_strings(grown: Grown) -> None:
    parsed = grown.parser("ModelInfo")(a_model(lifecycle="sunset", line="fable"))
    assert (parsed.lifecycle, parsed.line) == ("sunset", "fable")
    assert type(parsed.lifecycle) is str and type(parsed.line) is str
    known = grown.parser("ModelInfo")(a_model())
    assert type(known.lifecycle).__name__ == "ModelLifecycleType0"
    # generator-config.yaml names openapi.yaml's ModelLine enum branch ModelLine.
    assert type(known.line).__name__ == "ModelLine"


def test_a_model_in_the_reference_pages_shape_still_parses(grown: Grown) -> None:
    payload = {
        key: a_model()[key] for key in ("id", "created_at", "display_name", "type")
    }
    parsed = grown.parser("ModelInfo")(payload)
    assert built_alike(parsed, grown.model("ModelInfo").from_dict(payload)) == []
    # Absent, so UNSET (as from_dict has it), not None.
    assert parsed.capabilities is grown.types.UNSET
    assert parsed.deprecated_at is grown.types.UNSET


@pytest.mark.parametrize("name", ["ModelInfo", "ListModelsResponse", "ErrorResponse"])
@settings(PAYLOADS, max_examples=40)
@given(data=st.data())
def test_grown_parsers_build_what_from_dict_builds(
    grown: Grown, name: str, data: st.DataObject
) -> None:
    schema = grown.spec["components"]["schemas"][name]
    payload = data.draw(from_schema(inline_refs(grown.spec, schema)), label=name)
    assert schema_errors(grown.spec, schema, payload) == []
    original = copy.deepcopy(payload)
    expected = grown.model(name).from_dict(payload)
    assert built_alike(grown.parser(name)(payload), expected) == []
    assert payload == original, "the parser changed its input"


# ----------------------------------------------------- invalid payloads


def capabilities_with(**changes: JSON) -> dict[str, JSON]:
    capabilities: dict[str, JSON] = copy.deepcopy(a_model()["capabilities"])
    capabilities.update(changes)
    return capabilities


INVALID = [
    pytest.param(
        a_model(capabilities=capabilities_with(batch={"supported": "yes"})),
        "capabilities.batch.supported: expected a boolean, got 'yes'",
        id="supported-yes",
    ),
    pytest.param(
        a_model(max_input_tokens="200000"),
        "max_input_tokens: expected an integer or null, got '200000'",
        id="max_input_tokens-string",
    ),
    pytest.param(
        a_model(max_tokens=True),
        "max_tokens: expected an integer or null, got True",
        id="max_tokens-true",
    ),
    pytest.param(
        a_model(deprecated_at="yesterday"),
        "deprecated_at: expected an RFC 3339 date-time, got 'yesterday'",
        id="deprecated_at-not-a-date",
    ),
    pytest.param(
        a_model(retires_at=1767225600),
        "retires_at: expected an RFC 3339 date-time or null, got 1767225600",
        id="retires_at-number",
    ),
    pytest.param(
        a_model(line=5), "line: expected a string or null, got 5", id="line-number"
    ),
    pytest.param(
        a_model(lifecycle=None),
        "lifecycle: expected a string, got None",
        id="lifecycle-null",
    ),
    pytest.param(
        a_model(capabilities=[]),
        "capabilities: expected an object or null, got []",
        id="capabilities-array",
    ),
    pytest.param(
        a_model(capabilities=capabilities_with(batch=None)),
        "capabilities.batch: expected an object, got None",
        id="batch-null",
    ),
    pytest.param(
        a_model(capabilities=capabilities_with(thinking={"supported": True})),
        "capabilities.thinking: missing required field 'types'",
        id="thinking-without-types",
    ),
    pytest.param(
        a_model(
            capabilities=capabilities_with(
                context_management={
                    "supported": True,
                    "clear_thinking_20251015": {"supported": 1},
                }
            )
        ),
        "capabilities.context_management.clear_thinking_20251015.supported: "
        "expected a boolean, got 1",
        id="nullable-support-number",
    ),
    pytest.param(
        a_model(aliases=["claude-x", 3]),
        "aliases[1]: expected a string, got 3",
        id="aliases-item-number",
    ),
    pytest.param(
        a_model(ratio="1.5"), "ratio: expected a number, got '1.5'", id="ratio-string"
    ),
    pytest.param(
        a_model(limits={"requests_per_minute": 50, "burst": 5}),
        "limits: unexpected property 'burst'",
        id="closed-object-extra-property",
    ),
    pytest.param(
        a_model(stage="gamma"),
        "stage: expected one of ['alpha', 'beta'], got 'gamma'",
        id="closed-enum-unknown",
    ),
]


@pytest.mark.parametrize(("payload", "message"), INVALID)
def test_grown_parsers_reject_what_the_grown_spec_forbids(
    grown: Grown, payload: dict[str, JSON], message: str
) -> None:
    schema = grown.spec["components"]["schemas"]["ModelInfo"]
    assert schema_errors(grown.spec, schema, payload), "the payload is still valid"
    with pytest.raises(InvalidPayload) as raised:
        grown.parser("ModelInfo")(payload)
    assert str(raised.value) == message


def test_an_error_with_details_parses_and_bad_details_are_rejected(
    grown: Grown,
) -> None:
    body: dict[str, JSON] = {
        "type": "error",
        "error": {
            "type": "invalid_request_error",
            "message": "m",
            "details": {"error_code": "organization_on_hold", "appeal_url": None},
        },
    }
    parsed = grown.parser("ErrorResponse")(body)
    assert parsed.error.details.error_code == "organization_on_hold"
    assert built_alike(parsed, grown.model("ErrorResponse").from_dict(body)) == []
    body["error"]["details"] = {"error_code": 7}
    with pytest.raises(InvalidPayload) as raised:
        grown.parser("ErrorResponse")(body)
    assert str(raised.value) == "error.details.error_code: expected a string, got 7"


def test_a_bad_model_in_a_page_is_located_by_its_index(grown: Grown) -> None:
    page = {
        "data": [a_model(), a_model(), a_model(capabilities=[])],
        "first_id": "a",
        "last_id": "c",
        "has_more": False,
    }
    with pytest.raises(InvalidPayload) as raised:
        grown.parser("ListModelsResponse")(page)
    assert str(raised.value).startswith("data[2].capabilities: expected an object")


def test_grown_parsers_are_mypy_strict_clean(grown: Grown) -> None:
    result = run(
        [
            str(BIN / "mypy"),
            "--strict",
            "--python-version=3.11",
            # Only the parsers: the grown client's own client.py has the known
            # template issue that pyproject.toml relaxes for generated_client.
            "--follow-imports=silent",
            f"--cache-dir={grown.folder / '.mypy_cache'}",
            str(grown.folder / f"{PARSERS_MODULE}.py"),
        ],
        grown.folder,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


# -------------------------------------------- constructs it cannot check


def with_property(name: str, schema: JSON) -> dict[str, JSON]:
    spec = load_spec()
    spec["components"]["schemas"]["ModelInfo"]["properties"][name] = schema
    return spec


REFUSED = [
    pytest.param(
        with_property("released_on", {"type": "string", "format": "date"}),
        "ModelInfo.released_on: no parser for a DateProperty",
        id="date",
    ),
    pytest.param(
        with_property(
            "either",
            {
                "anyOf": [
                    {"$ref": "#/components/schemas/ModelInfo"},
                    {"$ref": "#/components/schemas/APIError"},
                ]
            },
        ),
        "ModelInfo.either: a union of an object and an object",
        id="union-of-two-objects",
    ),
    pytest.param(
        with_property("number_or_integer", {"type": ["number", "integer"]}),
        "ModelInfo.number_or_integer: a union whose members overlap",
        id="number-or-integer",
    ),
    pytest.param(
        with_property("payload", {"type": "string"}),
        "ModelInfo.payload: its Python name 'payload' is also a name the parser uses",
        id="name-of-a-local",
    ),
    pytest.param(
        with_property("item_2", {"type": "string"}),
        "ModelInfo.item_2: its Python name 'item_2' is also a name the parser uses",
        id="name-of-a-loop-variable",
    ),
    pytest.param(
        with_property(
            "counts", {"type": "object", "additionalProperties": {"type": "integer"}}
        ),
        "ModelInfoCounts: additionalProperties with a schema",
        id="typed-additional-properties",
    ),
]


@pytest.mark.parametrize(("spec", "message"), REFUSED)
def test_the_generator_refuses_what_it_cannot_check(
    tmp_path: Path, spec: JSON, message: str
) -> None:
    result = generate_parsers(spec, tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / f"{PARSERS_MODULE}.py").exists()
