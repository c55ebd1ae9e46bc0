"""The generated functions, called with ``client.generated``, get everything the
runtime adds: proof that it lives at the HTTP layer, not in ``client.models``."""

from __future__ import annotations

import httpx
import pytest

from anthropic_models import (
    APIConnectionError,
    InternalServerError,
    ListModelsResponse,
    ModelInfo,
    NotFoundError,
    RateLimitError,
)
from generated_client.api.models import get_model, list_models

from .helpers import (
    API_VERSION,
    KEY,
    Catalogue,
    Delays,
    Script,
    error_response,
    make_async_client,
    make_client,
    model_ids,
    ok_model,
)


def assert_runtime_headers(request: httpx.Request) -> None:
    assert request.headers.get_list("x-api-key") == [KEY]
    assert request.headers.get_list("anthropic-version") == [API_VERSION]
    assert request.headers["user-agent"].startswith("anthropic-models")


def test_generated_get_model_is_authenticated() -> None:
    catalogue = Catalogue(model_ids(3))
    with make_client(catalogue) as client:
        model = get_model.sync("claude-model-01", client=client.generated)
    assert isinstance(model, ModelInfo)
    assert model.id == "claude-model-01"
    assert_runtime_headers(catalogue.requests[0])


def test_generated_list_models_is_authenticated_and_gets_client_betas() -> None:
    catalogue = Catalogue(model_ids(3))
    with make_client(catalogue, betas=["beta-a"]) as client:
        page = list_models.sync(client=client.generated, limit=2)
    assert isinstance(page, ListModelsResponse)
    assert [m.id for m in page.data] == model_ids(2)
    request = catalogue.requests[0]
    assert_runtime_headers(request)
    assert request.headers["anthropic-beta"] == "beta-a"


def test_generated_call_betas_merge_with_client_betas() -> None:
    catalogue = Catalogue(model_ids(3))
    with make_client(catalogue, betas=["beta-a"]) as client:
        get_model.sync(
            "claude-model-00", client=client.generated, anthropic_beta="beta-b,beta-a"
        )
    assert catalogue.requests[0].headers.get_list("anthropic-beta") == ["beta-a,beta-b"]


@pytest.mark.anyio
async def test_async_generated_functions_are_authenticated() -> None:
    catalogue = Catalogue(model_ids(3))
    async with make_async_client(catalogue) as client:
        model = await get_model.asyncio("claude-model-02", client=client.generated)
        page = await list_models.asyncio(client=client.generated)
    assert isinstance(model, ModelInfo)
    assert isinstance(page, ListModelsResponse)
    assert len(page.data) == 3
    for request in catalogue.requests:
        assert_runtime_headers(request)


def test_generated_functions_are_retried() -> None:
    script = Script(error_response(503), error_response(529), ok_model("ok"))
    delays = Delays()
    with make_client(script, delays=delays) as client:
        model = get_model.sync("m", client=client.generated)
    assert isinstance(model, ModelInfo) and model.id == "ok"
    assert script.calls == 3
    assert len(delays) == 2


@pytest.mark.anyio
async def test_async_generated_functions_are_retried() -> None:
    script = Script(httpx.ConnectError("refused"), ok_model("ok"))
    async with make_async_client(script) as client:
        model = await get_model.asyncio("m", client=client.generated)
    assert isinstance(model, ModelInfo)
    assert script.calls == 2


def test_generated_functions_raise_the_typed_errors() -> None:
    catalogue = Catalogue(model_ids(1))
    with make_client(catalogue) as client, pytest.raises(NotFoundError) as raised:
        get_model.sync("claude-nope", client=client.generated)
    assert raised.value.error_type == "not_found_error"
    assert catalogue.calls == 1

    script = Script(error_response(429))
    with (
        make_client(script, max_retries=1) as client,
        pytest.raises(RateLimitError),
    ):
        list_models.sync(client=client.generated)
    assert script.calls == 2

    script = Script(error_response(500))
    with (
        make_client(script, max_retries=0) as client,
        pytest.raises(InternalServerError),
    ):
        get_model.sync_detailed("m", client=client.generated)


@pytest.mark.anyio
async def test_async_generated_functions_raise_the_typed_errors() -> None:
    catalogue = Catalogue(model_ids(1))
    async with make_async_client(catalogue) as client:
        with pytest.raises(NotFoundError):
            await get_model.asyncio("claude-nope", client=client.generated)
    script = Script(httpx.ReadError("reset"))
    async with make_async_client(script, max_retries=0) as client:
        with pytest.raises(APIConnectionError):
            await list_models.asyncio_detailed(client=client.generated)
