"""The catalogues: the realistic default, synthetic big ones, custom ones."""

from __future__ import annotations

import itertools
import time
from datetime import datetime
from typing import Any

import httpx
import pytest

from anthropic_models.testing import (
    DEFAULT_ALIASES,
    DEFAULT_MODELS,
    FakeModelsAPI,
    synthetic_models,
)

from .helpers import HEADERS, TRANSPORT_BASE_URL, list_page, plain_view


def _client(fake: FakeModelsAPI) -> httpx.Client:
    return httpx.Client(
        transport=fake.transport(), base_url=TRANSPORT_BASE_URL, headers=HEADERS
    )


def _model(model_id: str, created_at: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": model_id,
        "created_at": created_at,
        "display_name": model_id.title(),
        "type": "model",
        **extra,
    }


def test_default_catalogue_is_real_models_newest_first() -> None:
    fake = FakeModelsAPI()
    everything = [
        "claude-opus-4-5-20251101",
        "claude-haiku-4-5-20251001",
        "claude-sonnet-4-5-20250929",
        "claude-opus-4-1-20250805",
        "claude-opus-4-20250514",
        "claude-sonnet-4-20250514",
        "claude-3-7-sonnet-20250219",
        "claude-3-5-haiku-20241022",
        "claude-3-5-sonnet-20240620",
        "claude-3-haiku-20240307",
        "claude-3-opus-20240229",
        "claude-2.1",
    ]
    retired = {"claude-3-5-sonnet-20240620", "claude-3-opus-20240229", "claude-2.1"}
    assert [m["id"] for m in fake.catalogue] == everything
    assert fake.catalogue == [plain_view(m) for m in DEFAULT_MODELS]
    with _client(fake) as client:
        page = list_page(client, limit=1000)
    # Without a filter the list leaves the retired models out.
    assert [m["id"] for m in page["data"]] == [
        i for i in everything if i not in retired
    ]
    assert page["data"] == fake.models
    assert page["has_more"] is False
    dates = [datetime.fromisoformat(m["created_at"]) for m in fake.catalogue]
    assert dates == sorted(dates, reverse=True)
    sonnet = fake.catalogue[2]
    assert {k: sonnet[k] for k in ("id", "created_at", "display_name", "type")} == {
        "id": "claude-sonnet-4-5-20250929",
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": "Claude Sonnet 4.5",
        "type": "model",
    }


def test_default_aliases_resolve_to_models_of_the_catalogue() -> None:
    ids = {m["id"] for m in DEFAULT_MODELS}
    assert DEFAULT_ALIASES["claude-sonnet-4-5"] == "claude-sonnet-4-5-20250929"
    assert DEFAULT_ALIASES["claude-3-7-sonnet-latest"] == "claude-3-7-sonnet-20250219"
    assert DEFAULT_ALIASES["claude-opus-4-1"] == "claude-opus-4-1-20250805"
    assert set(DEFAULT_ALIASES.values()) <= ids
    assert not set(DEFAULT_ALIASES) & ids
    assert FakeModelsAPI().aliases == dict(DEFAULT_ALIASES)


def test_a_custom_catalogue_has_no_aliases_unless_given() -> None:
    assert FakeModelsAPI(models=synthetic_models(3)).aliases == {}
    fake = FakeModelsAPI(
        models=synthetic_models(3), aliases={"synth": "claude-synthetic-000002"}
    )
    assert fake.aliases == {"synth": "claude-synthetic-000002"}


def test_models_are_served_newest_first_by_instant_and_stable_for_ties() -> None:
    models = [
        _model("tie-a", "2024-06-01T00:00:00Z"),
        _model("oldest", "1970-01-01T00:00:00Z"),  # the API's "unknown date"
        # Older than "tie-*" as an instant (23:00Z the day before) but newer as a
        # string: the fake must compare instants, not strings.
        _model("offset", "2024-06-01T01:00:00+02:00"),
        _model("tie-b", "2024-06-01T00:00:00Z"),
        _model("newest", "2025-01-01T12:30:00.5Z"),
        _model("tie-c", "2024-06-01T00:00:00.000Z"),
    ]
    fake = FakeModelsAPI(models=models)
    expected = ["newest", "tie-a", "tie-b", "tie-c", "offset", "oldest"]
    assert fake.model_ids == expected
    with _client(fake) as client:
        assert [m["id"] for m in list_page(client)["data"]] == expected


