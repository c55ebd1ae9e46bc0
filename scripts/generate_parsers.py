"""Write the runtime's response parsers (anthropic_models/_parsers.py) from the spec.

    python scripts/generate_parsers.py SPEC CONFIG OUTPUT

Run by scripts/generate.sh (``make generate``, ``make check``). The spec is read by
openapi-python-client itself (the pinned generator, used as a library) with the
project's generator configuration, and every name is taken from what it parsed:
the JSON key of each property is the spec's (``property.name``), the attribute is
the generator's (``property.python_name``), and so are the class names (after
``class_overrides``), their order of ``__init__`` arguments and the package they
live in. Nothing is re-derived by a rule of thumb.

The output has one plain function per schema with its checks written out, so a
spec change shows up as a diff of how parsing changed. A construct the parsers
cannot check faithfully stops the generation with an error, never a parser that
lets values through unchecked.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openapi_python_client import Project, _get_document
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.properties import (
    AnyProperty,
    EnumProperty,
    ModelProperty,
)
from openapi_python_client.parser.properties.boolean import BooleanProperty
from openapi_python_client.parser.properties.const import ConstProperty
from openapi_python_client.parser.properties.datetime import DateTimeProperty
from openapi_python_client.parser.properties.float import FloatProperty
from openapi_python_client.parser.properties.int import IntProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.none import NoneProperty
from openapi_python_client.parser.properties.protocol import PropertyProtocol
from openapi_python_client.parser.properties.string import StringProperty
from openapi_python_client.parser.properties.union import UnionProperty

ROOT = Path(__file__).resolve().parents[1]
HELPERS = "anthropic_models._validation"


# Names every parser function uses besides its properties' own: its parameter
# and locals (the loop variables of nested arrays get a suffix: item_1, ...), and
# the builtins it calls. A property whose Python name is one of these (or a
# module-level name of the output) stops the generation.
LOCALS = frozenset({"payload", "present", "result", "invalid", "absent"})
LOOP_LOCALS = frozenset({"index", "item", "converted"})
BUILTINS = frozenset(
    {"type", "dict", "list", "str", "int", "float", "bool", "len", "enumerate"}
    | {"KeyError", "ValueError"}
)
# The JSON type of an enum's values. Every JSON type is told apart by
# `type(value) is T`, never isinstance: True is not an integer in JSON.
ENUM_KINDS: dict[type, str] = {str: "string", int: "integer"}


class GenerationError(Exception):
    """The spec uses a construct the parsers cannot check."""


def fail(where: str, problem: str) -> GenerationError:
    return GenerationError(f"{where}: {problem}")


def helper_names() -> frozenset[str]:
    """Every name the output may import from HELPERS: its ``__all__``, read from
    the source (importing the runtime would import the parsers being written)."""
    path = ROOT.joinpath(*HELPERS.split(".")).with_suffix(".py")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__"
            for target in node.targets
        ):
            return frozenset(ast.literal_eval(node.value))
    raise GenerationError(f"{path} has no __all__")


@dataclass
class Check:
    """How one value of a schema is checked (``v`` stands for its variable).

    ``test`` tells its JSON type (None: the statements in ``convert`` check it);
    ``refine`` is a condition that rejects a value of the right type (a wrong
    constant, an unknown enum value); ``convert`` are statements that turn the
    value into what ``from_dict`` builds (a datetime, an enum member, a model).
    """

    kind: str
    label: str
    test: str | None
    negated: str | None
    refine: str | None = None
    convert: list[str] = field(default_factory=list)
    enum_table: str | None = None  # an enum's table of members by value

    def render(self, name: str) -> Check:
        def fill(text: str | None) -> str | None:
            return None if text is None else text.replace("{v}", name)

        return Check(
            kind=self.kind,
            label=self.label,
            test=fill(self.test),
            negated=fill(self.negated),
            refine=fill(self.refine),
            convert=[line.replace("{v}", name) for line in self.convert],
            enum_table=self.enum_table,
        )


def type_check(kind: str, label: str, python_type: str) -> Check:
    return Check(
        kind,
        label,
        test=f"type({{v}}) is {python_type}",
        negated=f"type({{v}}) is not {python_type}",
    )


@dataclass
class Module:
    """What the output module imports and defines besides its parsers."""

    package: str
    classes: set[str] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)
    # Enum class name -> (the name of its table of members by value, value type).
    enum_tables: dict[str, tuple[str, str]] = field(default_factory=dict)
    uses_unset: bool = False

    def enum_table(self, enum: EnumProperty) -> str:
        name = enum.class_info.name
        self.classes.add(name)
        table = f"{enum.class_info.module_name.upper()}_BY_VALUE"
        self.enum_tables[name] = (table, enum.value_type.__name__)
        return table


def parser_name(model: ModelProperty) -> str:
    return f"parse_{model.class_info.module_name}"


def json_name(prop: PropertyProtocol) -> str:
    return prop.name.get_untrusted_value()


def init_order(model: ModelProperty) -> list[PropertyProtocol]:
    """The properties in the order of the generated class's ``__init__`` (the
    generator's model template declares required properties without a default
    first, then the rest)."""
    properties: list[PropertyProtocol] = [
        *(model.required_properties or []),
        *(model.optional_properties or []),
    ]
    first = [p for p in properties if p.default is None and p.required]
    return first + [p for p in properties if not (p.default is None and p.required)]


class Writer:
    def __init__(self, module: Module) -> None:
        self.module = module

    # ------------------------------------------------------------ one value

    def check(
        self, prop: PropertyProtocol, where: str, location: list[str], depth: int
    ) -> Check:
        """The check of one value of ``prop``'s schema; errors are located at
        ``location`` (Python expressions: keys and list indices)."""
        at = ", ".join(location)
        if isinstance(prop, BooleanProperty):
            return type_check("boolean", "a boolean", "bool")
        if isinstance(prop, IntProperty):
            return type_check("integer", "an integer", "int")
        if isinstance(prop, StringProperty):
            return type_check("string", "a string", "str")
        if isinstance(prop, FloatProperty):
            # JSON's number includes the integers; from_dict keeps an int as it is.
            return Check(
                "number",
                "a number",
                test="(type({v}) is float or type({v}) is int)",
                negated="type({v}) is not float and type({v}) is not int",
            )
        if isinstance(prop, NoneProperty):
            return Check("null", "null", test="{v} is None", negated="{v} is not None")
        if isinstance(prop, DateTimeProperty):
            # Inline, not a helper call per value: a page holds thousands.
            self.module.helpers |= {"rfc3339", "fromisoformat", "mismatch"}
            label = "an RFC 3339 date-time"
            return Check(
                "string",
                label,
                test="type({v}) is str",
                negated="type({v}) is not str",
                refine="rfc3339({v}) is None",
                convert=[
                    "try:",
                    # upper(): RFC 3339 allows a lower-case "t" and "z", which
                    # fromisoformat (3.11) refuses; the rest is ASCII digits.
                    "    {v} = fromisoformat({v}.upper())",
                    "except ValueError:  # an RFC 3339 shape, an impossible date",
                    f"    raise mismatch({label!r}, {{v}}, {at}) from None",
                ],
            )
        if isinstance(prop, ConstProperty):
            value = prop.value.raw_value
            if type(value) is not str:
                raise fail(where, f"a const of type {type(value).__name__}")
            # Only the string itself equals a string constant: no type test, and
            # the variable keeps the type the generated Literal annotation accepts.
            return Check(
                "string",
                repr(value),
                test=f"{{v}} == {value!r}",
                negated=f"{{v}} != {value!r}",
            )
        if isinstance(prop, EnumProperty):
            if prop.value_type not in ENUM_KINDS:
                raise fail(where, f"an enum of {prop.value_type.__name__} values")
            table = self.module.enum_table(prop)
            values = list(prop.values.values())
            checked = type_check(
                ENUM_KINDS[prop.value_type],
                f"one of {values!r}",
                prop.value_type.__name__,
            )
            checked.refine = f"{{v}} not in {table}"
            checked.convert = [f"{{v}} = {table}[{{v}}]"]
            checked.enum_table = table
            return checked
        if isinstance(prop, ModelProperty):
            self.module.classes.add(prop.class_info.name)
            self.module.helpers.add("InvalidPayload")
            return Check(
                "object",
                "an object",
                test="type({v}) is dict",
                negated=None,
                convert=[
                    "try:",
                    f"    {{v}} = {parser_name(prop)}({{v}})",
                    "except InvalidPayload as invalid:",
                    f"    invalid.at({at})",
                    "    raise",
                ],
            )
        if isinstance(prop, ListProperty):
            return self.list_check(prop, where, location, depth)
        if isinstance(prop, UnionProperty):
            return self.union_check(prop, where, location, depth)
        if isinstance(prop, AnyProperty):
            return Check("any", "anything", test=None, negated=None)
        raise fail(where, f"no parser for a {type(prop).__name__}")

    def list_check(
        self, prop: ListProperty, where: str, location: list[str], depth: int
    ) -> Check:
        at = ", ".join(location)
        inner = prop.inner_property
        checked = type_check("array", "an array", "list")
        if isinstance(inner, ModelProperty):
            # The common case, a list of objects: one comprehension, and only on
            # failure a second walk to find which item it was.
            self.module.classes.add(inner.class_info.name)
            self.module.helpers |= {"InvalidPayload", "failing_index"}
            parse = parser_name(inner)
            checked.convert = [
                "try:",
                f"    {{v}} = [{parse}(item) for item in {{v}}]",
                "except InvalidPayload as invalid:",
                f"    invalid.at({at}, failing_index({parse}, {{v}}))",
                "    raise",
            ]
            return checked
        suffix = "" if depth == 0 else f"_{depth}"
        item, index = f"item{suffix}", f"index{suffix}"
        item_check = self.check(inner, f"{where}[]", [*location, index], depth + 1)
        if item_check.kind == "any":
            return checked
        body = self.statements(item_check, item, [*location, index])
        if item_check.convert:
            converted = f"converted{suffix}"
            checked.convert = [
                f"{converted} = []",
                f"for {index}, {item} in enumerate({{v}}):",
                *indent(body),
                f"    {converted}.append({item})",
                f"{{v}} = {converted}",
            ]
        else:
            checked.convert = [
                f"for {index}, {item} in enumerate({{v}}):",
                *indent(body),
            ]
        return checked

    def union_check(
        self, prop: UnionProperty, where: str, location: list[str], depth: int
    ) -> Check:
        members = [
            self.check(inner, where, location, depth) for inner in prop.inner_properties
        ]
        by_kind: dict[str, list[Check]] = {}
        for member in members:
            by_kind.setdefault(member.kind, []).append(member)
        if "any" in by_kind or ("number" in by_kind and "integer" in by_kind):
            raise fail(where, "a union whose members overlap")
        checks: list[Check] = []
        for kind, same in by_kind.items():
            if len(same) == 1:
                checks.append(same[0])
                continue
            labels = sorted(m.label for m in same)
            tables = [m.enum_table for m in same if m.enum_table]
            plain = [m for m in same if m.label == "a string"]
            if kind == "string" and len(same) == 2 and len(tables) == len(plain) == 1:
                # An open enum (`anyOf: [enum, string]`): a known value becomes the
                # enum member, any other string stays a string, as from_dict does.
                checks.append(
                    Check(
                        "string",
                        "a string",
                        test="type({v}) is str",
                        negated="type({v}) is not str",
                        convert=[f"{{v}} = {tables[0]}.get({{v}}, {{v}})"],
                    )
                )
                continue
            raise fail(
                where, f"a union of {' and '.join(labels)}: cannot tell them apart"
            )
        if len(checks) == 1:  # an open enum alone
            return checks[0]
        label = " or ".join(c.label for c in checks)
        if all(not c.refine and not c.convert and c.negated for c in checks):
            # Plain JSON types only (`None | str`): one condition.
            return Check(
                "union",
                label,
                test=None,
                negated=" and ".join(str(c.negated) for c in checks),
            )
        at = ", ".join(location)
        lines: list[str] = []
        for number, member in enumerate(checks):
            lines.append(f"{'if' if number == 0 else 'elif'} {member.test}:")
            body: list[str] = []
            if member.refine:
                body += [
                    f"if {member.refine}:",
                    f"    raise mismatch({member.label!r}, {{v}}, {at})",
                ]
            body += member.convert
            lines += indent(body or ["pass"])
        self.module.helpers.add("mismatch")
        lines += ["else:", f"    raise mismatch({label!r}, {{v}}, {at})"]
        return Check("union", label, test=None, negated=None, convert=lines)

    def statements(self, checked: Check, name: str, location: list[str]) -> list[str]:
        """The statements that check (and convert) the variable ``name``."""
        checked = checked.render(name)
        at = ", ".join(location)
        lines: list[str] = []
        conditions = [c for c in (checked.negated, checked.refine) if c]
        if conditions:
            self.module.helpers.add("mismatch")
            lines += [
                f"if {' or '.join(conditions)}:",
                f"    raise mismatch({checked.label!r}, {name}, {at})",
            ]
        return lines + checked.convert

    # ----------------------------------------------------------- one schema

    def parser(self, model: ModelProperty, reserved: frozenset[str]) -> list[str]:
        name = model.class_info.name
        self.module.classes.add(name)
        self.module.helpers.add("mismatch")
        properties = init_order(model)
        for prop in properties:
            stem, _, suffix = prop.python_name.rpartition("_")
            loop_local = prop.python_name in LOOP_LOCALS or (
                stem in LOOP_LOCALS and suffix.isdigit()
            )
            if prop.python_name in reserved or loop_local:
                raise fail(
                    f"{name}.{json_name(prop)}",
                    f"its Python name {prop.python_name!r} is also a name the "
                    "parser uses; rename a local in scripts/generate_parsers.py",
                )
        required = [p for p in properties if p.required]
        optional = [p for p in properties if not p.required]
        lines = [
            f"def {parser_name(model)}(payload: object) -> {name}:",
            # Short enough for 88 columns with the longest class name of the spec.
            f'    """A {name} from decoded JSON, checked against the spec."""',
            "    if type(payload) is not dict:",
            '        raise mismatch("an object", payload)',
        ]
        if required:
            self.module.helpers.add("missing")
            lines.append("    try:")
            lines += [
                f"        {p.python_name} = payload[{json_name(p)!r}]" for p in required
            ]
            lines += [
                "    except KeyError as absent:",
                "        raise missing(absent) from None",
            ]
        for prop in required:
            where = f"{name}.{json_name(prop)}"
            checked = self.check(prop, where, [repr(json_name(prop))], 0)
            lines += indent(
                self.statements(checked, prop.python_name, [repr(json_name(prop))])
            )
        # How many known properties the payload holds: when that is all it holds,
        # it has no others (cheaper than a set operation per object).
        present = "present" if optional else str(len(required))
        if optional:
            lines.append(f"    present = {len(required)}")
        for prop in optional:
            self.module.uses_unset = True
            where = f"{name}.{json_name(prop)}"
            var = prop.python_name
            checked = self.check(prop, where, [repr(json_name(prop))], 0)
            lines += [
                f"    {var} = payload.get({json_name(prop)!r}, UNSET)",
                f"    if {var} is not UNSET:",
                "        present += 1",
            ]
            lines += indent(self.statements(checked, var, [repr(json_name(prop))]), 2)
        arguments = ", ".join(p.python_name for p in properties)
        lines.append(f"    result = {name}({arguments})")
        known = "{" + ", ".join(repr(json_name(p)) for p in properties) + "}"
        extra = model.additional_properties
        if extra is None:
            # `additionalProperties: false`: the class has nowhere to keep them.
            self.module.helpers.add("unexpected")
            lines += [
                f"    if len(payload) != {present}:",
                f"        raise unexpected(payload, {known})",
            ]
        elif isinstance(extra, AnyProperty):
            lines += [
                f"    if len(payload) != {present}:",
                "        result.additional_properties = {",
                "            key: value",
                "            for key, value in payload.items()",
                f"            if key not in {known}",
                "        }",
            ]
        else:
            raise fail(name, "additionalProperties with a schema")
        lines.append("    return result")
        return lines


def indent(lines: Iterable[str], levels: int = 1) -> list[str]:
    return [("    " * levels + line) if line else line for line in lines]


def load(spec: Path, config_path: Path) -> tuple[GeneratorData, Config, str]:
    """The spec as openapi-python-client parses it for generation."""
    config = Config.from_sources(
        ConfigFile.load_from_path(config_path),
        MetaType.NONE,
        spec,
        "utf-8",
        overwrite=True,
        output_path=None,
    )
    # The generator's own reading of the file (a private function of the pinned
    # 0.29.1): the parsers see exactly the document the generated classes came from.
    document = _get_document(source=spec, timeout=config.http_timeout)
    if not isinstance(document, dict):
        raise GenerationError(f"{spec}: {document.header} {document.detail or ''}")
    data = GeneratorData.from_dict(document, config=config)
    if not isinstance(data, GeneratorData):
        raise GenerationError(f"{spec}: {data.header} {data.detail or ''}")
    package = Project(openapi=data, config=config).package_name
    return data, config, package


def render(spec: Path, config_path: Path) -> tuple[str, str]:
    """The module's source (before formatting) and the generated package's name."""
    data, _, package = load(spec, config_path)
    module = Module(package=package)
    writer = Writer(module)
    models = sorted(data.models, key=lambda m: m.class_info.module_name)
    module_names = {parser_name(m) for m in models} | {
        m.class_info.name for m in models
    }
    module_names |= {e.class_info.name for e in data.enums}
    module_names |= {f"{e.class_info.module_name.upper()}_BY_VALUE" for e in data.enums}
    helpers = helper_names()
    module_names |= helpers | {"UNSET", "PARSERS"}
    reserved = LOCALS | BUILTINS | module_names
    functions = [writer.parser(model, reserved) for model in models]
    if not module.helpers <= helpers:
        raise GenerationError(f"{HELPERS} lacks {sorted(module.helpers - helpers)}")

    lines = [
        f'"""Generated by scripts/generate_parsers.py from {spec.name} — do not edit.',
        "",
        "The response parsers, one function per schema. Each checks a decoded JSON",
        f"value against the spec and builds the same {package} instance as the",
        "generated ``from_dict`` (extra properties included), or raises",
        f"InvalidPayload naming the place of the problem. Change {spec.name} (or",
        "the generator) and run `make generate` instead of editing this file.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Callable",
        "from typing import Any",
        "",
        f"from {package}.models import (",
        *[f"    {name}," for name in sorted(module.classes)],
        ")",
    ]
    if module.uses_unset:
        lines.append(f"from {package}.types import UNSET")
    lines += [
        f"from {HELPERS} import (",
        *[f"    {name}," for name in sorted(module.helpers)],
        ")",
        "",
    ]
    for enum_class, (table, value_type) in sorted(module.enum_tables.items()):
        lines.append(
            f"{table}: dict[{value_type}, {enum_class}] = "
            f"{{member.value: member for member in {enum_class}}}"
        )
    for function in functions:
        lines += ["", "", *function]
    lines += [
        "",
        "",
        "# The parser of each generated class.",
        "PARSERS: dict[type[Any], Callable[[object], Any]] = {",
        *[f"    {m.class_info.name}: {parser_name(m)}," for m in models],
        "}",
        "",
    ]
    return "\n".join(lines), package


def ruff(arguments: Sequence[str], source: str, package: str) -> str:
    """``source`` through the pinned ruff, with the project's configuration.
    Which imports are first-party is said explicitly: ruff would otherwise guess
    it from the folders around the working directory, and a generation into a
    scratch copy (``make check``) would sort the imports differently."""
    first_party = [HELPERS.split(".")[0], package]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            *arguments,
            "--config",
            str(ROOT / "pyproject.toml"),
            "--config",
            f"lint.isort.known-first-party = {first_party!r}",
            "-",
        ],
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise GenerationError(f"ruff {' '.join(arguments)} failed:\n{result.stderr}")
    return result.stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", type=Path, help="the OpenAPI document")
    parser.add_argument(
        "config", type=Path, help="openapi-python-client's configuration"
    )
    parser.add_argument("output", type=Path, help="the Python module to write")
    args = parser.parse_args(argv)
    try:
        source, package = render(args.spec, args.config)
        source = ruff(["check", "--fix-only", "--quiet", "--no-cache"], source, package)
        source = ruff(["format", "--quiet", "--no-cache"], source, package)
    except GenerationError as error:
        print(f"generate_parsers: {error}", file=sys.stderr)
        return 1
    args.output.write_text(source, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
