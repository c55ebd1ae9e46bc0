"""Exit statuses, error messages, Ctrl-C, a closed pipe, --verbose and the key.

(Every run also goes through conftest.check_hygiene: no key in any output, no
traceback, at most one line on stderr without --verbose.)
"""

from __future__ import annotations

import json
import re
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Callable

import pytest

from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault, synthetic_models

from .helpers import (
    COMMAND,
    REPO,
    SECRET,
    Result,
    Runner,
    check_hygiene,
    cli_env,
    run_cli,
)

Serve = Callable[[FakeModelsAPI], FakeServer]
ERROR_LINE = re.compile(r"anthropic-models: error: [^\n]+\n")
REQUEST_ID = r"\(request-id: req_[0-9A-Za-z]+\)"


def one_error_line(result: Result) -> str:
    assert ERROR_LINE.fullmatch(result.stderr), result.stderr
    return result.stderr


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


# -- 0 -------------------------------------------------------------------------------


def test_success_exits_0_with_nothing_on_stderr(cli: Runner) -> None:
    for args in (["list"], ["list", "--json"], ["get", "claude-opus-4-0"]):
        result = cli(*args)
        assert result.returncode == 0
        assert result.stderr == ""
        assert result.stdout


def test_timeout_help_says_it_bounds_the_whole_attempt(server: FakeServer) -> None:
    result = run_cli("--help", env=cli_env(server.base_url, key=None))
    text = " ".join(result.stdout.split())
    assert "how long one attempt of a request may take in all" in text
    assert "at each step" not in text


def test_help_and_version_exit_0_without_a_key(server: FakeServer) -> None:
    env = cli_env(server.base_url, key=None)
    for args in (["--help"], ["list", "--help"], ["get", "--help"]):
        result = run_cli(*args, env=env)
        assert result.returncode == 0
        assert result.stdout.startswith("usage: anthropic-models")
        assert "--api-key" not in result.stdout
    version = run_cli("--version", env=env)
    assert version.returncode == 0
    assert re.fullmatch(r"anthropic-models \d+\.\d+\.\d+\S*\n", version.stdout)


# -- 1 -------------------------------------------------------------------------------


