"""The ``betas`` arguments and the one ``anthropic-beta`` header they become."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
import pytest

from anthropic_models import AnthropicBeta

from .helpers import (
    BOTH_CLIENTS,
    Catalogue,
    Recorder,
    make_async_client,
    make_client,
    model_ids,
    run,
)

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


@BOTH_CLIENTS
def test_enum_members_and_unknown_names_are_sent_comma_joined_in_one_header(
    mode: str,
) -> None:
    recorder = Recorder()
    run(mode, recorder, "get", "m", betas=[FILES, FUTURE])
    assert beta_headers(recorder.requests[0]) == [f"files-api-2025-04-14,{FUTURE}"]


@BOTH_CLIENTS
def test_client_and_call_betas_are_merged_in_order_without_duplicates(
    mode: str,
) -> None:
    recorder = Recorder()
    client_betas = [FILES, FUTURE, FILES]
    make = make_client if mode == "sync" else make_async_client
    # Nothing is sent: closing is not needed to prove the property.
    assert make(recorder, betas=client_betas).betas == ("files-api-2025-04-14", FUTURE)
    run(
        mode,
        recorder,
        "get",
        "m",
        client={"betas": client_betas},
        betas=[CONTEXT, "files-api-2025-04-14", CONTEXT],
    )
    assert beta_headers(recorder.requests[0]) == [
        f"files-api-2025-04-14,{FUTURE},context-1m-2025-08-07"
    ]


@BOTH_CLIENTS
def test_list_sends_merged_betas_on_every_page(mode: str) -> None:
    catalogue = Catalogue(model_ids(4))
    items = run(
        mode, catalogue, "list", limit=2, betas=[FUTURE], client={"betas": [FILES]}
    )
    assert len(items) == 4
    assert catalogue.calls == 2
    for request in catalogue.requests:
        assert beta_headers(request) == [f"files-api-2025-04-14,{FUTURE}"]


@BOTH_CLIENTS
def test_client_betas_alone_are_sent_on_every_request(mode: str) -> None:
    recorder = Recorder()
    run(mode, recorder, "get", "m", client={"betas": (name for name in [FUTURE])})
    run(mode, recorder, "get", "n", betas=[], client={"betas": [FUTURE]})
    assert [beta_headers(r) for r in recorder.requests] == [[FUTURE], [FUTURE]]


@pytest.mark.parametrize(
    ("client_betas", "call_betas"), [(None, None), ([], []), ((), None)]
)
@BOTH_CLIENTS
def test_no_beta_header_without_betas(
    mode: str, client_betas: Iterable[str] | None, call_betas: Iterable[str] | None
) -> None:
    catalogue = Catalogue(model_ids(2))
    options = {"betas": client_betas}
    run(mode, catalogue, "get", "claude-model-00", betas=call_betas, client=options)
    run(mode, catalogue, "list", betas=call_betas, client=options)
    assert catalogue.calls == 2
    for request in catalogue.requests:
        assert "anthropic-beta" not in request.headers


# --- what is refused before sending ------------------------------------------------


@pytest.mark.parametrize("bad", BAD_BETAS)
@BOTH_CLIENTS
def test_bad_beta_entry_raises_value_error_before_sending(mode: str, bad: Any) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="betas"):
        run(mode, recorder, "get", "m", client={"betas": [FILES, bad]})
    with pytest.raises(ValueError, match="betas"):
        run(mode, recorder, "get", "m", betas=[FILES, bad])
    with pytest.raises(ValueError, match="betas"):
        run(mode, recorder, "get", "m", betas=[bad, FILES])
    with pytest.raises(ValueError, match="betas"):
        run(mode, recorder, "list", betas=[bad])
    assert recorder.calls == 0


@pytest.mark.parametrize("bare", ["files-api-2025-04-14", FILES, "", FUTURE])
@BOTH_CLIENTS
def test_bare_string_instead_of_a_list_raises_value_error(mode: str, bare: str) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="list"):
        run(mode, recorder, "get", "m", client={"betas": bare})
    with pytest.raises(ValueError, match="list"):
        run(mode, recorder, "get", "m", betas=bare)
    with pytest.raises(ValueError, match="list"):
        run(mode, recorder, "list", betas=bare)
    assert recorder.calls == 0
