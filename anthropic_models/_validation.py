"""Response validation derived from the generated types.

The generated ``from_dict`` methods trust their input: ``"has_more": "false"`` is
kept as a (truthy) string, ``"id": 123`` as an int, a missing key raises a bare
``KeyError``. Here each generated attrs class gets a *plan*, built once from its
type annotations (so a spec change carries through regeneration, with no check
written per field): a function that checks a decoded JSON value against the
annotations before ``from_dict`` builds the instance. The plan checks only what
``from_dict`` leaves unchecked; ``from_dict`` itself still parses date-times and
enforces ``const`` values, and any exception it raises becomes a
``ResponseValidationError`` too.
"""

from __future__ import annotations

import datetime
import enum
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Protocol, Self, TypeVar

import attrs

import generated_client.models
from generated_client.types import Unset

# A check returns None when the value fits, else a description of the problem.
Check = Callable[[object], str | None]


class FromDict(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


ModelT = TypeVar("ModelT", bound=FromDict)

_PLANS: dict[type, Check] = {}

# RFC 3339 date-time, the spec's `format: date-time`. datetime.fromisoformat (used
# by the generated code) also takes a bare date or a time without an offset, which
# the spec does not allow.
_RFC3339 = re.compile(
    r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)\Z", re.ASCII
)


class InvalidPayload(Exception):
    """Raised by :func:`parse`; the caller turns it into ResponseValidationError."""


def parse(cls: type[ModelT], payload: object) -> ModelT:
    """Validate ``payload`` against ``cls``'s annotations and build the instance."""
    check = _PLANS.get(cls)
    if check is None:
        check = _PLANS[cls] = _class_check(cls)
    problem = check(payload)
    if problem is not None:
        raise InvalidPayload(problem)
    try:
        return cls.from_dict(typing.cast(Mapping[str, Any], payload))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidPayload(f"{cls.__name__}: {type(exc).__name__}: {exc}") from exc


def json_key(attribute: str) -> str:
    """The JSON key of a generated attribute: the generator appends ``_`` to names
    that would shadow a Python builtin or keyword (``type`` becomes ``type_``)."""
    return attribute[:-1] if attribute.endswith("_") else attribute


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _class_check(cls: type) -> Check:
    """The plan of an attrs class: a dict whose known keys pass their checks."""
    hints = typing.get_type_hints(cls, localns=vars(generated_client.models))
    fields: list[tuple[str, bool, Check | None]] = []
    for field in attrs.fields(cls):
        if field.name == "additional_properties":
            continue
        annotation = hints[field.name]
        members = typing.get_args(annotation) if _is_union(annotation) else ()
        required = Unset not in members
        if not required:
            rest = [member for member in members if member is not Unset]
            annotation = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        fields.append((json_key(field.name), required, _check_for(annotation)))
    name = cls.__name__

    def check(value: object) -> str | None:
        if type(value) is not dict:
            return f"{name}: expected an object, got {_describe(value)}"
        for key, required, field_check in fields:
            if key in value:
                if field_check is not None:
                    problem = field_check(value[key])
                    if problem is not None:
                        return f"{name}.{key}: {problem}"
            elif required:
                return f"{name}: missing required field {key!r}"
        return None

    return check


def _is_union(annotation: object) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _check_for(annotation: Any) -> Check | None:
    """A check for one annotation, or None when anything goes."""
    if annotation is str:
        return _typed(str, "a string")
    if annotation is bool:
        return _typed(bool, "a boolean")
    if annotation is int:
        return _typed(int, "an integer")
    if annotation is float:
        return _number
    if annotation is datetime.datetime:
        return _date_time
    if annotation is type(None):
        return _typed(type(None), "null")
    if attrs.has(annotation):
        return _nested(annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        allowed = frozenset(member.value for member in annotation)
        return _one_of(allowed)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return _one_of(frozenset(typing.get_args(annotation)))
    if origin is list:
        (item,) = typing.get_args(annotation)
        return _list_of(_check_for(item))
    if origin is dict:
        return _typed(dict, "an object")
    if _is_union(annotation):
        return _any_of([_check_for(member) for member in typing.get_args(annotation)])
    return None


def _typed(expected: type, label: str) -> Check:
    def check(value: object) -> str | None:
        # `type(...) is`, not isinstance: True is not an integer here.
        if type(value) is expected:
            return None
        return f"expected {label}, got {_describe(value)}"

    return check


def _number(value: object) -> str | None:
    if type(value) in (int, float):
        return None
    return f"expected a number, got {_describe(value)}"


def _date_time(value: object) -> str | None:
    if type(value) is str and _RFC3339.match(value):
        return None
    return f"expected an RFC 3339 date-time, got {_describe(value)}"


def _one_of(allowed: frozenset[object]) -> Check:
    def check(value: object) -> str | None:
        if type(value) in (str, int, float, bool) and value in allowed:
            return None
        return f"expected one of {sorted(map(str, allowed))}, got {_describe(value)}"

    return check


def _nested(cls: type) -> Check:
    def check(value: object) -> str | None:
        plan = _PLANS.get(cls)
        if plan is None:
            plan = _PLANS[cls] = _class_check(cls)
        return plan(value)

    return check


def _list_of(item_check: Check | None) -> Check:
    def check(value: object) -> str | None:
        if type(value) is not list:
            return f"expected an array, got {_describe(value)}"
        if item_check is not None:
            for index, item in enumerate(value):
                problem = item_check(item)
                if problem is not None:
                    return f"[{index}]: {problem}"
        return None

    return check


def _any_of(checks: list[Check | None]) -> Check | None:
    if any(check is None for check in checks):
        return None  # one member accepts anything (an open enum's `str` does not)
    concrete = [check for check in checks if check is not None]

    def check(value: object) -> str | None:
        problems = [member(value) for member in concrete]
        if any(problem is None for problem in problems):
            return None
        return " or ".join(str(problem) for problem in problems)

    return check
