"""Shared machinery of the contract tests: read openapi.yaml, and compare it with the
generated client.

Every checker here takes the spec as a plain dict and returns a list of
human-readable mismatches (empty when the generated code follows the spec), so the
tests can run the same checks against a deliberately mutated copy of the spec and
prove that they would notice a spec change the generated code does not follow.
"""

from __future__ import annotations

import asyncio
import builtins
import copy
import functools
import importlib
import inspect
import itertools
import keyword
import pkgutil
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, unquote

import attrs
import httpx
import yaml
from hypothesis import HealthCheck, settings
from jsonschema import (
    Draft202012Validator,
    FormatChecker,
)

import generated_client
import generated_client.api
import generated_client.models
from anthropic_models._client import _AsyncHTTPClient, _HTTPClient
from generated_client.types import UNSET

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "openapi.yaml"
GENERATOR_CONFIG_PATH = REPO_ROOT / "generator-config.yaml"

BASE_URL = "https://api.example.test"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PARAMETER_LOCATIONS = ("path", "query", "header")
ENDPOINT_FUNCTIONS = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")
ASYNC_FUNCTIONS = frozenset({"asyncio", "asyncio_detailed"})

# A JSON document (the spec, a schema, a payload): its shape is data, not a type.
JSON = Any


# --------------------------------------------------------------------------- loading


@functools.cache
def _parsed_spec() -> JSON:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    _merge_all_of(spec)
    return spec


def _merge_all_of(spec: JSON) -> None:
    """Read each component schema that is an `allOf` of object schemas as the
    one object schema it means, as the generator makes it one class: the
    branches' properties in order, every `required`, and closed only if a
    branch is. Two branches declaring one property is refused: the generator
    keeps the first one's types (see BetaModelInfo in openapi.yaml)."""
    schemas = ((spec or {}).get("components") or {}).get("schemas") or {}
    for name, schema in schemas.items():
        if not isinstance(schema, dict) or "allOf" not in schema:
            continue
        merged: dict[str, JSON] = {"type": "object", "properties": {}}
        required: list[str] = []
        for branch in schema["allOf"]:
            part = deref(spec, branch)
            if not is_object_schema(part) or "allOf" in part:
                raise UnsupportedSchemaError(f"{name}: allOf of {part!r}")
            for prop, value in (part.get("properties") or {}).items():
                if prop in merged["properties"]:
                    raise UnsupportedSchemaError(f"{name}: {prop} in two branches")
                merged["properties"][prop] = value
            required += [r for r in part.get("required", []) if r not in required]
            if part.get("additionalProperties", True) is False:
                merged["additionalProperties"] = False
        if required:
            merged["required"] = required
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        schemas[name] = {**rest, **merged}


def load_spec() -> dict[str, JSON]:
    """A fresh copy of openapi.yaml, free to be mutated by the caller."""
    spec = copy.deepcopy(_parsed_spec())
    assert isinstance(spec, dict), "openapi.yaml is not a mapping"
    return spec


@functools.cache
def _parsed_generator_config() -> JSON:
    return yaml.safe_load(GENERATOR_CONFIG_PATH.read_text(encoding="utf-8"))


def class_overrides() -> dict[str, str]:
    """generator-config.yaml's class_overrides, as generated name -> class name."""
    config = _parsed_generator_config() or {}
    overrides = config.get("class_overrides") or {}
    return {
        original: str(override.get("class_name", original))
        for original, override in overrides.items()
    }


# ------------------------------------------------------------------------- $ref


def resolve_ref(spec: Mapping[str, JSON], ref: str) -> JSON:
    """The node a local "$ref" ("#/a/b~1c") points at; KeyError if there is none."""
    if not ref.startswith("#"):
        raise KeyError(f"{ref}: only local references are supported")
    node: JSON = spec
    pointer = unquote(ref[1:])
    if pointer == "":
        return node
    if not pointer.startswith("/"):
        raise KeyError(f"{ref}: not a JSON pointer")
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(f"{ref}: no {token!r} at this point of the document")
    return node


def deref(spec: Mapping[str, JSON], node: JSON) -> JSON:
    """Follow "$ref" (and chains of them) until a node that is not a reference."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(f"circular $ref {ref}")
        seen.add(ref)
        node = resolve_ref(spec, ref)
    return node


def iter_refs(node: JSON, where: str = "#") -> Iterator[tuple[str, str]]:
    """Every "$ref" in a document, as (location, reference)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from iter_refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_refs(value, f"{where}/{index}")


