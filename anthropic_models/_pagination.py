"""Cursor pagination, generic over any list operation of the API's convention:
requests take ``after_id`` / ``before_id``, pages carry ``data``, ``first_id``,
``last_id`` and ``has_more``."""

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
from typing import Generic, Protocol, TypeVar, cast

from . import _arguments
from .errors import PaginationError

ItemT = TypeVar("ItemT", covariant=True)
PageT = TypeVar("PageT", bound="Page[object]")


class Page(Protocol[ItemT]):
    """What a page of a list operation looks like (the generated
    ``ListModelsResponse`` is one)."""

    @property
    def data(self) -> Sequence[ItemT]: ...
    @property
    def first_id(self) -> str | None: ...
    @property
    def last_id(self) -> str | None: ...
    @property
    def has_more(self) -> bool: ...


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

    Forwards (the default) the next page is ``after_id = last_id``; a listing that
    started with ``before_id`` goes backwards, with ``before_id = first_id``.

    A page is followed only when it holds a model and gives a cursor that is not
    one this listing has already sent (its starting cursor included): a server
    whose cursors cycle (``A, B, A, B``) or that answers ``has_more`` with empty
    pages would otherwise be followed for ever. Each cursor sent is remembered as
    a fingerprint (:func:`_fingerprint`), so the memory that guard takes grows by
    about 100 bytes per page, however long the server's cursors are.
    """

    def __init__(
        self,
        after_id: str | None,
        before_id: str | None,
        redact: Callable[[str], str] | None = None,
    ) -> None:
        self.after_id = after_id
        self.before_id = before_id
        self.backwards = before_id is not None
        self.done = False
        # Cursors come from the server, which may echo anything back (the key
        # included): what the listing shows of them goes through this.
        self.redact = redact or _unchanged
        start = before_id if self.backwards else after_id
        self.sent: set[bytes] = set() if start is None else {_fingerprint(start)}

    def copy(self) -> _Cursor:
        twin = _Cursor(self.after_id, self.before_id, self.redact)
        twin.backwards, twin.done = self.backwards, self.done
        # A resumed listing goes on with what this one has sent: a server that
        # loops across a failure is caught as if the listing had not failed.
        twin.sent = set(self.sent)
        return twin

    def advance(self, page: Page[object]) -> None:
        """Move past a page the caller has had in full."""
        if not page.has_more:
            self.done = True
            return
        following = page.first_id if self.backwards else page.last_id
        direction = "first_id" if self.backwards else "last_id"
        if not page.data:
            raise PaginationError(
                self.redact(
                    f"the page says has_more but holds no model (its {direction} "
                    f"is {_arguments.shown(following)}): following it could go "
                    "on for ever"
                )
            )
        if not following:
            raise PaginationError(
                f"the page says has_more but its {direction} is {following!r}: "
                "there is no cursor to continue from"
            )
        try:
            # The checks of a caller's after_id / before_id: what cannot be sent
            # (over 4,096 bytes encoded, a lone surrogate) is refused before
            # httpx would fail on it with an untyped error.
            _arguments.cursor(following, f"the page's {direction}")
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
    ) -> None:
        self._fetch = fetch
        self._cursor = _Cursor(after_id, before_id, redact)

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
            yield from cast(Sequence[ItemT], page.data)
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
    ) -> None:
        self._fetch = fetch
        self._cursor = _Cursor(after_id, before_id, redact)

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
            for item in cast(Sequence[ItemT], page.data):
                yield item
            cursor.advance(page)
            del page

    def resume(self) -> AsyncPager[ItemT, PageT]:
        resumed: AsyncPager[ItemT, PageT] = AsyncPager(self._fetch)
        resumed._cursor = self._cursor.copy()
        return resumed
