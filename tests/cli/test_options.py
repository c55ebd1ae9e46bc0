"""The options reach the API as they should: what the fake recorded."""

from __future__ import annotations

import json

from anthropic_models.testing import FakeModelsAPI, FakeServer, Fault

from .helpers import Runner, cli_env, run_cli


def queries(fake: FakeModelsAPI) -> list[dict[str, str]]:
    return [dict(request.query) for request in fake.requests]


def listed_ids(stdout: str) -> list[str]:
    return [model["id"] for model in json.loads(stdout)]


def test_limit_and_after_id_page_from_the_cursor_until_max(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    ids = fake.model_ids
    result = cli("list", "--json", "--limit", "3", "--after-id", ids[1], "--max", "4")
    assert result.returncode == 0
    assert listed_ids(result.stdout) == ids[2:6]
    # Two pages of 3 cover the 4 models; no third page is fetched.
    assert queries(fake) == [
        {"after_id": ids[1], "limit": "3"},
        {"after_id": ids[4], "limit": "3"},
    ]
    assert all(request.path == "/v1/models" for request in fake.requests)


def test_max_alone_sets_the_page_size(cli: Runner, fake: FakeModelsAPI) -> None:
    result = cli("list", "--max", "5")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.lines[1:]] == fake.model_ids[:5]
    assert queries(fake) == [{"limit": "5"}]


def test_max_zero_fetches_nothing(cli: Runner, fake: FakeModelsAPI) -> None:
    result = cli("list", "--json", "--max", "0")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert fake.requests == []


def test_without_options_the_api_defaults_apply(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("list")
    assert result.returncode == 0
    assert queries(fake) == [{}]
    assert "anthropic-beta" not in fake.requests[0].headers
    assert fake.requests[0].headers["x-api-key"] == fake.api_key
    assert fake.requests[0].headers["anthropic-version"] == "2023-06-01"


def test_before_id_lists_the_newer_models_newest_first(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    ids = fake.model_ids
    result = cli("list", "--json", "--limit", "3", "--before-id", ids[8])
    assert result.returncode == 0
    assert listed_ids(result.stdout) == ids[:8]
    # The API pages backwards, towards newer models, from first_id.
    assert queries(fake) == [
        {"before_id": ids[8], "limit": "3"},
        {"before_id": ids[5], "limit": "3"},
        {"before_id": ids[2], "limit": "3"},
    ]


def test_before_id_with_max_takes_the_models_nearest_the_cursor(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    ids = fake.model_ids
    result = cli("list", "--limit", "3", "--before-id", ids[8], "--max", "4")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.lines[1:]] == ids[4:8]
    assert len(fake.requests) == 2


def test_beta_is_repeatable_and_comma_separated(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("list", "--limit", "5", "--beta", "beta-one", "--beta", "b2,b3")
    assert result.returncode == 0
    assert len(fake.requests) == 2
    for request in fake.requests:
        assert request.headers["anthropic-beta"] == "beta-one,b2,b3"


def test_get_sends_betas_too(cli: Runner, fake: FakeModelsAPI) -> None:
    result = cli("get", "claude-opus-4-5", "--beta", "some-beta-2025-01-01")
    assert result.returncode == 0
    assert fake.requests[0].headers["anthropic-beta"] == "some-beta-2025-01-01"


def test_global_options_go_before_or_after_the_command(
    server: FakeServer, fake: FakeModelsAPI, dead_url: str
) -> None:
    # ANTHROPIC_BASE_URL points nowhere: --base-url must win, in either place.
    env = cli_env(dead_url)
    before = run_cli(
        "--base-url", server.base_url, "--max-retries", "0", "list", env=env
    )
    after = run_cli("list", "--base-url", server.base_url, "--timeout", "10", env=env)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert len(before.lines) == len(fake.model_ids) + 1


def test_base_url_defaults_to_the_environment(
    server: FakeServer, fake: FakeModelsAPI
) -> None:
    result = run_cli("get", "claude-opus-4-5", env=cli_env(server.base_url))
    assert result.returncode == 0
    assert len(fake.requests) == 1


def test_max_retries_bounds_the_attempts(cli: Runner, fake: FakeModelsAPI) -> None:
    no_wait = {"retry-after-ms": "0"}
    fake.inject(*[Fault.error(500, headers=no_wait)] * 5)
    result = cli("--max-retries", "1", "list")
    assert result.returncode == 1
    assert len(fake.requests) == 2
    assert "InternalServerError 500 api_error" in result.stderr


def test_retries_then_success_is_success(cli: Runner, fake: FakeModelsAPI) -> None:
    fake.inject(Fault.overloaded(headers={"retry-after-ms": "0"}))
    result = cli("get", "claude-opus-4-5")
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(fake.requests) == 2


def test_timeout_applies_to_each_request(cli: Runner, fake: FakeModelsAPI) -> None:
    fake.inject(Fault.delay(20))
    result = cli("list", "--timeout", "0.3", "--max-retries", "0", timeout=15)
    assert result.returncode == 1
    assert result.stderr.startswith("anthropic-models: error: APITimeoutError: ")
