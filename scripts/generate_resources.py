"""Write the request side of the runtime from the spec.

    python scripts/generate_resources.py SPEC CONFIG OUTPUT_DIR

Run by scripts/generate.sh (``make generate``, ``make check``). It writes three
modules into OUTPUT_DIR (the ``anthropic_models`` package):

- ``_spec.py``: every operation, parameter, bound, enum and documented error
  status as data (``_operation`` types), for the fake Models API (which validates
  requests with it) and the command line (which builds its flags from it);
- ``_resources.py``: the resource classes, sync and async (an operation's tag,
  or the dotted ``x-runtime`` resource path: ``client.beta.models``), one method
  per operation, with the parameters' checks written out and docstrings from the
  spec's descriptions, and the ``__all__`` the package re-exports;
- ``_status_errors.py``: one exception class per documented error status.

Names come from their source. The generator's reading of the spec (the pinned
openapi-python-client, used as a library as scripts/generate_parsers.py does)
gives each parameter's Python name, the generated function it belongs to, the
classes of responses and their attributes. What the generator does not keep
(descriptions, bounds, patterns, and the `x-runtime` / `x-pagination`
extensions, documented at the top of openapi.yaml) is read from the document
itself, matched to the generator's parameters by location and name.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from generate_parsers import GenerationError, load, ruff
from openapi_python_client.parser.properties import EnumProperty, ModelProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.union import UnionProperty

JSON_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def resolve(document: dict[str, Any], node: Any) -> Any:
    """``node`` with its local ``$ref`` followed (repeatedly)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
        if seen > 32:
            raise GenerationError(f"{node}: $ref loop")
    return node


def closed_and_open(
    document: dict[str, Any], schema: dict[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...] | None, bool]:
    """A schema, the enum values it lists and whether it is open: the spec's open
    enums are ``anyOf: [{enum: [...]}, {type: string}]``."""
    schema = resolve(document, schema)
    branches = [resolve(document, b) for b in schema.get("anyOf", [])]
    if branches:
        enums = [b for b in branches if "enum" in b]
        plain = [b for b in branches if "enum" not in b]
        if len(enums) == 1 and len(plain) == 1 and plain[0].get("type") == "string":
            return plain[0], tuple(enums[0]["enum"]), True
        raise GenerationError(f"{schema}: only open enums may be unions here")
    enum = schema.get("enum")
    return schema, (tuple(enum) if enum is not None else None), False


def description_of(node: dict[str, Any]) -> str:
    return " ".join(str(node.get("description", "")).split())


