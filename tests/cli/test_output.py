"""What `list` and `get` print: the table, the JSON, alias resolution."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from anthropic_models.testing import DEFAULT_ALIASES, FakeModelsAPI, FakeServer

from .conftest import SECRET, Runner, cli_env, run_cli

Serve = Callable[[FakeModelsAPI], FakeServer]

EXTRA_MODELS: list[dict[str, Any]] = [
    {
        "id": "claude-future-9-20300101",
        "created_at": "2030-01-01T00:00:00Z",
        "display_name": "Claude Future 9",
        "type": "model",
        "max_input_tokens": 1000000,
        "max_tokens": 128000,
        "capabilities": {"vision": {"supported": True}, "batch": None},
        "deprecated_at": "2031-01-01T00:00:00Z",
    },
    {
        "id": "claude-past-1-20200101",
        "created_at": "2020-01-01T00:00:00Z",
        "display_name": "Claude Past 1",
        "type": "model",
        "max_input_tokens": 100000,
    },
]


def table_columns(header: str) -> tuple[int, int]:
    assert header.startswith("ID ")
    return header.index("DISPLAY NAME"), header.index("RELEASED")


def assert_table(lines: Sequence[str], models: Sequence[dict[str, Any]]) -> None:
    """A header, then one row per model in order, each cell starting exactly
    at its header's column."""
    assert len(lines) == len(models) + 1
    name_at, released_at = table_columns(lines[0])
    for row, model in zip(lines[1:], models, strict=True):
        assert row[:name_at].rstrip() == model["id"]
        assert row[name_at - 2 : name_at] == "  "
        assert row[name_at:released_at].rstrip() == model["display_name"]
        assert row[released_at - 2 : released_at] == "  "
        assert row[released_at:] == model["created_at"][:10]


def test_list_prints_every_model_newest_first_in_aligned_columns(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("list")
    assert result.returncode == 0
    assert result.stderr == ""
    assert_table(result.lines, fake.models)
    assert [line.split()[0] for line in result.lines[1:]] == fake.model_ids
    # newest first, as served
    dates = [line.split()[-1] for line in result.lines[1:]]
    assert dates == sorted(dates, reverse=True)


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
        ["claude-a-20250101", "A", "2025-01-01"],
        [long_id, "B", "2020-01-01"],
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
    result = run_cli("list", "--json", env=cli_env(served.base_url))
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
    assert table.lines[1].split() == ["claude-mystery", "Claude", "Mystery", "unknown"]
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
    assert table.lines[0].split() == ["ID", "DISPLAY", "NAME", "RELEASED"]
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
    # values aligned in one column
    assert len({line.index(line.split()[1]) for line in result.lines}) == 1
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
    fields = dict(line.split(None, 1) for line in table.lines)
    assert fields["max_input_tokens:"] == "1000000"
    assert json.loads(fields["capabilities:"]) == EXTRA_MODELS[0]["capabilities"]
    assert fields["deprecated_at:"] == "2031-01-01T00:00:00Z"
