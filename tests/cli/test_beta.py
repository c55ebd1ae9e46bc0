"""`anthropic-models beta list` / `beta get`: the beta view of the Models API
(client.beta.models), fallbacks and compaction included."""

from __future__ import annotations

import json

from anthropic_models.testing import DEFAULT_MODELS, FakeModelsAPI

from .helpers import Runner

BY_ID = {model["id"]: model for model in DEFAULT_MODELS}


def test_beta_get_shows_the_fallbacks_and_compaction(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("beta", "get", "claude-opus-4-5")
    assert result.returncode == 0, result.stderr
    assert result.lines[0] == "claude-opus-4-5 -> claude-opus-4-5-20251101"
    fields = {
        line.split(None, 1)[0]: line.split(None, 1)[1]
        for line in result.lines[1:]
        if not line.startswith(" ") and len(line.split(None, 1)) == 2
    }
    expected = BY_ID["claude-opus-4-5-20251101"]["allowed_fallback_models"]
    assert json.loads(fields["allowed_fallback_models:"]) == expected
    capability = {
        line.split(None, 1)[0]: line.split(None, 1)[1]
        for line in result.lines
        if line.startswith("  ")
    }
    assert capability["compaction"] == "yes: summarize"
    (request,) = fake.requests
    assert (request.path, request.query) == (
        "/v1/models/claude-opus-4-5",
        [("beta", "true")],
    )


def test_beta_get_shows_no_fallbacks_and_null_compaction(cli: Runner) -> None:
    result = cli("beta", "get", "claude-haiku-4-5-20251001")
    assert result.returncode == 0, result.stderr
    assert "allowed_fallback_models: []" in [
        " ".join(line.split()) for line in result.lines
    ]
    assert ["compaction", "null"] in [line.split() for line in result.lines]


def test_plain_get_has_no_beta_fields(cli: Runner) -> None:
    result = cli("get", "claude-opus-4-5", "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert "allowed_fallback_models" not in shown
    assert "compaction" not in shown["capabilities"]


def test_beta_list_json_is_the_beta_view_of_every_listed_model(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    result = cli("beta", "list", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert [m["id"] for m in shown] == fake.model_ids
    assert shown == [BY_ID[m["id"]] for m in shown]
    assert all(r.query[0] == ("beta", "true") for r in fake.requests)
    assert len(fake.requests) > 1  # paged


def test_beta_list_table_lists_what_list_lists(cli: Runner) -> None:
    beta, plain = cli("beta", "list"), cli("list")
    assert beta.returncode == plain.returncode == 0
    assert beta.stdout == plain.stdout != ""


def test_beta_help_names_its_commands_and_bad_flags_are_usage_errors(
    cli: Runner, fake: FakeModelsAPI
) -> None:
    helped = cli("--help")
    assert helped.returncode == 0
    assert any(line.split()[:1] == ["beta"] for line in helped.lines)
    beta = cli("beta", "--help")
    assert beta.returncode == 0
    assert {"list", "get"} <= {
        word.strip("{},") for line in beta.lines for word in line.split()
    }
    for args in (
        ("beta", "list", "--limit", "0"),
        ("beta", "list", "--lifecycle", "bogus"),
        ("beta",),
    ):
        assert cli(*args).returncode == 2
    assert fake.requests == []