def test_extra_fields_of_a_model_are_served_as_given() -> None:
    model = _model(
        "claude-extra-20250101",
        "2025-01-01T00:00:00Z",
        max_input_tokens=200000,
        capabilities={"vision": {"supported": True}, "batch": None},
        deprecated_at=None,
    )
    fake = FakeModelsAPI(models=[model])
    with _client(fake) as client:
        assert list_page(client)["data"] == [model]
        assert client.get("/v1/models/claude-extra-20250101").json() == model


def test_the_fake_keeps_its_own_copy_of_the_models() -> None:
    model = _model("claude-copy", "2025-01-01T00:00:00Z")
    fake = FakeModelsAPI(models=[model])
    model["display_name"] = "changed after the fact"
    with _client(fake) as client:
        served = client.get("/v1/models/claude-copy").json()
    assert served["display_name"] == "Claude-Copy"


def test_an_empty_catalogue_serves_an_empty_page() -> None:
    with _client(FakeModelsAPI(models=[])) as client:
        assert list_page(client) == {
            "data": [],
            "first_id": None,
            "last_id": None,
            "has_more": False,
        }


@pytest.mark.parametrize(
    ("models", "aliases", "message"),
    [
        (
            [_model("a", "2025-01-01T00:00:00Z"), _model("a", "2024-01-01T00:00:00Z")],
            None,
            "duplicate model id",
        ),
        ([{"created_at": "2025-01-01T00:00:00Z"}], None, "non-empty string id"),
        ([_model("", "2025-01-01T00:00:00Z")], None, "non-empty string id"),
        ([_model("a", "yesterday")], None, "not an RFC 3339"),
        ([_model("a", "2025-01-01T00:00:00")], None, "UTC offset"),
        ([{"id": "a"}], None, "created_at must be a string"),
        ([_model("a", "2025-01-01T00:00:00Z")], {"b": "nope"}, "unknown model"),
        ([_model("a", "2025-01-01T00:00:00Z")], {"a": "a"}, "also a model id"),
    ],
)
def test_an_invalid_catalogue_is_refused(
    models: list[dict[str, Any]], aliases: dict[str, str] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        FakeModelsAPI(models=models, aliases=aliases)


def test_synthetic_models_are_distinct_valid_and_newest_first() -> None:
    models = synthetic_models(50)
    assert len(models) == 50
    assert len({m["id"] for m in models}) == 50
    assert models[0]["id"] == "claude-synthetic-000001"
    for model in models:
        assert set(model) == {"id", "created_at", "display_name", "type"}
        assert model["type"] == "model"
        assert isinstance(model["display_name"], str) and model["display_name"]
        assert model["created_at"].endswith("Z")
    instants = [datetime.fromisoformat(m["created_at"]) for m in models]
    assert all(a > b for a, b in itertools.pairwise(instants))
    assert FakeModelsAPI(models=models).model_ids == [m["id"] for m in models]
    assert synthetic_models(0) == []
    with pytest.raises(ValueError):
        synthetic_models(-1)


def test_a_100000_model_catalogue_is_quick_to_build_and_to_list() -> None:
    started = time.perf_counter()
    models = synthetic_models(100_000)
    fake = FakeModelsAPI(models=models)
    listed: list[str] = []
    with _client(fake) as client:
        page = list_page(client, limit=1000)
        listed += [m["id"] for m in page["data"]]
        while page["has_more"]:
            page = list_page(client, limit=1000, after_id=page["last_id"])
            listed += [m["id"] for m in page["data"]]
    elapsed = time.perf_counter() - started
    assert listed == [m["id"] for m in models]
    assert len(set(listed)) == 100_000
    # About a second on a laptop; the bound only catches a per-request cost that
    # grows with the catalogue (re-encoding, linear cursor search...).
    assert elapsed < 10
