"""2xx bodies are checked against the spec: a bad one raises
ResponseValidationError (never a bare KeyError, TypeError, ValueError or
JSONDecodeError), extra fields are kept."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    ListModelsResponse,
    ModelInfo,
    ResponseValidationError,
)
from anthropic_models._parsers import parse_error_response
from generated_client.models import ErrorResponse, ErrorType

from .helpers import BOTH_CLIENTS, Script, make_client, model_json, run

GOOD_PAGE: dict[str, Any] = {
    "data": [model_json("a"), model_json("b")],
    "first_id": "a",
    "last_id": "b",
    "has_more": False,
}

NOT_JSON: list[bytes] = [
    b"",
    b"<html><body>Hello from the proxy</body></html>",
    b'{"id": "claude-x", "created_at": "2025-',  # truncated
    b'{"data": [',
    b"\xff\xfe\xfa not utf-8",
    b"[" * 100_000 + b"]" * 100_000,  # nested deeper than the JSON parser goes
]


def without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in body.items() if name != key}


def model_with(**changes: Any) -> dict[str, Any]:
    return {**model_json("claude-x"), **changes}


def page_with(**changes: Any) -> dict[str, Any]:
    return {**GOOD_PAGE, **changes}


BAD_MODELS: list[Any] = [
    *(without(model_json("claude-x"), key) for key in model_json("claude-x")),
    model_with(id=123),
    model_with(id=None),
    model_with(display_name=["Claude"]),
    model_with(created_at="2025-13-45T00:00:00Z"),
    model_with(created_at="not a date"),
    model_with(created_at="2025-01-01"),
    model_with(created_at="00:00:00Z"),
    model_with(created_at=1735689600),
    model_with(created_at=None),
    model_with(type="models"),
    model_with(type="MODEL"),
    model_with(type=None),
    [model_json("claude-x")],
    None,
    "claude-x",
    42,
]

BAD_PAGES: list[Any] = [
    *(without(GOOD_PAGE, key) for key in GOOD_PAGE),
    page_with(has_more="false"),
    page_with(has_more=0),
    page_with(has_more=None),
    page_with(data={}),
    page_with(data=""),
    page_with(data=None),
    page_with(data={"0": model_json("a")}),
    page_with(data=[model_json("a"), "b"]),
    page_with(data=[model_json("a"), None]),
    page_with(data=[model_with(id=123)]),
    page_with(data=[model_with(type="models")]),
    page_with(data=[model_with(created_at="2025-13-45T00:00:00Z")]),
    page_with(data=[without(model_json("a"), "display_name")]),
    page_with(first_id=5),
    page_with(last_id=["b"]),
    [GOOD_PAGE],
    None,
]


def assert_validation_error(error: BaseException, status: int = 200) -> None:
    assert isinstance(error, ResponseValidationError)
    assert isinstance(error, AnthropicModelsError)
    assert not isinstance(error, KeyError | TypeError | ValueError)
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status


def body_response(body: Any) -> httpx.Response:
    return httpx.Response(
        200, content=json.dumps(body).encode(), headers={"request-id": "req_bad"}
    )


# --- bad bodies ------------------------------------------------------------------


# Python's json takes these, JSON does not (RFC 8259); 1e400 is JSON but becomes
# inf. Before: kept in the model, and model.to_dict() / `--json` gave "NaN".
NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"]


@pytest.mark.parametrize("number", NON_FINITE)
@pytest.mark.parametrize("where", ["model", "capability"])
@BOTH_CLIENTS
def test_a_non_finite_number_in_a_body_raises_response_validation_error(
    mode: str, number: str, where: str
) -> None:
    extra = {"score": 0.5} if where == "model" else {"capabilities": {"x": 0.5}}
    content = json.dumps(model_json("m", **extra)).replace("0.5", number).encode()
    script = Script(httpx.Response(200, content=content))
    with pytest.raises(ResponseValidationError, match="not valid JSON") as raised:
        run(mode, script, "get", "m")
    assert_validation_error(raised.value)


@BOTH_CLIENTS
def test_a_finite_float_in_an_extra_field_is_kept(mode: str) -> None:
    content = json.dumps(model_json("m", score=1.5e300)).encode()
    model = run(mode, Script(httpx.Response(200, content=content)), "get", "m")
    assert model.additional_properties["score"] == 1.5e300


@pytest.mark.parametrize("content", NOT_JSON)
@BOTH_CLIENTS
def test_get_with_a_body_that_is_not_json_raises_response_validation_error(
    mode: str,
    content: bytes,
) -> None:
    script = Script(httpx.Response(200, content=content))
    with pytest.raises(ResponseValidationError) as raised:
        run(mode, script, "get", "m")
    assert_validation_error(raised.value)
    assert raised.value.response.content == content


@pytest.mark.parametrize("content", NOT_JSON)
@BOTH_CLIENTS
def test_list_with_a_body_that_is_not_json_raises_response_validation_error(
    mode: str,
    content: bytes,
) -> None:
    script = Script(httpx.Response(200, content=content))
    with pytest.raises(ResponseValidationError) as raised:
        run(mode, script, "list")
    assert_validation_error(raised.value)


@pytest.mark.parametrize("body", BAD_MODELS)
@BOTH_CLIENTS
def test_get_with_a_body_that_breaks_the_model_schema_raises(
    mode: str, body: Any
) -> None:
    script = Script(body_response(body))
    with pytest.raises(ResponseValidationError) as raised:
        run(mode, script, "get", "m")
    assert_validation_error(raised.value)
    assert raised.value.request_id == "req_bad"
    assert "req_bad" in str(raised.value)


@pytest.mark.parametrize("body", BAD_PAGES)
@BOTH_CLIENTS
def test_list_with_a_page_that_breaks_the_schema_raises(mode: str, body: Any) -> None:
    script = Script(body_response(body))
    with pytest.raises(ResponseValidationError) as raised:
        run(mode, script, "list")
    assert_validation_error(raised.value)
    assert script.calls == 1


@pytest.mark.parametrize("body", BAD_PAGES)
@BOTH_CLIENTS
def test_pages_with_a_page_that_breaks_the_schema_raises(mode: str, body: Any) -> None:
    script = Script(body_response(body))
    with pytest.raises(ResponseValidationError) as raised:
        run(mode, script, "pages")
    assert_validation_error(raised.value)


@BOTH_CLIENTS
def test_error_names_the_offending_field(mode: str) -> None:
    script = Script(body_response(page_with(has_more="false")))
    with pytest.raises(ResponseValidationError, match="has_more"):
        run(mode, script, "list")


# --- what is accepted ------------------------------------------------------------


@BOTH_CLIENTS
def test_unknown_fields_are_kept_in_additional_properties(mode: str) -> None:
    # Names the spec does not have (today's fields are typed: test_today.py).
    pricing = {"input": 3.0, "tiers": {"batch": 0.5}}
    model = model_json("a", context_window_beta=1_000_000, pricing=pricing)
    page = page_with(data=[model], first_id="a", last_id="a", next_page="cursor-x")
    script = Script(body_response(page), body_response(model))
    (listed,) = run(mode, script, "pages")
    got = run(mode, script, "get", "a")
    assert isinstance(listed, ListModelsResponse)
    assert listed.additional_properties == {"next_page": "cursor-x"}
    for info in (listed.data[0], got):
        assert isinstance(info, ModelInfo)
        assert info.additional_properties == {
            "context_window_beta": 1_000_000,
            "pricing": pricing,
        }
        assert info["pricing"] == pricing


@pytest.mark.parametrize(
    "created_at",
    [
        "2025-09-29T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "2025-09-29T12:34:56.789+02:00",
        "2025-09-29T12:34:56-05:30",
        "2025-09-29 12:34:56Z",
        # RFC 3339 5.6: "T" and "Z" may be lower case.
        "2025-09-29t12:34:56z",
        "2025-09-29t12:34:56.5+01:00",
    ],
)
def test_rfc3339_date_times_are_accepted(created_at: str) -> None:
    script = Script(body_response(model_with(created_at=created_at)))
    with make_client(script) as client:
        model = client.models.get("m")
    assert model.created_at.tzinfo is not None
    assert model.created_at.isoformat()[:10] == created_at[:10]


def test_empty_last_page_with_null_cursors_is_accepted() -> None:
    empty: dict[str, Any] = {
        "data": [],
        "first_id": None,
        "last_id": None,
        "has_more": False,
    }
    script = Script(body_response(empty))
    with make_client(script) as client:
        pages = list(client.models.list().pages())
    assert len(pages) == 1
    assert pages[0].data == []
    assert pages[0].first_id is None and pages[0].last_id is None


def test_unknown_enum_strings_in_an_open_enum_are_accepted() -> None:
    # The spec's only open enum in a body is the error type (ErrorType | str):
    # the parser generated from the spec must keep it open.
    known = parse_error_response(error_body("not_found_error"))
    unknown = parse_error_response(error_body("brand_new_error"))
    assert isinstance(known, ErrorResponse) and isinstance(unknown, ErrorResponse)
    assert known.error.type_ == ErrorType.NOT_FOUND_ERROR
    assert unknown.error.type_ == "brand_new_error"
    assert not isinstance(unknown.error.type_, ErrorType)


def error_body(error_type: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": "m"}}
