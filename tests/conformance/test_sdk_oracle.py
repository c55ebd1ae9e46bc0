"""The official ``anthropic`` SDK as an oracle: pointed at the same fake server,
it lists and retrieves exactly what our Client does, reads every typed field of
every model the same way, and puts the same filter and headers on the wire."""

from __future__ import annotations

import datetime
import enum
import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

import anthropic
import attrs
import pydantic
import pytest

from anthropic_models import (
    APIStatusError,
    BadRequestError,
    Client,
    InternalServerError,
    ListModelsResponse,
)
from anthropic_models.testing import (
    DEFAULT_ALIASES,
    DEFAULT_MODELS,
    LIFECYCLE_STAGES,
    FakeModelsAPI,
    FakeServer,
    Fault,
    synthetic_models,
)
from generated_client.api.models import get_model, list_models
from generated_client.types import UNSET, Unset

from ..contract.spec_contract import deref, load_spec, python_identifier

# The realistic catalogue plus enough synthetic models that every page size below
# needs several pages (and 1000 needs exactly one), all in today's shape.
CATALOGUE = [*DEFAULT_MODELS, *synthetic_models(45, shape="today")]
WORKSPACE = "wrkspc_011CZkZaBF1tNoB5wlCeusgy"
PAGE_SIZES = [1, 7, 20, 1000]
# The plain view (client.models) and the beta view (client.beta.models).
VIEWS = ["plain", "beta"]
BETA = ("beta", "true")
GIVEN = {model["id"]: model for model in CATALOGUE}
# SDK 2.16.0's client.beta.models keeps `beta=true` off the wire: its methods
# pass it as a "qualifier", which the SDK's own comment calls the query pairs
# that tell the operation apart in the OpenAPI document, and which it uses for
# tracing and its Bedrock/Vertex routing but never sends (see the test below).
# Our client sends the request the spec describes; the oracle makes the SDK send
# the same one with its public `extra_query`, so that both read the same answer.
SDK_BETA: dict[str, Any] = {"extra_query": {"beta": "true"}}


def _resources(
    ours: Client, sdk: anthropic.Anthropic, view: str
) -> tuple[Any, Any, dict[str, Any]]:
    """Our resource of the view, the SDK's, and what the SDK's calls need to
    ask for the view."""
    if view == "beta":
        return ours.beta.models, sdk.beta.models, SDK_BETA
    return ours.models, sdk.models, {}


def _served(fake: FakeModelsAPI, view: str) -> dict[str, dict[str, Any]]:
    """Each model as the view serves it, by ID: the beta view serves the
    catalogue as given, the plain view without the beta fields."""
    return GIVEN if view == "beta" else {m["id"]: m for m in fake.catalogue}


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
    # client does: SDK 2.15 would send the key as `Authorization: Bearer` and
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


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    ("limit", "start"), list(itertools.product(PAGE_SIZES, range(5)))
)
def test_listing_gives_the_same_models_in_the_same_order_as_the_sdk(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    limit: int,
    start: int,
    view: str,
) -> None:
    cursor = _starts(fake)[start]
    mine_of, theirs_of, extra = _resources(ours, sdk, view)
    theirs = list(theirs_of.list(limit=limit, **cursor, **extra))
    mine = list(mine_of.list(limit=limit, **cursor))
    assert [m.id for m in mine] == [m.id for m in theirs]
    # Not vacuous: each start lists a non-empty part of the catalogue.
    assert mine and {m.id for m in mine} <= set(fake.model_ids)
    raws = _served(fake, view)
    for model, other in zip(mine, theirs, strict=True):
        assert _typed(model, raws[model.id]) == _typed(other, raws[model.id])


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


