"""Faults during pagination: a catalogue of 5,000 models, listed over the fake's
real HTTP face in pages of 50, while the fake injects faults at random but
reproducible points (a seeded plan per request): 429 with ``retry-after``, 500,
503, 529, connection resets (dropped before the response, or cut mid-body),
delays past the read timeout, and truncated JSON.

- With at most ``max_retries`` consecutive faults per request, the listing yields
  every model exactly once, in order, and every fault was absorbed by a retry.
- With more, the listing raises; resuming from the pager (``resume()``, which
  starts at the last cursor delivered in full) completes it with nothing lost
  and nothing repeated.

Truncated JSON is a fault that raises at once: a 200 whose complete, correctly
framed body is not JSON is a broken server, not a transient failure (the bytes
arrived as sent), so the runtime does not retry it (nor does the official SDK
retry a body it cannot parse); it raises ResponseValidationError, and resume()
recovers without loss. A body cut short by a dropped connection, by contrast, is
a transport failure and is retried.

Retry waits go through an injected sleep (recorded, never slept); only the read
timeouts take real time (0.25 s each, a few per listing).
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    APIConnectionError,
    APITimeoutError,
    AsyncClient,
    Client,
    InternalServerError,
    OverloadedError,
    RateLimitError,
    ResponseValidationError,
)
from anthropic_models.testing import (
    FakeModelsAPI,
    FakeServer,
    Fault,
    RecordedRequest,
    synthetic_models,
)

from .report import REPORT
from .support import KEY, Sleeps, check_exception

CATALOGUE_SIZE = 5_000
LIMIT = 50
PAGES = CATALOGUE_SIZE // LIMIT
MAX_RETRIES = 2
READ_TIMEOUT = 0.25
TIMEOUT = httpx.Timeout(5.0, read=READ_TIMEOUT)
DELAY = 0.45  # past the read timeout, and under half a second
DELAYS_PER_LISTING = 6  # each costs READ_TIMEOUT of real time

# Faults a retry absorbs, and the exception each raises when retries run out.
RETRYABLE: dict[str, tuple[Fault, type[AnthropicModelsError]]] = {
    "429 retry-after": (
        Fault.error(429, headers={"retry-after": "1"}),
        RateLimitError,
    ),
    "500": (Fault.error(500), InternalServerError),
    "503": (Fault.error(503), InternalServerError),
    "529": (Fault.overloaded(), OverloadedError),
    "reset": (Fault.drop_connection(), APIConnectionError),
    "cut body": (Fault.cut_body(), APIConnectionError),
    "read timeout": (Fault.delay(DELAY), APITimeoutError),
}
TRUNCATED = Fault.truncated_json()


@dataclass
class Planned:
    kind: str
    fault: Fault
    retried: bool  # False: this fault makes the call raise


@dataclass
class FaultPlan:
    """Draws, for each request the first time it is seen (keyed by its query:
    its retries, and its repetition after a resume, share the key), the faults it
    will meet, from a seeded generator: reproducible run after run."""

    seed: int
    fatal_share: float  # share of requests given more faults than retries absorb
    rng: random.Random = field(init=False)
    plans: dict[tuple[tuple[str, str], ...], list[Planned]] = field(
        default_factory=dict
    )
    injected: Counter[str] = field(default_factory=Counter)
    all_planned: list[Planned] = field(default_factory=list)
    delays: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def _retryable(self) -> str:
        kind = self.rng.choice(sorted(RETRYABLE))
        if kind == "read timeout":
            if self.delays >= DELAYS_PER_LISTING:
                return "500"
            self.delays += 1
        return kind

    def _draw(self) -> list[Planned]:
        rng = self.rng
        if rng.random() < self.fatal_share:
            if rng.random() < 0.5:  # retries run out
                kinds = [self._retryable() for _ in range(MAX_RETRIES + 1)]
                plan = [Planned(k, RETRYABLE[k][0], True) for k in kinds]
                plan[-1].retried = False
            else:  # a truncated body, maybe after absorbed faults
                count = rng.randint(0, MAX_RETRIES)
                plan = [
                    Planned(k, RETRYABLE[k][0], True)
                    for k in (self._retryable() for _ in range(count))
                ]
                plan.append(Planned("truncated json", TRUNCATED, False))
        else:
            count = rng.choices(range(MAX_RETRIES + 1), weights=[55, 30, 15])[0]
            plan = [
                Planned(k, RETRYABLE[k][0], True)
                for k in (self._retryable() for _ in range(count))
            ]
        self.all_planned += plan
        return plan

    def hook(self, request: RecordedRequest) -> Fault | None:
        key = tuple(request.query)
        with self.lock:
            plan = self.plans.get(key)
            if plan is None:
                plan = self.plans[key] = self._draw()
            if not plan:
                return None
            planned = plan.pop(0)
            self.injected[planned.kind] += 1
            return planned.fault

    @property
    def raising(self) -> list[Planned]:
        return [p for p in self.all_planned if not p.retried]

    def expected_error(self, planned: Planned) -> type[AnthropicModelsError]:
        if planned.kind == "truncated json":
            return ResponseValidationError
        return RETRYABLE[planned.kind][1]


@pytest.fixture(scope="module")
def catalogue() -> FakeModelsAPI:
    return FakeModelsAPI(models=synthetic_models(CATALOGUE_SIZE), api_key=KEY)


@pytest.fixture
def served(catalogue: FakeModelsAPI) -> Iterator[FakeServer]:
    catalogue.clear_requests()
    catalogue.fault_hook = None
    with catalogue.serve() as server:
        yield server
    catalogue.fault_hook = None


def check_listing(
    plan: FaultPlan,
    fake: FakeModelsAPI,
    listed: list[str],
    raised: list[AnthropicModelsError],
    sleeps: Sleeps,
) -> None:
    """Every model once, in order; every fault accounted for."""
    expected = fake.model_ids
    duplicates = len(listed) - len(set(listed))
    losses = len(set(expected) - set(listed))
    REPORT.listings += 1
    REPORT.models_listed += len(listed)
    REPORT.duplicates += duplicates
    REPORT.losses += losses
    assert duplicates == 0
    assert losses == 0
    assert listed == expected
    assert all(not plan_left for plan_left in plan.plans.values())
    # Each page was asked for once, plus once more per fault and per resume.
    injected = sum(plan.injected.values())
    assert len(plan.plans) == PAGES
    assert len(fake.requests) == PAGES + injected
    # Every fault a retry absorbed waited once; the ones that raised did not.
    assert [type(error) for error in raised] == [
        plan.expected_error(p) for p in plan.raising
    ]
    assert len(sleeps) == injected - len(raised)
    retried_429 = sum(
        p.retried and p.kind == "429 retry-after" for p in plan.all_planned
    )
    assert sleeps.count(1.0) == retried_429  # the server's retry-after, obeyed
    for error in raised:
        check_exception(error)
    for kind, count in plan.injected.items():
        REPORT.faults_injected[kind] += count
    REPORT.faults_survived += len(sleeps)
    REPORT.faults_raised += len(raised)
    REPORT.resumes += len(raised)


def list_all(
    client: Client, *, by_pages: bool, resumes: int
) -> tuple[list[str], list[AnthropicModelsError]]:
    """List the catalogue, resuming after each failure (at most ``resumes``)."""
    pager = client.models.list(limit=LIMIT)
    listed: list[str] = []
    raised: list[AnthropicModelsError] = []
    for _ in range(resumes + 1):
        try:
            if by_pages:
                for page in pager.pages():
                    listed.extend(model.id for model in page.data)
            else:
                for model in pager:
                    listed.append(model.id)
            return listed, raised
        except AnthropicModelsError as error:
            raised.append(error)
            # The pager stands after the last page delivered in full.
            assert pager.after_id == (listed[-1] if listed else None)
            assert not pager.done
            pager = pager.resume()
    raise AssertionError(f"still failing after {resumes} resumes")


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("seed", "by_pages", "fatal_share"),
    [
        pytest.param(1, False, 0.0, id="items, faults absorbed"),
        pytest.param(2, True, 0.0, id="pages, faults absorbed"),
        pytest.param(3, False, 0.08, id="items, resumed"),
        pytest.param(4, True, 0.08, id="pages, resumed"),
    ],
)
def test_a_listing_under_faults_yields_every_model_exactly_once(
    catalogue: FakeModelsAPI,
    served: FakeServer,
    seed: int,
    by_pages: bool,
    fatal_share: float,
) -> None:
    REPORT.count_case("3. pagination under faults")
    plan = FaultPlan(seed, fatal_share)
    catalogue.fault_hook = plan.hook
    sleeps = Sleeps()
    with Client(
        api_key=KEY,
        base_url=served.base_url,
        timeout=TIMEOUT,
        max_retries=MAX_RETRIES,
        sleep=sleeps.sync,
    ) as client:
        listed, raised = list_all(client, by_pages=by_pages, resumes=PAGES)
    check_listing(plan, catalogue, listed, raised, sleeps)
    if fatal_share:
        assert len(raised) >= 3, "too few failures to prove resume()"
    else:
        assert raised == []
    assert sum(plan.injected.values()) >= PAGES // 3, "too few faults to prove much"
    assert plan.injected["read timeout"] >= 1


@pytest.mark.timeout(60)
def test_an_async_listing_under_faults_resumes_with_nothing_lost(
    catalogue: FakeModelsAPI, served: FakeServer
) -> None:
    REPORT.count_case("3. pagination under faults")
    plan = FaultPlan(5, 0.08)
    catalogue.fault_hook = plan.hook
    sleeps = Sleeps()

    async def list_all_async() -> tuple[list[str], list[AnthropicModelsError]]:
        listed: list[str] = []
        raised: list[AnthropicModelsError] = []
        async with AsyncClient(
            api_key=KEY,
            base_url=served.base_url,
            timeout=TIMEOUT,
            max_retries=MAX_RETRIES,
            sleep=sleeps.async_,
        ) as client:
            pager = client.models.list(limit=LIMIT)
            for _ in range(PAGES + 1):
                try:
                    async for model in pager:
                        listed.append(model.id)
                    return listed, raised
                except AnthropicModelsError as error:
                    raised.append(error)
                    assert pager.after_id == (listed[-1] if listed else None)
                    pager = pager.resume()
        raise AssertionError("still failing")

    listed, raised = asyncio.run(list_all_async())
    check_listing(plan, catalogue, listed, raised, sleeps)
    assert len(raised) >= 3
