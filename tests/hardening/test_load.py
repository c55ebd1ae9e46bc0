"""Load: concurrent ``get``s against the fake's real HTTP face, 5 % of them
meeting a retryable fault (500, 503, 529, 429 with ``retry-after: 0``). Every
call succeeds with the model it asked for, the server never sees more
simultaneous connections than the pool allows, and once the client is closed no
connection is left open.

- ``AsyncClient``, 1,000 concurrent calls through the caller's pool of 8
  connections (``aclose()`` leaves that pool to its owner, still usable);
- ``AsyncClient`` with its own pool (httpx's default of 100), 200 concurrent
  calls (with 1,000 queued on 100 connections, httpcore's pool spends about 15 s
  rescanning its queue, quadratically: a limit of httpcore, not of the runtime);
- ``AsyncClient`` on ``DefaultAioHttpClient()`` (aiohttp's pool, 100
  connections), the whole 1,000 concurrent calls;
- ``Client`` shared by 16 threads, 1,000 calls, through its own pool limited to
  8 connections, and through its own pool as it is (100).

No call is retried but for a planned fault, and the server never sees one
connection more than the pool allows. (httpcore 1.0.9's sync pool could close a
connection under a request just started on it, encode/httpcore#1110: the
request read a closed descriptor and was retried, and the server saw 9 or 10
connections from a pool of 8. The runtime's own sync pool is guarded against
it, ``anthropic_models._pool._Guarded``; a caller's own ``httpx.Client`` is
httpcore's as it is, so no sync test here runs through one.)

Each call asks for a different model, so the fault plan can be per model: 5 % of
the models fail their first attempt, a fifth of those their second too; never
more than ``max_retries``, so every call must succeed. Connection-level faults
(resets) are left to the pagination tests: a reset closes a connection from the
server side, and the server counts it as open until its handler thread has
finished, which can overlap the client's replacement connection by a moment and
blur the measurement this test makes."""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from anthropic_models import AsyncClient, Client, DefaultAioHttpClient, ModelInfo, _pool
from anthropic_models.testing import (
    FakeModelsAPI,
    FakeServer,
    Fault,
    RecordedRequest,
    synthetic_models,
)

from .report import REPORT
from .support import KEY, Sleeps, check_exception

CALLS = 1_000
MAX_RETRIES = 2
THREADS = 16
POOL = 8
OWN_POOL_CALLS = 200
# httpx's own pool, when the runtime builds it (no http_client given).
DEFAULT_POOL = httpx.Limits().max_connections or 100

FAULTS = {
    "500": Fault.error(500),
    "503": Fault.error(503),
    "529": Fault.overloaded(),
    "429 retry-after": Fault.error(429, headers={"retry-after": "0"}),
}