def _attribute(typed: object, key: str) -> Any:
    """The field that holds the JSON key `key` of a typed object: for the SDK's
    pydantic models the field of that alias or name, for our generated attrs
    classes the generator's Python name for it (the contract tests' reading)."""
    if isinstance(typed, pydantic.BaseModel):
        for name, field in type(typed).model_fields.items():
            if (field.alias or name) == key:
                return getattr(typed, name)
        raise AssertionError(f"the SDK's {type(typed).__name__} has no field {key!r}")
    assert attrs.has(type(typed)), f"{key!r} is in an untyped {type(typed).__name__}"
    return getattr(typed, python_identifier(key))


def _typed(typed: object, raw: Any) -> Any:
    """A typed object read back along the API's JSON `raw`: nested dicts keyed by
    the JSON names, the leaves as the client typed them (enum members as their
    values). Generic: no field is named here, every key of the JSON is followed,
    and every JSON object must be a typed object (not a dict of extras)."""
    if isinstance(raw, dict):
        assert isinstance(typed, pydantic.BaseModel) or attrs.has(type(typed)), raw
        return {
            key: _typed(_attribute(typed, key), value) for key, value in raw.items()
        }
    if isinstance(typed, enum.Enum):
        return typed.value
    return typed


def _leaves_agree_with_json(typed: Any, raw: Any, path: str = "model") -> int:
    """Check a typed view against the API's JSON, leaf by leaf (date-times as
    instants, the rest equal and of the same type: True is not 1); return the
    number of leaves, nulls included."""
    if isinstance(raw, dict):
        assert isinstance(typed, dict) and set(typed) == set(raw), path
        return sum(
            _leaves_agree_with_json(typed[key], raw[key], f"{path}.{key}")
            for key in raw
        )
    if isinstance(typed, datetime.datetime):
        assert typed == datetime.datetime.fromisoformat(raw), path
    else:
        assert type(typed) is type(raw) and typed == raw, path
    return 1


def _json_leaves(raw: Any) -> int:
    if isinstance(raw, dict):
        return sum(_json_leaves(value) for value in raw.values())
    return 1


@pytest.mark.parametrize("model_id", [model["id"] for model in CATALOGUE])
def test_every_typed_field_of_every_model_agrees_with_the_sdk(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic, model_id: str
) -> None:
    raw = next(model for model in fake.catalogue if model["id"] == model_id)
    mine = _typed(ours.models.get(model_id), raw)
    theirs = _typed(sdk.models.retrieve(model_id), raw)
    assert mine == theirs
    # Not vacuous: every leaf of the API's object is a typed field on both sides.
    assert _leaves_agree_with_json(mine, raw) == _json_leaves(raw)


def _our_pages(
    ours: Client, stages: list[str], limit: int, workspace: str | None = None
) -> list[ListModelsResponse]:
    """Every page of a filtered listing, through the generated function with our
    configured client, following `last_id` (bounded: one page per model)."""
    pages: list[ListModelsResponse] = []
    after_id: str | Unset = UNSET
    for _ in range(len(CATALOGUE) + 1):
        page = list_models.sync(
            client=ours.generated,
            lifecycle=list(stages),
            limit=limit,
            after_id=after_id,
            anthropic_workspace_id=UNSET if workspace is None else workspace,
        )
        assert isinstance(page, ListModelsResponse)
        pages.append(page)
        if not page.has_more or not isinstance(page.last_id, str):
            break
        after_id = page.last_id
    return pages


def test_a_listing_of_every_stage_types_every_model_as_the_sdk_does(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic
) -> None:
    stages = list(LIFECYCLE_STAGES)
    raws = fake.catalogue
    our_models = [m for page in _our_pages(ours, stages, 20) for m in page.data]
    sdk_models = list(sdk.models.list(lifecycle=stages, limit=20))  # type: ignore[arg-type]
    assert len(our_models) == len(sdk_models) == len(raws)
    for mine, theirs, raw in zip(our_models, sdk_models, raws, strict=True):
        assert _typed(mine, raw) == _typed(theirs, raw)
    assert [m.id for m in our_models] == fake.listed_ids(stages)


