"""The official ``anthropic`` SDK as an oracle: pointed at the same fake server,
it lists and retrieves exactly what our Client does."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import anthropic
import pytest

from anthropic_models import Client
from anthropic_models.testing import (
    DEFAULT_ALIASES,
    DEFAULT_MODELS,
    FakeModelsAPI,
    FakeServer,
    synthetic_models,
)

# The realistic catalogue plus enough synthetic models that every page size below
# needs several pages (and 1000 needs exactly one).
CATALOGUE = [*DEFAULT_MODELS, *synthetic_models(45)]
PAGE_SIZES = [1, 7, 20, 1000]


@pytest.fixture(scope="module")
def fake() -> FakeModelsAPI:
    return FakeModelsAPI(models=CATALOGUE, aliases=DEFAULT_ALIASES)


@pytest.fixture(scope="module")
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    with fake.serve() as served:
        yield served


@pytest.fixture(scope="module")
def ours(fake: FakeModelsAPI, server: FakeServer) -> Iterator[Client]:
    with Client(
        api_key=fake.api_key, base_url=server.base_url, max_retries=0
    ) as client:
        yield client


@pytest.fixture(scope="module")
def sdk(fake: FakeModelsAPI, server: FakeServer) -> Iterator[anthropic.Anthropic]:
    # Configured to speak as the API is documented (api-facts.md) and as our
    # client does: SDK 2.14 would send the key as `Authorization: Bearer` and
    # `anthropic-version: 2026-10-21`. Retries off, so nothing masks a
    # disagreement. The environment is cleared so no ambient key adds a header.
    with pytest.MonkeyPatch.context() as env:
        env.delenv("ANTHROPIC_API_KEY", raising=False)
        env.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
        client = anthropic.Anthropic(
            api_key=None,
            base_url=server.base_url,
            max_retries=0,
            default_headers={
                "x-api-key": fake.api_key,
                "anthropic-version": "2023-06-01",
            },
        )
    with client:
        yield client


def _sdk_ids(sdk: anthropic.Anthropic, limit: int, cursor: dict[str, str]) -> list[str]:
    if "after_id" in cursor:
        pages = sdk.models.list(limit=limit, after_id=cursor["after_id"])
    elif "before_id" in cursor:
        pages = sdk.models.list(limit=limit, before_id=cursor["before_id"])
    else:
        pages = sdk.models.list(limit=limit)
    return [model.id for model in pages]


def _starts(fake: FakeModelsAPI) -> list[dict[str, str]]:
    ids = fake.model_ids
    return [
        {},
        {"after_id": ids[3]},
        {"after_id": ids[len(ids) // 2]},
        {"before_id": ids[-1]},
        {"before_id": ids[len(ids) // 2]},
    ]


@pytest.mark.parametrize(
    ("limit", "start"), list(itertools.product(PAGE_SIZES, range(5)))
)
def test_listing_gives_the_same_ids_in_the_same_order_as_the_sdk(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    limit: int,
    start: int,
) -> None:
    cursor = _starts(fake)[start]
    expected = _sdk_ids(sdk, limit, cursor)
    listed = [model.id for model in ours.models.list(limit=limit, **cursor)]
    assert listed == expected
    # Not vacuous: each start lists a non-empty part of the catalogue.
    assert listed and set(listed) <= set(fake.model_ids)


def test_the_whole_catalogue_is_listed_newest_first_by_both(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic
) -> None:
    expected = _sdk_ids(sdk, 7, {})
    assert [model.id for model in ours.models.list(limit=7)] == expected
    assert expected == fake.model_ids


@pytest.mark.parametrize(
    "model_id",
    [
        "claude-sonnet-4-5-20250929",
        "claude-sonnet-4-5",
        "claude-3-7-sonnet-latest",
        "claude-opus-4-0",
        "claude-synthetic-000007",
    ],
)
def test_retrieve_by_id_or_alias_resolves_like_the_sdk(
    ours: Client, sdk: anthropic.Anthropic, model_id: str
) -> None:
    theirs = sdk.models.retrieve(model_id)
    mine = ours.models.get(model_id)
    assert mine.id == theirs.id
    assert mine.display_name == theirs.display_name
    assert mine.created_at == theirs.created_at
    assert mine.id == DEFAULT_ALIASES.get(model_id, model_id)
