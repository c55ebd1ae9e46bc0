"""What `list` and `get` print: the table, the JSON, alias resolution."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from anthropic_models.testing import DEFAULT_ALIASES, FakeModelsAPI, FakeServer

from .helpers import SECRET, Runner, cli_env, run_cli

Serve = Callable[[FakeModelsAPI], FakeServer]


def support(supported: bool) -> dict[str, bool]:
    return {"supported": supported}


YES, NO = support(True), support(False)

# Models in today's shape (api-facts.md, "Today's API"), with fields the spec does
# not know yet (pricing, and a capability `vision`) that must be kept too.
EXTRA_MODELS: list[dict[str, Any]] = [
    {
        "id": "claude-future-9-20300101",
        "created_at": "2030-01-01T00:00:00Z",
        "display_name": "Claude Future 9",
        "type": "model",
        "lifecycle": "active",
        "deprecated_at": None,
        "retires_at": None,
        "line": "mythos",
        "max_input_tokens": 1000000,
        "max_tokens": 128000,
        "capabilities": {
            "batch": YES,
            "citations": NO,
            "code_execution": YES,
            "image_input": YES,
            "pdf_input": YES,
            "structured_outputs": YES,
            "context_management": {
                "supported": True,
                "clear_thinking_20251015": YES,
                "clear_tool_uses_20250919": NO,
                "compact_20260112": None,
            },
            "effort": {
                "supported": True,
                "low": YES,
                "medium": YES,
                "high": YES,
                "max": NO,
                "xhigh": None,
            },
            "server_tools": {
                "supported": True,
                "code_execution": YES,
                "web_search": NO,
            },
            "thinking": {
                "supported": True,
                "types": {
                    "adaptive": YES,
                    "between_tools": NO,
                    "disabled": YES,
                    "enabled": NO,
                },
            },
            "vision": YES,
        },
        "pricing": {"input": 3.0},
    },
    {
        "id": "claude-past-1-20200101",
        "created_at": "2020-01-01T00:00:00Z",
        "display_name": "Claude Past 1",
        "type": "model",
        "lifecycle": "deprecated",
        "deprecated_at": "2026-06-01T00:00:00Z",
        "retires_at": "2026-12-01T00:00:00Z",
        "line": None,
        "max_input_tokens": 100000,
        "max_tokens": None,
        "capabilities": None,
    },
]
# Listed only when asked for (the API's default is active and deprecated).
RETIRED_MODELS: list[dict[str, Any]] = [
    {
        "id": "claude-gone-0-20190101",
        "created_at": "2019-01-01T00:00:00Z",
        "display_name": "Claude Gone 0",
        "type": "model",
        "lifecycle": "retired",
    },
]

HEADERS = ("ID", "DISPLAY NAME", "RELEASED", "CONTEXT", "MAX OUTPUT", "STATUS")


def row_cells(header: str, row: str) -> list[str]:
    """The cells of a row, cut at the columns where the header's names start
    (each cell but the last followed by at least the two-space gap)."""
    starts = [header.index(name) for name in HEADERS]
    row = row.ljust(len(header))  # trailing blanks are not printed
    assert starts == sorted(starts) and starts[0] == 0, header
    cells = []
    for start, end in zip(starts, [*starts[1:], None], strict=True):
        if end is not None:
            assert row[end - 2 : end] == "  ", (row, end)
        cells.append(row[start:end].rstrip())
    return cells


def expected_cells(model: dict[str, Any]) -> list[str]:
    def tokens(key: str) -> str:
        value = model.get(key)
        return f"{value:,}" if isinstance(value, int) else "-"

    status = ""
    if model.get("lifecycle", "active") != "active":
        status = model["lifecycle"]
        if model.get("retires_at"):
            joint = " " if status == "retired" else ", retires "
            status += joint + model["retires_at"][:10]
    return [
        model["id"],
        model["display_name"],
        model["created_at"][:10],
        tokens("max_input_tokens"),
        tokens("max_tokens"),
        status,
    ]


def assert_table(lines: Sequence[str], models: Sequence[dict[str, Any]]) -> None:
    """A header, then one row per model in order, each cell starting exactly
    at its header's column."""
    assert len(lines) == len(models) + 1
    for row, model in zip(lines[1:], models, strict=True):
        assert row_cells(lines[0], row) == expected_cells(model)