def _by_name(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda pair: pair[0])  # stable: keeps repeats' order


@pytest.mark.parametrize(
    "stages",
    [["active"], ["retired"], ["retired", "active"], list(LIFECYCLE_STAGES)],
    ids="+".join,
)
@pytest.mark.parametrize("way", ["client", "generated"])
def test_a_lifecycle_filter_goes_on_the_wire_as_the_sdk_sends_it(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    stages: list[str],
    way: str,
) -> None:
    fake.clear_requests()
    theirs = [m.id for m in sdk.models.list(lifecycle=stages, limit=7)]  # type: ignore[arg-type]
    sdk_requests = fake.requests
    fake.clear_requests()
    if way == "client":
        mine = [m.id for m in ours.models.list(lifecycle=stages, limit=7)]
    else:
        mine = [m.id for page in _our_pages(ours, stages, 7) for m in page.data]
    our_requests = fake.requests
    assert mine == theirs == fake.listed_ids(stages)
    # Page by page, the same query pairs (the filter on every page, in the
    # brackets form), the values of each name in the same order; the order of
    # different names carries no meaning (the SDK sorts them, the generated
    # function follows the spec).
    assert [_by_name(r.query) for r in our_requests] == [
        _by_name(r.query) for r in sdk_requests
    ]
    for request in our_requests:
        assert [v for k, v in request.query if k == "lifecycle[]"] == stages


def test_the_workspace_header_is_sent_as_the_sdk_sends_it(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic
) -> None:
    fake.clear_requests()
    sdk.models.retrieve("claude-sonnet-4-5", workspace_id=WORKSPACE)
    list(sdk.models.list(limit=1000, workspace_id=WORKSPACE))
    get_model.sync(
        "claude-sonnet-4-5", client=ours.generated, anthropic_workspace_id=WORKSPACE
    )
    _our_pages(ours, ["active"], 1000, WORKSPACE)
    ours.models.get("claude-sonnet-4-5", workspace_id=WORKSPACE)
    list(ours.models.list(limit=1000, workspace_id=WORKSPACE))
    sent = [r.headers.get("anthropic-workspace-id") for r in fake.requests]
    assert sent == [WORKSPACE] * 6


def test_a_bearer_token_is_sent_as_the_sdk_sends_it(
    fake: FakeModelsAPI, server: FakeServer
) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.delenv("ANTHROPIC_API_KEY", raising=False)
        env.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
        sdk = anthropic.Anthropic(
            auth_token=fake.auth_token,
            base_url=server.base_url,
            max_retries=0,
            default_headers={"anthropic-version": "2023-06-01"},
        )
        ours = Client(auth_token=fake.auth_token, base_url=server.base_url)
    fake.clear_requests()
    with sdk, ours:
        theirs = sdk.models.retrieve("claude-sonnet-4-5")
        mine = ours.models.get("claude-sonnet-4-5")
    assert mine.id == theirs.id
    sdk_request, our_request = fake.requests
    for request in (sdk_request, our_request):
        # Exactly one credential, the token, as a Bearer (the fake refuses two).
        assert request.headers["authorization"] == f"Bearer {fake.auth_token}"
        assert "x-api-key" not in request.headers


# --- errors by status and by code ---------------------------------------------------


