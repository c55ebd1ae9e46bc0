"""Today's API through the runtime: typed lifecycle, dates, line, limits and
capabilities; the lifecycle filter on every page; the workspace header; Bearer
tokens. Requests are asserted as they leave the client (httpx.MockTransport)."""

from __future__ import annotations

import datetime
import enum
import logging
from typing import Any, TypeVar

import httpx
import pytest

from anthropic_models import (
    AsyncClient,
    Client,
    ModelInfo,
    ModelInfoLifecycle,
    ResponseValidationError,
)
from generated_client.api.models import get_model
from generated_client.models import ModelCapabilities, ModelLine
from generated_client.types import UNSET, Unset

from .helpers import (
    BOTH_CLIENTS,
    KEY,
    TOKEN,
    Catalogue,
    Recorder,
    Script,
    call_generated,
    make_async_client,
    make_client,
    model_ids,
    model_json,
    run,
)

WORKSPACE = "wrkspc_011CZkZaBF1tNoB5wlCeusgy"
LIFECYCLE = "lifecycle[]"


def support(supported: bool) -> dict[str, bool]:
    return {"supported": supported}


def capabilities() -> dict[str, Any]:
    """A capability tree in today's shape (api-facts.md, "Today's API")."""
    yes, no = support(True), support(False)
    return {
        "batch": yes,
        "citations": yes,
        "code_execution": no,
        "image_input": yes,
        "pdf_input": yes,
        "structured_outputs": yes,
        "context_management": {
            "supported": True,
            "clear_thinking_20251015": yes,
            "clear_tool_uses_20250919": yes,
            "compact_20260112": None,
        },
        "effort": {
            "supported": True,
            "low": yes,
            "medium": yes,
            "high": yes,
            "max": no,
            "xhigh": None,
        },
        "server_tools": {"supported": True, "code_execution": yes, "web_search": no},
        "thinking": {
            "supported": True,
            "types": {
                "adaptive": no,
                "between_tools": no,
                "disabled": yes,
                "enabled": yes,
            },
        },
    }


def todays_model(model_id: str = "claude-opus-4-1-20250805", **changes: Any) -> Any:
    body = model_json(
        model_id,
        lifecycle="deprecated",
        deprecated_at="2026-06-01T00:00:00Z",
        retires_at="2026-12-01T00:00:00Z",
        line="opus",
        max_input_tokens=200_000,
        max_tokens=32_000,
        capabilities=capabilities(),
    )
    body.update(changes)
    return body


def answer(body: Any) -> httpx.Response:
    return httpx.Response(200, json=body)


# --- typed access ------------------------------------------------------------------


SentT = TypeVar("SentT")


def sent(value: SentT | Unset) -> SentT:
    """A key the server sent (not UNSET), for typed access below it."""
    assert not isinstance(value, Unset)
    return value


def assert_typed(model: ModelInfo) -> None:
    assert model.lifecycle == "deprecated"
    assert model.lifecycle is ModelInfoLifecycle.DEPRECATED
    assert model.retires_at == datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    assert isinstance(model.deprecated_at, datetime.datetime)
    assert model.line is ModelLine.OPUS
    assert model.max_input_tokens == 200_000
    assert model.max_tokens == 32_000
    capabilities = model.capabilities
    assert isinstance(capabilities, ModelCapabilities)
    # Every key of the tree may be absent (UNSET); these were sent, and typed.
    types = sent(sent(capabilities.thinking).types)
    assert sent(types.enabled).supported is True
    assert sent(types.adaptive).supported is False
    assert sent(capabilities.context_management).compact_20260112 is None
    assert sent(sent(capabilities.server_tools).web_search).supported is False
    assert model.additional_properties == {}


@BOTH_CLIENTS
def test_todays_fields_are_typed_attributes(mode: str) -> None:
    page = {"data": [todays_model()], "first_id": "a", "last_id": "a"}
    script = Script(answer(todays_model()), answer({**page, "has_more": False}))
    assert_typed(run(mode, script, "get", "claude-opus-4-1"))
    (listed,) = run(mode, script, "list")
    assert_typed(listed)


