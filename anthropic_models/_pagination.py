"""Cursor pagination, generic over any list operation that pages as openapi.yaml's
``x-pagination`` says: which request parameters are its cursors (forward and
backward), and which attributes of a page hold its items, ``has_more`` and the
cursor that continues each way (``_operation.Paging``, generated into ``_spec``).
"""

from __future__ import annotations

import hashlib
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterator,
    Sequence,
)
from typing import Any, Generic, TypeVar, cast

from . import _arguments
from ._operation import Paging
from ._spec import PAGING
from .errors import PaginationError

ItemT = TypeVar("ItemT", covariant=True)
PageT = TypeVar("PageT")


def _unchanged(text: str) -> str:
    return text


def _fingerprint(cursor: str) -> bytes:
    """What a listing keeps of a cursor it has sent: 16 bytes whatever the
    cursor's length (a hostile server's cursors may be up to 4,096 bytes each),
    so that a listing of N pages holds about 100 bytes per page. Two different
    cursors share a fingerprint with odds of about 2**-128 per pair."""
    return hashlib.blake2b(
        cursor.encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


class _Cursor:
    """Where a listing stands, and how to take the next step.

    Forwards (the default) the next page's forward cursor is the page's
    ``forward.next_cursor``; a listing that started with the backward cursor goes
    backwards, with ``backward.next_cursor``. ``after_id`` / ``before_id`` hold
    the forward and backward cursors (the names the pagers have had since 0.1).

    A listing ends with :class:`PaginationError` when a page says ``has_more``
    but holds no item, or when its next cursor is one this listing has already
    sent (its starting cursor included): a server whose cursors cycle (``A, B,
    A, B``) or that answers ``has_more`` with empty pages would otherwise be
    followed for ever. Each cursor sent is remembered as a fingerprint
    (:func:`_fingerprint`), so the memory that guard takes grows by about 100
    bytes per page, however long the server's cursors are.
    """

    def __init__(
        self,
        after_id: str | None,
        before_id: str | None,
        redact: Callable[[str], str] | None = None,
        paging: Paging | None = None,
    ) -> None:
        self.after_id = after_id
        self.before_id = before_id
        self.backwards = before_id is not None
        self.done = False
        # Cursors come from the server, which may echo anything back (the key
        # included): what the listing shows of them goes through this.
        self.redact = redact or _unchanged
        self.paging = paging or PAGING
        start = before_id if self.backwards else after_id
        self.sent: set[bytes] = set() if start is None else {_fingerprint(start)}

    def copy(self) -> _Cursor:
        twin = _Cursor(self.after_id, self.before_id, self.redact, self.paging)
        twin.backwards, twin.done = self.backwards, self.done
        # A resumed listing goes on with what this one has sent: a server that
        # loops across a failure is caught as if the listing had not failed.
        twin.sent = set(self.sent)
        return twin

    def items(self, page: object) -> Sequence[Any]:
        return cast(Sequence[Any], getattr(page, self.paging.results))

    def advance(self, page: object) -> None:
        """Move past a page the caller has had in full."""
        paging = self.paging
        if not getattr(page, paging.has_more):
            self.done = True
            return
        way = paging.backward if self.backwards and paging.backward else paging.forward
        direction = way.next_cursor
        following = getattr(page, direction)
        if not self.items(page):
            raise PaginationError(
                self.redact(
                    f"the page says {paging.has_more} but holds nothing (its "
                    f"{direction} is {_arguments.shown(following)}): following it "
                    "could go on for ever"
                )
            )
        if not following:
            raise PaginationError(
                f"the page says {paging.has_more} but its {direction} is "
                f"{following!r}: there is no cursor to continue from"
            )
        try:
            # The generic checks of a caller's string argument: what cannot be
            # sent (over 4,096 bytes encoded, a lone surrogate) is refused
            # before httpx would fail on it with an untyped error.
            _arguments.string(following, f"the page's {direction}", min_length=1)
        except ValueError as exc:
            raise PaginationError(
                self.redact(f"the next page cannot be asked for: {exc}")
            ) from None
        fingerprint = _fingerprint(following)
        if fingerprint in self.sent:
            raise PaginationError(
                self.redact(
                    f"the page's {direction} {_arguments.shown(following)} is the "
                    "cursor of an earlier request of this listing "
                    f"({len(self.sent)} followed): following it would loop"
                )
            )
        self.sent.add(fingerprint)
        if self.backwards:
            self.before_id = following
        else:
            self.after_id = following


class _Listing:
    """The cursor state and its views, shared by the sync and async pagers."""

    _cursor: _Cursor

    @property
    def after_id(self) -> str | None:
        """The ``after_id`` of the next request (forwards listings)."""
        return self._cursor.after_id

    @property
    def before_id(self) -> str | None:
        """The ``before_id`` of the next request (backwards listings)."""
        return self._cursor.before_id

    @property
    def done(self) -> bool:
        """True once a page said ``has_more: false``."""
        return self._cursor.done

    def __repr__(self) -> str:
        return self._cursor.redact(
            f"{type(self).__name__}(after_id={self.after_id!r}, "
            f"before_id={self.before_id!r}, done={self.done})"
        )


class SyncPager(_Listing, Generic[ItemT, PageT]):
    """A lazy listing: iterate it for the items, or :meth:`pages` for the pages.

    Pages are fetched one at a time as the iteration needs them, and only the
    current page is held. After an iteration failed (say, retries ran out),
    :meth:`resume` continues after the last page that was delivered in full, so
    nothing is lost or repeated.
    """

    def __init__(
        self,
        fetch: Callable[[str | None, str | None], PageT],
        *,
        after_id: str | None = None,
        before_id: str | None = None,
        redact: Callable[[str], str] | None = None,
        paging: Paging | None = None,
    ) -> None:
        self._fetch = fetch
        self._cursor = _Cursor(after_id, before_id, redact, paging)

    def pages(self) -> Iterator[PageT]:
        cursor = self._cursor
        while not cursor.done:
            page = self._fetch(cursor.after_id, cursor.before_id)
            yield page
            cursor.advance(page)
            del page  # hold one page at a time, not two, while fetching the next

    def __iter__(self) -> Iterator[ItemT]:
        cursor = self._cursor
        while not cursor.done:
            page = self._fetch(cursor.after_id, cursor.before_id)
            yield from cast(Sequence[ItemT], cursor.items(page))
            cursor.advance(page)
            del page

    def resume(self) -> SyncPager[ItemT, PageT]:
        """A new listing from where this one stands (same operation and options)."""
        resumed: SyncPager[ItemT, PageT] = SyncPager(self._fetch)
        resumed._cursor = self._cursor.copy()
        return resumed


class AsyncPager(_Listing, Generic[ItemT, PageT]):
    """The async twin of :class:`SyncPager`: ``async for`` over items or
    :meth:`pages`."""

    def __init__(
        self,
        fetch: Callable[[str | None, str | None], Awaitable[PageT]],
        *,
        after_id: str | None = None,
        before_id: str | None = None,
        redact: Callable[[str], str] | None = None,
        paging: Paging | None = None,
    ) -> None:
        self._fetch = fetch
        self._cursor = _Cursor(after_id, before_id, redact, paging)

    async def pages(self) -> AsyncGenerator[PageT, None]:
        cursor = self._cursor
        while not cursor.done:
            page = await self._fetch(cursor.after_id, cursor.before_id)
            yield page
            cursor.advance(page)
            del page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        cursor = self._cursor
        while not cursor.done:
            page = await self._fetch(cursor.after_id, cursor.before_id)
            for item in cast(Sequence[ItemT], cursor.items(page)):
                yield item
            cursor.advance(page)
            del page

    def resume(self) -> AsyncPager[ItemT, PageT]:
        resumed: AsyncPager[ItemT, PageT] = AsyncPager(self._fetch)
        resumed._cursor = self._cursor.copy()
        return resumed
