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
    BOTH_CLIENTS,
    KEY,
    Catalogue,
    Delays,
    Script,
    Step,
    call_generated,
    error_response,
    model_ids,
    ok_model,
)


def assert_runtime_headers(request: httpx.Request) -> None:
    assert request.headers.get_list("x-api-key") == [KEY]
    assert request.headers.get_list("anthropic-version") == [API_VERSION]
    assert request.headers["user-agent"].startswith("anthropic-models")


@BOTH_CLIENTS
def test_generated_get_model_is_authenticated(mode: str) -> None:
    catalogue = Catalogue(model_ids(3))
    model = call_generated(mode, catalogue, get_model, "claude-model-01")
    assert isinstance(model, ModelInfo)
    assert model.id == "claude-model-01"
    assert_runtime_headers(catalogue.requests[0])


@BOTH_CLIENTS
def test_generated_list_models_is_authenticated_and_gets_client_betas(
    mode: str,
) -> None:
    catalogue = Catalogue(model_ids(3))
    page = call_generated(
        mode, catalogue, list_models, client={"betas": ["beta-a"]}, limit=2
    )
    assert isinstance(page, ListModelsResponse)
    assert [m.id for m in page.data] == model_ids(2)
    request = catalogue.requests[0]
    assert_runtime_headers(request)
    assert request.headers["anthropic-beta"] == "beta-a"


@BOTH_CLIENTS
def test_generated_call_betas_merge_with_client_betas(mode: str) -> None:
    catalogue = Catalogue(model_ids(3))
    call_generated(
        mode,
        catalogue,
        get_model,
        "claude-model-00",
        client={"betas": ["beta-a"]},
        anthropic_beta="beta-b,beta-a",
    )
    assert catalogue.requests[0].headers.get_list("anthropic-beta") == ["beta-a,beta-b"]


@pytest.mark.parametrize(
    "failures",
    [
        [error_response(503), error_response(529)],
        [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")],
    ],
)
@BOTH_CLIENTS
def test_generated_functions_are_retried(mode: str, failures: list[Step]) -> None:
    script = Script(*failures, ok_model("ok"))
    delays = Delays()
    model = call_generated(mode, script, get_model, "m", delays=delays)
    assert isinstance(model, ModelInfo) and model.id == "ok"
    assert script.calls == 3
    assert len(delays) == 2


@BOTH_CLIENTS
def test_generated_functions_raise_the_typed_errors(mode: str) -> None:
    catalogue = Catalogue(model_ids(1))
    with pytest.raises(NotFoundError) as raised:
        call_generated(mode, catalogue, get_model, "claude-nope")
    assert raised.value.error_type == "not_found_error"
    assert catalogue.calls == 1

    script = Script(error_response(429))
    with pytest.raises(RateLimitError):
        call_generated(mode, script, list_models, client={"max_retries": 1})
    assert script.calls == 2

    script = Script(error_response(500))
    with pytest.raises(InternalServerError):
        call_generated(
            mode, script, get_model, "m", detailed=True, client={"max_retries": 0}
        )
    assert script.calls == 1

    script = Script(httpx.ReadError("reset"))
    with pytest.raises(APIConnectionError):
        call_generated(
            mode, script, list_models, detailed=True, client={"max_retries": 0}
        )
    assert script.calls == 1
