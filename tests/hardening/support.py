"""Shared pieces of the hardening tests: the recognisable key, the checks that it
never leaks, and a transport wrapper that counts what reaches the wire."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable

import httpx

from anthropic_models import APIStatusError

from .report import REPORT

# Recognisable, and as long as a real key (quoted values are cut short in messages,
# and a cut must not leave a piece of the key behind).
KEY = (
    "sk-ant-api03-HARDENING-"
    + "Qx7vT2mLp9Rb4Wz8Kd3Hs6Nf1Yc5Gj0E" * 2
    + "uA-8bM_zR4tV2wL7"
)
assert len(KEY) == 103 and KEY.isascii() and KEY.isprintable()

# Any 16 characters of the key in a row count as a leak (the runtime redacts the
# whole key and every prefix of 16 characters or more).
_PIECES = tuple(KEY[i : i + 16] for i in range(len(KEY) - 15))


def leaked(text: str) -> bool:
    return any(piece in text for piece in _PIECES)


def assert_no_key(text: str, where: str) -> None:
    assert not leaked(text), f"the key leaked into {where}: {text[:300]!r}"


def check_exception(error: BaseException) -> None:
    """The key is not in the exception's message, repr, args, nor anywhere in its
    formatted traceback (which shows the chained causes too)."""
    assert_no_key(str(error), "str(exception)")
    assert_no_key(repr(error), "repr(exception)")
    for argument in error.args:
        assert_no_key(repr(argument), "exception args")
    assert_no_key("".join(traceback.format_exception(error)), "the traceback")
    if isinstance(error, APIStatusError):
        assert_no_key(error.message, "APIStatusError.message")
    REPORT.count_secret_check("exceptions")


def check_records(records: Iterable[logging.LogRecord]) -> int:
    """The key is in no log record (message, raw msg, args, exception text)."""
    checked = 0
    for record in records:
        assert_no_key(record.getMessage(), f"a log record of {record.name}")
        assert_no_key(str(record.msg), f"a log record's msg ({record.name})")
        assert_no_key(repr(record.args), f"a log record's args ({record.name})")
        if record.exc_info and record.exc_info[1] is not None:
            check_exception(record.exc_info[1])
        checked += 1
    REPORT.count_secret_check("log records", checked)
    return checked


class CountingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps the transport that really sends: ``sent`` counts the requests that
    reached it (a request refused before sending never does)."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        async_inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.inner = inner
        self.async_inner = async_inner
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert self.inner is not None
        self.sent += 1
        return self.inner.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert self.async_inner is not None
        self.sent += 1
        return await self.async_inner.handle_async_request(request)

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()

    async def aclose(self) -> None:
        if self.async_inner is not None:
            await self.async_inner.aclose()


class Sleeps(list[float]):
    """The delays a client asked to wait, recorded, never slept. Every delay must
    be a finite number of seconds from 0 to 60 (a negative one would make
    time.sleep raise; a huge one would hang the caller)."""

    def sync(self, seconds: float) -> None:
        assert 0 <= seconds <= 60, seconds
        self.append(seconds)

    async def async_(self, seconds: float) -> None:
        self.sync(seconds)