def test_a_model_in_the_reference_pages_shape_still_parses() -> None:
    with make_client(Script(answer(model_json("claude-x")))) as client:
        model = client.models.get("claude-x")
    assert model.lifecycle is UNSET and model.capabilities is UNSET


def test_null_and_unknown_values_are_kept_as_the_api_sent_them() -> None:
    body = todays_model(lifecycle="sunset", line=None, capabilities=None)
    body["max_tokens"] = None
    with make_client(Script(answer(body))) as client:
        model = client.models.get("claude-x")
    assert model.lifecycle == "sunset" and type(model.lifecycle) is str
    assert (model.line, model.capabilities, model.max_tokens) == (None, None, None)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"max_input_tokens": "200000"}, "max_input_tokens"),
        ({"retires_at": "next year"}, "retires_at"),
        ({"line": 7}, "line"),
    ],
)
def test_a_field_of_the_wrong_type_is_a_response_validation_error(
    change: dict[str, Any], named: str
) -> None:
    with (
        make_client(Script(answer(todays_model(**change)))) as client,
        pytest.raises(ResponseValidationError, match=named),
    ):
        client.models.get("claude-x")


def test_a_capability_leaf_that_is_not_a_boolean_is_an_error() -> None:
    body = todays_model()
    body["capabilities"]["pdf_input"] = {"supported": "yes"}
    with (
        make_client(Script(answer(body))) as client,
        pytest.raises(ResponseValidationError, match=r"pdf_input\.supported"),
    ):
        client.models.get("claude-x")


# --- the lifecycle filter ------------------------------------------------------------


STAGES = [ModelInfoLifecycle.ACTIVE, "retired"]


def assert_filtered(catalogue: Catalogue, calls: int) -> None:
    assert catalogue.calls == calls
    for request in catalogue.requests:
        assert request.url.params.get_list(LIFECYCLE) == ["active", "retired"]
        assert b"lifecycle%5B%5D=active&lifecycle%5B%5D=retired" in request.url.query


@BOTH_CLIENTS
def test_lifecycle_is_sent_in_brackets_on_every_page(mode: str) -> None:
    catalogue = Catalogue(model_ids(5))
    models = run(mode, catalogue, "list", limit=2, lifecycle=STAGES)
    assert [m.id for m in models] == model_ids(5)
    assert_filtered(catalogue, 3)


def test_lifecycle_is_kept_by_resume() -> None:
    catalogue = Catalogue(model_ids(5))
    with make_client(catalogue) as client:
        pager = client.models.list(limit=2, lifecycle=STAGES)
        assert next(iter(pager.pages())).has_more
        resumed = list(pager.resume())
    # Left inside pages()'s loop, the first page counts as not yet delivered:
    # resume() starts again from it, with the filter.
    assert [m.id for m in resumed] == model_ids(5)
    assert_filtered(catalogue, 4)


@pytest.mark.anyio
async def test_async_lifecycle_is_kept_by_resume() -> None:
    catalogue = Catalogue(model_ids(5))
    async with make_async_client(catalogue) as client:
        pager = client.models.list(limit=2, lifecycle=STAGES)
        async for page in pager.pages():
            assert page.has_more
            break
        resumed = [m async for m in pager.resume()]
    assert [m.id for m in resumed] == model_ids(5)
    assert_filtered(catalogue, 4)


def test_without_lifecycle_no_filter_is_sent() -> None:
    catalogue = Catalogue(model_ids(1))
    with make_client(catalogue) as client:
        list(client.models.list())
    (request,) = catalogue.requests
    assert "lifecycle" not in str(request.url)


