"""Fixtures of the runtime tests (the helpers they use are in ``helpers.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from anthropic_models.testing import FakeModelsAPI, FakeServer

from .helpers import ASYNC_TRANSPORTS, catalogue_fake, model_ids


@pytest.fixture
def fake() -> FakeModelsAPI:
    """The package's fake serving ``model_ids(10)``, accepting ``KEY``."""
    return catalogue_fake(model_ids(10))


@pytest.fixture
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    """``fake`` served on 127.0.0.1 (an ephemeral port) for the test."""
    with fake.serve() as served:
        yield served


@pytest.fixture(params=ASYNC_TRANSPORTS)
def async_transport(request: pytest.FixtureRequest) -> str:
    """The async socket-level tests run on each: the AsyncClient's own pool
    (httpx's), and DefaultAioHttpClient() passed as ``http_client``."""
    name: str = request.param
    return name
