"""Content-Encoding as a hostile server may stack it (issue 19), on the three
transports (the sync pool, httpx's async pool, aiohttp): layers of gzip and
deflate in any order are decoded, layer by layer; an encoding the client did
not ask for (it asks for ``gzip, deflate``), or more than
``MAX_ENCODING_LAYERS`` layers, is refused before the body is read, as a typed
``APIConnectionError``, not retried. (The size cap over stacked bombs is
measured in a fresh interpreter by ``test_limits.py``.)"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from anthropic_models import (
    APIConnectionError,
    AsyncClient,
    Client,
    DefaultAioHttpClient,
    ModelInfo,
    NotFoundError,
)
from anthropic_models._limits import ACCEPT_ENCODING, MAX_ENCODING_LAYERS

from ..hostile_server import HostileServer
from .report import REPORT
from .support import KEY, check_exception

TRANSPORTS = ["sync", "httpx", "aiohttp"]


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer() as served:
        yield served


def get(server: HostileServer, model_id: str, transport: str) -> ModelInfo:
    if transport == "sync":
        with Client(api_key=KEY, base_url=server.base_url, max_retries=2) as client:
            return client.models.get(model_id)

    async def run() -> ModelInfo:
        http = DefaultAioHttpClient() if transport == "aiohttp" else None
        try:
            async with AsyncClient(
                api_key=KEY, base_url=server.base_url, max_retries=2, http_client=http
            ) as client:
                return await client.models.get(model_id)
        finally:
            if http is not None:
                await http.aclose()

    return asyncio.run(run())


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    "encodings",
    ["gzip.gzip", "deflate.gzip", "gzip.deflate", "gzip.gzip.gzip", "x-gzip.identity"],
)
def test_stacked_gzip_and_deflate_are_decoded_layer_by_layer(
    server: HostileServer, encodings: str, transport: str
) -> None:
    model = get(server, f"enc-{encodings}", transport)
    REPORT.count_case("6. hostile environment")
    assert model.id == "claude-encoded"


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    ("encodings", "refused"),
    [
        ("br", "encoded as br"),
        ("gzip.br", "encoded as br"),
        ("zstd", "encoded as zstd"),
        ("x-unknown", "encoded as x-unknown"),
        ("compress.gzip", "encoded as compress"),
        (".".join(["gzip"] * (MAX_ENCODING_LAYERS + 1)), "at most"),
    ],
)
def test_an_encoding_not_asked_for_or_too_deep_is_refused_typed_and_not_retried(
    server: HostileServer, encodings: str, refused: str, transport: str
) -> None:
    before = server.requests
    with pytest.raises(APIConnectionError) as caught:
        get(server, f"enc-{encodings}", transport)
    check_exception(caught.value)
    REPORT.count_case("6. hostile environment")
    REPORT.environment[f"Content-Encoding {encodings.replace('.', ', ')}"] = (
        f"{type(caught.value).__name__}, {server.requests - before} request(s)"
        " (before the fix: no error, the bytes taken as they came or 5 layers"
        " inflated whole)"
    )
    assert refused in str(caught.value)
    assert type(caught.value) is APIConnectionError
    assert server.requests - before == 1  # not retried: the same bytes would come


def test_the_client_asks_only_for_what_it_decodes() -> None:
    """httpx would also offer br and zstd once their packages are installed,
    which the runtime would then refuse."""
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("accept-encoding"))
        return httpx.Response(404)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with (
        Client(api_key=KEY, http_client=http, max_retries=0) as client,
        pytest.raises(NotFoundError),
    ):
        client.models.get("x")
    assert seen == [ACCEPT_ENCODING] == ["gzip, deflate"]
