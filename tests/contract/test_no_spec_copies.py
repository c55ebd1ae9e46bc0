"""No handwritten module repeats a fact of the spec: a parameter's name, a bound,
a stage (enum value) or a documented status.

Those facts are generated (``_spec``, ``_resources``, ``_status_errors``,
``_parsers``) and the handwritten runtime, fake and command line read them from
there. This test reads every fact from openapi.yaml's generated description and
looks for it, as a literal, in the syntax tree of every handwritten module of the
package: a string literal equal to a parameter's wire or Python name or to an
enum value of a parameter, an integer literal equal to a bound or default (0
and 1 are every program's numbers and are not looked for), or to a documented
status in the modules that map statuses.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs

from anthropic_models._parsers import PARSERS
from anthropic_models._spec import ERROR_STATUSES, OPERATIONS

PACKAGE = Path(__file__).resolve().parents[2] / "anthropic_models"
GENERATED = {"_spec.py", "_resources.py", "_status_errors.py", "_parsers.py"}
# Data, not code: the fake's catalogue of models (each says its stage).
DATA = {"testing/_catalogue.py"}
# The modules that map statuses (the exception classes, the fake's answers).
STATUS_MAPPERS = {"errors.py", "testing/_core.py"}
# The modules that held copies of the bounds before they were generated (the
# argument checks, the client, the command line, the fake): no number of the
# spec's bounds may appear there. Elsewhere a 20 or a 1000 is a pool size or a
# unit, not a page size.
BOUND_READERS = {"_arguments.py", "_client.py", "cli.py", "testing/_core.py"}


def _facts() -> tuple[set[str], set[int]]:
    names: set[str] = set()
    numbers: set[int] = set()
    for operation in OPERATIONS.values():
        for parameter in operation.parameters:
            names |= {parameter.name, parameter.argument, parameter.generated}
            names |= set(parameter.enum or ())
            for value in (
                parameter.minimum,
                parameter.maximum,
                parameter.min_length,
                parameter.max_length,
                parameter.min_items,
                parameter.max_items,
                parameter.default,
            ):
                if type(value) is int and value not in (0, 1):
                    numbers.add(value)
            if parameter.default is not None and type(parameter.default) is str:
                names.add(parameter.default)
    # A name that is also a property of a response (`lifecycle`, the filter's
    # argument and the model's field) is the response's word as much as the
    # parameter's: code that shows a model says it. Its wire name (`lifecycle[]`)
    # is still looked for.
    return names - RESPONSE_PROPERTIES, numbers


RESPONSE_PROPERTIES = {
    field.name for cls in PARSERS for field in attrs.fields(cls) if field.name
} | {field.name.rstrip("_") for cls in PARSERS for field in attrs.fields(cls)}


def _handwritten() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if path.name not in GENERATED
        and path.relative_to(PACKAGE).as_posix() not in DATA
    )


def _literals(path: Path) -> list[tuple[int, object]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, object]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) in (str, int):
            found.append((node.lineno, node.value))
    return found


def test_the_facts_looked_for_are_the_specs() -> None:
    names, numbers = _facts()
    # The scan would find nothing if the facts were empty: they are not.
    assert {"limit", "lifecycle[]", "anthropic-beta", "betas", "retired"} <= names
    assert "lifecycle" in RESPONSE_PROPERTIES and "lifecycle" not in names
    assert 1000 in numbers and 3 in numbers
    assert {400, 404, 529} <= set(ERROR_STATUSES)


def test_no_handwritten_module_repeats_a_parameter_a_bound_or_a_stage() -> None:
    names, numbers = _facts()
    copies = [
        f"{path.relative_to(PACKAGE)}:{line}: {value!r}"
        for path in _handwritten()
        for line, value in _literals(path)
        if (type(value) is str and value in names)
        or (
            type(value) is int
            and value in numbers
            and path.relative_to(PACKAGE).as_posix() in BOUND_READERS
        )
    ]
    assert copies == []


def test_no_handwritten_status_mapping_repeats_a_documented_status() -> None:
    copies = [
        f"{path.relative_to(PACKAGE)}:{line}: {value!r}"
        for path in _handwritten()
        if path.relative_to(PACKAGE).as_posix() in STATUS_MAPPERS
        for line, value in _literals(path)
        if type(value) is int and value in ERROR_STATUSES
    ]
    assert copies == []
