"""A client inherited by forked processes (``multiprocessing``'s ``fork`` start
method, issue 19): a child never sends on its parent's kept-alive connections,
so no process reads an answer meant for another; the parent's pool is left as
it was. And a child forked while another thread had paused the cyclic garbage
collector for a parse gets a running collector.

Children are made with ``os.fork`` and end with ``os._exit``: nothing of
pytest's runs in them; each reports on a pipe and is waited for with a bound."""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import os
import select
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from anthropic_models import AsyncClient, Client
from anthropic_models._validation import CYCLIC_GC_PAUSED
from anthropic_models.testing import FakeModelsAPI, FakeServer, synthetic_models

from .report import REPORT
from .support import KEY

CHILDREN = 4
GETS = 100  # per process
CHILD_TIMEOUT = 60.0


@pytest.fixture
def fake() -> FakeModelsAPI:
    return FakeModelsAPI(models=synthetic_models((CHILDREN + 1) * GETS), api_key=KEY)


@pytest.fixture
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    with fake.serve() as served:
        yield served


class _Start:
    """Holds children back until every process is ready, so that they all use
    the client at once."""

    def __init__(self) -> None:
        self.reader, self.writer = os.pipe()

    def wait(self) -> None:  # in a child: one byte each, at most 10 s
        if select.select([self.reader], [], [], 10.0)[0]:
            os.read(self.reader, 1)

    def go(self, children: int) -> None:
        os.write(self.writer, b"x" * children)
        os.close(self.reader)
        os.close(self.writer)


def _fork(work: Callable[[], object], start: _Start | None = None) -> tuple[int, int]:
    """Run ``work`` in a child (once ``start`` says go); (pid, read end of the
    pipe its JSON result comes on). The child never returns to the caller."""
    reader, writer = os.pipe()
    with warnings.catch_warnings():
        # 3.12+ warns that forking a process with threads (the fake's) may
        # deadlock the child: what this test is about, and the child only uses
        # the client.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(reader)
            if start is not None:
                start.wait()
            result = json.dumps(work()).encode()
            os.write(writer, result)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


def _collect(children: list[tuple[int, int]]) -> list[Any]:
    """Each child's result, waiting at most CHILD_TIMEOUT for all of them."""
    deadline = time.monotonic() + CHILD_TIMEOUT
    results: list[Any] = []
    for pid, reader in children:
        data = b""
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([reader], [], [], max(left, 0.0))
            if not ready:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                raise AssertionError(f"child {pid} did not answer in time")
            chunk = os.read(reader, 65536)
            if not chunk:
                break
            data += chunk
        os.close(reader)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, f"child {pid} failed"
        results.append(json.loads(data))
    return results


def _wrong_answers(get: Callable[[str], str], model_ids: list[str]) -> int:
    wrong = 0
    for model_id in model_ids:
        try:
            if get(model_id) != model_id:
                wrong += 1
        except Exception:  # a mixed-up stream can also fail to parse: as wrong
            wrong += 1
    return wrong


def _shares(fake: FakeModelsAPI) -> list[list[str]]:
    ids = fake.model_ids
    return [ids[i * GETS : (i + 1) * GETS] for i in range(CHILDREN + 1)]


def test_a_client_used_before_fork_gives_each_process_its_own_answers(
    fake: FakeModelsAPI, server: FakeServer
) -> None:
    client = Client(api_key=KEY, base_url=server.base_url, max_retries=0)
    client.models.get(fake.model_ids[0])  # a kept-alive connection to inherit
    shares = _shares(fake)

    def get(model_id: str) -> str:
        return client.models.get(model_id).id

    start = _Start()
    children = [
        _fork(functools.partial(_wrong_answers, get, share), start)
        for share in shares[1:]
    ]
    start.go(CHILDREN)
    parent_wrong = _wrong_answers(get, shares[0])
    wrong = parent_wrong + sum(int(n) for n in _collect(children))
    # The parent's pool is still its own, and still works.
    after = client.models.get(fake.model_ids[-1]).id
    client.close()
    calls = (CHILDREN + 1) * GETS
    REPORT.count_case("6. hostile environment")
    REPORT.environment["fork, sync Client, parent + 4 children"] = (
        f"{wrong} of {calls} answers wrong (before the fix: 15 to 286 of 500)"
    )
    assert wrong == 0
    assert after == fake.model_ids[-1]


def test_an_async_client_used_before_fork_gives_each_process_its_own_answers(
    fake: FakeModelsAPI, server: FakeServer
) -> None:
    """Each process runs its own event loop (asyncio.run); the child's loop
    never reuses the connections the parent's loop opened."""
    client = AsyncClient(api_key=KEY, base_url=server.base_url, max_retries=0)
    loop = asyncio.new_event_loop()  # the parent's, kept open across the fork
    loop.run_until_complete(client.models.get(fake.model_ids[0]))
    shares = _shares(fake)

    def run_share(share: list[str]) -> int:
        async def gets() -> int:
            wrong = 0
            for model_id in share:
                try:
                    if (await client.models.get(model_id)).id != model_id:
                        wrong += 1
                except Exception:
                    wrong += 1
            return wrong

        return asyncio.run(gets())

    start = _Start()
    children = [
        _fork(functools.partial(run_share, share), start) for share in shares[1:]
    ]
    start.go(CHILDREN)

    async def parent_gets() -> int:
        wrong = 0
        for model_id in shares[0]:
            if (await client.models.get(model_id)).id != model_id:
                wrong += 1
        return wrong

    wrong = loop.run_until_complete(parent_gets())
    wrong += sum(int(n) for n in _collect(children))
    loop.run_until_complete(client.aclose())
    loop.close()
    REPORT.count_case("6. hostile environment")
    REPORT.environment["fork, AsyncClient, parent + 4 children"] = (
        f"{wrong} of {(CHILDREN + 1) * GETS} answers wrong (before the fix: 3 to 6)"
    )
    assert wrong == 0


def test_a_child_forked_during_a_parse_has_the_garbage_collector_running() -> None:
    """Another thread holds the parse's collector pause when the process forks:
    the child, where that thread does not exist, starts with the collector on
    and can pause it again for its own parses."""
    assert gc.isenabled()
    paused, release = threading.Event(), threading.Event()

    def parse() -> None:
        with CYCLIC_GC_PAUSED:
            paused.set()
            release.wait(10)

    thread = threading.Thread(target=parse)
    thread.start()
    try:
        assert paused.wait(10)
        assert not gc.isenabled()

        def child() -> list[bool]:
            enabled = gc.isenabled()
            with CYCLIC_GC_PAUSED:
                paused_again = not gc.isenabled()
            return [enabled, paused_again, gc.isenabled()]

        (result,) = _collect([_fork(child)])
    finally:
        release.set()
        thread.join(10)
    REPORT.count_case("6. hostile environment")
    REPORT.environment["fork during a parse in another thread"] = (
        "collector on in the child" if result == [True, True, True] else str(result)
    ) + " (before the fix: off for good)"
    assert result == [True, True, True]
    assert gc.isenabled()