def test_not_found_exits_1_with_type_status_and_request_id(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("get", "claude-nope")
    assert result.returncode == 1
    assert result.stdout == ""
    assert re.fullmatch(
        "anthropic-models: error: NotFoundError 404 not_found_error: "
        rf"model: claude-nope {REQUEST_ID}\n",
        result.stderr,
    )
    assert len(fake.requests) == 1  # a 404 is not retried


def test_a_wrong_key_exits_1(serve: Serve) -> None:
    served = serve(FakeModelsAPI(api_key="another-key"))
    result = run_cli("list", env=cli_env(served.base_url))
    assert result.returncode == 1
    assert re.fullmatch(
        "anthropic-models: error: AuthenticationError 401 authentication_error: "
        rf"invalid x-api-key {REQUEST_ID}\n",
        result.stderr,
    )


def test_an_unreachable_server_exits_1(dead_url: str) -> None:
    started = time.monotonic()
    result = run_cli("--max-retries", "0", "list", env=cli_env(dead_url))
    assert result.returncode == 1
    assert result.stdout == ""
    line = one_error_line(result)
    assert line.startswith("anthropic-models: error: APIConnectionError: ")
    assert dead_url in line
    assert time.monotonic() - started < 30


def test_a_proxy_html_page_is_reported_on_one_line(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    page = b"<html>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>\n"
    fake.inject(Fault.raw(502, page))
    result = cli("list", "--max-retries", "0")
    assert result.returncode == 1
    line = one_error_line(result)
    assert "InternalServerError 502" in line
    assert "<h1>502 Bad Gateway</h1>" in line


def test_an_error_mid_listing_keeps_what_was_printed_and_exits_1(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    fake.inject(None, Fault.error(400, message="something broke"))
    table = cli("list", "--limit", "2")
    assert table.returncode == 1
    assert [line.split()[0] for line in table.lines[1:]] == fake.model_ids[:2]
    assert "BadRequestError 400 invalid_request_error: something broke" in (
        one_error_line(table)
    )
    # The JSON array is left open: a consumer must not take it for the whole list.
    fake.inject(None, Fault.error(400, message="something broke"))
    as_json = cli("list", "--json", "--limit", "2")
    assert as_json.returncode == 1
    assert as_json.stdout.startswith("[\n")
    with pytest.raises(json.JSONDecodeError):
        json.loads(as_json.stdout)


def raw_page(model_id: str, cursor: str) -> Fault:
    """A list page of one model whose cursors are ``cursor``, with has_more."""
    page = {
        "data": [
            {
                "id": model_id,
                "created_at": "2025-09-29T00:00:00Z",
                "display_name": model_id,
                "type": "model",
            }
        ],
        "first_id": cursor,
        "last_id": cursor,
        "has_more": True,
    }
    return Fault.raw(200, json.dumps(page).encode(), content_type="application/json")


def test_a_listing_whose_cursors_cycle_ends_with_a_pagination_error(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    # A, B, A, B, ... for 40 pages (a server that loops would go on for ever).
    fake.inject(*(raw_page(f"m{n}", "AB"[n % 2]) for n in range(40)))
    result = cli("list")
    assert result.returncode == 1
    line = one_error_line(result)
    assert line.startswith("anthropic-models: error: PaginationError: ")
    assert "loop" in line
    listed = [r for r in fake.requests if r.path == "/v1/models"]
    assert len(listed) == 3
    assert result.lines[1:] and [row.split()[0] for row in result.lines[1:]] == [
        "m0",
        "m1",
        "m2",
    ]


@pytest.mark.parametrize("cursor", ["c" * 70_000, "c\ud800"])
def test_a_cursor_that_cannot_be_sent_is_reported_on_one_line(
    cli: Runner, fake: FakeModelsAPI, cursor: str
) -> None:
    fake.inject(raw_page("m0", cursor))
    result = cli("list")
    assert result.returncode == 1
    line = one_error_line(result)
    assert line.startswith("anthropic-models: error: PaginationError: ")
    assert len([r for r in fake.requests if r.path == "/v1/models"]) == 1


@pytest.mark.parametrize("command", ["get", "list"])
def test_json_output_never_holds_nan_the_response_is_refused(
    cli: Runner, fake: FakeModelsAPI, command: str
) -> None:
    # Before: printed "score": NaN (not JSON: jq refuses it) and exited 0.
    model = {
        "id": "m0",
        "created_at": "2025-09-29T00:00:00Z",
        "display_name": "m0",
        "type": "model",
        "score": 0.5,
    }
    page = {"data": [model], "first_id": "m0", "last_id": "m0", "has_more": False}
    body = json.dumps(model if command == "get" else page).replace("0.5", "NaN")
    fake.inject(Fault.raw(200, body.encode(), content_type="application/json"))
    result = cli(command, *(["m0"] if command == "get" else []), "--json")
    assert result.returncode == 1
    assert "NaN" not in result.stdout
    assert one_error_line(result).startswith(
        "anthropic-models: error: ResponseValidationError: "
    )


def test_an_invalid_response_exits_1(cli: Runner, fake: FakeModelsAPI) -> None:
    fake.inject(Fault.truncated_json())
    result = cli("get", "claude-opus-4-5")
    assert result.returncode == 1
    assert one_error_line(result).startswith(
        "anthropic-models: error: ResponseValidationError: "
    )


# -- 2 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--bogus"], "unrecognized arguments: --bogus"),
        (["lsit"], "invalid choice: 'lsit'"),
        ([], "the following arguments are required: COMMAND"),
        (["get"], "the following arguments are required: MODEL_ID"),
        (["list", "--limit", "x"], "argument --limit: invalid int value: 'x'"),
        (["list", "--limit", "0"], "limit must be from 1 to 1000, got 0"),
        (["list", "--limit", "1001"], "limit must be from 1 to 1000, got 1001"),
        (["list", "--max", "-1"], "argument --max: must be 0 or more"),
        (["--timeout", "0", "list"], "argument --timeout: must be a positive number"),
        (["list", "--max-retries", "-1"], "argument --max-retries: must be 0 or more"),
        (["list", "--after-id", "a", "--before-id", "b"], "not allowed with argument"),
        (["list", "--after-id", ""], "after_id must be a non-empty string"),
        (["list", "--beta", "a,,b"], "betas[1] = '' is not valid"),
        (["get", ".."], "model_id must be a non-empty identifier"),
        (
            ["--base-url", "ftp://example.com", "list"],
            "base_url must be an http(s) URL",
        ),
        (["--base-url", "http://127.0.0.1:x", "list"], "Invalid port"),
        # Given but empty: not a silent fall-back to $ANTHROPIC_BASE_URL (which
        # points at the fake here, so the fall-back would succeed).
        (["--base-url", "", "list"], "--base-url is empty"),
        # The spec's stages only (the fake would answer 400, an exit 1).
        (["list", "--lifecycle", "bogus"], "--lifecycle: unknown value 'bogus'"),
        (["list", "--lifecycle", "active,Retired"], "unknown value 'Retired'"),
    ],
)
def test_usage_errors_exit_2_before_sending_anything(
    cli: Runner, fake: FakeModelsAPI, args: list[str], message: str
) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in one_error_line(result)
    assert fake.requests == []


@pytest.mark.parametrize("key", [None, ""])
def test_a_missing_key_exits_2(
    server: FakeServer, fake: FakeModelsAPI, key: str | None
) -> None:
    result = run_cli("list", env=cli_env(server.base_url, key=key))
    assert result.returncode == 2
    assert "ANTHROPIC_API_KEY is not set" in one_error_line(result)
    assert fake.requests == []


@pytest.mark.parametrize(
    "args",
    [
        ["--api-key", SECRET, "list"],
        ["list", "--api-key", SECRET],
        ["list", f"--api-key={SECRET}"],
        ["get", "claude-opus-4-5", "--api_key", SECRET],
    ],
)
def test_the_key_cannot_be_given_on_the_command_line(
    server: FakeServer, fake: FakeModelsAPI, args: list[str]
) -> None:
    # Not even when the environment has no key: it is a usage error, and the
    # message does not repeat the value (run_cli checks SECRET is in no output).
    for key in (None, SECRET):
        result = run_cli(*args, env=cli_env(server.base_url, key=key))
        assert result.returncode == 2
        assert "read from $ANTHROPIC_API_KEY or $ANTHROPIC_AUTH_TOKEN only" in (
            one_error_line(result)
        )
    assert fake.requests == []


@pytest.mark.parametrize(
    "args", [["list", SECRET], ["get", "claude-opus-4-5", "--bogus", SECRET]]
)
def test_a_key_pasted_among_the_arguments_is_not_echoed(
    cli: Runner, fake: FakeModelsAPI, args: list[str]
) -> None:
    # argparse repeats unrecognized arguments in its message: the key among them
    # is redacted (run_cli checks that SECRET appears in no output).
    result = cli(*args)
    assert result.returncode == 2
    line = one_error_line(result)
    assert "unrecognized arguments:" in line
    assert "<redacted>" in line
    assert fake.requests == []


# -- 130 -----------------------------------------------------------------------------


def test_ctrl_c_exits_130_quietly(server: FakeServer, fake: FakeModelsAPI) -> None:
    fake.inject(Fault.delay(60))  # the first request hangs until the server stops
    args = ["list", "--timeout", "120"]
    process = subprocess.Popen(
        [*COMMAND, *args],
        env=cli_env(server.base_url),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: len(fake.requests) == 1)  # it is waiting for the answer
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=15)
    result = Result(process.returncode, stdout, stderr)
    check_hygiene(result, args)
    assert result.returncode == 130
    assert result.stdout == ""
    assert result.stderr == ""


def test_pages_are_printed_as_they_arrive(
    server: FakeServer, fake: FakeModelsAPI
) -> None:
    # The second page hangs: the first must already be out, then Ctrl-C ends it.
    fake.inject(None, Fault.delay(60))
    args = ["list", "--limit", "2", "--timeout", "120"]
    process = subprocess.Popen(
        [*COMMAND, *args],
        env=cli_env(server.base_url),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(20, process.kill)  # bounds the blocking reads
    watchdog.start()
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        wait_until(lambda: len(fake.requests) == 2)
        assert process.poll() is None  # still waiting for the second page
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=15)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=15)
    assert [line.split()[0] for line in lines] == ["ID", *fake.model_ids[:2]]
    result = Result(process.returncode, "".join(lines) + stdout, stderr)
    check_hygiene(result, args)
    assert result.returncode == 130
    assert stderr == ""