@dataclass
class Param:
    """A parameter as both readings give it."""

    raw: dict[str, Any]
    location: str
    name: str
    generated: str
    argument: str
    runtime: dict[str, Any]
    schema: dict[str, Any]
    item_schema: dict[str, Any] | None
    enum: tuple[str, ...] | None
    open_enum: bool
    item_annotation: str | None
    required: bool
    enum_class: str | None = None  # the generator's class of a closed enum

    @property
    def json_type(self) -> str:
        kind = self.schema.get("type")
        if isinstance(kind, list):
            # A nullable parameter: None is "not sent" already, so the other type.
            kinds = [k for k in kind if k != "null"]
            kind = kinds[0] if len(kinds) == 1 else None
        if not isinstance(kind, str):
            raise GenerationError(f"{self.name}: a parameter needs one JSON type")
        return kind

    @property
    def owned(self) -> bool:
        return bool(self.runtime.get("owned"))

    @property
    def join(self) -> str | None:
        join = self.runtime.get("join")
        return None if join is None else str(join)

    def annotation(self) -> str:
        if self.join is not None:
            return "Iterable[str]"
        if self.json_type == "array":
            return f"Iterable[{self.item_annotation}]"
        if self.enum_class is not None:  # its members, or their values
            return f"{self.enum_class} | str"
        return JSON_TYPES[self.json_type]

    def check(self) -> str:
        """The expression that checks the argument (the ``_arguments`` call)."""
        arg, schema = self.argument, self.schema
        if self.location == "path":
            extra = self._bounds(schema)
            call = f"_arguments.path_segment({arg}, {arg!r})"
            if extra:
                call = (
                    f"_arguments.path_segment("
                    f"_arguments.string({arg}, {arg!r}{extra}), {arg!r})"
                )
            return call
        if self.join is not None:
            pattern = schema.get("pattern")
            rule = f", pattern={pattern!r}" if pattern is not None else ""
            return f"_arguments.joined({arg}, {arg!r}, separator={self.join!r}{rule})"
        kind = self.json_type
        if kind == "array":
            assert self.item_schema is not None
            item_kind = self.item_schema.get("type")
            if item_kind not in ("string", "integer"):
                raise GenerationError(f"{self.name}: arrays of {item_kind}")
            bounds = [f"item_type={item_kind!r}"]
            for key, word in (("minItems", "min_items"), ("maxItems", "max_items")):
                if key in schema:
                    bounds.append(f"{word}={schema[key]!r}")
            text = self._bounds(self.item_schema, enum=True)
            return f"_arguments.array({arg}, {arg!r}, {', '.join(bounds)}{text})"
        if kind == "string":
            header = ", header=True" if self.location == "header" else ""
            return (
                f"_arguments.string({arg}, {arg!r}{header}"
                f"{self._bounds(schema, enum=True)})"
            )
        if kind == "integer":
            return f"_arguments.integer({arg}, {arg!r}{self._bounds(schema)})"
        if kind == "boolean":
            return f"_arguments.boolean({arg}, {arg!r})"
        raise GenerationError(f"{self.name}: parameters of type {kind}")

    def _bounds(self, schema: dict[str, Any], enum: bool = False) -> str:
        words = {
            "minimum": "minimum",
            "maximum": "maximum",
            "minLength": "min_length",
            "maxLength": "max_length",
            "pattern": "pattern",
        }
        # What the generated checks do not state: refused, never let through
        # unchecked (a `format` would also change the generator's Python type).
        for key in ("exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"):
            if key in schema:
                raise GenerationError(f"{self.name}: {key} is not checked")
        text = "".join(
            f", {word}={schema[key]!r}" for key, word in words.items() if key in schema
        )
        if enum and self.enum is not None:
            text += f", enum={self.enum!r}"
            if self.open_enum:
                text += ", open_enum=True"
        return text

    def sent(self, value: str) -> str:
        """The expression handing the checked ``value`` to ``_get_kwargs``."""
        if self.location == "path" or self.required:
            return value
        if self.join is not None:
            return f"{self.join!r}.join({value}) if {value} else UNSET"
        if self.json_type == "array":
            if self.enum_class is not None:  # a closed enum's items: its members
                return (
                    f"[{self.enum_class}(item) for item in {value}] "
                    f"if {value} is not None else UNSET"
                )
            return f"list({value}) if {value} is not None else UNSET"
        if self.enum_class is not None:
            return f"{self.enum_class}({value}) if {value} is not None else UNSET"
        return f"{value} if {value} is not None else UNSET"

    def data(self) -> str:
        """The ``_operation.Parameter`` of this parameter, as source."""
        schema = self.schema
        fields: dict[str, Any] = {
            "name": self.name,
            "location": self.location,
            "generated": self.generated,
            "argument": self.argument,
            "description": description_of(self.raw),
            "type": self.json_type,
        }
        bounds = self.item_schema if self.item_schema is not None else schema
        if self.item_schema is not None:
            fields["item_type"] = self.item_schema.get("type")
        fields["required"] = self.required
        if "default" in schema:
            fields["default"] = schema["default"]
        for key, word in (
            ("minimum", "minimum"),
            ("maximum", "maximum"),
            ("minLength", "min_length"),
            ("maxLength", "max_length"),
            ("pattern", "pattern"),
        ):
            if key in bounds:
                fields[word] = bounds[key]
        for key, word in (("minItems", "min_items"), ("maxItems", "max_items")):
            if key in schema:
                fields[word] = schema[key]
        if self.enum is not None:
            fields["enum"] = self.enum
            fields["open_enum"] = self.open_enum
        if self.join is not None:
            fields["join"] = self.join
        if "flag" in self.runtime:
            fields["flag"] = str(self.runtime["flag"])
        if self.runtime.get("client"):
            fields["client"] = True
        if self.owned:
            fields["owned"] = True
        body = ", ".join(f"{key}={value!r}" for key, value in fields.items())
        found = self.runtime.get("filter")
        if found is not None:
            body += (
                f", filter=Filter(field={found['field']!r}, "
                f"unlisted={tuple(found['unlisted'])!r}, absent={found['absent']!r})"
            )
        return f"Parameter({body})"


@dataclass
class Op:
    raw: dict[str, Any]
    operation_id: str
    module: str  # the generated function's module
    http_method: str
    path: str  # the path template, without the fixed query
    query: tuple[tuple[str, str], ...]  # the fixed query of the spec's path key
    tag: str  # the generated function's package: generated_client.api.<tag>
    resource: str  # the dotted attribute path of client.<resource>
    name: str
    params: list[Param]
    returns: str  # the 2xx class
    paging: dict[str, Any] | None
    item_class: str  # the class of the models it serves (a list: its items)
    fields: dict[str, Any]  # the item class's properties (fields_of)


# A resource path: attribute names joined by dots (`models`, `beta.models`).
RESOURCE = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")


