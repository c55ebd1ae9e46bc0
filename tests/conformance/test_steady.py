"""Our client against steady serving openapi.yaml: every request the client can
make is one steady finds no fault with, and every response steady generates from
the spec is one the client parses."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from anthropic_models import AnthropicBeta, AsyncClient, Client, ListModelsResponse
from generated_client.api.models import get_model, list_models
from generated_client.models import ModelInfo

from .steady import REPO, SPEC, running_steady, steady_command

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
