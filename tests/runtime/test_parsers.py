"""The response parsers are generated code on disk (anthropic_models/_parsers.py):
nothing in the package writes and runs source at run time, an error names the
place of the problem, and a traceback through a parser shows its source lines."""

from __future__ import annotations

import ast
import linecache
import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest

import anthropic_models
from anthropic_models import Client, ResponseValidationError
from anthropic_models._parsers import (
    PARSERS,
    parse_list_models_response,
    parse_model_info,
)
from anthropic_models._validation import InvalidPayload
from generated_client.models import ListModelsResponse, ModelInfo

PACKAGE = Path(anthropic_models.__file__).parent
PARSERS_FILE = PACKAGE / "_parsers.py"
FORBIDDEN = {"exec", "eval", "compile", "__import__"}


def a_model(model_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "id": model_id,
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": model_id.title(),
        "type": "model",
        **changes,
    }


def a_page(models: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "data": models,
        "first_id": models[0]["id"],
        "last_id": models[-1]["id"],
        "has_more": False,
    }


def forbidden_calls(source: str, filename: str) -> list[str]:
    """Calls of exec, eval, compile or __import__ (as a name or as builtins.X)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id in FORBIDDEN:
            found.append(f"{filename}:{node.lineno}: {function.id}()")
        if (
            isinstance(function, ast.Attribute)
            and function.attr in FORBIDDEN
            and isinstance(function.value, ast.Name)
            and function.value.id == "builtins"
        ):
            found.append(f"{filename}:{node.lineno}: builtins.{function.attr}()")
    return found


def test_the_package_never_calls_exec_eval_or_compile() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert PARSERS_FILE in files
    found = [
        problem
        for path in files
        for problem in forbidden_calls(path.read_text(encoding="utf-8"), str(path))
    ]
    assert found == []


def test_the_forbidden_call_check_finds_each_form() -> None:
    source = "exec('x = 1')\nbuiltins.eval('1')\ncompile('1', 'f', 'eval')\n"
    assert len(forbidden_calls(source, "f.py")) == 3
    assert forbidden_calls("import re\nre.compile('x')\n", "f.py") == []


def test_every_parser_is_a_function_of_the_generated_module() -> None:
    assert set(PARSERS) >= {ModelInfo, ListModelsResponse}
    for cls, parse in PARSERS.items():
        assert parse.__module__ == "anthropic_models._parsers"
        assert parse.__code__.co_filename == str(PARSERS_FILE)
        assert parse.__annotations__["return"] == cls.__name__


def test_an_error_names_the_item_and_the_field() -> None:
    models = [a_model(f"m{i}") for i in range(5)]
    models[3]["created_at"] = "2025-13-45T00:00:00Z"
    with pytest.raises(InvalidPayload) as raised:
        parse_list_models_response(a_page(models))
    assert str(raised.value) == (
        "data[3].created_at: expected an RFC 3339 date-time, got '2025-13-45T00:00:00Z'"
    )
    assert raised.value.path == ["data", 3, "created_at"]


def test_the_client_reports_the_place_in_its_validation_error() -> None:
    models = [a_model(f"m{i}") for i in range(5)]
    models[3]["created_at"] = "not a date"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=a_page(models))

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with (
        Client(api_key="test-key", base_url="https://api.test", http_client=http) as c,
        pytest.raises(ResponseValidationError) as raised,
    ):
        list(c.models.list())
    assert (
        "ListModelsResponse.data[3].created_at: expected an RFC 3339 date-time, "
        "got 'not a date'" in str(raised.value)
    )


def test_a_traceback_through_a_parser_shows_its_source_lines() -> None:
    with pytest.raises(InvalidPayload) as raised:
        parse_list_models_response(a_page([a_model("a"), a_model("b", id=7)]))
    frames = traceback.extract_tb(raised.value.__traceback__)
    in_parsers = [frame for frame in frames if frame.filename == str(PARSERS_FILE)]
    assert {frame.name for frame in in_parsers} >= {
        "parse_list_models_response",
        "parse_model_info",
    }
    for frame in in_parsers:
        assert frame.line and frame.lineno is not None, frame
        assert frame.line == linecache.getline(frame.filename, frame.lineno).strip()
    raising = in_parsers[-1]
    assert raising.name == "parse_model_info"
    assert raising.line == 'raise mismatch("a string", id, "id")'
    text = "".join(traceback.format_exception(raised.value))
    assert 'raise mismatch("a string", id, "id")' in text
    assert "<parser" not in text


def test_parsed_models_equal_what_from_dict_builds() -> None:
    payload = a_model("claude-x", release_notes="https://example.test/notes")
    parsed = parse_model_info(payload)
    assert parsed == ModelInfo.from_dict(payload)
    assert parsed.additional_properties == {
        "release_notes": "https://example.test/notes"
    }
