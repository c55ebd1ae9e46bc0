"""Error statuses become typed exceptions carrying what the API said."""

from __future__ import annotations

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    RateLimitError,
    RequestTooLargeError,
)

from .helpers import BOTH_CLIENTS, Script, error_json, make_client, run

STATUS_CLASSES: list[tuple[int, str, type[APIStatusError]]] = [
    (400, "invalid_request_error", BadRequestError),
    (401, "authentication_error", AuthenticationError),
    (402, "billing_error", APIStatusError),
    (403, "permission_error", PermissionDeniedError),
    (404, "not_found_error", NotFoundError),
    (413, "request_too_large", RequestTooLargeError),
    (418, "invalid_request_error", APIStatusError),
    (429, "rate_limit_error", RateLimitError),
    (500, "api_error", InternalServerError),
    (502, "api_error", InternalServerError),
    (503, "api_error", InternalServerError),
    (504, "timeout_error", InternalServerError),
    (529, "overloaded_error", OverloadedError),
]

HTML_502 = (
    b"<html><head><title>502 Bad Gateway</title></head>"
    b"<body><center><h1>502 Bad Gateway</h1></center></body></html>"
)


def api_error(status: int, error_type: str, message: str) -> httpx.Response:
    return httpx.Response(
        status,
        json=error_json(error_type, message, request_id="req_body"),
        headers={"request-id": "req_header"},
    )


# --- status -> class ---------------------------------------------------------------


def test_overloaded_is_an_internal_server_error_and_all_derive_from_base() -> None:
    assert issubclass(OverloadedError, InternalServerError)
    for _, _, cls in STATUS_CLASSES:
        assert issubclass(cls, APIStatusError)
        assert issubclass(cls, AnthropicModelsError)


@pytest.mark.parametrize(("status", "error_type", "cls"), STATUS_CLASSES)
@BOTH_CLIENTS
def test_each_status_raises_its_class_with_the_api_error_details(
    mode: str, status: int, error_type: str, cls: type[APIStatusError]
) -> None:
    script = Script(api_error(status, error_type, "what went wrong"))
    with pytest.raises(APIStatusError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    error = raised.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.request_id == "req_header"
    assert error.error_type == error_type
    assert error.message == "what went wrong"
    assert error.body == error_json(error_type, "what went wrong", "req_body")
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert str(status) in str(error)
    assert "what went wrong" in str(error)
    assert "req_header" in str(error)
    assert script.calls == 1


@pytest.mark.parametrize(("status", "error_type", "cls"), STATUS_CLASSES)
def test_list_raises_the_same_class_as_get(
    status: int, error_type: str, cls: type[APIStatusError]
) -> None:
    script = Script(api_error(status, error_type, "listing failed"))
    with make_client(script, max_retries=0) as client:
        pager = client.models.list()
        with pytest.raises(APIStatusError) as raised:
            list(pager)
    assert type(raised.value) is cls
    assert raised.value.message == "listing failed"


# --- request id ------------------------------------------------------------------


@BOTH_CLIENTS
def test_request_id_comes_from_the_body_when_the_header_is_missing(mode: str) -> None:
    body = error_json("not_found_error", "model: x", request_id="req_from_body")
    script = Script(httpx.Response(404, json=body))
    with pytest.raises(NotFoundError) as raised:
        run(mode, script, "get", "x", client={"max_retries": 0})
    assert raised.value.request_id == "req_from_body"
    assert "req_from_body" in str(raised.value)


@BOTH_CLIENTS
def test_request_id_is_none_when_neither_header_nor_body_has_one(mode: str) -> None:
    script = Script(httpx.Response(404, json=error_json("not_found_error", "gone")))
    with pytest.raises(NotFoundError) as raised:
        run(mode, script, "get", "x", client={"max_retries": 0})
    assert raised.value.request_id is None
    assert "request-id" not in str(raised.value)


# --- bodies that are not the API's error body ------------------------------------


@BOTH_CLIENTS
def test_html_502_from_a_proxy_is_an_internal_server_error_with_the_text(
    mode: str,
) -> None:
    script = Script(
        httpx.Response(502, content=HTML_502, headers={"content-type": "text/html"})
    )
    with pytest.raises(InternalServerError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    error = raised.value
    assert type(error) is InternalServerError
    assert error.status_code == 502
    assert error.error_type is None
    assert error.body is None
    assert "502 Bad Gateway" in error.message
    assert "502 Bad Gateway" in str(error)


@pytest.mark.parametrize(
    ("status", "cls"), [(500, InternalServerError), (404, NotFoundError)]
)
@BOTH_CLIENTS
def test_truncated_json_error_body_gives_the_class_and_the_text(
    mode: str, status: int, cls: type[APIStatusError]
) -> None:
    truncated = b'{"type": "error", "error": {"type": "not_found_err'
    script = Script(httpx.Response(status, content=truncated))
    with pytest.raises(APIStatusError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    error = raised.value
    assert type(error) is cls
    assert error.body is None
    assert error.error_type is None
    assert truncated.decode() in error.message


@pytest.mark.parametrize(
    "content", [b"", b"   ", b"\xff\xfe\x00garbage", b"[1, 2]", b"null", b'"text"']
)
@BOTH_CLIENTS
def test_empty_binary_or_unexpected_json_error_bodies_still_give_the_class(
    mode: str,
    content: bytes,
) -> None:
    script = Script(httpx.Response(503, content=content))
    with pytest.raises(InternalServerError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    assert raised.value.status_code == 503
    assert raised.value.error_type is None
    assert raised.value.message  # never empty: the text, else the reason phrase


@BOTH_CLIENTS
def test_error_body_with_wrong_field_types_keeps_the_body(mode: str) -> None:
    body = {"type": "error", "error": {"type": 42, "message": ["not", "a", "str"]}}
    script = Script(httpx.Response(400, json=body))
    with pytest.raises(BadRequestError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    assert raised.value.error_type is None
    assert raised.value.body == body


# --- the set of error types is open ----------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (500, InternalServerError), (499, APIStatusError)],
)
@BOTH_CLIENTS
def test_unknown_error_type_is_kept_as_a_string(
    mode: str, status: int, cls: type[APIStatusError]
) -> None:
    body = error_json("brand_new_error", "a new kind of failure")
    body["error"]["details"] = {"hint": "new field"}
    script = Script(httpx.Response(status, json=body))
    with pytest.raises(APIStatusError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    error = raised.value
    assert type(error) is cls
    assert error.error_type == "brand_new_error"
    assert type(error.error_type) is str
    assert error.message == "a new kind of failure"
    assert error.body["error"]["details"] == {"hint": "new field"}
