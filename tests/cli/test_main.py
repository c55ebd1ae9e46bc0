"""main() called in-process: its return value, its output, and what it leaves
behind."""

from __future__ import annotations

import json
import logging

import pytest

from anthropic_models import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from anthropic_models.cli import main
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .helpers import SECRET


@pytest.fixture
def env(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url)


@pytest.mark.usefixtures("env")
def test_main_returns_the_status_instead_of_exiting(
    capsys: pytest.CaptureFixture[str], fake: FakeModelsAPI
) -> None:
    assert main(["list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [model["id"] for model in json.loads(out)] == fake.model_ids
    assert err == ""
    assert main(["get", "claude-nope"]) == 1
    assert main(["list", "--nope"]) == 2
    assert main(["--help"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("usage: anthropic-models")
    assert err.count("\n") == 2  # the two error lines


@pytest.mark.usefixtures("env")
def test_verbose_leaves_the_library_logger_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logger = logging.getLogger("anthropic_models")
    handlers, level = list(logger.handlers), logger.level
    assert main(["--verbose", "get", "claude-opus-4-5"]) == 0
    assert "DEBUG request GET" in capsys.readouterr().err
    assert logger.handlers == handlers
    assert logger.level == level
    assert main(["get", "claude-opus-4-5"]) == 0
    assert capsys.readouterr().err == ""


def test_help_states_the_library_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"(default: {DEFAULT_MAX_RETRIES})" in text
    read, connect = DEFAULT_TIMEOUT.read, DEFAULT_TIMEOUT.connect
    assert read is not None and connect is not None
    assert f"(default: {read:g}, of which at most {connect:g} to connect)" in text
    assert "ANTHROPIC_API_KEY" in text


@pytest.mark.usefixtures("env")
def test_the_debug_log_shows_the_library_records_with_the_key_redacted(
    capsys: pytest.CaptureFixture[str], fake: FakeModelsAPI
) -> None:
    # The library redacts what it logs (the command adds no second pass): here
    # a server echoes the key in its request-id, which the response line quotes.
    fake.inject(Fault.error(404, headers={"request-id": f"req_{SECRET}"}))
    assert main(["--verbose", "get", "claude-opus-4-5"]) == 1
    err = capsys.readouterr().err
    assert "DEBUG response GET" in err
    assert "request-id=req_<redacted>" in err
    assert SECRET not in err
    assert not logging.getLogger("anthropic_models").handlers  # undone on exit
