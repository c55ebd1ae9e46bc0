"""Response validation derived from the generated types.

The generated ``from_dict`` methods trust their input: ``"has_more": "false"`` is
kept as a (truthy) string, ``"id": 123`` as an int, a missing key raises a bare
``KeyError``. Here each generated attrs class gets a *parser*, compiled once from
its type annotations (as attrs compiles ``__init__`` from its fields): one pass
over the decoded JSON that checks every field against its annotation, converts
what ``from_dict`` converts (date-times, enums, nested models) and builds the
same generated instance, extra properties included. No check is written per
field, so a spec change carries through regeneration; an annotation the compiler
does not know fails loudly when the parser is built, never silently at run time.
The tests prove ``parse(cls, payload) == cls.from_dict(payload)`` on payloads
generated from the spec.

Why not ``from_dict`` plus a check: for a page of 1,000 models, ``from_dict``
alone costs four times ``json.loads`` of the page; a separate validation pass
would add more. Compiling both into one pass costs less than ``from_dict`` alone.
"""

from __future__ import annotations

import datetime
import enum
import itertools
import re
import textwrap
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

import generated_client.models
from generated_client.types import UNSET, Unset

__all__ = ["InvalidPayload", "parse", "parser_for"]


ModelT = TypeVar("ModelT")


