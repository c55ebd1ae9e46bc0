"""Authentication and the headers every request carries."""

from __future__ import annotations

import traceback
from typing import Any

import httpx
import pytest

import anthropic_models
from anthropic_models import AsyncClient, Client

from .helpers import (
    API_VERSION,
    BOTH_CLIENTS,
    KEY,
    Catalogue,
    Recorder,
    make_async_client,
    make_client,
    model_ids,
    run,
)


def assert_authenticated(request: httpx.Request, key: str = KEY) -> None:
    assert request.headers.get_list("x-api-key") == [key]
    assert request.headers.get_list("anthropic-version") == [API_VERSION]


# --- every request is authenticated ---------------------------------------------


def test_every_request_carries_key_and_version_through_a_caller_http_client() -> None:
    catalogue = Catalogue(model_ids(5))
    http_client = httpx.Client(transport=httpx.MockTransport(catalogue))
    with Client(api_key=KEY, base_url="https://api.test", http_client=http_client) as c:
        c.models.get("claude-model-01")
        assert len(list(c.models.list(limit=2))) == 5
    assert catalogue.calls == 4  # one get, three pages
    for request in catalogue.requests:
        assert_authenticated(request)


@pytest.mark.anyio
async def test_every_async_request_carries_key_and_version_through_caller_client() -> (
    None
):
    catalogue = Catalogue(model_ids(5))
    http_client = httpx.AsyncClient(transport=httpx.MockTransport(catalogue))
    async with AsyncClient(
        api_key=KEY, base_url="https://api.test", http_client=http_client
    ) as client:
        await client.models.get("claude-model-01")
        assert len([m async for m in client.models.list(limit=2)]) == 5
    assert catalogue.calls == 4
    for request in catalogue.requests:
        assert_authenticated(request)


def test_runtime_key_wins_over_caller_http_client_default_headers() -> None:
    recorder = Recorder()
    http_client = httpx.Client(
        transport=httpx.MockTransport(recorder),
        headers={"x-api-key": "someone-else", "anthropic-version": "1999-01-01"},
    )
    with make_client(recorder, http_client=http_client) as client:
        client.models.get("m")
    assert_authenticated(recorder.requests[0])


def test_caller_http_client_event_hooks_see_the_authenticated_request() -> None:
    seen: list[httpx.Request] = []
    recorder = Recorder()
    http_client = httpx.Client(
        transport=httpx.MockTransport(recorder),
        event_hooks={"request": [seen.append]},
    )
    with make_client(recorder, http_client=http_client) as client:
        client.models.get("m")
    assert len(seen) == 1
    assert_authenticated(seen[0])


@pytest.mark.anyio
async def test_async_caller_http_client_event_hooks_see_the_authenticated_request() -> (
    None
):
    seen: list[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request)

    recorder = Recorder()
    http_client = httpx.AsyncClient(
        transport=httpx.MockTransport(recorder), event_hooks={"request": [hook]}
    )
    async with make_async_client(recorder, http_client=http_client) as client:
        await client.models.get("m")
    assert len(seen) == 1
    assert_authenticated(seen[0])


# --- the key and base URL from the environment --------------------------------