def _spec_errors() -> tuple[list[int], list[tuple[int, str]]]:
    """Every documented error status and (status, error_code), read from
    openapi.yaml itself (x-runtime on the error responses)."""
    spec = load_spec()
    statuses: set[int] = set()
    codes: set[tuple[int, str]] = set()
    for item in spec["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                if int(status) < 400:
                    continue
                statuses.add(int(status))
                runtime = deref(spec, response).get("x-runtime", {})
                codes |= {(int(status), code) for code in runtime.get("codes", {})}
    return sorted(statuses), sorted(codes)


DOCUMENTED_STATUSES, DOCUMENTED_CODES = _spec_errors()
APPEAL_URL = "https://console.anthropic.com/appeal/org_1"


def _error_body(status: int, error_code: str | None) -> bytes:
    error: dict[str, Any] = {"type": "invalid_request_error", "message": "nope"}
    if error_code is not None:
        error["details"] = {"error_code": error_code, "appeal_url": APPEAL_URL}
    body = {"type": "error", "error": error, "request_id": None}
    return json.dumps(body).encode()


def _both_raise(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    status: int,
    error_code: str | None,
    view: str,
) -> tuple[BaseException, BaseException]:
    raised: list[BaseException] = []
    mine, theirs, extra = _resources(ours, sdk, view)
    calls: list[Callable[[], object]] = [
        lambda: mine.get("claude-sonnet-4-5"),
        lambda: theirs.retrieve("claude-sonnet-4-5", **extra),
    ]
    for call in calls:
        fake.inject(
            Fault.raw(
                status,
                _error_body(status, error_code),
                content_type="application/json",
                headers={"request-id": f"req_{status}"},
            )
        )
        with pytest.raises(Exception) as caught:
            call()
        raised.append(caught.value)
    return raised[0], raised[1]


def test_the_documented_errors_are_the_specs_and_the_sdks() -> None:
    # The statuses and codes compared below come from the spec; each has a class
    # in the SDK (api-facts.md lists them).
    assert {400, 401, 402, 403, 404, 408, 409, 412, 413, 422, 429, 431} <= set(
        DOCUMENTED_STATUSES
    )
    assert {499, 500, 501, 503, 504, 529} <= set(DOCUMENTED_STATUSES)
    assert DOCUMENTED_CODES == [
        (400, "claude_code_key_creator_not_member"),
        (400, "organization_on_hold"),
    ]


# The one class the SDK renamed since: ours keeps 0.1's name for 413.
RENAMED = {"RequestTooLargeError": "ContentTooLargeError"}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("status", DOCUMENTED_STATUSES)
def test_each_documented_status_raises_the_sdks_class_with_its_fields(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    status: int,
    view: str,
) -> None:
    mine, theirs = _both_raise(fake, ours, sdk, status, None, view)
    assert isinstance(mine, APIStatusError)
    assert isinstance(theirs, anthropic.APIStatusError)
    assert RENAMED.get(type(mine).__name__, type(mine).__name__) == (
        type(theirs).__name__
    )
    # The class hierarchy agrees too: the SDK's 5xx are InternalServerErrors.
    assert isinstance(mine, InternalServerError) == isinstance(
        theirs, anthropic.InternalServerError
    )
    assert mine.status_code == theirs.status_code == status
    assert mine.request_id == theirs.request_id == f"req_{status}"
    assert mine.error_code is None and theirs.error_code is None


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("status", "error_code"), DOCUMENTED_CODES)
def test_each_documented_code_raises_the_sdks_subclass_with_its_fields(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    status: int,
    error_code: str,
    view: str,
) -> None:
    mine, theirs = _both_raise(fake, ours, sdk, status, error_code, view)
    assert isinstance(mine, APIStatusError)
    assert isinstance(theirs, anthropic.APIStatusError)
    assert type(mine).__name__ == type(theirs).__name__
    assert isinstance(mine, BadRequestError)
    assert isinstance(theirs, anthropic.BadRequestError)
    assert mine.error_code == theirs.error_code == error_code
    # The code's typed fields: ours as attributes, the SDK's under `details`.
    for field in type(mine)._DETAILS:
        assert getattr(mine, field) == getattr(theirs.details, field) == APPEAL_URL


# --- the beta view: client.beta.models against the SDK's -----------------------------


