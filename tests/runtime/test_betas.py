"""The ``betas`` arguments and the one ``anthropic-beta`` header they become."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
import pytest

from anthropic_models import AnthropicBeta

from .helpers import Catalogue, Recorder, make_async_client, make_client, model_ids

FILES = AnthropicBeta.FILES_API_2025_04_14
CONTEXT = AnthropicBeta.CONTEXT_1M_2025_08_07
FUTURE = "some-future-beta-2031-01-01"

BAD_BETAS: list[Any] = [
    "",
    "a,b",
    ",",
    "files-api-2025-04-14,",
    "has space",
    " leading",
    "trailing ",
    "tab\there",
    "line\nbreak",
    "carriage\rreturn",
    "nul\x00",
    "del\x7f",
    "bell\x07",
    "ünïcode",
    "non-breaking\u00a0space",
    123,
    None,
    b"bytes-beta",
]


def beta_headers(request: httpx.Request) -> list[str]:
    return request.headers.get_list("anthropic-beta")


# --- what is sent ------------------------------------------------------------


def test_enum_members_and_unknown_names_are_sent_comma_joined_in_one_header() -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        client.models.get("m", betas=[FILES, FUTURE])
    assert beta_headers(recorder.requests[0]) == [f"files-api-2025-04-14,{FUTURE}"]


@pytest.mark.anyio
async def test_async_enum_members_and_unknown_names_are_sent_in_one_header() -> None:
    recorder = Recorder()
    async with make_async_client(recorder) as client:
        await client.models.get("m", betas=[FILES, FUTURE])
    assert beta_headers(recorder.requests[0]) == [f"files-api-2025-04-14,{FUTURE}"]


def test_client_and_call_betas_are_merged_in_order_without_duplicates() -> None:
    recorder = Recorder()
    with make_client(recorder, betas=[FILES, FUTURE, FILES]) as client:
        assert client.betas == ("files-api-2025-04-14", FUTURE)
        client.models.get("m", betas=[CONTEXT, "files-api-2025-04-14", CONTEXT])
    assert beta_headers(recorder.requests[0]) == [
        f"files-api-2025-04-14,{FUTURE},context-1m-2025-08-07"
    ]


@pytest.mark.anyio
async def test_async_client_and_call_betas_are_merged_in_order_without_duplicates() -> (
    None
):
    recorder = Recorder()
    async with make_async_client(recorder, betas=[FILES, FUTURE]) as client:
        await client.models.get("m", betas=[CONTEXT, FUTURE])
    assert beta_headers(recorder.requests[0]) == [
        f"files-api-2025-04-14,{FUTURE},context-1m-2025-08-07"
    ]


def test_list_sends_merged_betas_on_every_page() -> None:
    catalogue = Catalogue(model_ids(4))
    with make_client(catalogue, betas=[FILES]) as client:
        assert len(list(client.models.list(limit=2, betas=[FUTURE]))) == 4
    assert catalogue.calls == 2
    for request in catalogue.requests:
        assert beta_headers(request) == [f"files-api-2025-04-14,{FUTURE}"]


@pytest.mark.anyio
async def test_async_list_sends_merged_betas_on_every_page() -> None:
    catalogue = Catalogue(model_ids(4))
    async with make_async_client(catalogue, betas=[FILES]) as client:
        items = [m async for m in client.models.list(limit=2, betas=[FUTURE])]
    assert len(items) == 4
    assert catalogue.calls == 2
    for request in catalogue.requests:
        assert beta_headers(request) == [f"files-api-2025-04-14,{FUTURE}"]


def test_client_betas_alone_are_sent_on_every_request() -> None:
    recorder = Recorder()
    with make_client(recorder, betas=(name for name in [FUTURE])) as client:
        client.models.get("m")
        client.models.get("n", betas=[])
    assert [beta_headers(r) for r in recorder.requests] == [[FUTURE], [FUTURE]]


@pytest.mark.parametrize(
    ("client_betas", "call_betas"), [(None, None), ([], []), ((), None)]
)
def test_no_beta_header_without_betas(
    client_betas: Iterable[str] | None, call_betas: Iterable[str] | None
) -> None:
    catalogue = Catalogue(model_ids(2))
    with make_client(catalogue, betas=client_betas) as client:
        client.models.get("claude-model-00", betas=call_betas)
        list(client.models.list(betas=call_betas))
    assert catalogue.calls == 2
    for request in catalogue.requests:
        assert "anthropic-beta" not in request.headers


@pytest.mark.anyio
async def test_async_no_beta_header_without_betas() -> None:
    catalogue = Catalogue(model_ids(2))
    async with make_async_client(catalogue) as client:
        await client.models.get("claude-model-00", betas=[])
        [m async for m in client.models.list()]
    assert catalogue.calls == 2
    for request in catalogue.requests:
        assert "anthropic-beta" not in request.headers


# --- what is refused before sending ------------------------------------------------


@pytest.mark.parametrize("bad", BAD_BETAS)
def test_bad_beta_entry_raises_value_error_before_sending(bad: Any) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="betas"):
        make_client(recorder, betas=[FILES, bad])
    with make_client(recorder) as client:
        with pytest.raises(ValueError, match="betas"):
            client.models.get("m", betas=[FILES, bad])
        with pytest.raises(ValueError, match="betas"):
            client.models.list(betas=[bad])
    assert recorder.calls == 0


@pytest.mark.anyio
@pytest.mark.parametrize("bad", BAD_BETAS)
async def test_async_bad_beta_entry_raises_value_error_before_sending(
    bad: Any,
) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="betas"):
        make_async_client(recorder, betas=[bad])
    async with make_async_client(recorder) as client:
        with pytest.raises(ValueError, match="betas"):
            await client.models.get("m", betas=[bad, FILES])
        with pytest.raises(ValueError, match="betas"):
            client.models.list(betas=[bad])
    assert recorder.calls == 0


@pytest.mark.parametrize("bare", ["files-api-2025-04-14", FILES, ""])
def test_bare_string_instead_of_a_list_raises_value_error(bare: str) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="list"):
        make_client(recorder, betas=bare)
    with make_client(recorder) as client:
        with pytest.raises(ValueError, match="list"):
            client.models.get("m", betas=bare)
        with pytest.raises(ValueError, match="list"):
            client.models.list(betas=bare)
    assert recorder.calls == 0


@pytest.mark.anyio
async def test_async_bare_string_instead_of_a_list_raises_value_error() -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="list"):
        make_async_client(recorder, betas=FUTURE)
    async with make_async_client(recorder) as client:
        with pytest.raises(ValueError, match="list"):
            await client.models.get("m", betas=FUTURE)
    assert recorder.calls == 0
