"""``model_id`` becomes exactly one percent-encoded path segment, and values that
httpx would normalise into another path (empty, dot segments) are refused."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anthropic_models._arguments import path_segment

from .helpers import (
    BOTH_CLIENTS,
    Recorder,
    make_client,
    model_json,
    run,
)

PREFIX = b"/v1/models/"

REFUSED = [
    "",
    ".",
    "..",
    "%2e",
    "%2E",
    "%2e%2e",
    "%2E%2e",
    ".%2e",
    "%2e.",
    "%252e%252e",
]
NOT_STRINGS: list[Any] = [None, 5, 1.5, b"claude", ["claude"], True]
ACCEPTED = [
    "claude-sonnet-4-5",
    "claude-sonnet-4-5-20250929",
    "a/b?c#d%",
    "claude sonnet",
    "ü",
    "..a",
    "a..",
    "...",
    "../etc",
    "%2e%2e%2f",
    "a%2Fb",
    "?",
    "#",
    "/",
    "%",
    "+&=;",
    "x\x00y",
    "model\r\nx-injected: 1",
    "日本語",
]


def echo(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=model_json("resolved"))


def assert_one_segment(request: httpx.Request, model_id: str) -> None:
    raw_path = request.url.raw_path
    assert raw_path.startswith(PREFIX), raw_path
    segment = raw_path[len(PREFIX) :]
    assert b"/" not in segment
    assert b"?" not in segment and b"#" not in segment
    assert request.url.query == b""
    assert unquote(segment.decode("ascii")) == model_id


# --- refused before sending ------------------------------------------------------


@pytest.mark.parametrize("model_id", REFUSED)
@BOTH_CLIENTS
def test_empty_and_dot_segment_model_ids_raise_before_sending(
    mode: str, model_id: str
) -> None:
    recorder = Recorder(echo)
    with pytest.raises(ValueError, match="model_id"):
        run(mode, recorder, "get", model_id)
    assert recorder.calls == 0


@pytest.mark.parametrize("model_id", NOT_STRINGS)
@BOTH_CLIENTS
def test_model_id_that_is_not_a_string_raises_value_error(
    mode: str, model_id: Any
) -> None:
    recorder = Recorder(echo)
    with pytest.raises(ValueError, match="model_id"):
        run(mode, recorder, "get", model_id)
    assert recorder.calls == 0


# --- everything else: one segment -----------------------------------------------


@pytest.mark.parametrize("model_id", ACCEPTED)
@BOTH_CLIENTS
def test_model_id_reaches_the_server_as_exactly_one_encoded_segment(
    mode: str,
    model_id: str,
) -> None:
    recorder = Recorder(echo)
    assert run(mode, recorder, "get", model_id).id == "resolved"
    assert recorder.calls == 1
    assert_one_segment(recorder.requests[0], model_id)


def test_reserved_characters_are_percent_encoded() -> None:
    recorder = Recorder(echo)
    with make_client(recorder) as client:
        client.models.get("a/b?c#d%")
        client.models.get("claude sonnet")
        client.models.get("ü")
    assert [r.url.raw_path for r in recorder.requests] == [
        b"/v1/models/a%2Fb%3Fc%23d%25",
        b"/v1/models/claude%20sonnet",
        b"/v1/models/%C3%BC",
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        # Dots and percent-escapes of dots are frequent, to hit the refusals.
        st.sampled_from(".%2eE5") | st.characters(exclude_categories=["Cs"]),
        max_size=12,
    )
)
def test_any_text_is_refused_or_sent_as_exactly_one_segment(model_id: str) -> None:
    recorder = Recorder(echo)
    try:
        path_segment(model_id, "model_id")
    except ValueError:
        refused = True
    else:
        refused = False
    with make_client(recorder) as client:
        if refused:
            with pytest.raises(ValueError, match="model_id"):
                client.models.get(model_id)
            assert recorder.calls == 0
            decoded = model_id
            for _ in range(len(model_id) + 1):
                decoded = unquote(decoded)
            assert decoded in ("", ".", "..")
        else:
            client.models.get(model_id)
            assert recorder.calls == 1
            assert_one_segment(recorder.requests[0], model_id)