# -- a reader that stops early -------------------------------------------------------


@pytest.fixture
def big_server(serve: Serve) -> tuple[FakeModelsAPI, FakeServer]:
    fake = FakeModelsAPI(models=synthetic_models(5000), api_key=SECRET)
    return fake, serve(fake)


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_a_closed_pipe_ends_quietly_with_status_0(
    big_server: tuple[FakeModelsAPI, FakeServer], output: list[str]
) -> None:
    fake, served = big_server
    args = ["list", "--limit", "5", *output]
    command = shlex.join([*COMMAND, *args])
    # pipefail: the pipeline's status is the command's, not only head's.
    completed = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -3"],
        env=cli_env(served.base_url),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    result = Result(completed.returncode, completed.stdout, completed.stderr)
    check_hygiene(result, args)
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.lines) == 3
    assert "claude-synthetic-000001" in result.lines[1]
    # It stopped fetching: the whole listing would take 1000 pages.
    assert len(fake.requests) < 1000


def test_a_reader_that_closes_its_end_gets_status_0_from_the_command(
    big_server: tuple[FakeModelsAPI, FakeServer],
) -> None:
    fake, served = big_server
    args = ["list", "--limit", "5"]
    process = subprocess.Popen(
        [*COMMAND, *args],
        env=cli_env(served.base_url),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, process.kill)  # bounds the blocking reads
    watchdog.start()
    try:
        assert process.stdout is not None and process.stderr is not None
        lines = [process.stdout.readline() for _ in range(3)]
        process.stdout.close()
        returncode = process.wait(timeout=60)
        stderr = process.stderr.read()
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=15)
    result = Result(returncode, "".join(lines), stderr)
    check_hygiene(result, args)
    assert returncode == 0
    assert stderr == ""
    assert lines[0].startswith("ID ")
    assert lines[1].startswith("claude-synthetic-000001 ")
    assert lines[2].startswith("claude-synthetic-000002 ")
    assert len(fake.requests) < 1000


