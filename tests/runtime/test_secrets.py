"""The API key never shows: not in a repr, an exception or a log record."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    APIStatusError,
    AsyncClient,
    Client,
)
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault
from generated_client.api.models import get_model

from .helpers import (
    BOTH_CLIENTS,
    KEY,
    Catalogue,
    Script,
    call_generated,
    error_json,
    make_async_client,
    make_client,
    model_ids,
    model_json,
    ok_model,
    run,
)


def assert_no_key(*objects: object) -> None:
    for obj in objects:
        assert KEY not in repr(obj)
        assert KEY not in str(obj)


def assert_exception_has_no_key(error: BaseException) -> None:
    assert_no_key(error)
    for argument in error.args:
        assert_no_key(argument)


def assert_logs_have_no_key(caplog: pytest.LogCaptureFixture) -> None:
    assert caplog.records, "nothing was logged: the check would prove nothing"
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in str(record.msg)
        assert KEY not in repr(record.args)
    assert KEY not in caplog.text


def raised_by(call: Callable[[], object]) -> BaseException:
    try:
        call()
    except Exception as error:
        return error
    raise AssertionError("nothing was raised")


async def async_raised_by(call: Awaitable[object]) -> BaseException:
    try:
        await call
    except Exception as error:
        return error
    raise AssertionError("nothing was raised")


# The secret is the same whichever way it is sent: as the key (x-api-key) or as
# the Bearer token (auth_token). Tests parametrized with CREDENTIALS prove both.
CREDENTIALS = [
    pytest.param({"api_key": KEY}, id="api_key"),
    pytest.param({"api_key": None, "auth_token": KEY}, id="auth_token"),
]


# Server answers that echo the key back, in every place a server controls.
ECHOING_ERRORS: list[httpx.Response] = [
    httpx.Response(401, json=error_json("authentication_error", f"bad key {KEY}")),
    httpx.Response(403, json=error_json(KEY, "forbidden")),
    httpx.Response(
        404, json=error_json("not_found_error", "x"), headers={"request-id": KEY}
    ),
    httpx.Response(400, json={"type": "error", "error": "x", "request_id": KEY}),
    httpx.Response(502, content=f"<html>proxy saw x-api-key: {KEY}</html>".encode()),
    httpx.Response(500, content=f'{{"error": {{"message": "{KEY}'.encode()),
    httpx.Response(529, json=error_json("overloaded_error", KEY, request_id=KEY)),
]
ECHOING_BODIES: list[httpx.Response] = [
    httpx.Response(200, json=model_json("m", type=KEY)),
    httpx.Response(200, json=model_json("m", created_at=KEY)),
    httpx.Response(200, json=model_json("m", display_name=[KEY])),
    httpx.Response(200, json={KEY: "m"}),
    httpx.Response(200, content=f'{{"id": "{KEY}'.encode()),
    httpx.Response(200, content=b"{}", headers={"request-id": KEY}),
]


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)  # the root logger: every library's records
    yield caplog


# --- reprs ----------------------------------------------------------------------------


def test_client_pager_page_and_model_reprs_do_not_show_the_key() -> None:
    catalogue = Catalogue(model_ids(3))
    with make_client(catalogue, betas=["beta-x"]) as client:
        pager = client.models.list(limit=2)
        pages = list(pager.pages())
        model = client.models.get("claude-model-00")
        copy = client.with_options(timeout=3.0)
        assert_no_key(
            client, client.generated, client.models, pager, copy, copy.generated
        )
        assert_no_key(*pages, *pages[0].data, model, pager.resume())
    assert "api.test" in repr(client)  # the repr is informative, not empty


@pytest.mark.anyio
async def test_async_client_pager_page_and_model_reprs_do_not_show_the_key() -> None:
    catalogue = Catalogue(model_ids(3))
    async with make_async_client(catalogue, betas=["beta-x"]) as client:
        pager = client.models.list(limit=2)
        pages = [page async for page in pager.pages()]
        model = await client.models.get("claude-model-00")
        copy = client.with_options(timeout=3.0)
        assert_no_key(
            client, client.generated, client.models, pager, copy, copy.generated
        )
        assert_no_key(*pages, *pages[0].data, model, pager.resume())
    assert "api.test" in repr(client)  # the repr is informative, not empty


def test_clients_built_from_the_env_var_do_not_show_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    with Client() as client:
        assert_no_key(client, client.generated)
    transport = httpx.MockTransport(Script(ok_model()))
    assert_no_key(AsyncClient(http_client=httpx.AsyncClient(transport=transport)))


# --- exceptions ------------------------------------------------------------------


@pytest.mark.parametrize("credential", CREDENTIALS)
@pytest.mark.parametrize("response", ECHOING_ERRORS)
@BOTH_CLIENTS
def test_status_errors_do_not_show_the_key_even_when_the_server_echoes_it(
    mode: str,
    response: httpx.Response,
    debug_logs: pytest.LogCaptureFixture,
    credential: dict[str, Any],
) -> None:
    script = Script(response)
    options = {"max_retries": 1, **credential}
    errors = [
        raised_by(lambda: run(mode, script, "get", "m", client=options)),
        raised_by(lambda: run(mode, script, "list", client=options)),
        raised_by(
            lambda: call_generated(mode, script, get_model, "m", client=credential)
        ),
    ]
    for error in errors:
        assert isinstance(error, APIStatusError)
        assert_exception_has_no_key(error)
        assert KEY not in error.message
    assert_logs_have_no_key(debug_logs)


@pytest.mark.parametrize("credential", CREDENTIALS)
@pytest.mark.parametrize("response", ECHOING_BODIES)
@BOTH_CLIENTS
def test_validation_errors_do_not_show_the_key_even_when_the_body_echoes_it(
    mode: str,
    response: httpx.Response,
    debug_logs: pytest.LogCaptureFixture,
    credential: dict[str, Any],
) -> None:
    script = Script(response)
    errors = [
        raised_by(lambda: run(mode, script, "get", "m", client=credential)),
        raised_by(lambda: run(mode, script, "list", client=credential)),
    ]
    for error in errors:
        assert isinstance(error, AnthropicModelsError)
        assert_exception_has_no_key(error)
    assert_logs_have_no_key(debug_logs)


@BOTH_CLIENTS
def test_successful_response_echoing_the_key_in_its_request_id_raises_nothing(
    mode: str,
) -> None:
    script = Script(
        httpx.Response(200, json=model_json("m"), headers={"request-id": KEY})
    )
    assert run(mode, script, "get", "m").id == "m"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError(f"could not connect with {KEY}"),
        httpx.ReadTimeout(f"timed out {KEY}"),
        httpx.LocalProtocolError(f"bad header {KEY}"),
    ],
)
@BOTH_CLIENTS
def test_transport_failures_do_not_show_the_key(
    mode: str, failure: httpx.TransportError, debug_logs: pytest.LogCaptureFixture
) -> None:
    script = Script(failure)
    error = raised_by(lambda: run(mode, script, "get", "m"))
    assert isinstance(error, AnthropicModelsError)
    assert_exception_has_no_key(error)
    assert_logs_have_no_key(debug_logs)


def test_argument_errors_do_not_show_the_key() -> None:
    with make_client(Script(ok_model())) as client:
        for call in (
            lambda: client.models.get(""),
            lambda: client.models.list(limit=0),
            lambda: client.models.get("m", betas=["a b"]),
            lambda: client.with_options(timeout=-1),
        ):
            assert_exception_has_no_key(raised_by(call))
    assert_exception_has_no_key(
        raised_by(
            lambda: make_client(Script(ok_model()), default_headers={"x-api-key": KEY})
        )
    )
    assert_exception_has_no_key(raised_by(lambda: Client(api_key=KEY + "\n")))


# A key as long as real ones: quoted values are cut short in messages, and a cut
# must not leave a long piece of the key behind.
LONG_KEY = "sk-ant-api03-" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" * 2 + "-XyZ_aa"


def assert_no_piece_of_long_key(text: str) -> None:
    pieces = [LONG_KEY[i : i + 16] for i in range(len(LONG_KEY) - 15)]
    assert not [piece for piece in pieces if piece in text], text


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, json=model_json("m", display_name=[LONG_KEY])),
        httpx.Response(200, json=model_json("m", type=LONG_KEY)),
        httpx.Response(200, json={"data": {"echo": LONG_KEY}}),
        httpx.Response(502, content=b"x" * 450 + LONG_KEY.encode()),
        httpx.Response(400, json=error_json("e" * 40 + LONG_KEY, "m")),
    ],
)
def test_a_long_key_cut_short_in_a_message_leaves_no_piece_behind(
    response: httpx.Response,
) -> None:
    script = Script(response)
    with make_client(script, api_key=LONG_KEY, max_retries=0) as client:
        errors = [
            raised_by(lambda: client.models.get("m")),
            raised_by(lambda: list(client.models.list())),
        ]
    for error in errors:
        assert isinstance(error, AnthropicModelsError)
        assert_no_piece_of_long_key(str(error))
        assert_no_piece_of_long_key(repr(error))
        if isinstance(error, APIStatusError):
            assert_no_piece_of_long_key(error.message)


# --- logs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credential", "header"),
    [
        pytest.param({"api_key": KEY}, "x-api-key", id="api_key"),
        pytest.param({"api_key": None, "auth_token": KEY}, "authorization", id="token"),
    ],
)
@BOTH_CLIENTS
def test_debug_logs_show_the_key_header_as_redacted(
    mode: str,
    debug_logs: pytest.LogCaptureFixture,
    credential: dict[str, Any],
    header: str,
) -> None:
    # The fake accepts KEY in the header under test (and the other credential,
    # which must differ, in the other one).
    key, token = (
        (KEY, "sk-ant-TEST-OTHER-TOKEN")
        if header == "x-api-key"
        else ("sk-ant-TEST-OTHER-KEY", KEY)
    )
    catalogue = Catalogue(
        model_ids(3),
        faults={1: Fault.raw(503, b"", content_type=None)},
        api_key=key,
        auth_token=token,
    )
    run(mode, catalogue, "get", "claude-model-00", client=credential)
    run(mode, catalogue, "list", client=credential)
    assert_logs_have_no_key(debug_logs)
    messages = [
        r.getMessage() for r in debug_logs.records if r.name == "anthropic_models"
    ]
    assert any(f"'{header}': '<redacted>'" in m for m in messages)
    assert any("retrying" in m for m in messages)


def _check_socket_logs(
    fake: FakeModelsAPI,
    logs: pytest.LogCaptureFixture,
    listed: int,
    error: BaseException,
) -> None:
    assert listed == 10
    assert_exception_has_no_key(error)
    assert fake.requests[0].headers["x-api-key"] == KEY  # it was sent
    assert_logs_have_no_key(logs)
    assert {"httpx", "httpcore.connection", "anthropic_models"} <= {
        r.name for r in logs.records
    }


def test_logs_over_real_sockets_do_not_show_the_key(
    fake: FakeModelsAPI, server: FakeServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    """httpx and httpcore log too when a real connection is used."""
    with Client(api_key=KEY, base_url=server.base_url) as client:
        listed = len(list(client.models.list(limit=4)))
        error = raised_by(lambda: client.models.get("claude-nope"))
    _check_socket_logs(fake, debug_logs, listed, error)


@pytest.mark.anyio
async def test_async_logs_over_real_sockets_do_not_show_the_key(
    fake: FakeModelsAPI, server: FakeServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
        listed = len([m async for m in client.models.list(limit=4)])
        error = await async_raised_by(client.models.get("claude-nope"))
    _check_socket_logs(fake, debug_logs, listed, error)
