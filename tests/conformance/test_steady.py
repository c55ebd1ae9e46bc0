"""Our client against steady serving openapi.yaml: every request the client can
make is one steady finds no fault with, and every response steady generates from
the spec is one the client parses."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from typing import Any

import anthropic
import httpx
import pytest

from anthropic_models import (
    AnthropicBeta,
    AsyncClient,
    BetaListModelsResponse,
    BetaModelInfo,
    Client,
    ListModelsResponse,
)
from generated_client.api.models import (
    beta_get_model,
    beta_list_models,
    get_model,
    list_models,
)
from generated_client.models import ModelInfo
from generated_client.types import UNSET

from .steady import QUERY_ARRAY_FORMATS, REPO, SPEC, running_steady, steady_command

KNOWN_BETA = AnthropicBeta.FILES_API_2025_04_14
UNKNOWN_BETA = "some-future-beta-2031-01-01"
BETA_CHOICES: list[list[str]] = [
    [],
    [KNOWN_BETA],
    [KNOWN_BETA, UNKNOWN_BETA],
    [UNKNOWN_BETA],
]
# Model IDs, aliases, and IDs that need percent-encoding in the path.
MODEL_IDS = [
    "claude-sonnet-4-5",
    "claude-sonnet-4-5-20250929",
    "a/b?c#d%",
    "claude 3 ü",
]
LIMITS: list[int | None] = [None, 1, 20, 1000]
# after_id and before_id are exclusive (the client refuses both at once).
CURSORS: list[dict[str, str]] = [
    {},
    {"after_id": "claude-x"},
    {"before_id": "claude-y"},
]


class SteadyLog:
    """Every response steady sent back, read from an httpx response hook."""

    def __init__(self) -> None:
        self.responses: list[httpx.Response] = []

    def record(self, response: httpx.Response) -> None:
        self.responses.append(response)

    def faults(self) -> list[str]:
        """One line per response whose request steady found fault with."""
        return [
            f"{r.request.method} {r.request.url} -> x-steady-error-count "
            f"{r.headers.get('x-steady-error-count')}: "
            + "; ".join(
                f"{r.headers.get(f'x-steady-error-{n}-path')} "
                f"{r.headers.get(f'x-steady-error-{n}-message')}"
                for n in range(1, 4)
                if f"x-steady-error-{n}-path" in r.headers
            )
            for r in self.responses
            if r.headers.get("x-steady-error-count") != "0"
        ]


@pytest.fixture(scope="module")
def steady_url() -> Iterator[str]:
    with running_steady() as base_url:
        yield base_url


@pytest.fixture
def steady_log() -> SteadyLog:
    return SteadyLog()


def _client(steady_url: str, log: SteadyLog, betas: list[str]) -> Client:
    http = httpx.Client(event_hooks={"response": [log.record]})
    return Client(
        api_key="steady-key", base_url=steady_url, betas=betas, http_client=http
    )


def test_steady_validates_the_spec_without_a_problem() -> None:
    result = subprocess.run(
        steady_command("validate", str(SPEC)),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All good" in result.stdout


def test_steady_flags_a_request_that_breaks_the_spec(steady_url: str) -> None:
    # The check below can fail: steady does count a malformed beta header and an
    # out-of-range limit.
    response = httpx.get(
        f"{steady_url}/v1/models",
        params={"limit": 5000},
        headers={"anthropic-version": "2023-06-01", "anthropic-beta": "a b,,c"},
    )
    assert response.headers["x-steady-error-count"] == "2"


@pytest.mark.parametrize(
    ("limit", "cursor", "client_betas", "call_betas"),
    list(itertools.product(LIMITS, CURSORS, BETA_CHOICES[:2], BETA_CHOICES)),
)
def test_every_list_request_is_valid_and_every_page_parses(
    steady_url: str,
    steady_log: SteadyLog,
    limit: int | None,
    cursor: dict[str, str],
    client_betas: list[str],
    call_betas: list[str],
) -> None:
    with _client(steady_url, steady_log, client_betas) as client:
        pager = client.models.list(limit=limit, betas=call_betas, **cursor)
        # steady's example page says has_more with a fixed cursor, so take one page.
        page = next(iter(pager.pages()))
    assert isinstance(page, ListModelsResponse)
    assert page.data and all(isinstance(model, ModelInfo) for model in page.data)
    assert len(steady_log.responses) == 1
    assert steady_log.faults() == []
    sent = steady_log.responses[0].request
    expected_betas = list(dict.fromkeys([*client_betas, *call_betas]))
    assert sent.headers.get("anthropic-beta") == (",".join(expected_betas) or None)


@pytest.mark.parametrize(
    ("model_id", "client_betas", "call_betas"),
    list(itertools.product(MODEL_IDS, BETA_CHOICES[:2], BETA_CHOICES)),
)
def test_every_get_request_is_valid_and_every_model_parses(
    steady_url: str,
    steady_log: SteadyLog,
    model_id: str,
    client_betas: list[str],
    call_betas: list[str],
) -> None:
    with _client(steady_url, steady_log, client_betas) as client:
        model = client.models.get(model_id, betas=call_betas)
    assert isinstance(model, ModelInfo) and model.type_ == "model"
    assert len(steady_log.responses) == 1
    assert steady_log.faults() == []


def test_the_generated_functions_through_the_runtime_are_valid_too(
    steady_url: str, steady_log: SteadyLog
) -> None:
    with _client(steady_url, steady_log, [KNOWN_BETA]) as client:
        page = list_models.sync(client=client.generated, limit=3, after_id="x")
        model = get_model.sync("claude-sonnet-4-5", client=client.generated)
    assert isinstance(page, ListModelsResponse)
    assert isinstance(model, ModelInfo)
    assert len(steady_log.responses) == 2
    assert steady_log.faults() == []


@pytest.mark.parametrize(
    ("limit", "cursor"), list(itertools.product(LIMITS[:2], CURSORS))
)
def test_the_beta_view_is_routed_valid_and_parsed(
    steady_url: str,
    steady_log: SteadyLog,
    limit: int | None,
    cursor: dict[str, str],
) -> None:
    # steady routes `?beta=true` to the beta operations (their path keys carry
    # it), checks their parameters, and answers with BetaModelInfo shapes.
    with _client(steady_url, steady_log, [KNOWN_BETA]) as client:
        pager = client.beta.models.list(limit=limit, lifecycle=["active"], **cursor)
        page = next(iter(pager.pages()))
        models = [client.beta.models.get(model_id) for model_id in MODEL_IDS]
        raw = beta_list_models.sync(
            client=client.generated,
            limit=2,
            after_id=cursor.get("after_id", UNSET),
            before_id=cursor.get("before_id", UNSET),
        )
        one = beta_get_model.sync("claude-sonnet-4-5", client=client.generated)
    assert isinstance(page, BetaListModelsResponse)
    assert all(isinstance(m, BetaModelInfo) for m in [*page.data, *models])
    assert isinstance(raw, BetaListModelsResponse) and isinstance(one, BetaModelInfo)
    assert steady_log.faults() == []
    for response in steady_log.responses:
        assert response.request.url.params.get_list("beta") == ["true"]
    # The control: steady flags a `beta` the operation does not define, so no
    # fault above means the beta operations took those requests.
    control = httpx.get(
        f"{steady_url}/v1/models?beta=false",
        headers={"anthropic-version": "2023-06-01", "x-api-key": "steady-key"},
    )
    assert control.headers.get("x-steady-error-count") == "1"


@pytest.mark.anyio
async def test_the_async_client_sends_valid_requests(
    steady_url: str, steady_log: SteadyLog
) -> None:
    async def record(response: httpx.Response) -> None:
        steady_log.record(response)

    hooks: dict[str, list[Any]] = {"response": [record]}
    async with AsyncClient(
        api_key="steady-key",
        base_url=steady_url,
        betas=[UNKNOWN_BETA],
        http_client=httpx.AsyncClient(event_hooks=hooks),
    ) as client:
        model = await client.models.get("claude-sonnet-4-5", betas=[KNOWN_BETA])
        pages = client.models.list(limit=1000, before_id="x").pages()
        page = await anext(pages)
        await pages.aclose()
    assert isinstance(model, ModelInfo)
    assert isinstance(page, ListModelsResponse)
    assert len(steady_log.responses) == 2
    assert steady_log.faults() == []


# -- the lifecycle filter and the workspace header ----------------------------------

WORKSPACE = "wrkspc_011CZkZaBF1tNoB5wlCeusgy"
STAGES: list[list[str]] = [
    ["active"],
    ["retired", "active"],
    ["active", "deprecated", "retired"],
]


@pytest.fixture(scope="module", params=QUERY_ARRAY_FORMATS)
def steady_format_url(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """steady in each array format it may be run with: (format, base URL)."""
    with running_steady(request.param) as base_url:
        yield request.param, base_url


def _steady_errors(response: httpx.Response) -> int:
    return int(response.headers["x-steady-error-count"])


@pytest.mark.parametrize("stages", STAGES, ids="+".join)
@pytest.mark.parametrize("workspace", [None, WORKSPACE])
@pytest.mark.parametrize("way", ["client", "generated"])
def test_lifecycle_and_workspace_requests_are_valid(
    steady_format_url: tuple[str, str],
    steady_log: SteadyLog,
    stages: list[str],
    workspace: str | None,
    way: str,
) -> None:
    _, base_url = steady_format_url
    page: object
    model: object
    with _client(base_url, steady_log, []) as client:
        if way == "client":
            pager = client.models.list(lifecycle=stages, workspace_id=workspace)
            page = next(iter(pager.pages()))
            model = client.models.get("claude-sonnet-4-5", workspace_id=workspace)
        else:
            header = UNSET if workspace is None else workspace
            page = list_models.sync(
                client=client.generated,
                lifecycle=list(stages),
                anthropic_workspace_id=header,
            )
            model = get_model.sync(
                "claude-sonnet-4-5",
                client=client.generated,
                anthropic_workspace_id=header,
            )
    assert isinstance(page, ListModelsResponse) and isinstance(model, ModelInfo)
    assert len(steady_log.responses) == 2
    assert steady_log.faults() == []
    listed, got = (r.request for r in steady_log.responses)
    # The SDK's wire form: one `lifecycle[]` pair per stage, in order.
    assert listed.url.params.get_list("lifecycle[]") == stages
    assert "lifecycle" not in listed.url.params
    for request in (listed, got):
        assert request.headers.get("anthropic-workspace-id") == workspace


@pytest.mark.anyio
async def test_the_async_client_sends_the_filter_token_and_workspace_validly(
    steady_format_url: tuple[str, str], steady_log: SteadyLog
) -> None:
    _, base_url = steady_format_url

    async def record(response: httpx.Response) -> None:
        steady_log.record(response)

    hooks: dict[str, list[Any]] = {"response": [record]}
    async with AsyncClient(
        auth_token="steady-token",
        base_url=base_url,
        workspace_id=WORKSPACE,
        http_client=httpx.AsyncClient(event_hooks=hooks),
    ) as client:
        pages = client.models.list(lifecycle=["retired", "deprecated"]).pages()
        page = await anext(pages)
        await pages.aclose()
        model = await client.models.get("claude-sonnet-4-5")
    assert isinstance(page, ListModelsResponse) and isinstance(model, ModelInfo)
    assert steady_log.faults() == []
    for response in steady_log.responses:
        assert response.request.headers["authorization"] == "Bearer steady-token"
        assert "x-api-key" not in response.request.headers
        assert response.request.headers["anthropic-workspace-id"] == WORKSPACE


def test_the_official_sdks_wire_form_is_valid(
    steady_format_url: tuple[str, str],
) -> None:
    _, base_url = steady_format_url
    response = httpx.get(
        f"{base_url}/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=retired&limit=5",
        headers={
            "anthropic-version": "2023-06-01",
            "x-api-key": "k",
            "anthropic-workspace-id": WORKSPACE,
        },
    )
    assert _steady_errors(response) == 0


@pytest.mark.parametrize(
    ("query", "formats"),
    [
        # The repeated form (what a plain array parameter becomes): not the wire's.
        ("lifecycle=active&lifecycle=retired", QUERY_ARRAY_FORMATS),
        ("lifecycle=active", QUERY_ARRAY_FORMATS),
        # Four values: only the "auto" reading counts them.
        ("&".join(["lifecycle%5B%5D=active"] * 4), ("auto",)),
    ],
)
def test_steady_flags_a_wrong_lifecycle_form(
    steady_format_url: tuple[str, str], query: str, formats: tuple[str, ...]
) -> None:
    array_format, base_url = steady_format_url
    response = httpx.get(
        f"{base_url}/v1/models?{query}",
        headers={"anthropic-version": "2023-06-01", "x-api-key": "k"},
    )
    assert (_steady_errors(response) > 0) is (array_format in formats)


def test_steady_flags_an_empty_workspace_id(steady_format_url: tuple[str, str]) -> None:
    _, base_url = steady_format_url
    for path in ("/v1/models", "/v1/models/claude-sonnet-4-5"):
        response = httpx.get(
            f"{base_url}{path}",
            headers={
                "anthropic-version": "2023-06-01",
                "x-api-key": "k",
                "anthropic-workspace-id": "",
            },
        )
        # Two rules of the header's schema: minLength 1, and the pattern of
        # visible ASCII.
        assert _steady_errors(response) == 2


def test_the_official_sdk_sends_the_filter_and_workspace_validly(
    steady_format_url: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, base_url = steady_format_url
    # No ambient credential adds a header.
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    # Spoken as the API is documented (x-api-key, 2023-06-01), as in the oracle.
    sdk = anthropic.Anthropic(
        api_key=None,
        auth_token=None,
        base_url=base_url,
        max_retries=0,
        default_headers={"x-api-key": "k", "anthropic-version": "2023-06-01"},
    )
    with sdk:
        listed = sdk.models.with_raw_response.list(
            lifecycle=["active", "retired"], limit=5, workspace_id=WORKSPACE
        )
        got = sdk.models.with_raw_response.retrieve(
            "claude-sonnet-4-5", workspace_id=WORKSPACE
        )
    assert listed.headers["x-steady-error-count"] == "0"
    assert got.headers["x-steady-error-count"] == "0"