def reference(text: str, side: str, where: str) -> str:
    prefix = f"${side}."
    if not isinstance(text, str) or not text.startswith(prefix):
        raise GenerationError(f"{where}: expected {prefix}<name>, got {text!r}")
    return text[len(prefix) :]


def read(spec: Path, config: Path) -> tuple[list[Op], dict[str, Any], str]:
    data, _, package = load(spec, config)
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    models = {str(model.class_info.name): model for model in data.models}
    ops: list[Op] = []
    for tag, collection in data.endpoint_collections_by_tag.items():
        for endpoint in collection.endpoints:
            raw_path = None
            raw_op: dict[str, Any] | None = None
            for path, path_item in document["paths"].items():
                for method, operation in path_item.items():
                    if (
                        isinstance(operation, dict)
                        and operation.get("operationId")
                        and str(endpoint.name) == operation["operationId"]
                    ):
                        raw_path, raw_op, http_method = path, operation, method
            if raw_op is None or raw_path is None:
                raise GenerationError(f"{endpoint.name}: not found in the document")
            raw_params: dict[tuple[str, str], dict[str, Any]] = {}
            # The path item's parameters, then the operation's (which override).
            shared = document["paths"][raw_path].get("parameters", [])
            for node in [*shared, *raw_op.get("parameters", [])]:
                node = resolve(document, node)
                raw_params[(node["in"], node["name"])] = node
            params: list[Param] = []
            for location, props in (
                ("path", endpoint.path_parameters),
                ("query", endpoint.query_parameters),
                ("header", endpoint.header_parameters),
            ):
                for prop in props:
                    name = prop.name.get_untrusted_value()
                    node = raw_params.pop((location, name))
                    runtime = node.get("x-runtime", {})
                    schema, enum, open_enum = closed_and_open(document, node["schema"])
                    item_schema = None
                    item_annotation = None
                    enum_class = (
                        prop.class_info.name if isinstance(prop, EnumProperty) else None
                    )
                    if schema.get("type") == "array":
                        item_schema, enum, open_enum = closed_and_open(
                            document, schema["items"]
                        )
                        if not isinstance(prop, ListProperty):
                            raise GenerationError(f"{name}: expected a list")
                        item_annotation = prop.inner_property.get_type_string(
                            no_optional=True
                        )._code
                        if isinstance(prop.inner_property, EnumProperty):
                            # Its members, or their values.
                            enum_class = prop.inner_property.class_info.name
                            item_annotation = f"{enum_class} | str"
                    params.append(
                        Param(
                            raw=node,
                            location=location,
                            name=name,
                            generated=prop.python_name,
                            argument=str(runtime.get("argument", prop.python_name)),
                            runtime=runtime,
                            schema=schema,
                            item_schema=item_schema,
                            enum=enum,
                            open_enum=open_enum,
                            item_annotation=item_annotation,
                            required=bool(node.get("required")),
                            enum_class=enum_class,
                        )
                    )
            if raw_params:
                raise GenerationError(f"{endpoint.name}: unread {sorted(raw_params)}")
            success = [
                r
                for r in endpoint.responses.patterns
                if str(r.status_code.pattern).startswith("2")
            ]
            if len(success) != 1 or not isinstance(success[0].prop, ModelProperty):
                raise GenerationError(f"{endpoint.name}: one 2xx model response")
            page = success[0].prop
            paging = raw_op.get("x-pagination")
            item: ModelProperty = page
            if paging is not None:
                attributes = {
                    p.name.get_untrusted_value(): p
                    for p in (page.required_properties or [])
                    + (page.optional_properties or [])
                }
                results = attributes[
                    reference(paging["results"], "response", "results")
                ]
                if not isinstance(results, ListProperty) or not isinstance(
                    results.inner_property, ModelProperty
                ):
                    raise GenerationError(f"{endpoint.name}: results must be a list")
                item = results.inner_property
                paging = {
                    "results": results.python_name,
                    "has_more": attributes[
                        reference(paging["has_more"], "response", "has_more")
                    ].python_name,
                    "limit": reference(paging["limit"], "request", "limit")
                    if "limit" in paging
                    else None,
                    **{
                        way: (
                            reference(paging[way]["cursor"], "request", way),
                            attributes[
                                reference(paging[way]["next_cursor"], "response", way)
                            ].python_name,
                        )
                        for way in ("forward", "backward")
                        if way in paging
                    },
                }
            runtime = raw_op.get("x-runtime", {})
            if "method" not in runtime:
                raise GenerationError(f"{endpoint.name}: x-runtime.method is missing")
            resource = str(runtime.get("resource", tag))
            if not RESOURCE.fullmatch(resource):
                raise GenerationError(f"{endpoint.name}: resource {resource!r}")
            # A path key may carry a fixed query, as the official spec writes
            # the beta view's operations (`/v1/models?beta=true`): the request
            # always sends it, and it tells the operation from the one without.
            path, _, fixed = raw_path.partition("?")
            query = tuple(
                urllib.parse.parse_qsl(
                    fixed, keep_blank_values=True, strict_parsing=True
                )
                if fixed
                else ()
            )
            ops.append(
                Op(
                    raw=raw_op,
                    operation_id=raw_op["operationId"],
                    module=str(endpoint.name),
                    http_method=http_method,
                    path=path,
                    query=query,
                    tag=tag,
                    resource=resource,
                    name=str(runtime["method"]),
                    params=params,
                    returns=page.class_info.name,
                    paging=paging,
                    item_class=item.class_info.name,
                    fields=fields_of(item.class_info.name, models),
                )
            )
    return ops, document, package