class InvalidPayload(Exception):
    """A payload that does not fit its generated type.

    ``path`` locates the problem (``["data", "[3]", "id"]``) and is filled in as
    the error travels out of nested parsers.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str] = []

    def __str__(self) -> str:
        where = ".".join(self.path).replace(".[", "[")
        return f"{where}: {self.problem}" if where else self.problem


# RFC 3339 date-time, the spec's `format: date-time`. datetime.fromisoformat (what
# the generated code uses) also takes a bare date or a time without an offset,
# which the spec does not allow.
_RFC3339 = re.compile(
    r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)\Z", re.ASCII
)

_PARSERS: dict[type, Callable[[object], Any]] = {}


def parse(cls: type[ModelT], payload: object) -> ModelT:
    """Check ``payload`` against ``cls``'s annotations and build the instance;
    raise :class:`InvalidPayload` when it does not fit."""
    parser = _PARSERS.get(cls)
    if parser is None:
        parser = parser_for(cls)
    result: ModelT = parser(payload)
    return result


def parser_for(cls: type) -> Callable[[object], Any]:
    """The compiled parser of a generated attrs class (built once, then cached)."""
    parser = _PARSERS.get(cls)
    if parser is None:
        _Compiler().compile_class(cls)
        parser = _PARSERS[cls]
    return parser


def json_key(attribute: str) -> str:
    """The JSON key of a generated attribute: the generator appends ``_`` to names
    that would shadow a Python builtin or keyword (``type`` becomes ``type_``)."""
    return attribute[:-1] if attribute.endswith("_") else attribute


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fail(expected: str, value: object) -> InvalidPayload:
    return InvalidPayload(f"expected {expected}, got {_describe(value)}")


def _at(error: InvalidPayload, key: object) -> InvalidPayload:
    """``error``, located under ``key`` (None: where it is)."""
    if key is not None:
        error.path.insert(0, str(key))
    return error


def _is_enum(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def _is_union(annotation: object) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


# Scalars checked with `type(v) is T`, not isinstance: True is not an integer.
_SCALARS: dict[object, str] = {
    str: "a string",
    int: "an integer",
    bool: "a boolean",
    type(None): "null",
}


class _Compiler:
    """Turns annotations into Python source, then into functions (``exec``)."""

    _ids = itertools.count()

    def __init__(self) -> None:
        self._compiling: set[type] = set()
        self.namespace: dict[str, Any] = {
            "_fail": _fail,
            "_at": _at,
            "_Invalid": InvalidPayload,
            "_UNSET": UNSET,
            "_rfc3339": _RFC3339.match,
            "_fromiso": datetime.datetime.fromisoformat,
            "_parsers": _PARSERS,
        }

    def _name(self, prefix: str, value: object) -> str:
        name = f"_{prefix}{next(self._ids)}"
        self.namespace[name] = value
        return name

    def compile_class(self, cls: type) -> None:
        if not attrs.has(cls):
            raise TypeError(f"{cls!r} is not a generated attrs model")
        self._compiling.add(cls)
        hints = typing.get_type_hints(cls, localns=vars(generated_client.models))
        fields = [f for f in attrs.fields(cls) if f.name != "additional_properties"]
        keeps_extra = any(f.name == "additional_properties" for f in attrs.fields(cls))
        known = self._name("known", frozenset(json_key(f.name) for f in fields))
        required = sum(1 for f in fields if Unset not in typing.get_args(hints[f.name]))
        body = [
            "    if type(d) is not dict:",
            "        raise _fail('an object', d)",
            # How many known keys the payload holds: when that is all it holds,
            # it has no extra properties (cheaper than a set operation per model).
            f"    present = {required}",
        ]
        for field in fields:
            annotation = hints[field.name]
            members = typing.get_args(annotation) if _is_union(annotation) else ()
            key = json_key(field.name)
            var = f"f_{field.name}"
            if Unset in members:
                rest = tuple(m for m in members if m is not Unset)
                inner = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
                body += [
                    f"    {var} = d.get({key!r}, _UNSET)",
                    f"    if {var} is not _UNSET:",
                    "        present += 1",
                ]
                body += self._convert(inner, var, key, "        ")
            else:
                missing = f"missing required field {key!r}"
                body += [
                    "    try:",
                    f"        {var} = d[{key!r}]",
                    "    except KeyError:",
                    f"        raise _Invalid({missing!r}) from None",
                ]
                body += self._convert(annotation, var, key, "    ")
        # Positional arguments where attrs allows them: the cheaper call.
        arguments = ", ".join(
            f"{f.alias}=f_{f.name}" if f.kw_only else f"f_{f.name}" for f in fields
        )
        body.append(f"    obj = {self._name('cls', cls)}({arguments})")
        if keeps_extra:
            body += [
                "    if len(d) != present:",
                f"        obj.additional_properties = "
                f"{{k: v for k, v in d.items() if k not in {known}}}",
            ]
        body.append("    return obj")
        function_name = f"parse_{cls.__name__}"
        source = f"def {function_name}(d):\n" + "\n".join(body)
        _PARSERS[cls] = self._define(function_name, source)

    def _define(self, name: str, source: str) -> Callable[[object], Any]:
        exec(compile(source, f"<parser {name}>", "exec"), self.namespace)
        function: Callable[[object], Any] = self.namespace[name]
        return function

    def _convert(self, annotation: Any, var: str, key: str, indent: str) -> list[str]:
        """Statements that check ``var`` and replace it with its converted value;
        errors get ``key`` prepended to their path. The common simple cases are
        written inline (a function call per field and model adds up over a page
        of 1,000 models); the rest call a compiled check."""
        inline = self._inline(annotation, var, repr(key))
        if inline is not None:
            return [indent + line for line in inline]
        check = self._expression(annotation)
        if check is None:
            return [f"{indent}pass"]
        return [
            f"{indent}try:",
            f"{indent}    {var} = {check}({var})",
            f"{indent}except _Invalid as error:",
            f"{indent}    error.path.insert(0, {key!r})",
            f"{indent}    raise",
        ]

    def _inline(self, annotation: Any, v: str, key: str) -> list[str] | None:
        """Inline statements for a scalar, a date-time, a constant or an open
        enum; None for anything else."""
        if annotation in _SCALARS:
            expected = self._name("type", annotation)
            label = _SCALARS[annotation]
            return [
                f"if type({v}) is not {expected}:",
                f"    raise _at(_fail({label!r}, {v}), {key})",
            ]
        if annotation is datetime.datetime:
            return [
                f"if type({v}) is not str or _rfc3339({v}) is None:",
                f"    raise _at(_fail('an RFC 3339 date-time', {v}), {key})",
                "try:",
                # upper(): RFC 3339 allows a lower-case "z", which fromisoformat
                # (3.11) refuses; the rest is ASCII digits.
                f"    {v} = _fromiso({v}.upper())",
                "except ValueError:",
                f"    raise _at(_fail('an RFC 3339 date-time', {v}), {key}) from None",
            ]
        if typing.get_origin(annotation) is typing.Literal:
            allowed = typing.get_args(annotation)
            if len(allowed) == 1 and type(allowed[0]) is str:
                (value,) = allowed
                return [
                    f"if type({v}) is not str or {v} != {value!r}:",
                    f"    raise _at(_fail({value!r}, {v}), {key})",
                ]
        if _is_union(annotation):
            members = typing.get_args(annotation)
            if all(m in _SCALARS for m in members):  # `None | str`, for one
                mismatches = " and ".join(
                    f"type({v}) is not {self._name('type', m)}" for m in members
                )
                label = " or ".join(_SCALARS[m] for m in members)
                return [
                    f"if {mismatches}:",
                    f"    raise _at(_fail({label!r}, {v}), {key})",
                ]
            enums = [m for m in members if _is_enum(m)]
            if len(members) == 2 and str in members and len(enums) == 1:
                # An open enum (`anyOf: [enum, string]`): a known value becomes the
                # enum member, any other string stays a string, as in from_dict.
                lookup = self._name("members", enums[0]._value2member_map_)
                return [
                    f"if type({v}) is not str:",
                    f"    raise _at(_fail('a string', {v}), {key})",
                    f"{v} = {lookup}.get({v}, {v})",
                ]
        return None

    def _expression(self, annotation: Any) -> str | None:
        """The name of a function that checks and converts a value of this
        annotation, or None when any value goes."""
        if annotation is Any or annotation is object:
            return None
        inline = self._inline(annotation, "v", "None")
        if inline is not None:
            return self._function("\n".join([*inline, "return v"]))
        if annotation is float:
            return self._function(
                """
                if type(v) is not float and type(v) is not int:
                    raise _fail("a number", v)
                return v
                """
            )
        if attrs.has(annotation):
            if annotation in self._compiling:
                # A model that contains itself: look its parser up when called.
                cls = self._name("cls", annotation)
                return self._function(f"return _parsers[{cls}](v)")
            if annotation not in _PARSERS:
                self.compile_class(annotation)
            return self._name("parser", _PARSERS[annotation])
        if _is_enum(annotation):
            members = self._name("enum", annotation)
            expected = f"one of {[member.value for member in annotation]}"
            return self._function(
                f"""
                try:
                    return {members}(v)
                except (ValueError, TypeError):
                    raise _fail({expected!r}, v) from None
                """
            )
        origin = typing.get_origin(annotation)
        if origin is typing.Literal:
            allowed = typing.get_args(annotation)
            values = self._name("allowed", allowed)
            return self._function(
                f"""
                for allowed in {values}:
                    if type(v) is type(allowed) and v == allowed:
                        return v
                raise _fail({f"one of {list(allowed)!r}"!r}, v)
                """
            )
        if origin is list:
            (item,) = typing.get_args(annotation)
            item_check = self._expression(item)
            if item_check is None:
                return self._function(
                    """
                    if type(v) is not list:
                        raise _fail("an array", v)
                    return v
                    """
                )
            return self._function(
                f"""
                if type(v) is not list:
                    raise _fail("an array", v)
                try:
                    return [{item_check}(x) for x in v]
                except _Invalid as error:
                    # Only on failure: find which item it was.
                    for index, x in enumerate(v):
                        try:
                            {item_check}(x)
                        except _Invalid:
                            error.path.insert(0, f"[{{index}}]")
                            break
                    raise
                """
            )
        if origin is dict:
            return self._function(
                """
                if type(v) is not dict:
                    raise _fail("an object", v)
                return v
                """
            )
        if _is_union(annotation):
            return self._union(typing.get_args(annotation))
        raise TypeError(f"the response parser cannot check {annotation!r}")

    def _union(self, members: tuple[Any, ...]) -> str | None:
        if all(
            m in _SCALARS or typing.get_origin(m) is typing.Literal for m in members
        ):
            checks = [self._expression(m) for m in members]
            alternatives = self._name(
                "alternatives", tuple(self.namespace[c] for c in checks if c)
            )
            expected = " or ".join(_SCALARS.get(m, repr(m)) for m in members)
            return self._function(
                f"""
                for check in {alternatives}:
                    try:
                        return check(v)
                    except _Invalid:
                        pass
                raise _fail({expected!r}, v)
                """
            )
        raise TypeError(f"the response parser cannot check the union {members!r}")

    def _function(self, body: str) -> str:
        """Define ``def _checkN(v): <body>`` and return its name."""
        name = f"_check{next(self._ids)}"
        indented = textwrap.indent(textwrap.dedent(body).strip(), "    ")
        self._define(name, f"def {name}(v):\n{indented}\n")
        return name