def inline_refs(
    spec: Mapping[str, JSON], node: JSON, _stack: tuple[str, ...] = ()
) -> JSON:
    """A deep copy of `node` with every "$ref" replaced by what it points at, so
    the result is self-contained (what hypothesis-jsonschema needs)."""
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            if ref in _stack:
                raise ValueError(f"recursive $ref {ref} cannot be inlined")
            target = inline_refs(spec, resolve_ref(spec, ref), (*_stack, ref))
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            if siblings:
                # OpenAPI 3.1 allows keywords beside $ref: keep both.
                return {"allOf": [target], **inline_refs(spec, siblings, _stack)}
            return target
        return {key: inline_refs(spec, value, _stack) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(spec, value, _stack) for value in node]
    return copy.deepcopy(node)


# How the contract tests draw spec-valid payloads (with hypothesis-jsonschema,
# from inline_refs(...) schemas); each test sets its own max_examples on top.
PAYLOADS = settings(
    deadline=None,
    # filter_too_much: hypothesis-jsonschema draws the open enums' `anyOf` and
    # the error's nested objects by filtering; some seeds discard most draws.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def component_name(ref: str) -> str | None:
    """ "ModelInfo" for "#/components/schemas/ModelInfo", else None."""
    prefix = "#/components/schemas/"
    return ref[len(prefix) :] if ref.startswith(prefix) else None


# --------------------------------------------------------------- JSON Schema


def schema_validator(spec: Mapping[str, JSON], schema: JSON) -> Any:
    """A Draft 2020-12 validator (format assertions on) for a schema of the spec.

    The root carries the spec's `components`, so "#/components/..." references
    inside the schema resolve as they do in openapi.yaml.
    """
    root: dict[str, JSON] = {"components": spec.get("components", {})}
    if isinstance(schema, dict):
        root.update(schema)
    else:  # a boolean schema
        root["allOf"] = [schema]
    return Draft202012Validator(root, format_checker=FormatChecker())


def schema_errors(spec: Mapping[str, JSON], schema: JSON, instance: JSON) -> list[str]:
    """Why `instance` is not valid against `schema` (empty list: it is)."""
    validator = schema_validator(spec, schema)
    messages: list[str] = []
    for error in validator.iter_errors(instance):
        location = "/".join(str(part) for part in error.absolute_path) or "(root)"
        messages.append(f"{location}: {error.message}")
    return messages


# --------------------------------------------------------------- operations


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    operation: dict[str, JSON]
    parameters: tuple[dict[str, JSON], ...]

    @property
    def operation_id(self) -> str:
        return str(self.operation.get("operationId", f"{self.method} {self.path}"))

    @property
    def module_name(self) -> str:
        """Where openapi-python-client puts the endpoint: api/<tag>/<operationId>."""
        tags = self.operation.get("tags") or ["default"]
        return (
            "generated_client.api."
            f"{python_identifier(str(tags[0]))}.{python_identifier(self.operation_id)}"
        )


def iter_operations(spec: Mapping[str, JSON]) -> Iterator[Operation]:
    """Every operation of the spec, with its parameters resolved (the path item's
    parameters included, overridden by the operation's own as OpenAPI says)."""
    for path, raw_item in (spec.get("paths") or {}).items():
        item = deref(spec, raw_item)
        shared = [deref(spec, p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            own = [deref(spec, p) for p in operation.get("parameters", [])]
            merged: dict[tuple[str, str], dict[str, JSON]] = {}
            for parameter in [*shared, *own]:
                merged[(parameter["name"], parameter["in"])] = parameter
            yield Operation(path, method, operation, tuple(merged.values()))


def parameter_schema(spec: Mapping[str, JSON], parameter: Mapping[str, JSON]) -> JSON:
    return deref(spec, parameter.get("schema", {}))


def parameter_default(spec: Mapping[str, JSON], parameter: Mapping[str, JSON]) -> JSON:
    """The schema default of a parameter, or UNSET when it has none."""
    schema = parameter_schema(spec, parameter)
    if isinstance(schema, dict) and "default" in schema:
        return schema["default"]
    return UNSET


# ------------------------------------------------------------------ naming

# openapi-python-client's rule (strings.py): a name that shadows a builtin or is a
# keyword gets a trailing underscore, except `id`.
_RESERVED = (set(dir(builtins)) | {"self", "true", "false", "datetime"}) - {"id"}


def python_identifier(name: str) -> str:
    """The generator's snake_case name: "anthropic-beta" -> "anthropic_beta",
    "type" -> "type_", "operationId" -> "operation_id"."""
    cleaned = "".join(
        c for c in name if c.isidentifier() or c.isdecimal() or c in ". _-"
    )
    if any(c.isupper() for c in cleaned):
        cleaned = " ".join(re.split("([A-Z]?[a-z]+)", cleaned))
    snake = "_".join(re.findall(r"[^. _-]+", cleaned)).lower()
    if snake in _RESERVED or keyword.iskeyword(snake):
        snake += "_"
    return snake


def class_name(name: str) -> str:
    """The generator's class name for a schema name (PascalCase), after the
    class_overrides of generator-config.yaml."""
    cleaned = "".join(
        c for c in name if c.isidentifier() or c.isdecimal() or c in ". _-"
    )
    if any(c.isupper() for c in cleaned):
        cleaned = " ".join(re.split("([A-Z]?[a-z]+)", cleaned))
    words = re.findall(r"[^. _-]+", cleaned)
    pascal = "".join(w if w.isupper() else w.capitalize() for w in words)
    return class_overrides().get(pascal, pascal)


# ---------------------------------------------------------- type comparison
#
# A Python annotation and a JSON schema are both turned into the same canonical
# form: the set of the union's members, each member a string such as "str",
# "None", "Unset", "ModelInfo", "Literal['model']", "datetime.datetime" or
# "list[ModelInfo]". Unions then compare as sets, whatever their order.

TypeSet = frozenset[str]


def _type_name(cls: type) -> str:
    if cls is type(None):
        return "None"
    module = cls.__module__
    if module == "builtins" or module.startswith("generated_client"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


def _members_text(members: TypeSet) -> str:
    return " | ".join(sorted(members))


def annotation_members(hint: object) -> TypeSet:
    """The canonical form of a (resolved) Python annotation."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return frozenset().union(*(annotation_members(arg) for arg in args))
    if origin is Literal:
        return frozenset(f"Literal[{value!r}]" for value in args)
    if origin is list:
        return frozenset({f"list[{_members_text(annotation_members(args[0]))}]"})
    if origin is dict:
        key, value = (_members_text(annotation_members(a)) for a in args)
        return frozenset({f"dict[{key}, {value}]"})
    if hint is None or hint is type(None):
        return frozenset({"None"})
    if hint is Any:
        return frozenset({"Any"})
    if isinstance(hint, type):
        return frozenset({_type_name(hint)})
    return frozenset({repr(hint)})


def describe(members: TypeSet) -> str:
    return _members_text(members)


class UnsupportedSchemaError(ValueError):
    """A schema construct these checks do not know how to map to Python."""


_FORMATS = {"date-time": "datetime.datetime", "date": "datetime.date"}
_PRIMITIVES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}


def schema_members(
    spec: Mapping[str, JSON], schema: JSON, *, generated_name: str | None = None
) -> TypeSet:
    """The canonical Python type the generator should give a schema.

    `generated_name` is the name the generator gives an inline schema that becomes
    a class (the enum branch of `anyOf` in component Foo is "FooType0", renamed by
    class_overrides).
    """
    if not isinstance(schema, dict):
        raise UnsupportedSchemaError(f"boolean schema {schema!r}")
    if "$ref" in schema:
        name = component_name(schema["$ref"])
        target = resolve_ref(spec, schema["$ref"])
        if name is None:
            raise UnsupportedSchemaError(f"reference {schema['$ref']}")
        if is_object_schema(target) or "enum" in target:
            return frozenset({class_name(name)})
        return schema_members(spec, target, generated_name=name)
    if "const" in schema:
        return frozenset({f"Literal[{schema['const']!r}]"})
    if "enum" in schema:
        if generated_name is None:
            raise UnsupportedSchemaError(f"inline enum {schema['enum']!r}")
        return frozenset({class_name(generated_name)})
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            members: set[str] = set()
            for index, branch in enumerate(schema[combinator]):
                branch_name = f"{generated_name}Type{index}" if generated_name else None
                members |= schema_members(spec, branch, generated_name=branch_name)
            return frozenset(members)
    declared = schema.get("type")
    if declared is None:
        raise UnsupportedSchemaError(f"schema without a type: {schema!r}")
    result: set[str] = set()
    for json_type in [declared] if isinstance(declared, str) else declared:
        if json_type == "string" and schema.get("format") in _FORMATS:
            result.add(_FORMATS[schema["format"]])
        elif json_type in _PRIMITIVES:
            result.add(_PRIMITIVES[json_type])
        elif json_type == "array" and "items" in schema:
            result.add(f"list[{_members_text(schema_members(spec, schema['items']))}]")
        else:
            raise UnsupportedSchemaError(f"inline {json_type!r} schema {schema!r}")
    return frozenset(result)


def is_object_schema(schema: JSON) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "object" or "properties" in schema
    )


def _has_default(value: object) -> bool:
    return value is not inspect.Parameter.empty and value is not attrs.NOTHING


def _check_default(
    where: str, actual: object, required: bool, spec_default: JSON
) -> list[str]:
    """Compare a generated default with what the spec implies: the schema default
    if there is one, else UNSET for an optional value and none for a required one."""
    if spec_default is not UNSET:
        if not _has_default(actual) or actual != spec_default:
            shown = actual if _has_default(actual) else "no default"
            return [f"{where}: default is {shown!r}, spec default is {spec_default!r}"]
        if type(actual) is not type(spec_default):
            return [
                f"{where}: default {actual!r} is a {type(actual).__name__}, "
                f"spec default is a {type(spec_default).__name__}"
            ]
        return []
    if required:
        if _has_default(actual):
            return [
                f"{where}: required without a spec default, yet defaults to {actual!r}"
            ]
        return []
    if actual is not UNSET:
        shown = actual if _has_default(actual) else "no default"
        return [
            f"{where}: optional without a spec default, so should default "
            f"to UNSET, not {shown!r}"
        ]
    return []


def _expected_members(
    spec: Mapping[str, JSON], schema: JSON, required: bool, where: str
) -> tuple[TypeSet | None, list[str]]:
    try:
        members = schema_members(spec, schema)
    except (UnsupportedSchemaError, KeyError) as error:
        return None, [
            f"{where}: cannot map the spec's schema to a Python type ({error})"
        ]
    return (members if required else members | {"Unset"}), []


# ------------------------------------------------------ checker: endpoints


def _import(module_name: str) -> types.ModuleType | None:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError:
        return None


def generated_endpoint_modules() -> set[str]:
    """Every endpoint module present in generated_client/api/<tag>/."""
    found: set[str] = set()
    for tag in pkgutil.iter_modules(generated_client.api.__path__):
        if not tag.ispkg:
            continue
        package = importlib.import_module(f"generated_client.api.{tag.name}")
        for module in pkgutil.iter_modules(package.__path__):
            found.add(f"generated_client.api.{tag.name}.{module.name}")
    return found


def check_operations(spec: Mapping[str, JSON]) -> list[str]:
    """Every operation has its generated module and functions, and every parameter
    is an argument of those functions with the spec's type, requiredness and
    default; the generated functions take no argument the spec does not have."""
    problems: list[str] = []
    expected_modules: set[str] = set()
    for op in iter_operations(spec):
        expected_modules.add(op.module_name)
        module = _import(op.module_name)
        if module is None:
            problems.append(
                f"operation {op.operation_id} ({op.method.upper()} {op.path}): "
                f"no generated module {op.module_name}"
            )
            continue
        path_order = re.findall(r"{([^}]+)}", op.path)
        for function_name in ENDPOINT_FUNCTIONS:
            where = f"{op.operation_id}.{function_name}"
            function = getattr(module, function_name, None)
            if not callable(function):
                problems.append(f"{where}: missing from {op.module_name}")
                continue
            if (function_name in ASYNC_FUNCTIONS) != inspect.iscoroutinefunction(
                function
            ):
                problems.append(f"{where}: wrong sync/async kind")
            problems += _check_signature(spec, op, where, function, path_order)
    for extra in sorted(generated_endpoint_modules() - expected_modules):
        problems.append(f"generated module {extra} has no operation in the spec")
    return problems


def _check_signature(
    spec: Mapping[str, JSON],
    op: Operation,
    where: str,
    function: Callable[..., object],
    path_order: list[str],
) -> list[str]:
    problems: list[str] = []
    signature = inspect.signature(function)
    hints = typing.get_type_hints(function)
    expected_names: set[str] = {"client"}
    positional = [
        name
        for name, p in signature.parameters.items()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    if positional != [python_identifier(name) for name in path_order]:
        problems.append(
            f"{where}: positional arguments {positional}, "
            f"spec path parameters {path_order}"
        )
    for parameter in op.parameters:
        if parameter["in"] not in PARAMETER_LOCATIONS:
            continue
        name = python_identifier(parameter["name"])
        expected_names.add(name)
        label = f"{where}: {parameter['in']} parameter {parameter['name']!r} ({name})"
        generated = signature.parameters.get(name)
        if generated is None:
            problems.append(f"{label}: not an argument")
            continue
        required = bool(parameter.get("required", False))
        members, errors = _expected_members(
            spec, parameter_schema(spec, parameter), required, label
        )
        problems += errors
        actual = annotation_members(hints.get(name, Any))
        if members is not None and actual != members:
            problems.append(
                f"{label}: annotated {describe(actual)}, spec says {describe(members)}"
            )
        problems += _check_default(
            label, generated.default, required, parameter_default(spec, parameter)
        )
    for extra in sorted(set(signature.parameters) - expected_names):
        problems.append(f"{where}: unexpected argument {extra!r}, not in the spec")
    return problems


# --------------------------------------------------------- checker: models


def object_schemas(spec: Mapping[str, JSON]) -> dict[str, dict[str, JSON]]:
    schemas = (spec.get("components") or {}).get("schemas") or {}
    return {name: s for name, s in schemas.items() if is_object_schema(s)}


def enum_schemas(spec: Mapping[str, JSON]) -> dict[str, list[JSON]]:
    """Generated enum class name -> the spec's values, for every component schema
    that is an enum or an open enum (`anyOf: [{enum}, {type: string}]`)."""
    found: dict[str, list[JSON]] = {}
    schemas = (spec.get("components") or {}).get("schemas") or {}
    for name, schema in schemas.items():
        if not isinstance(schema, dict):
            continue
        if "enum" in schema:
            found[class_name(name)] = list(schema["enum"])
        for combinator in ("anyOf", "oneOf"):
            for index, branch in enumerate(schema.get(combinator, [])):
                if isinstance(branch, dict) and "enum" in branch:
                    found[class_name(f"{name}Type{index}")] = list(branch["enum"])
    return found


def generated_model_classes() -> dict[str, type]:
    return {
        name: getattr(generated_client.models, name)
        for name in generated_client.models.__all__
    }


def check_models(spec: Mapping[str, JSON]) -> list[str]:
    """Every property of every object schema is an attrs field of the generated
    class, with the spec's type and requiredness; no field the spec lacks."""
    problems: list[str] = []
    classes = generated_model_classes()
    namespace = vars(generated_client.models)
    for schema_name, schema in object_schemas(spec).items():
        cls = classes.get(class_name(schema_name))
        if cls is None or not attrs.has(cls):
            problems.append(f"schema {schema_name}: no generated attrs class")
            continue
        fields = {f.name: f for f in attrs.fields(cls)}
        # The models import each other under TYPE_CHECKING: resolve their
        # annotations in the namespace of generated_client.models.
        hints = typing.get_type_hints(cls, localns=namespace)
        required = set(schema.get("required", []))
        expected_fields: set[str] = set()
        for prop_name, prop_schema in (schema.get("properties") or {}).items():
            attribute = python_identifier(prop_name)
            expected_fields.add(attribute)
            label = f"{schema_name}.{prop_name}"
            if attribute != prop_name:
                label += f" (attribute {attribute})"
            generated = fields.get(attribute)
            if generated is None:
                problems.append(f"{label}: no attrs field")
                continue
            is_required = prop_name in required
            members, errors = _expected_members(spec, prop_schema, is_required, label)
            problems += errors
            actual = annotation_members(hints.get(attribute, Any))
            if members is not None and actual != members:
                problems.append(
                    f"{label}: annotated {describe(actual)}, "
                    f"spec says {describe(members)}"
                )
            resolved = deref(spec, prop_schema)
            default = (
                resolved.get("default", UNSET) if isinstance(resolved, dict) else UNSET
            )
            problems += _check_default(label, generated.default, is_required, default)
        for name in sorted(required - set(schema.get("properties") or {})):
            problems.append(f"{schema_name}: required {name!r} is not a property")
        if schema.get("additionalProperties", True) is not False:
            expected_fields.add("additional_properties")
        for extra in sorted(set(fields) - expected_fields):
            problems.append(
                f"{schema_name}: field {cls.__name__}.{extra} is not in the spec"
            )
    return problems


def check_enums(spec: Mapping[str, JSON]) -> list[str]:
    """Every enum of the spec is a generated enum class holding exactly its values,
    and every generated model class stands for a schema of the spec."""
    problems: list[str] = []
    classes = generated_model_classes()
    enums = enum_schemas(spec)
    for name, values in enums.items():
        if len(set(values)) != len(values):
            problems.append(f"enum {name}: the spec lists a value twice")
        cls = classes.get(name)
        if cls is None or not issubclass(cls, Enum):
            problems.append(f"enum {name}: no generated enum class")
            continue
        generated = {member.value for member in cls}
        for missing in sorted(set(values) - generated, key=str):
            problems.append(f"enum {name}: spec value {missing!r} is not a member")
        for extra in sorted(generated - set(values), key=str):
            problems.append(f"enum {name}: member {extra!r} is not in the spec")
    expected_classes = set(enums) | {class_name(n) for n in object_schemas(spec)}
    for extra in sorted(set(classes) - expected_classes):
        problems.append(f"generated model {extra} has no schema in the spec")
    return problems


# -------------------------------------------------------- checker: requests


@dataclass(frozen=True)
class RequestCase:
    """One call of a generated endpoint and the request the spec says it makes."""

    operation_id: str
    module_name: str
    label: str
    arguments: dict[str, object]
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    response_body: JSON = None
    response_class: str | None = None
    notes: list[str] = field(default_factory=list)


# Path parameter values: a real ID, an alias and the characters that must be
# percent-encoded to stay inside one path segment.
PATH_SAMPLES: tuple[str, ...] = (
    "claude-sonnet-4-5-20250929",
    "claude-sonnet-4-5",
    "vendor/model",
    "what?is=this",
    "model#fragment",
    "100% sure",
    "with space",
)


def _wire(value: object) -> str:
    """How httpx writes a parameter value into a URL or header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_pairs(parameter: Mapping[str, JSON], value: object) -> list[tuple[str, str]]:
    """The (name, value) pairs of a query parameter as OpenAPI serialises it: a
    scalar is one pair; an array is one pair per item with `style: form,
    explode: true` (the defaults for a query), one comma-joined pair with
    `explode: false`."""
    name = str(parameter["name"])
    if not isinstance(value, list):
        return [(name, _wire(value))]
    style = parameter.get("style", "form")
    if style != "form":
        raise UnsupportedSchemaError(f"query parameter {name!r}: style {style!r}")
    if parameter.get("explode", True):
        return [(name, _wire(item)) for item in value]
    return [(name, ",".join(_wire(item) for item in value))]


def sample_value(spec: Mapping[str, JSON], parameter: Mapping[str, JSON]) -> object:
    """An explicit, valid value for a parameter, different from its default."""
    schema = parameter_schema(spec, parameter)
    default = parameter_default(spec, parameter)
    example = parameter.get("example", UNSET)
    if (
        example is not UNSET
        and example != default
        and not schema_errors(spec, schema, example)
    ):
        return example
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(schema, dict) and "enum" in schema:
        for value in schema["enum"]:
            if value != default:
                return value
    if kind == "integer":
        low = int(schema.get("minimum", 0))
        high = int(schema.get("maximum", low + 100))
        for value in (high, low, (low + high) // 2):
            if value != default:
                return value
    if kind == "boolean":
        return not default if isinstance(default, bool) else True
    if kind == "string" and "pattern" not in schema:
        if parameter["in"] == "query":
            return f"{parameter['name']} value/&=?#%+é"
        return f"{parameter['name']}-explicit"
    raise UnsupportedSchemaError(
        f"no sample value for parameter {parameter['name']!r}: give it an example"
    )


def success_response(
    spec: Mapping[str, JSON], op: Operation
) -> tuple[JSON, str | None]:
    """The example body and expected class of the first 2xx response."""
    for status, raw in op.operation.get("responses", {}).items():
        if not str(status).startswith("2"):
            continue
        response = deref(spec, raw)
        media = (response.get("content") or {}).get("application/json") or {}
        ref = (media.get("schema") or {}).get("$ref", "")
        name = component_name(ref)
        return media.get("example"), (class_name(name) if name else None)
    return None, None


def request_cases(spec: Mapping[str, JSON]) -> list[RequestCase]:
    """For every operation, every combination of set / unset optional (or
    defaulted) parameters, times every sample value of its path parameters."""
    cases: list[RequestCase] = []
    for op in iter_operations(spec):
        body, response_class = success_response(spec, op)
        path_params = [p for p in op.parameters if p["in"] == "path"]
        other_params = [p for p in op.parameters if p["in"] in ("query", "header")]
        notes: list[str] = []
        samples: dict[str, object] = {}
        for parameter in other_params:
            try:
                samples[parameter["name"]] = sample_value(spec, parameter)
            except UnsupportedSchemaError as error:
                notes.append(f"{op.operation_id}: {error}")
        # A required parameter without a default must always be given.
        toggled = [
            p
            for p in other_params
            if not p.get("required", False) or parameter_default(spec, p) is not UNSET
        ]
        always = [p for p in other_params if p not in toggled]
        path_values = [
            [
                *([p["example"]] if "example" in p else []),
                *[s for s in PATH_SAMPLES if s != p.get("example")],
            ]
            for p in path_params
        ]
        for path_combo in itertools.product(*path_values):
            for flags in itertools.product((False, True), repeat=len(toggled)):
                given = [p for p, on in zip(toggled, flags, strict=True) if on]
                cases.append(
                    _build_case(
                        spec,
                        op,
                        dict(
                            zip(
                                (p["name"] for p in path_params),
                                path_combo,
                                strict=True,
                            )
                        ),
                        [*always, *given],
                        samples,
                        body,
                        response_class,
                        notes,
                        len(cases),
                    )
                )
    return cases


def _build_case(
    spec: Mapping[str, JSON],
    op: Operation,
    path_values: dict[str, object],
    given: list[dict[str, JSON]],
    samples: dict[str, object],
    body: JSON,
    response_class: str | None,
    notes: list[str],
    number: int,
) -> RequestCase:
    arguments: dict[str, object] = {
        python_identifier(name): value for name, value in path_values.items()
    }
    query: list[tuple[str, str]] = []
    headers: dict[str, str] = {}
    given_names = {(p["name"], p["in"]) for p in given}
    for parameter in op.parameters:
        name, location = parameter["name"], parameter["in"]
        if location not in ("query", "header"):
            continue
        if (name, location) in given_names and name in samples:
            value = samples[name]
            arguments[python_identifier(name)] = value
        else:
            value = parameter_default(spec, parameter)
            if value is UNSET:
                continue
        if location == "query":
            query += query_pairs(parameter, value)
        else:
            headers[name.lower()] = _wire(value)
    # A path key may carry a fixed query (`/v1/models?beta=true`): every request
    # sends it with the parameters'.
    path, _, fixed = op.path.partition("?")
    query += parse_qsl(fixed, keep_blank_values=True)
    for name, value in path_values.items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    shown = "+".join(f"{p['name']}" for p in given) or "no-optional"
    path_shown = ",".join(
        f"{k}#{PATH_SAMPLES.index(v) if v in PATH_SAMPLES else 'ex'}"
        for k, v in path_values.items()
    )
    label = "-".join(x for x in (op.operation_id, path_shown, shown) if x)
    return RequestCase(
        operation_id=op.operation_id,
        module_name=op.module_name,
        label=f"{label}[{number}]",
        arguments=arguments,
        method=op.method.upper(),
        path=path,
        query=sorted(query),
        headers=headers,
        response_body=body,
        response_class=response_class,
        notes=list(notes),
    )


@functools.cache
def _httpx_default_header_names() -> frozenset[str]:
    """The headers httpx adds to every request by itself (host, user-agent, ...)."""
    with httpx.Client() as client:
        request = client.build_request("GET", BASE_URL)
    return frozenset(key.lower() for key in request.headers)


def send(case: RequestCase, asynchronous: bool) -> tuple[list[httpx.Request], object]:
    """Call the generated *_detailed function of the case through a MockTransport
    that answers with the spec's example; the requests it made and the parsed body."""
    captured: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(
            200, json=case.response_body, headers={"request-id": "req_test"}
        )

    # Through the runtime's httpx clients, as `client.generated` sends: httpx
    # alone replaces the fixed query of a path key (`?beta=true`) with the
    # parameters (tests/contract/test_requests.py shows it).
    transport = httpx.MockTransport(handler)
    client = generated_client.Client(base_url=BASE_URL)
    if asynchronous:
        client.set_async_httpx_client(
            _AsyncHTTPClient(base_url=BASE_URL, transport=transport)
        )
    else:
        client.set_httpx_client(_HTTPClient(base_url=BASE_URL, transport=transport))
    module = importlib.import_module(case.module_name)

    async def call_async() -> Any:
        async with client:
            return await module.asyncio_detailed(client=client, **case.arguments)

    if asynchronous:
        response = asyncio.run(call_async())
    else:
        with client:
            response = module.sync_detailed(client=client, **case.arguments)
    return captured, response.parsed


def compare_request(case: RequestCase, request: httpx.Request) -> list[str]:
    """What differs between the request made and the one the spec describes."""
    where = case.label
    problems: list[str] = []
    if request.method != case.method:
        problems.append(f"{where}: method {request.method}, spec says {case.method}")
    expected_origin = httpx.URL(BASE_URL)
    if (request.url.scheme, request.url.host) != (
        expected_origin.scheme,
        expected_origin.host,
    ):
        problems.append(f"{where}: sent to {request.url}, not to {BASE_URL}")
    raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
    if raw_path != case.path:
        problems.append(f"{where}: path {raw_path!r}, spec says {case.path!r}")
    query = sorted(parse_qsl(raw_query, keep_blank_values=True))
    if query != case.query:
        problems.append(f"{where}: query {query}, spec says {case.query}")
    defaults = _httpx_default_header_names()
    headers = {
        k.lower(): v for k, v in request.headers.items() if k.lower() not in defaults
    }
    if headers != case.headers:
        problems.append(f"{where}: headers {headers}, spec says {case.headers}")
    return problems


def run_case(case: RequestCase, asynchronous: bool) -> list[str]:
    """Send one case and compare; any failure to call is a mismatch too."""
    mode = "asyncio_detailed" if asynchronous else "sync_detailed"
    if case.notes:
        return list(case.notes)
    if _import(case.module_name) is None:
        return [f"{case.label}: no generated module {case.module_name} to call"]
    try:
        captured, parsed = send(case, asynchronous)
    except TypeError as error:  # an argument the generated function lacks
        return [f"{case.label}: {mode} cannot be called as the spec says: {error}"]
    if len(captured) != 1:
        return [f"{case.label}: {mode} made {len(captured)} requests, not 1"]
    problems = [f"{p} ({mode})" for p in compare_request(case, captured[0])]
    if case.response_class is not None and type(parsed).__name__ != case.response_class:
        problems.append(
            f"{case.label}: {mode} parsed the 200 example as "
            f"{type(parsed).__name__}, spec says {case.response_class}"
        )
    return problems


def check_requests(spec: Mapping[str, JSON]) -> list[str]:
    problems: list[str] = []
    for case in request_cases(spec):
        for asynchronous in (False, True):
            problems += run_case(case, asynchronous)
    return problems


def check_generated_code(spec: Mapping[str, JSON]) -> list[str]:
    """All the checkers: the generated client follows `spec` when this is empty."""
    return [
        *check_operations(spec),
        *check_models(spec),
        *check_enums(spec),
        *check_requests(spec),
    ]


# ------------------------------------------------------------ payloads


def response_schema_names(spec: Mapping[str, JSON]) -> list[str]:
    """The component schemas the spec's responses return, in order of appearance."""
    names: list[str] = []
    for op in iter_operations(spec):
        for raw in op.operation.get("responses", {}).values():
            response = deref(spec, raw)
            for media in (response.get("content") or {}).values():
                name = component_name((media.get("schema") or {}).get("$ref", ""))
                if name is not None and name not in names:
                    names.append(name)
    return names


def canonical(spec: Mapping[str, JSON], schema: JSON, value: JSON) -> JSON:
    """A value made comparable across a round trip: leaves tagged with their JSON
    type (so True and 1 differ), date-time strings parsed to aware datetimes
    (so "Z" equals "+00:00") with their UTC offset kept."""
    schema = deref(spec, schema) if isinstance(schema, dict) else {}
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        return {
            key: canonical(spec, properties.get(key, {}), item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = schema.get("items", {})
        return [canonical(spec, items, item) for item in value]
    if isinstance(value, str) and schema.get("format") == "date-time":
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError(f"date-time without an offset: {value!r}")
        return ("date-time", parsed, parsed.utcoffset())
    return (type(value).__name__, value)


def built_alike(left: object, right: object) -> list[str]:
    """Where two decoded values differ, `==` being too lenient to tell: a str enum
    member equals its string, True equals 1, and two datetimes at the same instant
    are equal whatever their offsets. Attrs instances are compared field by field
    (additional_properties included). Empty list: built alike."""
    if type(left) is not type(right):
        return [f"{type(left).__name__} {left!r} != {type(right).__name__} {right!r}"]
    if attrs.has(cls := type(left)):
        return [
            f"{field.name}.{problem}"
            for field in attrs.fields(cls)
            for problem in built_alike(
                getattr(left, field.name), getattr(right, field.name)
            )
        ]
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return [f"{len(left)} items != {len(right)} items"]
        return [
            f"[{index}].{problem}"
            for index, (a, b) in enumerate(zip(left, right, strict=True))
            for problem in built_alike(a, b)
        ]
    if isinstance(left, dict) and isinstance(right, dict):
        if left.keys() != right.keys():
            return [f"keys {sorted(left)} != {sorted(right)}"]
        return [
            f"{key}.{problem}"
            for key in left
            for problem in built_alike(left[key], right[key])
        ]
    if isinstance(left, datetime) and isinstance(right, datetime):
        same = left == right and left.utcoffset() == right.utcoffset()
        return [] if same else [f"{left!r} != {right!r}"]
    return [] if left == right else [f"{left!r} != {right!r}"]
