"""What the response parsers need that the spec does not determine.

The parsers themselves, one function per schema, are generated from openapi.yaml
into ``_parsers.py`` by ``scripts/generate_parsers.py`` (``make generate``). They
check every value against the spec's types on the way in, because the generated
``from_dict`` methods trust their input: ``"has_more": "false"`` is kept as a
(truthy) string, ``"id": 123`` as an int, a missing key raises a bare
``KeyError``. This module holds the error they raise, how it names the place of
the problem, and the RFC 3339 date-time check.
"""

from __future__ import annotations

import datetime
import gc
import os
import re
import threading
from collections.abc import Callable, Collection, Mapping
from types import TracebackType

__all__ = [
    "CYCLIC_GC_PAUSED",
    "InvalidPayload",
    "failing_index",
    "fromisoformat",
    "mismatch",
    "missing",
    "rfc3339",
    "unexpected",
]


class InvalidPayload(Exception):
    """A payload that does not fit its schema.

    ``path`` locates the problem (``["data", 3, "created_at"]``: keys and list
    indices) and is filled in as the error travels out of nested parsers.
    """

    def __init__(self, problem: str, *location: str | int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str | int] = list(location)

    def at(self, *location: str | int) -> InvalidPayload:
        """This error, located under ``location`` (outermost first)."""
        self.path[:0] = location
        return self

    def __str__(self) -> str:
        where = "".join(
            f"[{step}]" if type(step) is int else f".{step}" for step in self.path
        ).removeprefix(".")
        return f"{where}: {self.problem}" if where else self.problem


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def mismatch(expected: str, value: object, *location: str | int) -> InvalidPayload:
    """``value``, found at ``location``, is not what the spec says."""
    return InvalidPayload(f"expected {expected}, got {_describe(value)}", *location)


def missing(absent: KeyError) -> InvalidPayload:
    """A required property is absent (``absent`` is the KeyError of its lookup)."""
    return InvalidPayload(f"missing required field {absent.args[0]!r}")


def unexpected(payload: Mapping[str, object], known: Collection[str]) -> InvalidPayload:
    """An object whose schema allows no additional properties has one."""
    extra = next(key for key in payload if key not in known)
    return InvalidPayload(f"unexpected property {extra!r}")


def failing_index(parse: Callable[[object], object], items: list[object]) -> int:
    """The index of the first item ``parse`` rejects. A list is parsed in one
    comprehension (the cheapest loop); only when that fails is it walked again to
    say which item it was."""
    for index, item in enumerate(items):
        try:
            parse(item)
        except InvalidPayload:
            return index
    raise AssertionError("every item parses: nothing to locate")


# RFC 3339 date-time, the spec's `format: date-time`: `rfc3339(text)` is None
# unless the text has its shape. datetime.fromisoformat (what the generated code
# converts with) also takes a bare date or a time without an offset, which the spec
# does not allow; it still refuses an impossible date (February 30). The parsers
# convert `fromisoformat(text.upper())`: RFC 3339 allows a lower-case "t" and "z",
# which fromisoformat (3.11) refuses; the rest of the text is ASCII digits.
rfc3339 = re.compile(
    r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)\Z", re.ASCII
).match
fromisoformat = datetime.datetime.fromisoformat


class _CyclicGCPause:
    """``with CYCLIC_GC_PAUSED:`` defers CPython's cyclic garbage collector while
    a response body is decoded and parsed, and lets it run again after.

    Why: a page of 1,000 models in today's shape is about 27,000 generated
    objects (and as many decoded dicts), all alive until the page is parsed. The
    collector, triggered every 700 allocations, scans them again and again as
    they age: measured on a listing of 2,000 models, that was as much CPU as the
    parsing itself. Nothing lost by waiting: JSON decodes to trees and the
    parsers build trees, so no reference cycle is made here, and everything
    else is freed by reference counting as usual (the tests check both).

    The collector is process-wide, so the pause is held by one parse at a time:
    the parse that finds it running pauses it and resumes it when it ends. A
    parse overlapping it in another thread neither extends nor ends that pause
    (it may run without one), so the collector never waits longer than one
    parse, however many threads keep parsing. An application that disabled the
    collector keeps it disabled; one that disables it in another thread during
    a parse sees it enabled again when the parse ends.

    A process forked while another thread's parse holds the pause has only the
    forking thread: nobody would end that pause, and the child's collector
    would stay off for good. So a forked child starts with the pause released
    (and a fresh lock, which that thread may have held) and the collector on.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holder: int | None = None  # the thread whose parse paused it
        if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
            os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self) -> None:
        self._lock = threading.Lock()
        if self._holder is not None and self._holder != threading.get_ident():
            self._holder = None
            gc.enable()

    def __enter__(self) -> None:
        with self._lock:
            if self._holder is None and gc.isenabled():
                gc.disable()
                self._holder = threading.get_ident()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._lock:
            if self._holder == threading.get_ident():
                self._holder = None
                gc.enable()


CYCLIC_GC_PAUSED = _CyclicGCPause()
