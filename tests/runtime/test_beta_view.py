"""``client.beta.models``: the beta view of the Models API (``?beta=true``), sync
and async, against the fake; and the plain view without the beta fields."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from anthropic_models import (
    AsyncClient,
    BetaModelInfo,
    Client,
    ModelInfo,
    NotFoundError,
    ResponseValidationError,
)
from anthropic_models.testing import DEFAULT_MODELS, FakeModelsAPI, FakeServer
from generated_client.api.models import beta_get_model, beta_list_models
from generated_client.models import (
    BetaCompactionCapability,
    BetaListModelsResponse,
    BetaModelCapabilities,
    CapabilitySupport,
)
from generated_client.types import UNSET

BETA = ("beta", "true")
BY_ID = {model["id"]: model for model in DEFAULT_MODELS}


@pytest.fixture(scope="module")
def fake() -> FakeModelsAPI:
    return FakeModelsAPI()


@pytest.fixture(scope="module")
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    with fake.serve() as served:
        yield served


@pytest.fixture
def client(fake: FakeModelsAPI, server: FakeServer) -> Iterator[Client]:
    fake.clear_requests()
    with Client(api_key=fake.api_key, base_url=server.base_url) as made:
        yield made


def _beta_fields(model: Any) -> tuple[Any, Any]:
    """A typed model's fallbacks and compaction, as JSON."""
    compaction = model.capabilities.compaction
    if isinstance(compaction, BetaCompactionCapability):
        compaction = compaction.to_dict()
    return model.allowed_fallback_models, compaction


def _expected(model_id: str) -> tuple[Any, Any]:
    raw = BY_ID[model_id]
    return raw["allowed_fallback_models"], raw["capabilities"]["compaction"]


def test_get_in_the_beta_view_types_the_beta_fields(
    fake: FakeModelsAPI, client: Client
) -> None:
    model = client.beta.models.get("claude-opus-4-5")
    assert isinstance(model, BetaModelInfo)
    assert model.id == "claude-opus-4-5-20251101"
    assert _beta_fields(model) == _expected(model.id)
    assert isinstance(model.capabilities, BetaModelCapabilities)
    assert isinstance(model.capabilities.compaction, BetaCompactionCapability)
    assert isinstance(model.capabilities.compaction.summarize, CapabilitySupport)
    # Everything ModelInfo has, typed alike.
    plain = client.models.get("claude-opus-4-5")
    mine = model.to_dict()
    assert mine.pop("allowed_fallback_models") is not None
    assert mine["capabilities"].pop("compaction") is not None
    assert mine == plain.to_dict()
    beta_request, plain_request = fake.requests
    assert beta_request.path == plain_request.path == "/v1/models/claude-opus-4-5"
    assert beta_request.query == [BETA]
    assert plain_request.query == []


def test_the_plain_view_has_no_beta_fields(client: Client) -> None:
    for model in client.models.list(limit=5):
        assert isinstance(model, ModelInfo)
        assert "allowed_fallback_models" not in model.to_dict()
        assert model.additional_properties == {}
        if model.capabilities:
            assert "compaction" not in model.capabilities.to_dict()


