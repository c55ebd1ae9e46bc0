"""The cyclic garbage collector waits while a response is parsed
(``_validation.CYCLIC_GC_PAUSED``), and only then: it runs again after every
parse, failed ones included; an application that turned it off keeps it off;
a parse in another thread neither extends nor ends the pause. And the pause
loses nothing: parsing a page makes no reference cycle."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator

import httpx
import pytest

from anthropic_models import ListModelsResponse, ResponseValidationError
from anthropic_models._parsers import PARSERS, parse_list_models_response
from anthropic_models._validation import CYCLIC_GC_PAUSED
from anthropic_models.testing import synthetic_models

from .helpers import BOTH_CLIENTS, Script, run


def page_of(count: int) -> dict[str, object]:
    models = synthetic_models(count, shape="today")
    return {
        "data": models,
        "first_id": models[0]["id"],
        "last_id": models[-1]["id"],
        "has_more": False,
    }


@pytest.fixture
def gc_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def ok(body: object) -> httpx.Response:
    return httpx.Response(200, content=json.dumps(body).encode())


@BOTH_CLIENTS
@pytest.mark.usefixtures("gc_enabled")
def test_the_collector_is_paused_during_a_parse_and_running_after(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def spy(payload: object) -> ListModelsResponse:
        seen.append(gc.isenabled())
        return parse_list_models_response(payload)

    monkeypatch.setitem(PARSERS, ListModelsResponse, spy)
    pages = run(mode, Script(ok(page_of(3))), "pages")
    assert len(pages) == 1 and len(pages[0].data) == 3
    assert seen == [False]
    assert gc.isenabled()


@BOTH_CLIENTS
@pytest.mark.usefixtures("gc_enabled")
def test_the_collector_runs_again_after_a_failed_parse(mode: str) -> None:
    bad = page_of(2)
    bad["has_more"] = "no"
    for body in (ok(bad), httpx.Response(200, content=b"{not json")):
        with pytest.raises(ResponseValidationError):
            run(mode, Script(body), "list")
        assert gc.isenabled()


def test_an_application_that_turned_the_collector_off_keeps_it_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with CYCLIC_GC_PAUSED:
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.usefixtures("gc_enabled")
def test_a_parse_in_another_thread_neither_extends_nor_ends_the_pause() -> None:
    first_in, second_in, first_out = (threading.Event() for _ in range(3))
    seen: dict[str, bool] = {}

    def first() -> None:
        with CYCLIC_GC_PAUSED:
            first_in.set()
            assert second_in.wait(timeout=10)
            seen["first, both inside"] = gc.isenabled()
        first_out.set()

    def second() -> None:
        assert first_in.wait(timeout=10)
        with CYCLIC_GC_PAUSED:
            second_in.set()
            assert first_out.wait(timeout=10)
            # The first parse ended, so did its pause: never longer than it.
            seen["second, after the first"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert seen == {"first, both inside": False, "second, after the first": True}
    assert gc.isenabled()


@pytest.mark.usefixtures("gc_enabled")
def test_parsing_a_page_makes_no_reference_cycle() -> None:
    raw = json.dumps(page_of(200)).encode()
    gc.collect()
    parsed = parse_list_models_response(json.loads(raw))
    assert len(parsed.data) == 200
    del parsed
    # Everything the parse made was freed by reference counting: the collector
    # finds nothing unreachable left behind.
    assert gc.collect() == 0
