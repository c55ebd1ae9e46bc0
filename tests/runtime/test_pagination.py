"""Cursor pagination: forwards with ``after_id = last_id``, backwards with
``before_id = first_id``, stopping on ``has_more: false``, refusing to loop, and
resumable after a failure without losing or repeating anything."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    AsyncModelsPager,
    InternalServerError,
    ListModelsResponse,
    ModelInfo,
    ModelsPager,
    PaginationError,
)
from anthropic_models.testing import Fault

from .helpers import (
    BOTH_CLIENTS,
    KEY,
    Catalogue,
    Operation,
    Script,
    error_response,
    ids_of,
    make_async_client,
    make_client,
    model_ids,
    model_json,
    run,
)

IDS = model_ids(10)  # newest first


def page_json(
    ids: list[str],
    *,
    has_more: bool,
    first_id: str | None = None,
    last_id: str | None = None,
) -> dict[str, Any]:
    return {
        "data": [model_json(model_id) for model_id in ids],
        "first_id": first_id,
        "last_id": last_id,
        "has_more": has_more,
    }


# --- forwards ----------------------------------------------------------------------


@BOTH_CLIENTS
def test_list_follows_last_id_until_has_more_is_false(mode: str) -> None:
    catalogue = Catalogue(IDS)
    items = run(mode, catalogue, "list", limit=3)
    assert all(isinstance(item, ModelInfo) for item in items)
    assert ids_of(items) == IDS
    assert catalogue.cursors("after_id") == [None, IDS[2], IDS[5], IDS[8]]
    assert catalogue.cursors("limit") == ["3"] * 4
    assert catalogue.cursors("before_id") == [None] * 4
    assert catalogue.calls == 4  # stopped at has_more: false


@BOTH_CLIENTS
def test_list_without_limit_sends_no_limit_and_takes_one_page(mode: str) -> None:
    catalogue = Catalogue(IDS)
    assert ids_of(run(mode, catalogue, "list")) == IDS
    assert catalogue.calls == 1
    assert "limit" not in catalogue.requests[0].url.params


def test_list_starting_after_an_id_lists_the_older_models() -> None:
    catalogue = Catalogue(IDS)
    with make_client(catalogue) as client:
        assert ids_of(list(client.models.list(after_id=IDS[3], limit=4))) == IDS[4:]
    assert catalogue.cursors("after_id") == [IDS[3], IDS[7]]


def test_list_stops_when_has_more_is_false_even_if_last_id_is_set() -> None:
    script = Script(
        httpx.Response(
            200, json=page_json(["a", "b"], has_more=False, first_id="a", last_id="b")
        )
    )
    with make_client(script) as client:
        assert ids_of(list(client.models.list())) == ["a", "b"]
    assert script.calls == 1


@pytest.mark.parametrize("limit", [1, 1000])
def test_limit_bounds_are_accepted_and_sent(limit: int) -> None:
    catalogue = Catalogue(IDS[:2])
    with make_client(catalogue) as client:
        assert ids_of(list(client.models.list(limit=limit))) == IDS[:2]
    assert catalogue.cursors("limit")[0] == str(limit)


# --- backwards ---------------------------------------------------------------------


@BOTH_CLIENTS
def test_list_starting_before_an_id_follows_first_id_backwards(mode: str) -> None:
    catalogue = Catalogue(IDS)
    pages = run(mode, catalogue, "pages", before_id=IDS[-1], limit=4)
    assert [ids_of(page.data) for page in pages] == [IDS[5:9], IDS[1:5], IDS[0:1]]
    assert catalogue.cursors("before_id") == [IDS[-1], IDS[5], IDS[1]]
    assert catalogue.cursors("after_id") == [None] * 3
    assert [page.has_more for page in pages] == [True, True, False]


# --- pages() ---------------------------------------------------------------------


@BOTH_CLIENTS
def test_pages_exposes_each_page_with_its_cursors(mode: str) -> None:
    catalogue = Catalogue(IDS[:5])
    pages = run(mode, catalogue, "pages", limit=2)
    assert all(isinstance(page, ListModelsResponse) for page in pages)
    assert [ids_of(page.data) for page in pages] == [IDS[0:2], IDS[2:4], IDS[4:5]]
    assert [(p.first_id, p.last_id, p.has_more) for p in pages] == [
        (IDS[0], IDS[1], True),
        (IDS[2], IDS[3], True),
        (IDS[4], IDS[4], False),
    ]


def test_pager_reports_its_cursor_and_when_it_is_done() -> None:
    catalogue = Catalogue(IDS[:4])
    with make_client(catalogue) as client:
        pager = client.models.list(limit=2)
        assert (pager.after_id, pager.before_id, pager.done) == (None, None, False)
        pages = pager.pages()
        next(pages)
        next(pages)  # advancing to the second page moved past the first
        assert pager.after_id == IDS[1]
        assert list(pages) == []
        assert pager.done


# --- broken servers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "page"),
    [
        ({}, page_json(["a"], has_more=True, first_id="a", last_id=None)),
        ({}, page_json([], has_more=True)),
        ({"before_id": "z"}, page_json(["a"], has_more=True, first_id=None)),
    ],
)
@BOTH_CLIENTS
def test_has_more_without_a_cursor_raises_pagination_error(
    mode: str, kwargs: dict[str, Any], page: dict[str, Any]
) -> None:
    script = Script(httpx.Response(200, json=page), max_calls=3)
    with pytest.raises(PaginationError) as raised:
        run(mode, script, "list", **kwargs)
    assert isinstance(raised.value, AnthropicModelsError)
    assert script.calls == 1


@pytest.mark.parametrize("operation", ["list", "pages"])
@BOTH_CLIENTS
def test_page_repeating_the_previous_cursor_raises_instead_of_looping(
    mode: str, operation: Operation
) -> None:
    stuck = page_json(["b"], has_more=True, first_id="b", last_id="b")
    script = Script(
        httpx.Response(
            200, json=page_json(["a", "b"], has_more=True, first_id="a", last_id="b")
        ),
        httpx.Response(200, json=stuck),
        max_calls=5,
    )
    with pytest.raises(PaginationError, match="loop"):
        run(mode, script, operation)
    assert script.calls == 2
    assert [r.url.params.get("after_id") for r in script.requests] == [None, "b"]


@BOTH_CLIENTS
def test_backwards_page_repeating_the_previous_cursor_raises(mode: str) -> None:
    stuck = page_json(["x"], has_more=True, first_id="x", last_id="x")
    script = Script(httpx.Response(200, json=stuck), max_calls=5)
    with pytest.raises(PaginationError, match="loop"):
        run(mode, script, "pages", before_id="x")
    assert script.calls == 1


def cycling_pages(*cursors: str, start: int = 0) -> list[httpx.Response]:
    """One page per cursor, each with one fresh model and has_more: true (model
    IDs numbered from ``start``, so that only the cursors repeat)."""
    return [
        httpx.Response(
            200,
            json=page_json(
                [f"m{start + n}"], has_more=True, first_id=cursor, last_id=cursor
            ),
        )
        for n, cursor in enumerate(cursors)
    ]


@pytest.mark.parametrize("operation", ["list", "pages"])
@BOTH_CLIENTS
def test_cursors_cycling_through_earlier_ones_raise_instead_of_looping(
    mode: str, operation: Operation
) -> None:
    # A, B, A, B...: no page repeats the cursor of the request just before it.
    script = Script(*cycling_pages("A", "B", "A", "B", "A"), max_calls=5)
    with pytest.raises(PaginationError, match=r"earlier request.*loop"):
        run(mode, script, operation)
    assert [r.url.params.get("after_id") for r in script.requests] == [None, "A", "B"]


@BOTH_CLIENTS
def test_a_page_leading_back_to_the_starting_cursor_raises(mode: str) -> None:
    script = Script(*cycling_pages("B", "start", "B"), max_calls=5)
    with pytest.raises(PaginationError, match="loop"):
        run(mode, script, "list", after_id="start")
    assert script.calls == 2


@BOTH_CLIENTS
def test_an_empty_page_with_has_more_and_a_fresh_cursor_raises(mode: str) -> None:
    pages = [
        httpx.Response(200, json=page_json([], has_more=True, last_id=f"c{n}"))
        for n in range(5)
    ]
    script = Script(*pages, max_calls=5)
    with pytest.raises(PaginationError, match="holds nothing"):
        run(mode, script, "list")
    assert script.calls == 1


@pytest.mark.parametrize(
    "cursor", ["a" * 70_000, "a\ud800b"], ids=["70000-characters", "lone-surrogate"]
)
@BOTH_CLIENTS
def test_a_cursor_that_cannot_be_sent_raises_pagination_error_before_sending(
    mode: str, cursor: str
) -> None:
    page = page_json(["m"], has_more=True, first_id="m", last_id=cursor)
    # json.dumps escapes the surrogate ("\\ud800"): valid JSON that decodes to it.
    script = Script(httpx.Response(200, content=json.dumps(page)), max_calls=3)
    with pytest.raises(PaginationError, match="last_id") as raised:
        run(mode, script, "list")
    assert script.calls == 1  # the next page was never asked for
    assert len(str(raised.value)) < 300  # the cursor is not quoted back


@pytest.mark.parametrize(
    "pages",
    [
        cycling_pages(f"echo-{KEY}", "B", f"echo-{KEY}"),
        [httpx.Response(200, json=page_json([], has_more=True, last_id=KEY))],
    ],
    ids=["cycle", "empty-page"],
)
@BOTH_CLIENTS
def test_a_pagination_error_quoting_a_cursor_redacts_the_key(
    mode: str, pages: list[httpx.Response]
) -> None:
    with pytest.raises(PaginationError) as raised:
        run(mode, Script(*pages, max_calls=5), "list")
    assert KEY not in str(raised.value)
    assert "<redacted>" in str(raised.value)


# A listing that fails after two pages, whose server then leads its resumed
# listing back to a cursor the first part had followed.
RESUMED_LOOP = (*cycling_pages("A", "B"), error_response(500), *cycling_pages("A"))


def check_resumed_loop(script: Script, raised: PaginationError) -> None:
    assert "loop" in str(raised)
    assert [r.url.params.get("after_id") for r in script.requests] == [
        None,
        "A",
        "B",  # failed with a 500
        "B",  # resumed: the page of B again, which leads back to A
    ]


def test_a_resumed_listing_remembers_the_cursors_followed_before_it() -> None:
    script = Script(*RESUMED_LOOP, max_calls=6)
    with make_client(script, max_retries=0) as client:
        pager = client.models.list()
        with pytest.raises(InternalServerError):
            list(pager)
        with pytest.raises(PaginationError) as raised:
            list(pager.resume())
    check_resumed_loop(script, raised.value)


@pytest.mark.anyio
async def test_async_a_resumed_listing_remembers_the_cursors_followed_before_it() -> (
    None
):
    script = Script(*RESUMED_LOOP, max_calls=6)
    async with make_async_client(script, max_retries=0) as client:
        pager = client.models.list()
        with pytest.raises(InternalServerError):
            [item async for item in pager]
        with pytest.raises(PaginationError) as raised:
            [item async for item in pager.resume()]
    check_resumed_loop(script, raised.value)


# --- arguments, checked at list() time ------------------------------------------


BAD_LIST_ARGUMENTS: list[dict[str, Any]] = [
    {"limit": 0},
    {"limit": -1},
    {"limit": 1001},
    {"limit": "5"},
    {"limit": 5.0},
    {"limit": True},
    {"after_id": "a", "before_id": "b"},
    {"after_id": ""},
    {"before_id": 5},
]


@pytest.mark.parametrize("kwargs", BAD_LIST_ARGUMENTS)
@BOTH_CLIENTS
def test_bad_list_arguments_raise_value_error_at_list_time(
    mode: str, kwargs: dict[str, Any]
) -> None:
    catalogue = Catalogue(IDS)
    with pytest.raises(ValueError):
        run(mode, catalogue, "list", **kwargs)
    assert catalogue.calls == 0


def test_list_is_lazy_until_iterated() -> None:
    catalogue = Catalogue(IDS)
    with make_client(catalogue) as client:
        pager = client.models.list(limit=2)
        pager.pages()
        items = iter(pager)
        assert catalogue.calls == 0
        assert next(items).id == IDS[0]
        assert catalogue.calls == 1
        assert next(items).id == IDS[1]
        assert catalogue.calls == 1  # the next page only when needed
        assert next(items).id == IDS[2]
        assert catalogue.calls == 2


@pytest.mark.anyio
async def test_async_list_is_lazy_until_iterated() -> None:
    catalogue = Catalogue(IDS)
    async with make_async_client(catalogue) as client:
        pager = client.models.list(limit=2)
        pager.pages()
        items = aiter(pager)
        assert catalogue.calls == 0
        assert (await anext(items)).id == IDS[0]
        assert catalogue.calls == 1
        assert (await anext(items)).id == IDS[1]
        assert catalogue.calls == 1  # the next page only when needed
        assert (await anext(items)).id == IDS[2]
        assert catalogue.calls == 2


# --- resume() after a failure -----------------------------------------------------


def failing_catalogue(ids: list[str]) -> Catalogue:
    """Fails the third request (the third page) with a 500."""
    return Catalogue(ids, faults={3: Fault.error(500)})


def collect_items_until_failure(pager: ModelsPager) -> list[str]:
    seen: list[str] = []
    with pytest.raises(InternalServerError):
        for item in pager:
            seen.append(item.id)
    return seen


# What a resumed listing must show, sync and async alike: `seen` the models listed
# before the third page failed, `rest` those listed by resume().


def check_resumed_forwards(
    catalogue: Catalogue, seen: list[str], rest: list[str]
) -> None:
    assert seen + rest == IDS
    # The failed request is sent again with the same cursor, then onwards.
    assert catalogue.cursors("after_id") == [None, IDS[2], IDS[5], IDS[5], IDS[8]]


def check_resumed_backwards(
    catalogue: Catalogue, seen: list[str], rest: list[str]
) -> None:
    assert seen + rest == IDS[7:9] + IDS[5:7] + IDS[3:5] + IDS[1:3] + IDS[0:1]
    assert sorted(seen + rest) == IDS[:-1]  # each model exactly once
    assert catalogue.cursors("before_id") == [
        IDS[9],
        IDS[7],
        IDS[5],
        IDS[5],
        IDS[3],
        IDS[1],
    ]


def test_resume_items_forwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    with make_client(catalogue, max_retries=0) as client:
        pager = client.models.list(limit=3)
        seen = collect_items_until_failure(pager)
        assert seen == IDS[:6]
        rest = [item.id for item in pager.resume()]
    check_resumed_forwards(catalogue, seen, rest)


def test_resume_items_backwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    with make_client(catalogue, max_retries=0) as client:
        pager = client.models.list(before_id=IDS[-1], limit=2)
        seen = collect_items_until_failure(pager)
        assert seen == IDS[7:9] + IDS[5:7]
        rest = [item.id for item in pager.resume()]
    check_resumed_backwards(catalogue, seen, rest)


def test_resume_pages_forwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    with make_client(catalogue, max_retries=0) as client:
        pager = client.models.list(limit=3)
        pages: list[ListModelsResponse] = []
        with pytest.raises(InternalServerError):
            for page in pager.pages():
                pages.append(page)
        assert len(pages) == 2
        pages += list(pager.resume().pages())
    assert [item.id for page in pages for item in page.data] == IDS
    assert [page.has_more for page in pages] == [True, True, True, False]


def test_resume_pages_backwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    with make_client(catalogue, max_retries=0) as client:
        pager = client.models.list(before_id=IDS[-1], limit=2)
        pages: list[ListModelsResponse] = []
        with pytest.raises(InternalServerError):
            for page in pager.pages():
                pages.append(page)
        pages += list(pager.resume().pages())
    assert [ids_of(page.data) for page in pages] == [
        IDS[7:9],
        IDS[5:7],
        IDS[3:5],
        IDS[1:3],
        IDS[0:1],
    ]


def test_resume_after_stopping_mid_page_restarts_that_page() -> None:
    """resume() continues after the last page delivered in full: items of a page
    the caller left early come again, none is skipped."""
    catalogue = Catalogue(IDS)
    with make_client(catalogue) as client:
        pager = client.models.list(limit=4)
        seen = []
        for item in pager:
            seen.append(item.id)
            if len(seen) == 6:  # two items into the second page
                break
        rest = [item.id for item in pager.resume()]
    assert seen == IDS[:6]
    assert rest == IDS[4:]


def test_resume_of_a_finished_listing_sends_nothing() -> None:
    catalogue = Catalogue(IDS[:3])
    with make_client(catalogue) as client:
        pager = client.models.list()
        assert len(list(pager)) == 3
        assert list(pager.resume()) == []
    assert catalogue.calls == 1


async def acollect_items_until_failure(pager: AsyncModelsPager) -> list[str]:
    seen: list[str] = []
    with pytest.raises(InternalServerError):
        async for item in pager:
            seen.append(item.id)
    return seen


@pytest.mark.anyio
async def test_async_resume_after_stopping_mid_page_restarts_that_page() -> None:
    catalogue = Catalogue(IDS)
    async with make_async_client(catalogue) as client:
        pager = client.models.list(limit=4)
        seen = []
        async for item in pager:
            seen.append(item.id)
            if len(seen) == 6:
                break
        rest = [item.id async for item in pager.resume()]
    assert seen == IDS[:6]
    assert rest == IDS[4:]


@pytest.mark.anyio
async def test_async_resume_items_forwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    async with make_async_client(catalogue, max_retries=0) as client:
        pager = client.models.list(limit=3)
        seen = await acollect_items_until_failure(pager)
        assert seen == IDS[:6]
        rest = [item.id async for item in pager.resume()]
    check_resumed_forwards(catalogue, seen, rest)


@pytest.mark.anyio
async def test_async_resume_items_backwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    async with make_async_client(catalogue, max_retries=0) as client:
        pager = client.models.list(before_id=IDS[-1], limit=2)
        seen = await acollect_items_until_failure(pager)
        assert seen == IDS[7:9] + IDS[5:7]
        rest = [item.id async for item in pager.resume()]
    check_resumed_backwards(catalogue, seen, rest)


@pytest.mark.anyio
async def test_async_resume_pages_forwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    async with make_async_client(catalogue, max_retries=0) as client:
        pager = client.models.list(limit=3)
        pages: list[ListModelsResponse] = []
        with pytest.raises(InternalServerError):
            async for page in pager.pages():
                pages.append(page)
        assert len(pages) == 2
        pages += [page async for page in pager.resume().pages()]
    assert [item.id for page in pages for item in page.data] == IDS
    assert [page.has_more for page in pages] == [True, True, True, False]


@pytest.mark.anyio
async def test_async_resume_pages_backwards_loses_and_repeats_nothing() -> None:
    catalogue = failing_catalogue(IDS)
    async with make_async_client(catalogue, max_retries=0) as client:
        pager = client.models.list(before_id=IDS[-1], limit=3)
        pages: list[ListModelsResponse] = []
        with pytest.raises(InternalServerError):
            async for page in pager.pages():
                pages.append(page)
        pages += [page async for page in pager.resume().pages()]
    assert [ids_of(page.data) for page in pages] == [IDS[6:9], IDS[3:6], IDS[0:3]]
