"""Error statuses become typed exceptions carrying what the API said."""

from __future__ import annotations

import concurrent.futures
import pickle
from typing import Any

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
    errors,
)

from .helpers import BOTH_CLIENTS, KEY, TOKEN, Script, error_json, make_client, run

# The official SDK's class of every status the spec documents (api-facts.md),
# and what an undocumented status gives.
STATUS_CLASSES: list[tuple[int, str, type[APIStatusError]]] = [
    (400, "invalid_request_error", BadRequestError),
    (401, "authentication_error", AuthenticationError),
    (402, "billing_error", errors.PaymentRequiredError),
    (403, "permission_error", PermissionDeniedError),
    (404, "not_found_error", NotFoundError),
    (408, "timeout_error", errors.RequestTimeoutError),
    (409, "conflict_error", errors.ConflictError),
    (412, "invalid_request_error", errors.PreconditionFailedError),
    (413, "request_too_large", RequestTooLargeError),
    (418, "invalid_request_error", APIStatusError),
    (422, "invalid_request_error", errors.UnprocessableEntityError),
    (429, "rate_limit_error", RateLimitError),
    (431, "request_too_large", errors.RequestHeaderFieldsTooLargeError),
    (499, "api_error", errors.ClientClosedRequestError),
    (500, "api_error", InternalServerError),
    (501, "api_error", errors.HTTPNotImplementedError),
    (502, "api_error", InternalServerError),
    (503, "api_error", errors.ServiceUnavailableError),
    (504, "timeout_error", errors.GatewayTimeoutError),
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
    for status, _, cls in STATUS_CLASSES:
        assert issubclass(cls, APIStatusError)
        assert issubclass(cls, AnthropicModelsError)
        # Every 5xx class is an InternalServerError, as in the official SDK.
        assert issubclass(cls, InternalServerError) == (status >= 500)


def _coded(error_code: str, **details: object) -> httpx.Response:
    body = error_json("invalid_request_error", "on hold")
    body["request_id"] = None  # the official body: required, and nullable
    body["error"]["details"] = {"error_code": error_code, **details}
    return httpx.Response(400, json=body)


@BOTH_CLIENTS
def test_a_documented_error_code_raises_its_subclass_with_its_fields_typed(
    mode: str,
) -> None:
    url = "https://console.anthropic.com/appeal"
    script = Script(_coded("organization_on_hold", appeal_url=url))
    with pytest.raises(errors.OrganizationOnHoldError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    error = raised.value
    assert isinstance(error, BadRequestError)
    assert error.appeal_url == url
    assert error.error_code == "organization_on_hold"
    # request_id: null in the body, and no header: accepted, None.
    assert error.request_id is None


@BOTH_CLIENTS
def test_a_code_field_of_the_wrong_type_or_absent_is_none(mode: str) -> None:
    for details in ({"appeal_url": 7}, {}):
        script = Script(_coded("organization_on_hold", **details))
        with pytest.raises(errors.OrganizationOnHoldError) as raised:
            run(mode, script, "get", "m", client={"max_retries": 0})
        assert raised.value.appeal_url is None


@BOTH_CLIENTS
def test_the_other_documented_code_and_an_unknown_one(mode: str) -> None:
    script = Script(_coded("claude_code_key_creator_not_member"))
    with pytest.raises(errors.ClaudeCodeKeyCreatorNotMemberError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 0})
    assert isinstance(raised.value, BadRequestError)
    script = Script(_coded("quota_frozen", until="tomorrow"))
    with pytest.raises(APIStatusError) as unknown:
        run(mode, script, "get", "m", client={"max_retries": 0})
    # An unknown code: the status's own class, the code and details kept.
    assert type(unknown.value) is BadRequestError
    assert unknown.value.error_code == "quota_frozen"
    assert unknown.value.details == {"error_code": "quota_frozen", "until": "tomorrow"}


def test_a_code_is_typed_only_with_its_own_status() -> None:
    assert errors.status_error_class(400, "organization_on_hold") is (
        errors.OrganizationOnHoldError
    )
    assert errors.status_error_class(403, "organization_on_hold") is (
        PermissionDeniedError
    )


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
    [(400, BadRequestError), (500, InternalServerError), (498, APIStatusError)],
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


# --- pickling ------------------------------------------------------------------------
# A ProcessPoolExecutor worker hands its exception to its caller pickled. Before:
# unpickling raised TypeError (the constructors' arguments are keyword-only), so
# the caller got BrokenProcessPool, and the pickled bytes held the key.

CREDENTIALS = {"api_key": KEY, "auth_token": TOKEN}
ERROR_KINDS = {
    "status": "NotFoundError",
    "connection": "APIConnectionError",
    "timeout": "APITimeoutError",
    "too-large": "ResponseTooLargeError",
    "invalid": "ResponseValidationError",
    "pagination": "PaginationError",
}


def _echoing(secret: str) -> Script:
    """A 404 whose message, body and request-id all echo the secret."""
    body = error_json("not_found_error", f"no model for {secret}", request_id="r")
    return Script(
        httpx.Response(404, json=body, headers={"request-id": f"req_{secret}"})
    )


def raise_error(kind: str, credential: str) -> None:
    """Raise an error of ``kind``, from a client holding ``credential``
    (module level, so that a process pool's worker can run it)."""
    secret = CREDENTIALS[credential]
    steps: dict[str, Script] = {
        "status": _echoing(secret),
        "connection": Script(httpx.ConnectError(f"refused {secret}")),
        "timeout": Script(httpx.ReadTimeout("slow")),
        "too-large": Script(httpx.Response(200, content=b" " * 2048)),
        "invalid": Script(httpx.Response(200, content=f"not json {secret}".encode())),
        "pagination": Script(
            httpx.Response(
                200,
                json={"data": [], "first_id": None, "last_id": None, "has_more": True},
            )
        ),
    }
    options: dict[str, Any] = {"max_retries": 0, "max_response_bytes": 1024}
    # make_client's default api_key, or the token instead of it.
    options |= (
        {"api_key": None, "auth_token": TOKEN} if credential == "auth_token" else {}
    )
    with make_client(steps[kind], **options) as client:
        if kind == "pagination":
            list(client.models.list())
        client.models.get("claude-x")


def caught(kind: str, credential: str) -> AnthropicModelsError:
    with pytest.raises(AnthropicModelsError) as raised:
        raise_error(kind, credential)
    return raised.value


def fields(error: BaseException) -> dict[str, object]:
    """What an error tells its caller, the httpx objects by their content."""
    shown: dict[str, object] = {"type": type(error), "str": str(error)}
    for name, value in vars(error).items():
        if isinstance(value, httpx.Response):
            value = (value.status_code, value.content, str(value.request.url))
        elif isinstance(value, httpx.Request):
            value = (value.method, str(value.url))
        shown[name] = value
    return shown


@pytest.mark.parametrize("credential", CREDENTIALS)
@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_errors_pickle_with_their_fields_and_without_the_secret(
    kind: str, credential: str
) -> None:
    error = caught(kind, credential)
    assert type(error).__name__ == ERROR_KINDS[kind]
    data = pickle.dumps(error)
    for secret in CREDENTIALS.values():
        assert secret.encode() not in data
        assert secret[:16].encode() not in data
    copy = pickle.loads(data)
    # Every field kept, the secret redacted where the server echoed it (as the
    # error's message already was).
    secret = CREDENTIALS[credential]
    assert repr(fields(copy)) == repr(fields(error)).replace(secret, "<redacted>")
    assert copy.args == error.args
    for name in ("response", "request"):
        exchange = getattr(copy, name, None)
        if isinstance(exchange, httpx.Response):
            exchange = exchange.request
        if exchange is not None:  # the credential headers are gone
            assert "x-api-key" not in exchange.headers
            assert "authorization" not in exchange.headers
    assert pickle.loads(pickle.dumps(copy)).args == error.args  # again


def test_a_status_error_pickles_its_response_and_body_redacted() -> None:
    error = caught("status", "api_key")
    assert isinstance(error, NotFoundError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.status_code, copy.error_type) == (404, "not_found_error")
    assert copy.request_id == "req_<redacted>"
    assert copy.body["error"]["message"] == "no model for <redacted>"
    assert copy.response.status_code == 404
    assert copy.response.json() == copy.body
    assert copy.response.request.url == error.response.request.url


def test_a_process_pool_worker_raising_each_error_gives_the_caller_that_error() -> None:
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        futures = {
            (kind, credential): pool.submit(raise_error, kind, credential)
            for kind in ERROR_KINDS
            for credential in CREDENTIALS
        }
        for (kind, credential), future in futures.items():
            with pytest.raises(AnthropicModelsError) as raised:
                future.result(timeout=60)
            expected = caught(kind, credential)
            assert type(raised.value) is type(expected)
            assert str(raised.value) == str(expected)