def generated_by(spec: Path) -> str:
    return f"Generated by scripts/generate_resources.py from {spec.name} — do not edit."


def class_name(tag: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", tag))


def docstring(op: Op, indent: str) -> list[str]:
    parts = [p.strip() for p in str(op.raw.get("description", "")).split("\n\n")]
    parts = [part for part in parts if part] or [str(op.raw.get("summary", ""))]
    lines = [" ".join(parts[0].split()), ""]
    for part in parts[1:]:
        lines += [*textwrap.wrap(" ".join(part.split()), 80 - len(indent)), ""]
    args = [p for p in op.params if not p.owned]
    if args:
        lines.append("Args:")
        for p in args:
            text = description_of(p.raw)
            if p.runtime.get("client"):
                joined = p.join is not None
                text += (
                    " Added to the client's." if joined else " Overrides the client's."
                )
            lines += textwrap.wrap(
                f"{p.argument}: {text}",
                80 - len(indent) - 4,
                initial_indent="    ",
                subsequent_indent="        ",
            )
        lines.append("")
    if op.paging is not None:
        lines += textwrap.wrap(
            "Returns a lazy listing: arguments are checked now, nothing is sent "
            "until it is iterated, and every page is asked for with the same "
            "arguments.",
            80 - len(indent),
        )
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    out = [f'{indent}"""{lines[0]}']
    out += [f"{indent}{line}" if line else "" for line in lines[1:]]
    out.append(f'{indent}"""')
    return out


def method(op: Op, asynchronous: bool) -> list[str]:
    ind = "        "
    params = [p for p in op.params if not p.owned]
    path = [p for p in params if p.location == "path"]
    rest = [p for p in params if p.location != "path"]
    signature = ["self"] + [f"{p.argument}: str" for p in path]
    if rest:
        signature.append("*")
    for p in rest:
        if p.required:
            signature.append(f"{p.argument}: {p.annotation()}")
        else:
            signature.append(f"{p.argument}: {p.annotation()} | None = None")
    pager = f"{'Async' if asynchronous else ''}{class_name(op.resource)}Pager"
    returns = pager if op.paging is not None else op.returns
    prefix = "async " if asynchronous and op.paging is None else ""
    lines = [f"    {prefix}def {op.name}(", *[f"{ind}{s}," for s in signature]]
    lines.append(f"    ) -> {returns}:")
    lines += docstring(op, ind)
    for p in params:
        lines.append(f"{ind}{p.argument}_ = {p.check()}")
    await_ = "await " if asynchronous else ""
    if op.paging is None:
        kwargs = [
            f"{p.generated}={p.sent(p.argument + '_')}" for p in params if p not in path
        ]
        positional = [f"{p.argument}_" for p in path]
        lines += [
            f"{ind}kwargs = sent({op.module}._get_kwargs(",
            *[f"{ind}    {a}," for a in positional + kwargs],
            f"{ind}))",
            f"{ind}return parsed({op.returns}, {await_}self._http.request(**kwargs))",
        ]
        return lines
    paging = op.paging
    forward, _ = paging["forward"]
    backward = paging.get("backward", (None, None))[0]
    by_name = {p.name: p for p in params}
    ways = [by_name[forward]] + ([by_name[backward]] if backward else [])
    if len(ways) == 2:
        lines.append(
            f"{ind}_arguments.one_of("
            + ", ".join(f"({w.argument!r}, {w.argument}_)" for w in ways)
            + ")"
        )
    lines.append(f"{ind}http = self._http")
    lines.append("")
    # The pager calls fetch(forward, backward) whatever the spec pages: a listing
    # without a backward cursor ignores the second.
    cursor_names = [w.argument for w in ways] + (
        ["_backward"] if len(ways) == 1 else []
    )
    fetch_args = ", ".join(f"{name}: str | None" for name in cursor_names)
    kwargs = []
    for p in params:
        value = p.argument if p in ways else p.argument + "_"
        kwargs.append(f"{p.generated}={p.sent(value)}")
    lines += [
        f"{ind}{'async ' if asynchronous else ''}def fetch({fetch_args}) "
        f"-> {op.returns}:",
        f"{ind}    kwargs = sent({op.module}._get_kwargs(",
        *[f"{ind}        {a}," for a in kwargs],
        f"{ind}    ))",
        f"{ind}    return parsed({op.returns}, {await_}http.request(**kwargs))",
        "",
        f"{ind}return {'AsyncPager' if asynchronous else 'SyncPager'}(",
        f"{ind}    fetch,",
        *[
            f"{ind}    {key}={w.argument}_,"
            for key, w in zip(("after_id", "before_id"), ways, strict=False)
        ],
        f"{ind}    redact=self._redact,",
        f"{ind}    paging={op.operation_id.upper()}_PAGING,",
        f"{ind})",
    ]
    return lines


def resource_tree(ops: list[Op]) -> dict[str, tuple[list[Op], list[str]]]:
    """Every resource path, the roots' parent "" included: its operations and
    its children's paths (``beta`` holds ``beta.models``)."""
    tree: dict[str, tuple[list[Op], list[str]]] = {"": ([], [])}
    for op in ops:
        parts = op.resource.split(".")
        for depth in range(1, len(parts) + 1):
            path, parent = ".".join(parts[:depth]), ".".join(parts[: depth - 1])
            if path not in tree:
                tree[path] = ([], [])
                tree[parent][1].append(path)
        tree[op.resource][0].append(op)
    for resource, (members, children) in tree.items():
        names = [op.name for op in members] + [c.rpartition(".")[2] for c in children]
        if len(set(names)) != len(names):
            raise GenerationError(f"client.{resource}: a name used twice in {names}")
    return tree


def generated_classes(ops: list[Op]) -> set[str]:
    """The generated classes the resources name: what each method returns, the
    models its pager yields, and the enums its arguments take."""
    classes: set[str] = set()
    for op in ops:
        classes |= {op.returns, op.item_class}
        for p in op.params:
            if not p.owned:
                classes |= set(re.findall(r"[A-Z]\w*", p.annotation())) - {"Iterable"}
    return classes


def exported(ops: list[Op]) -> list[str]:
    """What the resources give a user to name in annotations: the resource
    classes, their pagers, and the generated classes they name."""
    names = generated_classes(ops)
    for resource, (members, _) in resource_tree(ops).items():
        if resource:
            names |= {class_name(resource), "Async" + class_name(resource)}
        if any(op.paging is not None for op in members):
            names |= {
                f"{class_name(resource)}Pager",
                f"Async{class_name(resource)}Pager",
            }
    return sorted(names)


def render_resources(ops: list[Op], spec: Path, package: str) -> str:
    tree = resource_tree(ops)
    classes = generated_classes(ops)
    modules = sorted({(op.tag, op.module) for op in ops})
    lines = [
        f'"""{generated_by(spec)}',
        "",
        "The resources of Client and AsyncClient: one class per resource of the",
        "spec (an operation's tag, or its x-runtime resource path), one method per",
        "operation, its parameters, checks and docstring from the spec. Change the",
        "spec and run `make generate` instead of editing this file.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Callable, Iterable",
        "",
        "import httpx",
        "",
        *[f"from {package}.api.{tag} import {module}" for tag, module in modules],
        f"from {package}.models import {', '.join(sorted(classes))}",
        f"from {package}.types import UNSET",
        "",
        "from . import _arguments",
        "from ._calls import parsed, sent",
        "from ._pagination import AsyncPager, SyncPager",
        "from ._spec import ("
        + ", ".join(
            f"{op.operation_id.upper()}_PAGING" for op in ops if op.paging is not None
        )
        + ")",
        "",
        "__all__ = [",
        *[f"    {name!r}," for name in exported(ops)],
        "]",
        "",
    ]
    # Children before their parents: a class names its children's classes.
    for resource in sorted(tree, key=lambda r: -r.count(".")):
        if not resource:
            continue
        members, children = tree[resource]
        name = class_name(resource)
        for op in [op for op in members if op.paging is not None][:1]:
            lines += [
                f"{name}Pager = SyncPager[{op.item_class}, {op.returns}]",
                f"Async{name}Pager = AsyncPager[{op.item_class}, {op.returns}]",
            ]
        for asynchronous in (False, True):
            prefix = "Async" if asynchronous else ""
            http = "httpx.AsyncClient" if asynchronous else "httpx.Client"
            of = " of an :class:`AsyncClient`" if asynchronous else ""
            lines += [
                "",
                "",
                f"class {prefix}{name}:",
                f'    """``client.{resource}``{of}."""',
                "",
                *[
                    f"    {child.rpartition('.')[2]}: {prefix}{class_name(child)}"
                    for child in children
                ],
                "",
                "    def __init__(",
                f"        self, http: {http}, "
                "redact: Callable[[str], str] | None = None",
                "    ) -> None:",
                "        self._http = http",
                "        self._redact = redact  # the key out of what a pager shows",
                *[
                    f"        self.{child.rpartition('.')[2]} = "
                    f"{prefix}{class_name(child)}(http, redact)"
                    for child in children
                ],
            ]
            for op in members:
                lines += ["", *method(op, asynchronous)]
    roots = tree[""][1]
    for asynchronous in (False, True):
        prefix = "Async" if asynchronous else ""
        http = "httpx.AsyncClient" if asynchronous else "httpx.Client"
        lines += [
            "",
            "",
            f"class {prefix}Resources:",
            f'    """The resources of :class:`{prefix}Client`: one attribute per',
            '    top-level resource of the spec."""',
            "",
            *[f"    {root}: {prefix}{class_name(root)}" for root in roots],
            "",
            "    def _attach_resources(",
            f"        self, http: {http}, redact: Callable[[str], str] | None",
            "    ) -> None:",
            *[
                f"        self.{root} = {prefix}{class_name(root)}(http, redact)"
                for root in roots
            ],
        ]
    client = [p for op in ops for p in op.params if p.runtime.get("client")]
    single = {p.argument: p for p in client if p.join is None}
    lines += [
        "",
        "",
        "def client_headers("
        + ", ".join(["*"] + [f"{a}: str | None" for a in sorted(single)])
        + ") -> dict[str, str]:",
        '    """The headers Client(...) sends on every request for its checked',
        '    single-valued options (a call\'s own value replaces them)."""',
        "    headers: dict[str, str] = {}",
    ]
    for argument, p in sorted(single.items()):
        lines += [
            f"    if {argument} is not None:",
            f"        headers[{p.name!r}] = {argument}",
        ]
    lines.append("    return headers")
    seen: set[str] = set()
    for p in client:
        if p.argument in seen:
            continue
        seen.add(p.argument)
        kind = "tuple[str, ...]" if p.join is not None else f"{p.annotation()} | None"
        lines += [
            "",
            "",
            f"def check_{p.argument}({p.argument}: {p.annotation()} | None) -> {kind}:",
            f'    """Check the client-wide ``{p.argument}`` as the methods check '
            'theirs."""',
            f"    return {p.check()}",
        ]
    return "\n".join(lines) + "\n"


def fields_of(
    name: str, models: dict[str, ModelProperty], within: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The properties the model class `name` declares, by wire name: for one
    that holds objects (a model, or a union with models in it), the properties
    those declare; None for any other. `models`: the generator's models by class
    (a reference to one carries its name, not its properties)."""
    if name in within:
        raise GenerationError(f"{name}: a recursive model ({' > '.join(within)})")
    model = models[name]
    tree: dict[str, Any] = {}
    for prop in (model.required_properties or []) + (model.optional_properties or []):
        inner = prop.inner_properties if isinstance(prop, UnionProperty) else [prop]
        objects = [p for p in inner if isinstance(p, ModelProperty)]
        merged: dict[str, Any] | None = None
        for part in objects:
            found = fields_of(part.class_info.name, models, (*within, name))
            merged = {**(merged or {}), **found}
        tree[prop.name.get_untrusted_value()] = merged
    return tree


def render_spec(ops: list[Op], document: dict[str, Any], spec: Path) -> str:
    lines = [
        f'"""{generated_by(spec)}',
        "",
        "The operations of the spec as data: the fake Models API validates requests",
        "with it, the command line builds its flags from it. Change the spec and run",
        "`make generate` instead of editing this file.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from ._operation import (",
        "    Direction,",
        "    ErrorStatus,",
        "    Fields,",
        "    Filter,",
        "    Operation,",
        "    Paging,",
        "    Parameter,",
        ")",
        "",
    ]
    for op in ops:
        if op.paging is not None:
            pg = op.paging
            forward = (
                f"Direction(cursor={pg['forward'][0]!r}, "
                f"next_cursor={pg['forward'][1]!r})"
            )
            backward = (
                f"Direction(cursor={pg['backward'][0]!r}, "
                f"next_cursor={pg['backward'][1]!r})"
                if "backward" in pg
                else "None"
            )
            lines += [
                f"{op.operation_id.upper()}_PAGING = Paging(results={pg['results']!r}, "
                f"has_more={pg['has_more']!r}, limit={pg['limit']!r}, "
                f"forward={forward}, backward={backward})",
                "",
            ]
    items = {op.item_class: op.fields for op in ops}
    lines += [
        "# The properties each class of served model declares, by wire name (an",
        "# object's: its own; others, arrays included: None). The fake serves each",
        "# operation's view of its catalogue by them.",
        "FIELDS: dict[str, Fields] = {",
        *[f"    {name!r}: {fields!r}," for name, fields in items.items()],
        "}",
        "",
    ]
    lines.append("OPERATIONS: dict[str, Operation] = {")
    for op in ops:
        paging = "None" if op.paging is None else f"{op.operation_id.upper()}_PAGING"
        lines += [
            f"    {op.operation_id!r}: Operation(",
            f"        operation_id={op.operation_id!r},",
            f"        method={op.http_method!r},",
            f"        path={op.path!r},",
            f"        query={op.query!r},",
            f"        resource={op.resource!r},",
            f"        name={op.name!r},",
            f"        summary={' '.join(str(op.raw.get('summary', '')).split())!r},",
            f"        description={description_of(op.raw)!r},",
            "        parameters=(",
            *[f"            {p.data()}," for p in op.params],
            "        ),",
            f"        paging={paging},",
            f"        item={op.item_class!r},",
            "    ),",
        ]
    lines.append("}")
    errors = error_statuses(ops, document)
    lines += [
        "",
        "# The documented error statuses: the exception class of each, and the error",
        "# its example shows.",
        "ERROR_STATUSES: dict[int, ErrorStatus] = {",
    ]
    for status, (exception, _, example, stands) in sorted(errors.items()):
        error = (example or {}).get("error", {})
        lines.append(
            f"    {status}: ErrorStatus(status={status}, exception={exception!r}, "
            f"error_type={error.get('type', '')!r}, "
            f"message={error.get('message', '')!r}, server_errors={stands!r}),"
        )
    lines.append("}")
    owned: dict[str, Any] = {}
    client: dict[str, tuple[str, str]] = {}
    for op in ops:
        for param in op.params:
            if param.owned:
                if "default" not in param.schema or param.location != "header":
                    raise GenerationError(f"{param.name}: owned needs a header default")
                if (
                    owned.setdefault(param.name, param.schema["default"])
                    != (param.schema["default"])
                ):
                    raise GenerationError(f"{param.name}: two defaults")
            if param.runtime.get("client"):
                client[param.argument] = (op.operation_id, param.name)
    lines += [
        "",
        "# The headers the runtime sends on every request (x-runtime: owned), with",
        "# their values.",
        f"OWNED_HEADERS: dict[str, str] = {owned!r}",
        "# The headers of the parameters Client(...) takes too that travel joined",
        "# (x-runtime: client, join), with their separator: the runtime merges the",
        "# client's values into each request's.",
        "CLIENT_LIST_HEADERS: dict[str, str] = {",
        *sorted(
            {
                f"    {p.name!r}: {p.join!r},"
                for op in ops
                for p in op.params
                if p.runtime.get("client") and p.join is not None
            }
        ),
        "}",
        "# The parameters Client(...) takes too (x-runtime: client), by argument.",
        "CLIENT_PARAMETERS: dict[str, Parameter] = {",
        *[
            f"    {argument!r}: OPERATIONS[{op_id!r}].parameter({name!r}),"
            for argument, (op_id, name) in sorted(client.items())
        ],
        "}",
    ]
    pagings = {repr(op.paging) for op in ops if op.paging is not None}
    first = next((op for op in ops if op.paging is not None), None)
    if first is not None and len(pagings) == 1:
        lines += [
            "",
            "# How every list operation of the spec pages (they all page alike).",
            f"PAGING = {first.operation_id.upper()}_PAGING",
        ]
    return "\n".join(lines) + "\n"


def error_codes(
    ops: list[Op], document: dict[str, Any]
) -> list[tuple[int, str, str, list[str]]]:
    """(status, error_code, exception, typed fields) of every documented code."""
    found: dict[tuple[int, str], tuple[str, list[str]]] = {}
    for op in ops:
        for code, node in op.raw.get("responses", {}).items():
            if not str(code).isdigit() or int(code) < 400:
                continue
            node = resolve(document, node)
            for error_code, spec in node.get("x-runtime", {}).get("codes", {}).items():
                entry = (
                    str(spec["exception"]),
                    [str(f) for f in spec.get("fields", [])],
                )
                if found.setdefault((int(code), error_code), entry) != entry:
                    raise GenerationError(f"{code} {error_code}: two exceptions")
    return [(s, c, e, f) for (s, c), (e, f) in sorted(found.items())]


def error_statuses(
    ops: list[Op], document: dict[str, Any]
) -> dict[int, tuple[str, str, Any, bool]]:
    """status -> (exception, description, example, stands for other 5XX)."""
    found: dict[int, tuple[str, str, Any, bool]] = {}
    for op in ops:
        for code, node in op.raw.get("responses", {}).items():
            if not str(code).isdigit() or int(code) < 400:
                continue
            node = resolve(document, node)
            runtime = node.get("x-runtime", {})
            if "exception" not in runtime:
                raise GenerationError(
                    f"{op.operation_id} {code}: x-runtime.exception is missing"
                )
            content = node.get("content", {}).get("application/json", {})
            entry = (
                str(runtime["exception"]),
                " ".join(str(node.get("description", "")).split()),
                content.get("example"),
                bool(runtime.get("server-errors")),
            )
            if found.setdefault(int(code), entry)[0] != entry[0]:
                raise GenerationError(f"{code}: two exception classes")
    return found


def render_errors(ops: list[Op], document: dict[str, Any], spec: Path) -> str:
    errors = error_statuses(ops, document)
    servers = [s for s, e in errors.items() if e[3]]
    if len(servers) != 1:
        raise GenerationError("exactly one error response needs server-errors: true")
    server = errors[servers[0]][0]
    lines = [
        f'"""{generated_by(spec)}',
        "",
        "One exception class per documented error status (x-runtime.exception), and",
        "the class of each status. Change the spec and run `make generate` instead",
        "of editing this file.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import ClassVar",
        "",
        "from .errors import APIStatusError",
        "",
        "__all__: list[str] = [",
        *sorted(
            [f"    {e[0]!r}," for e in errors.values()]
            + [f"    {c[2]!r}," for c in error_codes(ops, document)]
        ),
        "]",
    ]
    # The class standing for every 5XX first: the other 5xx classes derive from it.
    order = sorted(errors.items(), key=lambda item: (item[0] != servers[0], item[0]))
    for status, (exception, description, _, stands) in order:
        base = server if status >= 500 and not stands else "APIStatusError"
        text = f"{status}: {description}"
        if stands:
            text += " Also every 5XX status the spec does not document."
        wrapped = textwrap.wrap(text, 76)
        lines += ["", "", f"class {exception}({base}):", f'    """{wrapped[0]}']
        lines += [f"    {line}" for line in wrapped[1:]]
        lines[-1] += '"""'
    details = resolve(document, {"$ref": "#/components/schemas/ErrorDetails"})
    codes = error_codes(ops, document)
    for status, error_code, exception, fields in codes:
        base = errors[status][0]
        lines += [
            "",
            "",
            f"class {exception}({base}):",
            f'    """{status} with ``error.details.error_code`` ``{error_code}``."""',
        ]
        kinds = {}
        for field in fields:
            prop = details["properties"][field]
            kind = JSON_TYPES[prop["type"]]
            kinds[field] = kind
            said = textwrap.wrap(f"{description_of(prop)} None when not sent.", 76)
            said[0] = f'    """{said[0]}'
            said[-1] += '"""'
            lines += [
                "",
                f"    {field}: {kind} | None",
                said[0],
                *[f"    {line}" for line in said[1:]],
            ]
        if kinds:
            lines += [
                "",
                "    _DETAILS: ClassVar[dict[str, type]] = {"
                + ", ".join(f"{k!r}: {v}" for k, v in kinds.items())
                + "}",
            ]
    lines += [
        "",
        "",
        "# The exception of each documented (status, error.details.error_code).",
        "CODE_ERRORS: dict[tuple[int, str], type[APIStatusError]] = {",
        *[f"    ({status}, {code!r}): {exc}," for status, code, exc, _ in codes],
        "}",
        "",
        "STATUS_ERRORS: dict[int, type[APIStatusError]] = {",
        *[f"    {status}: {e[0]}," for status, e in sorted(errors.items())],
        "}",
        f"SERVER_ERROR: type[APIStatusError] = {server}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("config", type=Path)
    parser.add_argument("output", type=Path, help="the anthropic_models folder")
    args = parser.parse_args(None if argv is None else list(argv))
    try:
        ops, document, package = read(args.spec, args.config)
        outputs = {
            "_spec.py": render_spec(ops, document, args.spec),
            "_resources.py": render_resources(ops, args.spec, package),
            "_status_errors.py": render_errors(ops, document, args.spec),
        }
        for name, source in outputs.items():
            source = ruff(
                ["check", "--fix-only", "--quiet", "--no-cache"], source, package
            )
            source = ruff(["format", "--quiet", "--no-cache"], source, package)
            outputs[name] = source
    except (GenerationError, KeyError) as error:
        print(f"generate_resources: {error!r}", file=sys.stderr)
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    for name, source in outputs.items():
        (args.output / name).write_text(source, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
