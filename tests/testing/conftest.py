"""Fixtures for the fake's own tests. The plugin's fixtures (fake_models_api,
fake_models_server, fake_models_client) come from the package's `pytest11` entry
point, as they do for users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from anthropic_models.testing import FakeModelsAPI

from .helpers import Face, open_face


@pytest.fixture(params=["transport", "http"])
def face(request: pytest.FixtureRequest) -> Iterator[Face]:
    """The default fake, reached through one face or the other (a sync client)."""
    with open_face(FakeModelsAPI(), request.param) as opened:
        yield opened
