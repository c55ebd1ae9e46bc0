"""Secrets everywhere: with a recognisable key (``support.KEY``), every error path
of the properties above runs with logging captured at DEBUG for every logger
(the autouse fixture of ``conftest.py`` searches each record for the key), and
every exception they raise is searched too (``support.check_exception``: message,
repr, args, the whole formatted traceback with its chained causes).

This module adds the cases where a hostile server echoes the key back in every
place it controls (error message and type, ``request-id`` and other headers, an
HTML page, a model field, a cursor), for each kind of failure, in-process and
through the ``anthropic-models`` command run with ``--verbose``.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from anthropic_models import (
    AnthropicModelsError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncClient,
    Client,
    ResponseValidationError,
)
from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .report import REPORT
from .support import KEY, Sleeps, assert_no_key, check_exception

REPO = Path(__file__).resolve().parents[2]
ECHO = {"request-id": KEY, "x-echo": KEY, "retry-after": "0"}
MODEL = {
    "id": "claude-opus-4-5-20251101",
    "created_at": "2025-11-01T00:00:00Z",
    "display_name": "Claude Opus 4.5",
    "type": "model",
}
LOOPING_PAGE = {"data": [MODEL], "first_id": KEY, "last_id": KEY, "has_more": True}

# Every kind of failure, with the key echoed wherever the server can put it.
ECHOING: dict[str, tuple[Fault, type[AnthropicModelsError]]] = {
    **{
        f"{status} echoing": (
            Fault.error(
                status, error_type=f"{KEY}_error", message=f"bad {KEY}", headers=ECHO
            ),
            APIStatusError,
        )
        for status in (400, 401, 403, 404, 408, 409, 413, 429, 500, 503, 529)
    },
    "HTML 502 echoing": (
        Fault.raw(502, f"<html>x-api-key: {KEY}</html>".encode(), headers=ECHO),
        APIStatusError,
    ),
    "invalid model echoing": (
        Fault.raw(
            200,
            json.dumps({**MODEL, "created_at": KEY, "type": [KEY]}).encode(),
            headers=ECHO,
        ),
        ResponseValidationError,
    ),
    "not JSON echoing": (
        Fault.raw(200, f'{{"id": "{KEY}'.encode(), headers=ECHO),
        ResponseValidationError,
    ),
    "truncated JSON": (Fault.truncated_json(), ResponseValidationError),
    "reset": (Fault.drop_connection(), APIConnectionError),
    "cut body": (Fault.cut_body(), APIConnectionError),
    "read timeout": (Fault.delay(0.5), APITimeoutError),
}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[FakeModelsAPI, FakeServer]]:
    fake = FakeModelsAPI(api_key=KEY)
    with fake.serve() as server:
        yield fake, server


@pytest.mark.parametrize("name", sorted(ECHOING))
def test_no_failure_shows_the_key_even_when_the_server_echoes_it(
    served: tuple[FakeModelsAPI, FakeServer], name: str
) -> None:
    """Sync get, sync list and async get, each retried once (so the retry path
    logs too) before it raises."""
    fake, server = served
    fault, expected = ECHOING[name]
    fake.fault_hook = lambda request: fault
    sleeps = Sleeps()
    timeout = httpx.Timeout(5.0, read=0.25)
    errors: list[BaseException] = []
    try:
        with Client(
            api_key=KEY,
            base_url=server.base_url,
            max_retries=1,
            timeout=timeout,
            sleep=sleeps.sync,
        ) as client:
            for call in (
                lambda: client.models.get("claude-opus-4-5"),
                lambda: list(client.models.list(limit=2)),
            ):
                with pytest.raises(expected) as raised:
                    call()
                errors.append(raised.value)

        async def async_get() -> None:
            async with AsyncClient(
                api_key=KEY,
                base_url=server.base_url,
                max_retries=1,
                timeout=timeout,
                sleep=sleeps.async_,
            ) as client:
                with pytest.raises(expected) as raised:
                    await client.models.get("claude-opus-4-5")
                errors.append(raised.value)

        asyncio.run(async_get())
    finally:
        fake.fault_hook = None
    REPORT.count_case("5. secrets, in-process")
    for error in errors:
        check_exception(error)
        if "echoing" in name:
            assert "<redacted>" in str(error)  # the echo was there, and redacted


# ------------------------------------------------------------ the command line


def cli_env(base_url: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ANTHROPIC_")
        and name.lower() not in ("http_proxy", "https_proxy", "all_proxy")
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env["ANTHROPIC_API_KEY"] = KEY
    env["ANTHROPIC_BASE_URL"] = base_url
    return env


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    faults: tuple[Fault | None, ...]
    status: int
    error: str  # what the error line starts with ("" on success)
    echoed: bool = True  # the key was echoed: "<redacted>" must show


RUNS = {
    "retries, then success": Run(
        ("list", "--limit", "3", "--max", "5"),
        (
            Fault.error(500, message=f"oops {KEY}", headers=ECHO),
            Fault.drop_connection(),
        ),
        0,
        "",
    ),
    "status error echoing": Run(
        ("get", "claude-nope"),
        (Fault.error(404, message=f"model: {KEY}", headers=ECHO),),
        1,
        "NotFoundError 404 not_found_error: model: <redacted>",
    ),
    "retries run out": Run(
        ("--max-retries", "1", "get", "claude-opus-4-5"),
        (Fault.overloaded(headers=ECHO), Fault.overloaded(headers=ECHO)),
        1,
        "OverloadedError 529 overloaded_error",
    ),
    "read timeout": Run(
        ("--timeout", "0.2", "--max-retries", "0", "get", "claude-opus-4-5"),
        (Fault.delay(0.6),),
        1,
        "APITimeoutError",
        echoed=False,
    ),
    "invalid model echoing": Run(
        ("get", "claude-opus-4-5", "--json"),
        ECHOING["invalid model echoing"][:1],
        1,
        "ResponseValidationError",
    ),
    "truncated JSON": Run(
        ("list",), (Fault.truncated_json(),), 1, "ResponseValidationError", False
    ),
    "HTML 502 echoing": Run(
        ("--max-retries", "0", "list", "--json"),
        ECHOING["HTML 502 echoing"][:1],
        1,
        "InternalServerError 502 error",
    ),
    # The audit fetches the catalogue once a file names a model (this one does).
    "audit, status error echoing": Run(
        ("--max-retries", "0", "audit", "tests/audit/tree.py"),
        (Fault.error(500, message=f"oops {KEY}", headers=ECHO),),
        1,
        "InternalServerError 500 api_error: oops <redacted>",
    ),
    "cursor echoing the key": Run(
        ("list",),
        (Fault.raw(200, json.dumps(LOOPING_PAGE).encode()),) * 2,
        1,
        "PaginationError",
    ),
}


@pytest.mark.timeout(60)
def test_the_command_line_never_shows_the_key(
    served: tuple[FakeModelsAPI, FakeServer],
) -> None:
    fake, server = served
    checked = 0
    for name, run in RUNS.items():
        fake.inject(*run.faults)
        completed = subprocess.run(
            [sys.executable, "-m", "anthropic_models", "--verbose", *run.args],
            env=cli_env(server.base_url),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert fake.pending_faults == 0, name
        assert_no_key(completed.stdout, f"stdout of {name}")
        assert_no_key(completed.stderr, f"stderr of {name}")
        assert "Traceback" not in completed.stderr, completed.stderr
        assert completed.returncode == run.status, (name, completed.stderr[-500:])
        # --verbose logged each request, with the key header redacted.
        assert "'x-api-key': '<redacted>'" in completed.stderr, name
        errors = [
            line
            for line in completed.stderr.splitlines()
            if line.startswith("anthropic-models: error: ")
        ]
        if run.status == 0:
            assert errors == []
            assert completed.stdout.startswith("ID "), completed.stdout
            assert "retrying" in completed.stderr
        else:
            assert len(errors) == 1, completed.stderr
            detail = errors[0].removeprefix("anthropic-models: error: ")
            assert detail.startswith(run.error), (name, detail)
            if run.echoed:
                assert "<redacted>" in detail, (name, detail)
        checked += 1
        REPORT.count_case("5. secrets, command line")
    REPORT.count_secret_check("command-line runs (stdout and stderr)", checked)
    assert checked == len(RUNS)


def test_the_command_line_refuses_an_overlong_model_id_as_a_usage_error(
    served: tuple[FakeModelsAPI, FakeServer],
) -> None:
    """Regression: a 70 kB model ID made httpx raise InvalidURL, which the
    command printed as a traceback; it is a usage error (exit 2), on one line."""
    fake, server = served
    fake.clear_requests()
    completed = subprocess.run(
        [sys.executable, "-m", "anthropic_models", "get", "a" * 70_000],
        env=cli_env(server.base_url),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 2, completed.stderr[-500:]
    assert "Traceback" not in completed.stderr
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("anthropic-models: error: model_id ")
    assert len(completed.stderr) < 300
    assert fake.requests == []
    assert_no_key(completed.stderr, "stderr")
    REPORT.count_secret_check("command-line runs (stdout and stderr)")
