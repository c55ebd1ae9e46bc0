"""Hostile use of the client's surface (issue 19, the API's part): endless
listings, pickled errors, credentials with whitespace, with_options copies,
unsendable cursors, several event loops, userinfo in the base URL, NaN, a busy
port. Each test does the hostile thing to the fixed code, asserts how it ends,
and adds a row to the report: the figure measured on the code before the fix
(commit f11c25b, by the same probe) -> the figure of this run. The runtime,
command-line and fake's tests prove each fix in detail; these give the figures.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import json
import pickle
import signal
import socket
import weakref
from collections.abc import Callable, Iterator

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    AsyncClient,
    Client,
    NotFoundError,
    PaginationError,
    ResponseValidationError,
)
from anthropic_models._redaction import _FILTER
from anthropic_models.testing import FakeModelsAPI
from anthropic_models.testing.__main__ import main as serve_fake

from .report import REPORT
from .support import KEY, assert_no_key, check_exception

BASE_URL = "https://api.test"
MODEL = "claude-opus-4-5"

# Measured on the unfixed code, with a probe that stopped a listing at 5,000 pages.
BEFORE = {
    "A,B,A,B cursors": "followed 5,000 pages (stopped by the probe)",
    "has_more with empty pages": "followed 5,000 pages (stopped by the probe)",
    "pickled error": "TypeError on unpickling, BrokenProcessPool in the caller, "
    "the key in the pickled bytes",
    "key with a trailing space": "sent; APIConnectionError whose __cause__ "
    "quoted the whole key",
    "with_options copies": "a registration and a finalizer left per dropped copy "
    "(100,000 after 100,000 copies, +46.5 MB traced)",
    "70,000-character cursor": "httpx.InvalidURL",
    "cursor with a lone surrogate": "UnicodeEncodeError",
    "AsyncClient in 3 asyncio.run()": "RuntimeError: Event loop is closed from "
    "the second",
    "base_url with user:password@": "accepted, the password in repr(client)",
    "NaN in a model": "kept; to_dict() and --json gave NaN",
    "fake server on a busy port": "a traceback",
}


def record(case: str, after: str) -> None:
    REPORT.hostile_use[case] = f"{BEFORE[case]} -> {after}"
    REPORT.count_case("19. hostile use")


def page(model_id: str, cursor: str | None) -> httpx.Response:
    body = {
        "data": [] if model_id == "" else [model(model_id)],
        "first_id": cursor,
        "last_id": cursor,
        "has_more": True,
    }
    return httpx.Response(200, content=json.dumps(body).encode())


def model(model_id: str, **extra: object) -> dict[str, object]:
    return {
        "id": model_id,
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": model_id,
        "type": "model",
        **extra,
    }


def client_on(answers: Iterator[httpx.Response], **options: object) -> Client:
    def answer(request: httpx.Request) -> httpx.Response:
        return next(answers)

    transport = httpx.MockTransport(answer)
    return Client(
        api_key=KEY,
        base_url=BASE_URL,
        max_retries=0,
        http_client=httpx.Client(transport=transport),
        **options,  # type: ignore[arg-type]
    )


def counted(
    pages: Callable[[int], httpx.Response], limit: int
) -> tuple[Iterator[httpx.Response], list[int]]:
    """An endless server (``pages(n)`` for request n), bounded at ``limit``."""
    calls = [0]

    def answers() -> Iterator[httpx.Response]:
        while calls[0] < limit:
            calls[0] += 1
            yield pages(calls[0])

    return answers(), calls


ENDLESS: dict[str, Callable[[int], httpx.Response]] = {
    "A,B,A,B cursors": lambda n: page(f"m{n}", "AB"[n % 2]),
    "has_more with empty pages": lambda n: page("", f"c{n}"),
}


@pytest.mark.parametrize("case", ENDLESS)
def test_an_endless_listing_ends(case: str) -> None:
    answers, calls = counted(ENDLESS[case], 5_000)
    with client_on(answers) as client, pytest.raises(PaginationError) as raised:
        for _ in client.models.list():
            pass
    check_exception(raised.value)
    assert calls[0] <= 3
    plural = "" if calls[0] == 1 else "s"
    record(case, f"PaginationError after {calls[0]} request{plural}")


@pytest.mark.parametrize(
    ("case", "cursor"),
    [
        ("70,000-character cursor", "c" * 70_000),
        ("cursor with a lone surrogate", "c\ud800"),
    ],
)
def test_a_cursor_that_cannot_be_sent_is_a_pagination_error(
    case: str, cursor: str
) -> None:
    answers, calls = counted(lambda n: page(f"m{n}", cursor), 5)
    with client_on(answers) as client, pytest.raises(PaginationError) as raised:
        list(client.models.list())
    check_exception(raised.value)
    assert calls[0] == 1
    record(case, f"PaginationError after {calls[0]} request, before sending")


def raise_echoed_not_found() -> None:
    """A worker's call: a 404 whose body and request-id echo the key."""
    body = {"type": "error", "error": {"type": "not_found_error", "message": KEY}}
    echo = httpx.Response(404, json=body, headers={"request-id": f"req_{KEY}"})
    with client_on(iter([echo])) as client:
        client.models.get(MODEL)


