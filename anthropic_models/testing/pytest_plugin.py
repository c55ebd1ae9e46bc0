"""pytest fixtures for the fake Models API.

Registered through the package's `pytest11` entry point, or by hand with
`pytest_plugins = ["anthropic_models.testing.pytest_plugin"]` in a root conftest.py.

    def test_lists(fake_models_server):
        url = f"{fake_models_server.base_url}/v1/models"
        headers = {"x-api-key": fake_models_server.fake.api_key, ...}

`fake_models_api` is a fresh FakeModelsAPI (default catalogue) per test; the
server fixture serves that same instance, so a test can take both and inject
faults into the fake it reaches over HTTP. `fake_models_client` is an
`anthropic_models.Client` talking to that server (retries sleep for real, as in
production: script faults with `retry-after: 0` to keep tests fast).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .. import Client
from . import FakeModelsAPI, FakeServer

__all__ = ["fake_models_api", "fake_models_client", "fake_models_server"]


@pytest.fixture
def fake_models_api() -> FakeModelsAPI:
    """A fresh fake Models API, with the default catalogue and key."""
    return FakeModelsAPI()


@pytest.fixture
def fake_models_server(fake_models_api: FakeModelsAPI) -> Iterator[FakeServer]:
    """`fake_models_api` served over HTTP on 127.0.0.1 (ephemeral port) for the
    test; stopped afterwards."""
    with fake_models_api.serve() as server:
        yield server


@pytest.fixture
def fake_models_client(
    fake_models_api: FakeModelsAPI, fake_models_server: FakeServer
) -> Iterator[Client]:
    """An `anthropic_models.Client` for `fake_models_server`; closed afterwards."""
    with Client(
        api_key=fake_models_api.api_key, base_url=fake_models_server.base_url
    ) as client:
        yield client
