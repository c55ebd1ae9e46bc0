"""The generated endpoint functions send exactly the request the spec describes:
method, path, query string and headers, for every combination of parameters."""

from __future__ import annotations

import asyncio
from collections import Counter
from urllib.parse import quote

import httpx
import pytest

import generated_client
from generated_client.api.models import (
    beta_get_model,
    beta_list_models,
    get_model,
    list_models,
)
from generated_client.models import ListModelsResponse, ModelInfo, ModelInfoLifecycle
from generated_client.types import UNSET

from .spec_contract import (
    BASE_URL,
    PATH_SAMPLES,
    RequestCase,
    iter_operations,
    load_spec,
    parameter_default,
    request_cases,
    run_case,
)

SPEC = load_spec()
CASES = request_cases(SPEC)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "asyncio"])
@pytest.mark.parametrize("case", CASES, ids=[case.label for case in CASES])
def test_request_has_the_method_path_query_and_headers_of_the_spec(
    case: RequestCase, asynchronous: bool
) -> None:
    assert run_case(case, asynchronous) == []


def test_cases_cover_every_combination_of_set_and_unset_parameters() -> None:
    counts = Counter(case.operation_id for case in CASES)
    for op in iter_operations(SPEC):
        toggled = [
            p
            for p in op.parameters
            if p["in"] != "path"
            and (
                not p.get("required", False) or parameter_default(SPEC, p) is not UNSET
            )
        ]
        path_values = 1
        for p in op.parameters:
            if p["in"] == "path":
                path_values *= len(PATH_SAMPLES) + (
                    "example" in p and p["example"] not in PATH_SAMPLES
                )
        assert counts[op.operation_id] == 2 ** len(toggled) * path_values, (
            op.operation_id
        )
    # list_models: after_id, before_id, limit, lifecycle[], anthropic-beta,
    # anthropic-version, anthropic-workspace-id.
    assert counts["list_models"] == 128


def test_model_ids_with_reserved_characters_are_among_the_cases() -> None:
    ids = {
        str(case.arguments["model_id"])
        for case in CASES
        if case.operation_id == "get_model"
    }
    for character in "/?#% ":
        assert any(character in model_id for model_id in ids), character


# Hand-written expectations for the two everyday calls, independent of the case
# builder above (so a mistake in it cannot hide a mistake in the generated code).


def _capture() -> tuple[generated_client.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body: dict[str, object]
        if request.url.path == "/v1/models":
            body = {"data": [], "first_id": None, "last_id": None, "has_more": False}
        else:
            body = {
                "id": "claude-sonnet-4-5-20250929",
                "created_at": "2025-09-29T00:00:00Z",
                "display_name": "Claude Sonnet 4.5",
                "type": "model",
            }
        return httpx.Response(200, json=body)

    client = generated_client.Client(
        base_url=BASE_URL, httpx_args={"transport": httpx.MockTransport(handler)}
    )
    return client, seen


def test_list_models_without_arguments_sends_the_default_limit_and_version() -> None:
    client, seen = _capture()
    page = list_models.sync(client=client)
    assert isinstance(page, ListModelsResponse)
    (request,) = seen
    assert request.method == "GET"
    assert str(request.url) == f"{BASE_URL}/v1/models?limit=20"
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert "anthropic-beta" not in request.headers


def test_list_models_sends_cursors_and_betas_as_given() -> None:
    client, seen = _capture()
    asyncio.run(
        list_models.asyncio(
            client=client,
            after_id="claude a&b",
            limit=1000,
            anthropic_beta="files-api-2025-04-14,some-future-beta",
        )
    )
    (request,) = seen
    assert request.url.params.multi_items() == [
        ("after_id", "claude a&b"),
        ("limit", "1000"),
    ]
    assert request.headers["anthropic-beta"] == "files-api-2025-04-14,some-future-beta"


def test_list_models_sends_the_lifecycle_filter_in_the_official_sdks_form() -> None:
    client, seen = _capture()
    list_models.sync(
        client=client,
        lifecycle=[ModelInfoLifecycle.ACTIVE, "retired"],
        anthropic_workspace_id="wrkspc_011CZkZaBF1tNoB5wlCeusgy",
    )
    (request,) = seen
    # As the official SDKs send it: one bracketed pair per stage, percent-encoded.
    assert request.url.query == (
        b"limit=20&lifecycle%5B%5D=active&lifecycle%5B%5D=retired"
    )
    assert (
        request.headers["anthropic-workspace-id"] == "wrkspc_011CZkZaBF1tNoB5wlCeusgy"
    )


def test_get_model_sends_the_workspace_header() -> None:
    client, seen = _capture()
    get_model.sync("claude-sonnet-4-5", client=client, anthropic_workspace_id="w1")
    (request,) = seen
    assert request.headers["anthropic-workspace-id"] == "w1"
    assert request.url.query == b""


@pytest.mark.parametrize(
    "model_id",
    ["claude-sonnet-4-5", "a/b", "what?x=1", "frag#ment", "100%", "two words"],
)
def test_get_model_puts_the_percent_encoded_id_in_one_path_segment(
    model_id: str,
) -> None:
    client, seen = _capture()
    model = get_model.sync(model_id, client=client)
    assert isinstance(model, ModelInfo)
    (request,) = seen
    assert request.method == "GET"
    assert request.url.raw_path == f"/v1/models/{quote(model_id, safe='')}".encode()
    assert request.url.query == b""
    assert request.headers["anthropic-version"] == "2023-06-01"


def test_httpx_alone_replaces_the_fixed_query_of_a_path_key() -> None:
    # Why the runtime's httpx clients join a URL's query with the parameters
    # (anthropic_models._client._with_fixed_query): openapi-python-client 0.29.1
    # puts `?beta=true` into the URL of the beta operations and their parameters
    # in `params`, and httpx 0.28 keeps only the latter, even an empty dict. When
    # this fails, an upgrade fixed it upstream and the join may go.
    client, seen = _capture()
    beta_list_models.sync_detailed(client=client, limit=2)
    beta_list_models.sync_detailed(client=client, limit=UNSET)  # params == {}
    beta_get_model.sync_detailed("claude-sonnet-4-5", client=client)
    lost, also_lost, kept = seen
    assert lost.url.query == b"limit=2" and also_lost.url.query == b""
    assert kept.url.query == b"beta=true"  # a get has no `params` to replace it