def test_the_beta_listing_pages_with_beta_on_every_request(
    fake: FakeModelsAPI, client: Client
) -> None:
    models = list(client.beta.models.list(limit=3))
    assert [m.id for m in models] == fake.model_ids
    assert len(fake.requests) == -(-len(models) // 3)  # several pages
    for model in models:
        assert isinstance(model, BetaModelInfo)
        if model.capabilities:
            assert _beta_fields(model) == _expected(model.id)
        else:
            assert model.allowed_fallback_models == _expected(model.id)[0]
    for request in fake.requests:
        assert request.path == "/v1/models"
        assert request.query[0] == BETA and request.query.count(BETA) == 1
        assert ("limit", "3") in request.query
    assert ("after_id", models[2].id) in fake.requests[1].query


def test_the_beta_listing_filters_and_goes_backwards(
    fake: FakeModelsAPI, client: Client
) -> None:
    retired = [m.id for m in client.beta.models.list(lifecycle=["retired"])]
    assert retired == fake.listed_ids(["retired"]) and retired
    ids = fake.model_ids
    before = [m.id for m in client.beta.models.list(before_id=ids[-1], limit=2)]
    assert len(before) == len(ids) - 1 and set(before) == set(ids[:-1])


def test_the_generated_functions_keep_the_fixed_query(
    fake: FakeModelsAPI, client: Client
) -> None:
    # httpx 0.28 replaces a URL's query with the request's params: the
    # client's httpx client joins them instead.
    page = beta_list_models.sync(
        client=client.generated, limit=2, after_id=fake.model_ids[0]
    )
    model = beta_get_model.sync("claude-haiku-4-5", client=client.generated)
    assert isinstance(page, BetaListModelsResponse)
    assert [m.id for m in page.data] == fake.model_ids[1:3]
    assert isinstance(model, BetaModelInfo) and model.allowed_fallback_models == []
    listed, got = fake.requests
    assert sorted(listed.query) == sorted(
        [BETA, ("limit", "2"), ("after_id", fake.model_ids[0])]
    )
    assert got.query == [BETA]


def test_beta_errors_and_bad_arguments(fake: FakeModelsAPI, client: Client) -> None:
    with pytest.raises(NotFoundError):
        client.beta.models.get("claude-nope")
    fake.clear_requests()
    with pytest.raises(ValueError, match="limit"):
        client.beta.models.list(limit=0)
    with pytest.raises(ValueError, match="model_id"):
        client.beta.models.get("")
    assert fake.requests == []


def test_the_async_beta_view(fake: FakeModelsAPI, server: FakeServer) -> None:
    async def run() -> tuple[BetaModelInfo, list[BetaModelInfo]]:
        async with AsyncClient(api_key=fake.api_key, base_url=server.base_url) as c:
            model = await c.beta.models.get("claude-sonnet-4-5")
            models = [m async for m in c.beta.models.list(limit=4)]
            return model, models

    fake.clear_requests()
    model, models = asyncio.run(run())
    assert isinstance(model, BetaModelInfo)
    assert _beta_fields(model) == _expected("claude-sonnet-4-5-20250929")
    assert [m.id for m in models] == fake.model_ids
    assert all(isinstance(m, BetaModelInfo) for m in models)
    assert all(r.query[0] == BETA for r in fake.requests)


# --- strict on type, lenient on presence -------------------------------------------


def _served(model: dict[str, Any]) -> Iterator[Client]:
    fake = FakeModelsAPI(models=[model])
    with (
        fake.serve() as served,
        Client(api_key=fake.api_key, base_url=served.base_url, max_retries=0) as client,
    ):
        yield client


FOUR_FIELDS = {
    "id": "claude-old-1-20240101",
    "created_at": "2024-01-01T00:00:00+00:00",  # as to_dict() writes it
    "display_name": "Claude Old 1",
    "type": "model",
}


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"allowed_fallback_models": None},
        {"capabilities": None},
        {"capabilities": {}},
        {"capabilities": {"compaction": None}},
        {"capabilities": {"compaction": {}}},
        {"capabilities": {"compaction": {"supported": False}}},
    ],
    ids=[
        "four fields",
        "null fallbacks",
        "null capabilities",
        "empty tree",
        "null compaction",
        "empty compaction",
        "no summarize",
    ],
)
def test_a_beta_model_lacking_beta_keys_parses(extra: dict[str, Any]) -> None:
    sent = {**FOUR_FIELDS, **extra}
    for client in _served(sent):
        model = client.beta.models.get(sent["id"])
        assert model.to_dict() == sent  # nothing lost, nothing added
        if "allowed_fallback_models" not in extra:
            assert model.allowed_fallback_models is UNSET


@pytest.mark.parametrize(
    "extra",
    [
        {"allowed_fallback_models": "claude-x"},
        {"allowed_fallback_models": [1]},
        {"capabilities": {"compaction": True}},
        {"capabilities": {"compaction": {"supported": "yes"}}},
        {"capabilities": {"compaction": {"summarize": {"supported": None}}}},
    ],
)
def test_a_beta_field_of_the_wrong_type_is_refused(extra: dict[str, Any]) -> None:
    sent = {**FOUR_FIELDS, **extra}
    for client in _served(sent):
        with pytest.raises(ResponseValidationError):
            client.beta.models.get(sent["id"])
        with pytest.raises(ResponseValidationError):
            list(client.beta.models.list())


def test_a_beta_listing_without_arguments_still_asks_for_the_beta_view(
    fake: FakeModelsAPI, client: Client
) -> None:
    # The generated request has empty params, which httpx alone would put in
    # place of the URL's query.
    models = list(client.beta.models.list())
    assert models and all(isinstance(m, BetaModelInfo) for m in models)
    assert [r.query for r in fake.requests] == [[BETA]]
