"""Fixtures of the command line's tests: the default fake, served on 127.0.0.1, and
a runner of the command against it (the helpers are in ``helpers.py``)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from anthropic_models.testing import FakeModelsAPI, FakeServer

from .helpers import RUN_TIMEOUT, SECRET, Result, Runner, cli_env, run_cli


@pytest.fixture
def fake() -> FakeModelsAPI:
    """The default catalogue, accepting SECRET."""
    return FakeModelsAPI(api_key=SECRET)


@pytest.fixture
def server(fake: FakeModelsAPI) -> Iterator[FakeServer]:
    with fake.serve() as served:
        yield served


@pytest.fixture
def cli(server: FakeServer) -> Runner:
    """Run the command against `server` (extra keyword arguments: environment)."""

    def run(*args: str, timeout: float = RUN_TIMEOUT, **extra_env: str) -> Result:
        return run_cli(
            *args, env=cli_env(server.base_url, **extra_env), timeout=timeout
        )

    return run


@pytest.fixture
def serve() -> Iterator[Callable[[FakeModelsAPI], FakeServer]]:
    """Serve another fake for the test (a custom catalogue); stopped afterwards."""
    with ExitStack() as stack:

        def start(other: FakeModelsAPI) -> FakeServer:
            return stack.enter_context(other.serve())

        yield start


@pytest.fixture
def dead_url() -> Iterator[str]:
    """A 127.0.0.1 URL where nothing listens: the port is bound (so nobody else
    takes it) but not listening, so a connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
