"""The filter on httpx's and httpcore's loggers redacts the keys of live clients
only: a client's key is forgotten once it is closed or garbage-collected."""

from __future__ import annotations

import asyncio
import gc
import logging
import secrets
import weakref
from collections.abc import Callable

import pytest

from anthropic_models import AsyncClient, Client
from anthropic_models._redaction import _FILTER

# One record on each kind of logger the filter sits on.
STACK_LOGGERS = ("httpx", "httpcore.http11", "httpcore.connection")


def _fresh_key() -> str:
    # Unique per test: no other client of the session can hold the same key.
    return f"sk-ant-LIFETIME-{secrets.token_hex(12)}"


def _logged(caplog: pytest.LogCaptureFixture, key: str) -> list[str]:
    """Log a line quoting `key` on each stack logger; what the records say."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        for name in STACK_LOGGERS:
            logging.getLogger(name).debug("echoed header: %s", key)
    return [record.getMessage() for record in caplog.records]


def _assert_redacted(messages: list[str]) -> None:
    assert messages == ["echoed header: <redacted>"] * len(STACK_LOGGERS)


def _assert_not_held(messages: list[str], key: str) -> None:
    assert messages == [f"echoed header: {key}"] * len(STACK_LOGGERS)


def _sync_client(key: str) -> Client:
    return Client(api_key=key, base_url="http://127.0.0.1:9")


def _async_client(key: str) -> AsyncClient:
    return AsyncClient(api_key=key, base_url="http://127.0.0.1:9")


def test_a_live_clients_key_is_redacted_and_forgotten_on_close(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = _fresh_key()
    client = _sync_client(key)
    _assert_redacted(_logged(caplog, key))
    client.close()
    _assert_not_held(_logged(caplog, key), key)


@pytest.mark.anyio
async def test_async_a_live_clients_key_is_redacted_and_forgotten_on_close(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = _fresh_key()
    client = _async_client(key)
    _assert_redacted(_logged(caplog, key))
    await client.aclose()
    _assert_not_held(_logged(caplog, key), key)


@pytest.mark.parametrize("make", [_sync_client, _async_client], ids=["sync", "async"])
def test_a_client_collected_without_close_is_forgotten(
    caplog: pytest.LogCaptureFixture, make: Callable[[str], object]
) -> None:
    key = _fresh_key()
    client = make(key)
    _assert_redacted(_logged(caplog, key))
    del client
    gc.collect()
    _assert_not_held(_logged(caplog, key), key)


def test_the_generated_client_of_a_dropped_client_keeps_the_key_redacted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # It can still send with the key, so the key stays held while it lives.
    key = _fresh_key()
    generated = _sync_client(key).generated
    gc.collect()
    _assert_redacted(_logged(caplog, key))
    generated.get_httpx_client().close()
    del generated
    gc.collect()
    _assert_not_held(_logged(caplog, key), key)


def test_closing_a_copy_keeps_the_key_of_the_client_it_came_from(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = _fresh_key()
    client = _sync_client(key)
    # Both kinds of copy: one sharing the original's settings, one with its own.
    client.with_options(timeout=2.0).close()
    client.with_options(max_retries=0).close()
    _assert_redacted(_logged(caplog, key))
    client.close()
    _assert_not_held(_logged(caplog, key), key)


def test_two_clients_with_one_key_hold_it_until_both_are_closed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = _fresh_key()
    first, second = _sync_client(key), _sync_client(key)
    first.close()
    _assert_redacted(_logged(caplog, key))
    second.close()
    _assert_not_held(_logged(caplog, key), key)
    second.close()  # closing twice is harmless
    _assert_not_held(_logged(caplog, key), key)


def _close(client: Client | AsyncClient) -> None:
    if isinstance(client, Client):
        client.close()
    else:
        asyncio.run(client.aclose())


def _registrations() -> tuple[dict[str, int], int]:
    """The filter's registry (key -> clients holding it) and the process's live
    weakref finalizers (a private attribute of weakref.finalize: the count that
    grew with every copy before)."""
    return dict(_FILTER._held), len(weakref.finalize._registry)  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", [_sync_client, _async_client], ids=["sync", "async"])
def test_dropped_copies_leave_the_filter_and_the_finalizers_as_they_were(
    caplog: pytest.LogCaptureFixture, make: Callable[[str], Client | AsyncClient]
) -> None:
    # Before: every copy registered the key once more, with a finalizer on the
    # settings it shared with the original, so both outlived the copy (+46.5 MB
    # after 100,000 copies, each registration slower than the one before).
    key = _fresh_key()
    client = make(key)
    gc.collect()
    before = _registrations()
    for n in range(10_000):
        # Both kinds: one sharing the original's settings, one with its own.
        copy = (
            client.with_options(timeout=2.0)
            if n % 2
            else client.with_options(max_retries=0)
        )
    _assert_redacted(_logged(caplog, key))
    del copy
    gc.collect()
    assert _registrations() == before
    _assert_redacted(_logged(caplog, key))  # the original still holds it
    _close(client)
    _assert_not_held(_logged(caplog, key), key)


def test_a_live_copy_keeps_the_key_redacted_after_the_original_is_closed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = _fresh_key()
    client = _sync_client(key)
    copy = client.with_options(max_retries=0)
    client.close()
    _assert_redacted(_logged(caplog, key))
    copy.close()
    _assert_not_held(_logged(caplog, key), key)