# -- --verbose and the key -----------------------------------------------------------


def test_verbose_logs_requests_with_the_key_redacted(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    for args in (["--verbose", "list", "--limit", "5"], ["list", "-v", "--limit", "5"]):
        fake.clear_requests()
        result = cli(*args)
        assert result.returncode == 0
        assert len(result.lines) == len(fake.model_ids) + 1  # stdout unchanged
        log = result.stderr.splitlines()
        requests = [line for line in log if "DEBUG request GET" in line]
        responses = [line for line in log if "DEBUG response GET" in line]
        assert len(requests) == len(responses) == len(fake.requests) == 2
        assert all("'x-api-key': '<redacted>'" in line for line in requests)


def test_verbose_error_runs_keep_the_key_out_too(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    fake.inject(Fault.error(529, headers={"retry-after-ms": "0"}))
    result = cli("-v", "get", "claude-nope")
    assert result.returncode == 1
    log = result.stderr.splitlines()
    assert any("INFO retrying GET" in line for line in log)
    assert log[-1].startswith("anthropic-models: error: NotFoundError 404")
    assert "'x-api-key': '<redacted>'" in result.stderr


def test_a_key_echoed_by_the_server_is_redacted(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    fake.inject(Fault.error(403, message=f"key {SECRET} may not do this"))
    result = cli("get", "claude-opus-4-5")
    assert result.returncode == 1
    assert "key <redacted> may not do this" in one_error_line(result)
