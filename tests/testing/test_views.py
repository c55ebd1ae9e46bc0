"""The fake's two views of its catalogue: the plain operations serve each model
without the beta view's fields, the `?beta=true` ones serve them; routing by
the fixed query, and what the fake refuses around it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anthropic_models.testing import DEFAULT_MODELS, FakeModelsAPI, synthetic_models

from .helpers import HEADERS, TRANSPORT_BASE_URL, plain_view

BETA_ONLY = "allowed_fallback_models"


def _client(fake: FakeModelsAPI) -> httpx.Client:
    return httpx.Client(
        transport=fake.transport(), base_url=TRANSPORT_BASE_URL, headers=HEADERS
    )


def _listed(fake: FakeModelsAPI, query: str) -> list[dict[str, Any]]:
    with _client(fake) as client:
        response = client.get(f"/v1/models?{query}")
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def test_the_beta_view_serves_the_models_as_given() -> None:
    fake = FakeModelsAPI()
    beta = _listed(
        fake,
        "beta=true&limit=1000&lifecycle[]=active&lifecycle[]=deprecated&lifecycle[]=retired",
    )
    given = {m["id"]: m for m in DEFAULT_MODELS}
    assert len(beta) == len(given)
    for model in beta:
        assert model == given[model["id"]]
    assert all(BETA_ONLY in model for model in beta)


def test_the_plain_view_leaves_out_the_beta_fields_at_every_depth() -> None:
    fake = FakeModelsAPI()
    plain = _listed(
        fake, "limit=1000&lifecycle[]=active&lifecycle[]=deprecated&lifecycle[]=retired"
    )
    given = {m["id"]: m for m in DEFAULT_MODELS}
    for model in plain:
        assert model == plain_view(given[model["id"]])
        assert BETA_ONLY not in model
    assert fake.catalogue == plain
    # Not vacuous: some given model had both fields to leave out.
    assert any(
        m[BETA_ONLY] and (m["capabilities"] or {}).get("compaction")
        for m in DEFAULT_MODELS
    )


def test_get_serves_each_view_by_its_query() -> None:
    fake = FakeModelsAPI()
    with _client(fake) as client:
        beta = client.get("/v1/models/claude-opus-4-5", params={"beta": "true"}).json()
        plain = client.get("/v1/models/claude-opus-4-5").json()
    assert beta[BETA_ONLY] and "compaction" in beta["capabilities"]
    assert plain == plain_view(beta)


def test_fields_no_view_declares_are_kept_in_both() -> None:
    model = {
        **synthetic_models(1)[0],
        "pricing": {"input": 3},
        BETA_ONLY: ["claude-x"],
        "capabilities": {"vision": {"supported": True}, "compaction": None},
    }
    fake = FakeModelsAPI(models=[model])
    (plain,) = _listed(fake, "")
    (beta,) = _listed(fake, "beta=true")
    assert beta == model
    assert plain == {
        **synthetic_models(1)[0],
        "pricing": {"input": 3},
        "capabilities": {"vision": {"supported": True}},
    }
    # The model given is not changed by either view.
    assert model[BETA_ONLY] == ["claude-x"] and "compaction" in model["capabilities"]


def test_a_model_without_beta_fields_is_served_as_given_by_both() -> None:
    model = synthetic_models(1, shape="today")[0]
    del model[BETA_ONLY]
    fake = FakeModelsAPI(models=[model])
    assert _listed(fake, "beta=true") == [model]
    assert _listed(fake, "") == [plain_view(model)]


@pytest.mark.parametrize(
    "query",
    ["beta=false", "beta=TRUE", "beta=true&beta=true", "beta="],
)
def test_another_beta_query_is_refused_as_an_extra_input(query: str) -> None:
    fake = FakeModelsAPI()
    with _client(fake) as client:
        listed = client.get(f"/v1/models?{query}")
        got = client.get(f"/v1/models/claude-opus-4-5?{query}")
    for response in (listed, got):
        assert response.status_code == 400
        assert (
            response.json()["error"]["message"]
            == "beta: Extra inputs are not permitted"
        )


def test_the_fixed_query_may_come_anywhere_in_the_query() -> None:
    fake = FakeModelsAPI()
    ids = fake.model_ids
    assert [m["id"] for m in _listed(fake, "limit=2&beta=true")] == ids[:2]
    assert [
        m["id"] for m in _listed(fake, f"after_id={ids[0]}&beta=true&limit=1")
    ] == ids[1:2]
    assert all(BETA_ONLY in m for m in _listed(fake, "limit=2&beta=true"))


@pytest.mark.parametrize("path", ["/v1/models", "/v1/models/claude-opus-4-5"])
def test_another_method_on_a_beta_path_is_a_405_naming_get(path: str) -> None:
    fake = FakeModelsAPI()
    with _client(fake) as client:
        response = client.post(f"{path}?beta=true", content=b"{}")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