@pytest.mark.parametrize(
    ("lifecycle", "message"),
    [
        ([], "1 to 3"),
        (["active", "deprecated", "retired", "active"], "1 to 3"),
        ("active", "not a single string"),
        (["active", 3], r"lifecycle\[1\]"),
        ([None], r"lifecycle\[0\]"),
        ([""], r"lifecycle\[0\]"),
        (["x" * 5000], r"lifecycle\[0\]"),
    ],
)
def test_a_bad_lifecycle_is_a_value_error_before_sending(
    lifecycle: Any, message: str
) -> None:
    recorder = Recorder()
    # list() checks its arguments when called, before any page is fetched.
    with make_client(recorder) as client, pytest.raises(ValueError, match=message):
        client.models.list(lifecycle=lifecycle)
    with pytest.raises(ValueError, match=message):
        make_async_client(recorder).models.list(lifecycle=lifecycle)
    assert recorder.calls == 0


class Stage(str, enum.Enum):  # noqa: UP042 (the plain str Enum is the point)
    """A user's own enum: on Python 3.11 its str() is "Stage.RETIRED"."""

    RETIRED = "retired"


class Beta(str, enum.Enum):  # noqa: UP042
    FILES = "files-api-2025-04-14"


def test_members_of_any_str_enum_are_sent_as_their_values() -> None:
    catalogue = Catalogue(model_ids(1))
    with make_client(catalogue, betas=[Beta.FILES]) as client:
        list(client.models.list(lifecycle=[Stage.RETIRED]))
    (request,) = catalogue.requests
    assert request.url.params.get_list(LIFECYCLE) == ["retired"]
    assert request.headers["anthropic-beta"] == "files-api-2025-04-14"


# --- the workspace header -------------------------------------------------------------


@BOTH_CLIENTS
def test_the_clients_workspace_goes_on_every_request_and_a_calls_own_wins(
    mode: str,
) -> None:
    catalogue = Catalogue(model_ids(3))
    options = {"workspace_id": WORKSPACE}
    run(mode, catalogue, "get", "claude-model-00", client=options)
    run(mode, catalogue, "list", limit=2, client=options)
    run(
        mode,
        catalogue,
        "get",
        "claude-model-00",
        workspace_id="wrkspc_o",
        client=options,
    )
    run(mode, catalogue, "list", workspace_id="wrkspc_o", client=options)
    # The generated functions, through the runtime, carry it too.
    call_generated(mode, catalogue, get_model, "claude-model-00", client=options)
    sent = [r.headers.get_list("anthropic-workspace-id") for r in catalogue.requests]
    assert sent == [
        [WORKSPACE],
        [WORKSPACE],
        [WORKSPACE],
        ["wrkspc_o"],
        ["wrkspc_o"],
        [WORKSPACE],
    ]


def test_the_workspace_id_property_is_the_clients() -> None:
    recorder = Recorder()
    assert make_client(recorder, workspace_id=WORKSPACE).workspace_id == WORKSPACE
    assert make_async_client(recorder, workspace_id=WORKSPACE).workspace_id == WORKSPACE
    assert make_client(recorder).workspace_id is None


def test_without_a_workspace_no_header_is_sent() -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        client.models.get("claude-x")
    assert "anthropic-workspace-id" not in recorder.requests[0].headers


@pytest.mark.parametrize("bad", ["", "wrkspc 1", "wrkspc\n1", "wrkspc\x00", "é", 5])
def test_a_bad_workspace_id_is_a_value_error_before_sending(bad: Any) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="workspace_id"):
        make_client(recorder, workspace_id=bad)
    with pytest.raises(ValueError, match="workspace_id"):
        make_async_client(recorder, workspace_id=bad)
    with make_client(recorder) as client:
        with pytest.raises(ValueError, match="workspace_id"):
            client.models.get("claude-x", workspace_id=bad)
        with pytest.raises(ValueError, match="workspace_id"):
            client.models.list(workspace_id=bad)
    assert recorder.calls == 0


# --- Bearer tokens --------------------------------------------------------------------