def test_sdk_2_16_sends_its_beta_view_without_the_query_and_we_send_it(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic
) -> None:
    # Against an API that selects the view by the query (the official spec,
    # and the fake), the SDK's own beta call gets the plain view: its
    # BetaModelInfo then reads the beta fields as absent (None).
    fake.clear_requests()
    theirs = sdk.beta.models.retrieve("claude-opus-4-5")
    mine = ours.beta.models.get("claude-opus-4-5")
    sdk_sent, ours_sent = fake.requests
    assert sdk_sent.query == [] and ours_sent.query == [BETA]
    assert theirs.allowed_fallback_models is None
    assert mine.allowed_fallback_models == GIVEN[mine.id]["allowed_fallback_models"]
    assert mine.allowed_fallback_models  # not vacuous: the model has fallbacks


def test_the_catalogue_carries_the_beta_fields() -> None:
    # Not vacuous: the beta view differs from the plain one, in every form the
    # API sends (a list, an empty list, null; compaction an object and null).
    fallbacks = [m.get("allowed_fallback_models") for m in CATALOGUE]
    assert None in fallbacks and [] in fallbacks
    assert sum(1 for f in fallbacks if f) >= 10
    compactions = [(m.get("capabilities") or {}).get("compaction") for m in CATALOGUE]
    assert None in compactions and sum(1 for c in compactions if c) >= 10


@pytest.mark.parametrize("model_id", [model["id"] for model in CATALOGUE])
def test_every_typed_field_of_every_model_agrees_with_the_sdk_in_the_beta_view(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic, model_id: str
) -> None:
    # The beta view serves each model as the catalogue gives it.
    raw = GIVEN[model_id]
    fake.clear_requests()
    mine = _typed(ours.beta.models.get(model_id), raw)
    theirs = _typed(sdk.beta.models.retrieve(model_id, **SDK_BETA), raw)
    assert mine == theirs
    assert _leaves_agree_with_json(mine, raw) == _json_leaves(raw)
    ours_sent, sdk_sent = fake.requests
    assert ours_sent.path == sdk_sent.path == f"/v1/models/{model_id}"
    assert ours_sent.query == sdk_sent.query == [BETA]


@pytest.mark.parametrize(
    "stages",
    [["retired"], list(LIFECYCLE_STAGES)],
    ids="+".join,
)
def test_a_filtered_beta_listing_is_typed_and_sent_as_the_sdk_does(
    fake: FakeModelsAPI,
    ours: Client,
    sdk: anthropic.Anthropic,
    stages: list[str],
) -> None:
    fake.clear_requests()
    theirs = list(
        sdk.beta.models.list(lifecycle=stages, limit=7, **SDK_BETA)  # type: ignore[arg-type]
    )
    sdk_requests = fake.requests
    fake.clear_requests()
    mine = list(ours.beta.models.list(lifecycle=stages, limit=7))
    our_requests = fake.requests
    assert [m.id for m in mine] == [m.id for m in theirs] == fake.listed_ids(stages)
    for model, other in zip(mine, theirs, strict=True):
        raw = GIVEN[model.id]
        assert _typed(model, raw) == _typed(other, raw)
        assert _leaves_agree_with_json(_typed(model, raw), raw) == _json_leaves(raw)
    assert [_by_name(r.query) for r in our_requests] == [
        _by_name(r.query) for r in sdk_requests
    ]
    assert all(r.query.count(BETA) == 1 for r in our_requests)


def test_the_beta_header_goes_with_the_beta_view_as_the_sdk_sends_it(
    fake: FakeModelsAPI, ours: Client, sdk: anthropic.Anthropic
) -> None:
    betas = ["files-api-2025-04-14", "some-future-beta"]
    fake.clear_requests()
    sdk.beta.models.retrieve("claude-opus-4-5", betas=betas, **SDK_BETA)
    ours.beta.models.get("claude-opus-4-5", betas=betas)
    sdk_sent, ours_sent = fake.requests
    assert ours_sent.headers["anthropic-beta"] == sdk_sent.headers["anthropic-beta"]
    assert ours_sent.query == sdk_sent.query == [BETA]