def test_an_error_crosses_a_process_pool_without_the_key() -> None:
    with pytest.raises(NotFoundError) as local:
        raise_echoed_not_found()
    data = pickle.dumps(local.value)
    assert_no_key(data.decode("latin-1"), "a pickled error")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(raise_echoed_not_found)
        with pytest.raises(NotFoundError) as remote:
            future.result(timeout=60)
    check_exception(remote.value)
    assert remote.value.status_code == 404
    record(
        "pickled error",
        "the worker's NotFoundError reaches the caller as one, its fields kept; "
        "the key in the pickled bytes: no",
    )


def test_a_key_with_a_trailing_space_is_refused_before_sending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY + " ")
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return page("m", None)

    transport = httpx.MockTransport(answer)
    with pytest.raises(ValueError, match=r"\$ANTHROPIC_API_KEY") as raised:
        Client(base_url=BASE_URL, http_client=httpx.Client(transport=transport))
    check_exception(raised.value)
    assert raised.value.__cause__ is None and raised.value.__context__ is None
    assert not sent
    record(
        "key with a trailing space",
        "ValueError naming $ANTHROPIC_API_KEY, 0 requests, no chained exception",
    )


def test_dropped_with_options_copies_leave_nothing_behind() -> None:
    client = Client(api_key=KEY, base_url=BASE_URL)
    gc.collect()
    before = len(_FILTER._held), len(weakref.finalize._registry)  # type: ignore[attr-defined]
    for _ in range(10_000):
        client.with_options(timeout=2.0)
    gc.collect()
    after = len(_FILTER._held), len(weakref.finalize._registry)  # type: ignore[attr-defined]
    client.close()
    assert after == before
    record(
        "with_options copies",
        f"{after[0] - before[0]} registrations and {after[1] - before[1]} "
        "finalizers left after 10,000 dropped copies",
    )


def test_an_async_client_serves_one_event_loop_after_another() -> None:
    fake = FakeModelsAPI(api_key=KEY)
    with fake.serve() as server:
        client = AsyncClient(api_key=KEY, base_url=server.base_url, max_retries=0)

        async def get() -> str:
            return (await client.models.get(MODEL)).id

        answered = [asyncio.run(get()) for _ in range(3)]
        asyncio.run(client.aclose())
    assert len(answered) == 3 and answered[0].startswith(MODEL)
    assert set(answered) == {answered[0]}
    record("AsyncClient in 3 asyncio.run()", f"{len(answered)} of 3 calls answered")


def test_a_base_url_with_a_password_is_refused_unquoted() -> None:
    with pytest.raises(ValueError, match="base_url") as raised:
        Client(api_key=KEY, base_url="https://user:hunter2-secret@api.test")
    check_exception(raised.value)
    assert "hunter2-secret" not in str(raised.value)
    record("base_url with user:password@", "ValueError naming base_url, unquoted")


def test_a_model_holding_nan_is_refused() -> None:
    body = json.dumps(model(MODEL, score=0.5)).replace("0.5", "NaN").encode()
    answers = iter([httpx.Response(200, content=body)])
    with client_on(answers) as client, pytest.raises(ResponseValidationError) as raised:
        client.models.get(MODEL)
    check_exception(raised.value)
    assert isinstance(raised.value, AnthropicModelsError)
    record("NaN in a model", "ResponseValidationError")


def test_the_fake_server_on_a_busy_port_says_so_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The command installs a SIGTERM handler (it serves until told to stop):
    # this process's own is put back.
    sigterm = signal.getsignal(signal.SIGTERM)
    try:
        with socket.create_server(("127.0.0.1", 0)) as busy:
            status = serve_fake(["--port", str(busy.getsockname()[1])])
    finally:
        signal.signal(signal.SIGTERM, sigterm)
    stderr = capsys.readouterr().err
    assert status == 1
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert "cannot listen on" in stderr
    record("fake server on a busy port", f"one line on stderr, exit {status}")