def assert_bearer(request: httpx.Request, token: str = TOKEN) -> None:
    assert request.headers.get_list("authorization") == [f"Bearer {token}"]
    assert "x-api-key" not in request.headers


@BOTH_CLIENTS
def test_auth_token_is_sent_as_bearer_and_no_key_is_sent(mode: str) -> None:
    catalogue = Catalogue(model_ids(3))
    options = {"api_key": None, "auth_token": TOKEN}
    run(mode, catalogue, "get", "claude-model-00", client=options)
    run(mode, catalogue, "list", limit=2, client=options)
    assert catalogue.calls == 3
    for request in catalogue.requests:
        assert_bearer(request)


def test_both_credentials_given_is_a_value_error_naming_both() -> None:
    with pytest.raises(ValueError, match="api_key or auth_token"):
        Client(api_key=KEY, auth_token=TOKEN)
    with pytest.raises(ValueError, match="api_key or auth_token"):
        AsyncClient(api_key=KEY, auth_token=TOKEN)


def test_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", TOKEN)
    recorder = Recorder()
    with make_client(recorder, api_key=None) as client:
        client.models.get("claude-x")
    assert_bearer(recorder.requests[0])


def test_explicit_arguments_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-the-environment-0000")
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", "sk-ant-token-from-the-environment")
    recorder = Recorder()
    with make_client(recorder, api_key=None, auth_token=TOKEN) as client:
        client.models.get("claude-x")
    with make_client(recorder, api_key=KEY) as client:
        client.models.get("claude-x")
    assert_bearer(recorder.requests[0])
    assert recorder.requests[1].headers.get_list("x-api-key") == [KEY]
    assert "authorization" not in recorder.requests[1].headers


def test_with_both_variables_set_the_key_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_AUTH_TOKEN", TOKEN)
    recorder = Recorder()
    with make_client(recorder, api_key=None) as client:
        client.models.get("claude-x")
    assert recorder.requests[0].headers.get_list("x-api-key") == [KEY]
    assert "authorization" not in recorder.requests[0].headers


def test_without_any_credential_the_error_names_both_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    for cls in (Client, AsyncClient):
        with pytest.raises(ValueError) as raised:
            cls()
        assert "ANTHROPIC_API_KEY" in str(raised.value)
        assert "ANTHROPIC_AUTH_TOKEN" in str(raised.value)


@pytest.mark.parametrize("bad", ["", "sekrit\nvalue", "sekrit\x00", "sekrit-ø"])
def test_a_bad_token_is_a_value_error_naming_auth_token(bad: str) -> None:
    with pytest.raises(ValueError, match="auth_token") as raised:
        Client(auth_token=bad)
    # Not quoted in any form (a repr would escape the control characters).
    assert "sekrit" not in str(raised.value)


def test_default_headers_may_not_set_authorization() -> None:
    with pytest.raises(ValueError, match="authorization"):
        Client(api_key=KEY, default_headers={"Authorization": "Bearer x"})


# --- the token is a secret ------------------------------------------------------------


def echo_token(request: httpx.Request) -> httpx.Response:
    """A faulty server that quotes the request's Authorization back."""
    return httpx.Response(
        401,
        json={
            "type": "error",
            "error": {
                "type": "authentication_error",
                "message": f"bad credential {request.headers['authorization']}",
            },
        },
        headers={"request-id": f"req_{TOKEN}"},
    )


def test_the_token_is_in_no_repr_exception_or_log_record(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(echo_token, api_key=None, auth_token=TOKEN, max_retries=0)
    with client, pytest.raises(Exception) as raised:
        client.models.get("claude-x")
    shown = [
        repr(client),
        str(client),
        repr(client.models.list()),
        str(raised.value),
        repr(raised.value),
        *(record.getMessage() for record in caplog.records),
    ]
    assert caplog.records, "nothing was logged: the check would be empty"
    assert any("<redacted>" in text for text in shown)
    for text in shown:
        assert TOKEN not in text
        assert TOKEN[:16] not in text