def test_list_prints_every_model_newest_first_in_aligned_columns(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("list")
    assert result.returncode == 0
    assert result.stderr == ""
    assert_table(result.lines, fake.models)
    assert [line.split()[0] for line in result.lines[1:]] == fake.model_ids
    # newest first, as served
    dates = [row_cells(result.lines[0], line)[2] for line in result.lines[1:]]
    assert dates == sorted(dates, reverse=True)


EVERY_STAGE = ("--lifecycle", "active", "--lifecycle", "deprecated,retired")


def test_list_shows_limits_and_marks_models_that_are_not_active(
    serve: Serve,
) -> None:
    served = serve(FakeModelsAPI(models=EXTRA_MODELS, api_key=SECRET))
    # Every stage: without the filter the fake, like the API, leaves retired out.
    result = run_cli("list", *EVERY_STAGE, env=cli_env(served.base_url))
    assert result.returncode == 0
    assert_table(result.lines, EXTRA_MODELS)
    rows = [row_cells(result.lines[0], line) for line in result.lines[1:]]
    assert rows[0][3:] == ["1,000,000", "128,000", ""]
    assert rows[1][3:] == ["100,000", "-", "deprecated, retires 2026-12-01"]


def test_list_sends_each_lifecycle_stage_asked_for(serve: Serve) -> None:
    # A catalogue of one retired model in the four-field shape plus its stage:
    # listed only when asked for, with no limits to show.
    fake = FakeModelsAPI(models=RETIRED_MODELS, api_key=SECRET)
    served = serve(fake)
    result = run_cli(
        "list",
        "--lifecycle",
        "active",
        "--lifecycle",
        "retired,deprecated",
        env=cli_env(served.base_url),
    )
    assert result.returncode == 0, result.stderr
    (request,) = fake.requests
    stages = [value for name, value in request.query if name == "lifecycle[]"]
    assert stages == ["active", "retired", "deprecated"]
    assert_table(result.lines, RETIRED_MODELS)
    assert row_cells(result.lines[0], result.lines[1])[3:] == ["-", "-", "retired"]


def test_the_workspace_id_is_sent_on_every_request(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    listed = cli("--workspace-id", "wrkspc_011CZkZaBF1tNoB5wlCeusgy", "list")
    got = cli("get", "claude-sonnet-4-5", "--workspace-id", "wrkspc_2")
    assert (listed.returncode, got.returncode) == (0, 0)
    sent = [request.headers.get("anthropic-workspace-id") for request in fake.requests]
    assert sent == ["wrkspc_011CZkZaBF1tNoB5wlCeusgy", "wrkspc_2"]


def test_a_bad_workspace_id_is_a_usage_error(cli: Runner, fake: FakeModelsAPI) -> None:
    result = cli("--workspace-id", "two words", "list")
    assert result.returncode == 2
    assert "workspace_id" in result.stderr
    assert fake.requests == []


def test_the_auth_token_is_sent_as_a_bearer_and_never_shown(serve: Serve) -> None:
    fake = FakeModelsAPI(api_key="not-the-token", auth_token=SECRET)
    served = serve(fake)
    env = cli_env(served.base_url, key=None, ANTHROPIC_AUTH_TOKEN=SECRET)
    result = run_cli("list", "-v", env=env)  # run_cli: SECRET in no output
    assert result.returncode == 0, result.stderr
    (request,) = fake.requests
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert "x-api-key" not in request.headers
    assert "'authorization': '<redacted>'" in result.stderr


def test_too_many_lifecycle_stages_is_a_usage_error(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("list", "--lifecycle", "active,retired,deprecated,active")
    assert result.returncode == 2
    assert "lifecycle" in result.stderr
    assert fake.requests == []


def test_list_stays_aligned_when_paged_in_small_pages(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    # The columns are sized from the first page, whose IDs are shorter than
    # later ones (claude-3-7-sonnet-20250219): later rows must still line up.
    result = cli("list", "--limit", "2")
    assert result.returncode == 0
    assert_table(result.lines, fake.models)
    assert len(fake.requests) == 5


def test_a_longer_value_on_a_later_page_keeps_the_cells_apart(
    serve: Serve,
) -> None:
    long_id = "claude-" + "x" * 40 + "-20200101"
    models = [
        {
            "id": "claude-a-20250101",
            "created_at": "2025-01-01T00:00:00Z",
            "display_name": "A",
            "type": "model",
        },
        {
            "id": long_id,
            "created_at": "2020-01-01T00:00:00Z",
            "display_name": "B",
            "type": "model",
        },
    ]
    served = serve(FakeModelsAPI(models=models, api_key=SECRET))
    result = run_cli("list", "--limit", "1", env=cli_env(served.base_url))
    assert result.returncode == 0
    assert [line.split() for line in result.lines[1:]] == [
        ["claude-a-20250101", "A", "2025-01-01", "-", "-"],
        [long_id, "B", "2020-01-01", "-", "-"],
    ]


def test_list_json_is_the_catalogue_as_the_api_sends_it(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("list", "--json", "--limit", "4")
    assert result.returncode == 0
    listed = json.loads(result.stdout)
    assert isinstance(listed, list)
    # Same objects, same order, created_at in the API's own "Z" form.
    assert listed == fake.models
    assert [model["id"] for model in listed] == fake.model_ids


def test_list_json_keeps_the_extra_fields_the_api_returns(serve: Serve) -> None:
    served = serve(FakeModelsAPI(models=EXTRA_MODELS, api_key=SECRET))
    result = run_cli("list", "--json", *EVERY_STAGE, env=cli_env(served.base_url))
    assert result.returncode == 0
    listed = json.loads(result.stdout)
    assert listed == EXTRA_MODELS
    # The documented fields first, in the API's order, then the extra ones.
    assert list(listed[0])[:4] == ["id", "created_at", "display_name", "type"]


def test_table_shows_unknown_for_the_epoch_release_date(serve: Serve) -> None:
    models = [
        {
            "id": "claude-mystery",
            "created_at": "1970-01-01T00:00:00Z",
            "display_name": "Claude Mystery",
            "type": "model",
        }
    ]
    served = serve(FakeModelsAPI(models=models, api_key=SECRET))
    table = run_cli("list", env=cli_env(served.base_url))
    assert row_cells(table.lines[0], table.lines[1])[:3] == [
        "claude-mystery",
        "Claude Mystery",
        "unknown",
    ]
    as_json = run_cli("list", "--json", env=cli_env(served.base_url))
    assert json.loads(as_json.stdout) == models


def test_control_characters_from_the_server_are_shown_escaped(serve: Serve) -> None:
    models = [
        {
            "id": "claude-evil-20250101",
            "created_at": "2025-01-01T00:00:00Z",
            "display_name": "Evil\x1b[31m red\nsecond line",
            "type": "model",
        }
    ]
    served = serve(FakeModelsAPI(models=models, api_key=SECRET))
    result = run_cli("list", env=cli_env(served.base_url))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert len(result.lines) == 2  # the newline did not split the row
    assert "Evil\\x1b[31m red\\nsecond line" in result.lines[1]
    got = run_cli("get", "claude-evil-20250101", env=cli_env(served.base_url))
    assert "\x1b" not in got.stdout
    # JSON escapes them itself, and keeps the value intact
    as_json = run_cli("list", "--json", env=cli_env(served.base_url))
    assert "\x1b" not in as_json.stdout
    assert json.loads(as_json.stdout) == models


def test_an_empty_catalogue_prints_the_header_or_an_empty_array(
    serve: Serve,
) -> None:
    served = serve(FakeModelsAPI(models=[], api_key=SECRET))
    table = run_cli("list", env=cli_env(served.base_url))
    assert table.returncode == 0
    assert table.lines == [table.lines[0]]
    assert row_cells(table.lines[0], table.lines[0]) == list(HEADERS)
    as_json = run_cli("list", "--json", env=cli_env(served.base_url))
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout) == []


def test_get_by_id_prints_the_fields_one_per_line(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("get", "claude-opus-4-1-20250805")
    assert result.returncode == 0
    assert result.stderr == ""
    # The reference page's four fields first (the extra ones follow them).
    assert [line.split(None, 1) for line in result.lines[:4]] == [
        ["id:", "claude-opus-4-1-20250805"],
        ["created_at:", "2025-08-05T00:00:00Z"],
        ["display_name:", "Claude Opus 4.1"],
        ["type:", "model"],
    ]
    # values aligned in one column (the capability lines are indented below)
    fields = [line for line in result.lines if not line.startswith(" ")]
    assert len({line.index(line.split()[1]) for line in fields if " " in line}) == 1
    assert [request.path for request in fake.requests] == [
        "/v1/models/claude-opus-4-1-20250805"
    ]


def test_get_by_alias_shows_the_resolved_id(cli: Runner, fake: FakeModelsAPI) -> None:
    result = cli("get", "claude-sonnet-4-5")
    assert result.returncode == 0
    assert result.lines[0] == "claude-sonnet-4-5 -> claude-sonnet-4-5-20250929"
    assert result.lines[1].split() == ["id:", "claude-sonnet-4-5-20250929"]
    assert ["display_name:", "Claude Sonnet 4.5"] in [
        line.split(None, 1) for line in result.lines
    ]
    assert [request.path for request in fake.requests] == [
        "/v1/models/claude-sonnet-4-5"
    ]


def test_get_json_is_the_api_object_of_the_resolved_model(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    for alias in ("claude-sonnet-4-5", "claude-3-5-haiku-latest"):
        model_id = DEFAULT_ALIASES[alias]
        result = cli("get", alias, "--json")
        assert result.returncode == 0
        shown = json.loads(result.stdout)
        assert isinstance(shown, dict)
        assert shown == next(m for m in fake.models if m["id"] == model_id)


def test_get_shows_extra_fields_in_both_forms(serve: Serve) -> None:
    served = serve(FakeModelsAPI(models=EXTRA_MODELS, api_key=SECRET))
    env = cli_env(served.base_url)
    as_json = run_cli("get", "claude-future-9-20300101", "--json", env=env)
    assert json.loads(as_json.stdout) == EXTRA_MODELS[0]
    table = run_cli("get", "claude-future-9-20300101", env=env)
    fields = dict(
        line.split(None, 1) for line in table.lines if line[0] != " " and " " in line
    )
    assert fields["max_input_tokens:"] == "1000000"
    assert fields["lifecycle:"] == "active"
    assert fields["line:"] == "mythos"
    assert fields["deprecated_at:"] == "null"
    assert json.loads(fields["pricing:"]) == {"input": 3.0}


def test_get_shows_what_the_model_supports_one_capability_a_line(
    serve: Serve,
) -> None:
    served = serve(FakeModelsAPI(models=EXTRA_MODELS, api_key=SECRET))
    env = cli_env(served.base_url)
    table = run_cli("get", "claude-future-9-20300101", env=env)
    assert table.returncode == 0
    start = table.lines.index("capabilities:")
    shown = dict(line.split(None, 1) for line in table.lines[start + 1 :])
    assert shown == {
        "batch": "yes",
        "citations": "no",
        "code_execution": "yes",
        "image_input": "yes",
        "pdf_input": "yes",
        "structured_outputs": "yes",
        "context_management": "yes: clear_thinking_20251015",
        "effort": "yes: low, medium, high",
        "server_tools": "yes: code_execution",
        "thinking": "yes: adaptive, disabled",
        "vision": "yes",
    }
    past = run_cli("get", "claude-past-1-20200101", env=env)
    fields = dict(line.split(None, 1) for line in past.lines)
    assert fields["lifecycle:"] == "deprecated"
    assert fields["retires_at:"] == "2026-12-01T00:00:00Z"
    assert fields["capabilities:"] == "null"
