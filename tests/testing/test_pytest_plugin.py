"""The pytest fixtures: in this session, and as a plugin in a fresh pytest run."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from anthropic_models import Client
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .helpers import http_client


def test_fake_models_api_is_a_default_fake(fake_models_api: FakeModelsAPI) -> None:
    assert isinstance(fake_models_api, FakeModelsAPI)
    assert fake_models_api.api_key == "test-api-key"
    assert len(fake_models_api.model_ids) == 9
    assert fake_models_api.requests == []
    assert fake_models_api.pending_faults == 0


def test_the_plugin_is_declared_as_a_pytest11_entry_point() -> None:
    plugins = {
        entry.name: entry.value
        for entry in importlib.metadata.entry_points(group="pytest11")
    }
    assert plugins.get("anthropic_models") == "anthropic_models.testing.pytest_plugin"


def test_fake_models_client_talks_to_the_fake_server(
    fake_models_api: FakeModelsAPI,
    fake_models_server: FakeServer,
    fake_models_client: Client,
) -> None:
    model = fake_models_client.models.get("claude-sonnet-4-5")
    assert model.id == "claude-sonnet-4-5-20250929"
    assert fake_models_client.base_url == fake_models_server.base_url
    assert [r.path for r in fake_models_api.requests] == [
        "/v1/models/claude-sonnet-4-5"
    ]


def test_fake_models_server_serves_that_same_fake(
    fake_models_api: FakeModelsAPI, fake_models_server: FakeServer
) -> None:
    assert fake_models_server.fake is fake_models_api
    fake_models_api.inject(Fault.error(529))
    with http_client(fake_models_server) as client:
        assert client.get("/v1/models").status_code == 529
        assert client.get("/v1/models").status_code == 200
    assert len(fake_models_api.requests) == 2


PLUGIN_USER = """
import socket

import httpx

SEEN = []


def test_first(fake_models_api, fake_models_server):
    SEEN.append((fake_models_api, fake_models_server))
    fake_models_api.inject(None, None)
    url = fake_models_server.base_url + "/v1/models"
    headers = {"x-api-key": fake_models_api.api_key, "anthropic-version": "2023-06-01"}
    assert httpx.get(url, headers=headers).status_code == 200


def test_second(fake_models_api):
    old_fake, old_server = SEEN[0]
    # A fresh fake per test...
    assert fake_models_api is not old_fake
    assert fake_models_api.pending_faults == 0
    # ...and the previous test's server was stopped after it.
    assert "stopped" in repr(old_server)
    try:
        socket.create_connection((old_server.host, old_server.port), timeout=1).close()
    except OSError:
        pass
    else:
        raise AssertionError("the server outlived its test")
"""


def test_the_plugin_works_in_a_fresh_pytest_run(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(PLUGIN_USER))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not this repository's
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "anthropic_models.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-q",
            "test_user.py",
        ],
        cwd=tmp_path,
        # Only this plugin: no entry-point plugins (schemathesis, hypothesis... cost
        # seconds to import, and the pytest11 entry point, once declared, would
        # register this plugin a second time).
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