class LoadPlan:
    """Which models' requests fail, and how often (seeded)."""

    def __init__(self, model_ids: list[str], seed: int) -> None:
        rng = random.Random(seed)
        self.model_ids = model_ids
        faulty = rng.sample(model_ids, len(model_ids) // 20)  # 5 %
        self.remaining = {model_id: 1 for model_id in faulty}
        for model_id in faulty[: len(faulty) // 5]:
            self.remaining[model_id] = 2
        self.planned = sum(self.remaining.values())
        self.kinds = {model_id: rng.choice(sorted(FAULTS)) for model_id in faulty}
        self.injected: Counter[str] = Counter()
        self.lock = threading.Lock()

    def hook(self, request: RecordedRequest) -> Fault | None:
        model_id = request.path.rsplit("/", 1)[-1]
        with self.lock:
            if not self.remaining.get(model_id):
                return None
            self.remaining[model_id] -= 1
            kind = self.kinds[model_id]
            self.injected[kind] += 1
        return FAULTS[kind]


class RetryLog(logging.Handler):
    """The cause of each retry the runtime logged: a status ("503") or the
    transport failure's name ("ReadError")."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.causes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("retrying "):
            self.causes.append(message.rsplit(" after ", 1)[1])


@pytest.fixture
def retry_log() -> Iterator[RetryLog]:
    logger = logging.getLogger("anthropic_models")
    handler, level = RetryLog(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture
def fake() -> FakeModelsAPI:
    return FakeModelsAPI(models=synthetic_models(CALLS), api_key=KEY)


@pytest.fixture
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    with fake.serve() as served:
        yield served


def check_load(
    label: str,
    fake: FakeModelsAPI,
    server: FakeServer,
    plan: LoadPlan,
    results: list[ModelInfo | BaseException],
    sleeps: Sleeps,
    limit: int,
    retry_log: RetryLog,
    *,
    extra_requests: int = 0,
) -> None:
    failures = [r for r in results if isinstance(r, BaseException)]
    for failure in failures:
        check_exception(failure)
    REPORT.count_case("4. load")
    REPORT.load_calls += len(results)
    REPORT.load_failures += len(failures)
    for kind, count in plan.injected.items():
        REPORT.faults_injected[kind] += count
    REPORT.faults_survived += len(sleeps)
    seen = server.max_concurrent_connections
    REPORT.connections[label] = (seen, limit)
    assert failures == []
    calls = len(plan.model_ids)
    assert [m.id for m in results if isinstance(m, ModelInfo)] == plan.model_ids
    assert sum(plan.injected.values()) == plan.planned
    assert not any(plan.remaining.values())
    # Every planned fault was retried, and nothing else.
    statuses = [cause for cause in retry_log.causes if cause.isdigit()]
    assert retry_log.causes == statuses, retry_log.causes
    assert len(statuses) == plan.planned
    assert len(fake.requests) == calls + plan.planned + extra_requests
    assert len(sleeps) == plan.planned
    assert 1 <= seen <= limit, f"{seen} connections at once, the pool allows {limit}"
    # Closed: the server sees every connection go (it notices within ms).
    assert server.wait_for_idle(timeout=5.0)
    REPORT.left_open += server.open_connections
    assert server.open_connections == 0


async def _gather(
    client: AsyncClient, model_ids: list[str]
) -> list[ModelInfo | BaseException]:
    results = await asyncio.gather(
        *(client.models.get(model_id) for model_id in model_ids),
        return_exceptions=True,
    )
    return list(results)


@pytest.mark.timeout(60)
def test_an_async_client_with_a_limited_pool_survives_1000_concurrent_gets(
    fake: FakeModelsAPI, server: FakeServer, retry_log: RetryLog
) -> None:
    plan = LoadPlan(fake.model_ids, seed=11)
    fake.fault_hook = plan.hook
    sleeps = Sleeps()

    async def run() -> list[ModelInfo | BaseException]:
        # The time an attempt waits for one of the 8 connections counts towards
        # its deadline (the largest of the timeouts), and the last of 1,000
        # calls waits for nearly the whole run: allowed up to a minute here.
        pool = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=POOL),
            timeout=httpx.Timeout(10.0, pool=60.0),
        )
        client = AsyncClient(
            api_key=KEY,
            base_url=server.base_url,
            http_client=pool,
            max_retries=MAX_RETRIES,
            sleep=sleeps.async_,
        )
        results = await _gather(client, plan.model_ids)
        await client.aclose()
        # The caller's pool is the caller's: still usable after aclose().
        assert (await pool.get(f"{server.base_url}/v1/models")).status_code == 401
        await pool.aclose()
        return results

    results = asyncio.run(run())
    check_load(
        "AsyncClient, caller's pool",
        *(fake, server, plan, results, sleeps, POOL, retry_log),
        extra_requests=1,
    )


@pytest.mark.timeout(60)
def test_an_async_client_with_its_own_pool_survives_concurrent_gets(
    fake: FakeModelsAPI, server: FakeServer, retry_log: RetryLog
) -> None:
    """The runtime's own pool (httpx's default, 100 connections) and 200 calls:
    with 1,000 queued on 100 connections, httpcore's pool spends its time
    rescanning the queue (quadratic: about 15 s here), not the runtime."""
    model_ids = fake.model_ids[:OWN_POOL_CALLS]
    plan = LoadPlan(model_ids, seed=12)
    fake.fault_hook = plan.hook
    sleeps = Sleeps()

    async def run() -> list[ModelInfo | BaseException]:
        async with AsyncClient(
            api_key=KEY,
            base_url=server.base_url,
            max_retries=MAX_RETRIES,
            sleep=sleeps.async_,
        ) as client:
            return await _gather(client, model_ids)

    results = asyncio.run(run())
    check_load(
        "AsyncClient, its own pool",
        *(fake, server, plan, results, sleeps, DEFAULT_POOL, retry_log),
    )


@pytest.mark.timeout(60)
def test_an_async_client_on_aiohttp_survives_1000_concurrent_gets(
    fake: FakeModelsAPI, server: FakeServer, retry_log: RetryLog
) -> None:
    """aiohttp's pool hands a freed connection to the next waiter without
    rescanning its queue, so the 1,000 run here in full."""
    plan = LoadPlan(fake.model_ids, seed=15)
    fake.fault_hook = plan.hook
    sleeps = Sleeps()

    async def run() -> list[ModelInfo | BaseException]:
        http = DefaultAioHttpClient()
        async with AsyncClient(
            api_key=KEY,
            base_url=server.base_url,
            http_client=http,
            max_retries=MAX_RETRIES,
            sleep=sleeps.async_,
        ) as client:
            results = await _gather(client, plan.model_ids)
        await http.aclose()
        return results

    results = asyncio.run(run())
    check_load(
        "AsyncClient on aiohttp",
        *(fake, server, plan, results, sleeps, DEFAULT_POOL, retry_log),
    )


def _threaded_gets(
    client: Client, model_ids: list[str]
) -> list[ModelInfo | BaseException]:
    def get(model_id: str) -> ModelInfo | BaseException:
        try:
            return client.models.get(model_id)
        except Exception as error:
            return error

    with ThreadPoolExecutor(max_workers=THREADS) as executor:
        return list(executor.map(get, model_ids))


@pytest.mark.timeout(60)
def test_a_client_shared_by_16_threads_with_a_limited_pool_survives_1000_gets(
    fake: FakeModelsAPI,
    server: FakeServer,
    retry_log: RetryLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The runtime's own pool, limited to 8 connections: 16 threads always
    have requests queued for a connection, where httpcore's race lived."""
    monkeypatch.setattr(
        _pool,
        "_LIMITS",
        httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL),
    )
    plan = LoadPlan(fake.model_ids, seed=13)
    fake.fault_hook = plan.hook
    sleeps = Sleeps()
    with Client(
        api_key=KEY,
        base_url=server.base_url,
        timeout=10.0,
        max_retries=MAX_RETRIES,
        sleep=sleeps.sync,
    ) as client:
        results = _threaded_gets(client, plan.model_ids)
    unplanned = [cause for cause in retry_log.causes if not cause.isdigit()]
    REPORT.environment["sync pool shared by 16 threads, 8 connections"] = (
        f"{len(unplanned)} retries after a closed connection, at most "
        f"{server.max_concurrent_connections} connections (before the fix: up to "
        "4 ReadErrors per 1,000 gets, 9 or 10 connections)"
    )
    check_load(
        "Client in 16 threads, its own pool of 8",
        *(fake, server, plan, results, sleeps, POOL, retry_log),
    )


@pytest.mark.timeout(60)
def test_a_client_shared_by_16_threads_with_its_own_pool_survives_1000_gets(
    fake: FakeModelsAPI, server: FakeServer, retry_log: RetryLog
) -> None:
    plan = LoadPlan(fake.model_ids, seed=14)
    fake.fault_hook = plan.hook
    sleeps = Sleeps()
    with Client(
        api_key=KEY,
        base_url=server.base_url,
        timeout=10.0,
        max_retries=MAX_RETRIES,
        sleep=sleeps.sync,
    ) as client:
        results = _threaded_gets(client, plan.model_ids)
    # 16 threads can hold no more than 16 connections, whatever the pool allows.
    check_load(
        "Client in 16 threads, its own pool",
        *(fake, server, plan, results, sleeps, THREADS, retry_log),
    )