def test_missing_key_raises_value_error_naming_the_env_var(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    recorder = Recorder()
    transport = httpx.MockTransport(recorder)
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        Client(http_client=httpx.Client(transport=transport))
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        AsyncClient(http_client=httpx.AsyncClient(transport=transport))
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        Client()
    assert recorder.calls == 0


def test_empty_key_raises_value_error_even_when_env_var_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-from-env")
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        Client(api_key="")
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        AsyncClient(api_key="")


@pytest.mark.parametrize("bad_key", ["sk-line\nbreak", "sk-\r\n", "sk-ü", "sk-\x00"])
def test_key_that_cannot_be_a_header_value_raises_value_error(bad_key: str) -> None:
    with pytest.raises(ValueError, match="api_key") as raised:
        Client(api_key=bad_key)
    assert bad_key not in str(raised.value)
    with pytest.raises(ValueError, match="api_key"):
        AsyncClient(api_key=bad_key)


# Where a credential can come from: (argument of the client, variable to set).
CREDENTIAL_SOURCES = [
    ("api_key", None),
    ("auth_token", None),
    (None, "ANTHROPIC_API_KEY"),
    (None, "ANTHROPIC_AUTH_TOKEN"),
]


def refused_credential(
    monkeypatch: pytest.MonkeyPatch,
    argument: str | None,
    variable: str | None,
    value: str,
) -> list[ValueError]:
    """The ValueErrors of a Client and an AsyncClient given ``value`` as the
    ``argument``, or through ``variable``; nothing may be sent."""
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    options: dict[str, Any] = {}
    if variable is not None:
        monkeypatch.setenv(variable, value)
    else:
        assert argument is not None
        options[argument] = value
    recorder = Recorder()
    transport = httpx.MockTransport(recorder)
    errors = []
    with pytest.raises(ValueError) as sync_raised:
        Client(http_client=httpx.Client(transport=transport), **options)
    errors.append(sync_raised.value)
    with pytest.raises(ValueError) as async_raised:
        AsyncClient(http_client=httpx.AsyncClient(transport=transport), **options)
    errors.append(async_raised.value)
    assert recorder.calls == 0
    for error in errors:
        # Neither the message nor any chained exception holds the value.
        assert error.__cause__ is None and error.__context__ is None
        assert value.strip() not in "".join(traceback.format_exception(error))
    return errors


@pytest.mark.parametrize(("argument", "variable"), CREDENTIAL_SOURCES)
@pytest.mark.parametrize("padded", [f"{KEY} ", f" {KEY}", f"  {KEY}  "])
def test_a_credential_with_surrounding_whitespace_is_refused_naming_its_source(
    monkeypatch: pytest.MonkeyPatch,
    argument: str | None,
    variable: str | None,
    padded: str,
) -> None:
    # Before: sent, refused inside h11, and an APIConnectionError whose
    # __cause__ quoted the whole value.
    for error in refused_credential(monkeypatch, argument, variable, padded):
        assert "whitespace" in str(error)
        assert str(error).startswith(f"${variable}" if variable else f"{argument} ")


@pytest.mark.parametrize(("argument", "variable"), CREDENTIAL_SOURCES)
def test_a_credential_that_cannot_be_a_header_names_its_source(
    monkeypatch: pytest.MonkeyPatch, argument: str | None, variable: str | None
) -> None:
    # Before: the message said "api_key" also for a value from $ANTHROPIC_API_KEY
    # (and for a token).
    for error in refused_credential(monkeypatch, argument, variable, f"{KEY}\n"):
        assert "printable ASCII" in str(error)
        assert str(error).startswith(f"${variable}" if variable else f"{argument} ")


@BOTH_CLIENTS
def test_key_is_read_from_env_var(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-from-env")
    recorder = Recorder()
    run(mode, recorder, "get", "m", client={"api_key": None})
    assert_authenticated(recorder.requests[0], key="sk-from-env")


def test_explicit_key_wins_over_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-from-env")
    recorder = Recorder()
    with make_client(recorder) as client:
        client.models.get("m")
    assert_authenticated(recorder.requests[0])


def test_base_url_is_read_from_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://models.example.test:8080/")
    recorder = Recorder()
    with make_client(recorder, base_url=None) as client:
        assert client.base_url == "http://models.example.test:8080"
        client.models.get("m")
    assert (
        str(recorder.requests[0].url) == "http://models.example.test:8080/v1/models/m"
    )


@pytest.mark.anyio
async def test_async_base_url_is_read_from_env_var(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://models.example.test:8080/")
    recorder = Recorder()
    async with make_async_client(recorder, base_url=None) as client:
        assert client.base_url == "http://models.example.test:8080"
        await client.models.get("m")
    assert (
        str(recorder.requests[0].url) == "http://models.example.test:8080/v1/models/m"
    )


def test_base_url_defaults_to_the_public_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)
    recorder = Recorder()
    with make_client(recorder, base_url=None) as client:
        client.models.get("m")
    assert str(recorder.requests[0].url) == "https://api.anthropic.com/v1/models/m"


def test_explicit_base_url_with_a_path_prefix_wins_over_env_var(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://wrong.example.test")
    recorder = Recorder()
    with make_client(recorder, base_url="http://proxy.test/anthropic/") as client:
        client.models.get("m")
    assert str(recorder.requests[0].url) == ("http://proxy.test/anthropic/v1/models/m")


# --- User-Agent and default_headers --------------------------------------------


@BOTH_CLIENTS
def test_user_agent_names_the_package_and_its_version(mode: str) -> None:
    recorder = Recorder()
    run(mode, recorder, "get", "m")
    user_agent = recorder.requests[0].headers["user-agent"]
    assert "anthropic-models" in user_agent
    assert anthropic_models.__version__ in user_agent
    assert "python-httpx" not in user_agent


@BOTH_CLIENTS
def test_default_headers_are_sent_on_every_request(mode: str) -> None:
    catalogue = Catalogue(model_ids(3))
    team = {"default_headers": {"X-Team": "models"}}
    run(mode, catalogue, "get", "claude-model-00", client=team)
    run(mode, catalogue, "list", limit=1, client=team)
    assert catalogue.calls == 4
    for request in catalogue.requests:
        assert request.headers.get_list("x-team") == ["models"]
        assert_authenticated(request)


@BOTH_CLIENTS
@pytest.mark.parametrize("name", ["anthropic-version", "Anthropic-Version"])
def test_default_headers_may_repeat_the_api_version_and_it_is_sent_once(
    mode: str, name: str
) -> None:
    catalogue = Catalogue(model_ids(3))
    repeated = {"default_headers": {name: API_VERSION}}
    run(mode, catalogue, "get", "claude-model-00", client=repeated)
    run(mode, catalogue, "list", limit=2, client=repeated)
    assert catalogue.calls == 3
    for request in catalogue.requests:
        assert_authenticated(request)  # one anthropic-version, 2023-06-01


@pytest.mark.parametrize(
    "headers",
    [
        {"x-api-key": "other"},
        {"X-Api-Key": "other"},
        {"X-API-KEY": "other"},
        # Another version than the one the generated types describe.
        {"anthropic-version": "2024-01-01"},
        {"Anthropic-Version": "2023-06-01 "},
        {"x-team": "a\r\nx-injected: 1"},
        {"x-team": "line\nbreak"},
        {"x-team": "carriage\rreturn"},
        {"x-team\r\nx-injected": "1"},
        {"x-team": "ü"},
        {"x-team": "nul\x00"},
    ],
)
def test_bad_default_headers_raise_value_error_at_construction(
    headers: dict[str, str],
) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="default_headers"):
        make_client(recorder, default_headers=headers)
    with pytest.raises(ValueError, match="default_headers"):
        make_async_client(recorder, default_headers=headers)
    assert recorder.calls == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://user:hunter2-secret@api.test",
        "https://:hunter2-secret@api.test/v1",
        "http://hunter2-secret@127.0.0.1:8080",
    ],
)
@pytest.mark.parametrize("from_env", [False, True], ids=["argument", "env"])
def test_a_base_url_with_userinfo_is_refused_without_quoting_it(
    monkeypatch: pytest.MonkeyPatch, url: str, from_env: bool
) -> None:
    # Before: accepted; the password showed in repr(client) and the logs, and
    # went out as Basic auth beside the key.
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)
    if from_env:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
    options: dict[str, Any] = {"api_key": KEY, "base_url": None if from_env else url}
    recorder = Recorder()
    transport = httpx.MockTransport(recorder)
    with pytest.raises(ValueError) as sync_raised:
        Client(http_client=httpx.Client(transport=transport), **options)
    with pytest.raises(ValueError) as async_raised:
        AsyncClient(http_client=httpx.AsyncClient(transport=transport), **options)
    for error in (sync_raised.value, async_raised.value):
        text = "".join(traceback.format_exception(error))
        assert "hunter2-secret" not in text
        assert "user:password@" in str(error)
        expected = "$ANTHROPIC_BASE_URL (the base_url)" if from_env else "base_url "
        assert str(error).startswith(expected)
    assert recorder.calls == 0
