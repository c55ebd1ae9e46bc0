"""The project's promise, stated as code: one edit of openapi.yaml, then `make
generate` and nothing else, and every surface users touch follows.

A copy of the repository gets a set of realistic spec edits, made structurally
(the YAML is loaded, the node changed, the document written back), then runs
scripts/generate.sh. A probe run against the copy's code (not the working
tree's) then shows each edit in the sync client, the async client, the fake and
the command line; `make check`'s script and `mypy --strict` pass on the copy. No
handwritten file of the copy is touched: the test compares their bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..repo_copy import CHECK_INPUTS, copy_repo, run_script

# The generated files (everything else the copy holds is handwritten).
GENERATED = (
    "generated_client",
    "tests/contract/spec_models.py",
    "anthropic_models/_parsers.py",
    "anthropic_models/_spec.py",
    "anthropic_models/_resources.py",
    "anthropic_models/_status_errors.py",
    "api/public-api.txt",
)

Spec = dict[str, Any]


def _list_operation(spec: Spec) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/v1/models"]["get"]
    return operation


def _operations(spec: Spec) -> list[dict[str, Any]]:
    return [item["get"] for item in spec["paths"].values()]


def add_integer_query(spec: Spec) -> None:
    _list_operation(spec)["parameters"].append(
        {
            "name": "min_context",
            "in": "query",
            "required": False,
            "description": "Only models whose context window is at least this.",
            "schema": {"type": "integer", "minimum": 1000, "maximum": 2000000},
        }
    )


def add_closed_enum_query(spec: Spec) -> None:
    _list_operation(spec)["parameters"].append(
        {
            "name": "order",
            "in": "query",
            "required": False,
            "description": "Which models come first.",
            "schema": {"type": "string", "enum": ["newest", "oldest"]},
        }
    )


def add_array_query(spec: Spec) -> None:
    _list_operation(spec)["parameters"].append(
        {
            "name": "family[]",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": True,
            "description": "Only models of these families.",
            "schema": {
                "type": "array",
                "minItems": 1,
                "maxItems": 2,
                "items": {"type": "string", "minLength": 1},
            },
        }
    )


def add_closed_enum_array_query(spec: Spec) -> None:
    _list_operation(spec)["parameters"].append(
        {
            "name": "tier[]",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": True,
            "description": "Only models of these tiers.",
            "schema": {
                "type": "array",
                "maxItems": 2,
                "items": {"type": "string", "enum": ["standard", "priority"]},
            },
        }
    )


def add_integer_array_and_boolean_queries(spec: Spec) -> None:
    _list_operation(spec)["parameters"] += [
        {
            "name": "size[]",
            "in": "query",
            "required": False,
            "style": "form",
            "explode": True,
            "description": "Only models of these sizes.",
            "schema": {
                "type": "array",
                "maxItems": 2,
                "items": {"type": "integer", "minimum": 1, "maximum": 9},
            },
        },
        {
            "name": "include_previews",
            "in": "query",
            "required": False,
            "description": "Whether previews are listed too.",
            "schema": {"type": "boolean"},
        },
    ]


def add_header(spec: Spec) -> None:
    spec["components"]["parameters"]["TraceHeader"] = {
        "name": "anthropic-trace-id",
        "in": "header",
        "required": False,
        "description": "A caller's trace ID, echoed in the logs.",
        "schema": {"type": "string", "minLength": 1, "maxLength": 64},
    }
    # Each list of parameters once: the beta operations share the plain ones'
    # (YAML aliases), so they get the header too.
    lists = {id(op["parameters"]): op["parameters"] for op in _operations(spec)}
    for parameters in lists.values():
        parameters.append({"$ref": "#/components/parameters/TraceHeader"})


def lower_the_limit(spec: Spec) -> None:
    spec["components"]["parameters"]["Limit"]["schema"]["maximum"] = 500


def add_a_stage(spec: Spec) -> None:
    (listed,) = [
        branch
        for branch in spec["components"]["schemas"]["ModelInfoLifecycle"]["anyOf"]
        if "enum" in branch
    ]
    listed["enum"].append("sunset")


def add_a_nested_property(spec: Spec) -> None:
    spec["components"]["schemas"]["CapabilitySupport"]["properties"]["since"] = {
        "type": "string",
        "description": "When the capability arrived.",
    }


def document_a_status(spec: Spec) -> None:
    spec["components"]["responses"]["Conflict"] = {
        "description": "conflict_error: the request conflicts with another one.",
        "x-runtime": {"exception": "ConflictError"},
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/ErrorResponse"},
                "example": {
                    "type": "error",
                    "error": {"type": "conflict_error", "message": "Conflict"},
                    "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
                },
            }
        },
    }
    for operation in _operations(spec):
        operation["responses"]["409"] = {"$ref": "#/components/responses/Conflict"}


EDITS: list[Callable[[Spec], None]] = [
    add_integer_query,
    add_closed_enum_query,
    add_array_query,
    add_closed_enum_array_query,
    add_integer_array_and_boolean_queries,
    add_header,
    lower_the_limit,
    add_a_stage,
    add_a_nested_property,
    document_a_status,
]

# Run against the copy's code: every observation as JSON on stdout.
PROBE = r"""
import asyncio, json, os, subprocess, sys

import httpx

import anthropic_models
from anthropic_models import AsyncClient, Client, errors
from anthropic_models.testing import FakeModelsAPI, Fault

seen = {"package": anthropic_models.__file__}
KEY = "test-api-key"
fake = FakeModelsAPI()
NEW = dict(min_context=100000, order="oldest", family=["opus"],
           anthropic_trace_id="trace-1", tier=["priority"], size=[3, 4],
           include_previews=True)


def refused(call):
    try:
        call()
    except ValueError as exc:
        return str(exc)
    return None


def sent_query(request):
    return sorted(set(name for name, _ in request.query))


def sync_client():
    return Client(api_key=KEY, base_url="http://fake", max_retries=0,
                  http_client=httpx.Client(transport=fake.transport()))


with sync_client() as client:
    fake.clear_requests()
    pager = client.models.list(limit=2, **NEW)
    first = next(iter(pager.pages()))
    request = fake.requests[-1]
    seen["sync_list_query"] = sent_query(request)
    seen["sync_new_values"] = sorted(
        (name, value) for name, value in request.query
        if name in ("tier[]", "size[]", "include_previews"))
    seen["sync_tier_bad"] = refused(lambda: client.models.list(tier=["gold"]))
    seen["sync_size_bad"] = refused(lambda: client.models.list(size=[0]))
    seen["sync_previews_bad"] = refused(
        lambda: client.models.list(include_previews="yes"))
    seen["sync_trace_header"] = request.headers.get("anthropic-trace-id")
    seen["sync_list_ok"] = len(first.data)
    model = client.models.get("claude-sonnet-4-5", anthropic_trace_id="trace-2")
    seen["sync_get_trace"] = fake.requests[-1].headers.get("anthropic-trace-id")
    seen["sync_limit_600"] = refused(lambda: client.models.list(limit=600))
    seen["sync_limit_500"] = refused(lambda: client.models.list(limit=500))
    seen["sync_min_context_low"] = refused(lambda: client.models.list(min_context=5))
    seen["sync_order_bad"] = refused(lambda: client.models.list(order="random"))
    seen["sync_family_3"] = refused(
        lambda: client.models.list(family=["a", "b", "c"]))
    seen["sync_trace_long"] = refused(
        lambda: client.models.get("x", anthropic_trace_id="t" * 65))
    seen["sync_sunset"] = refused(lambda: client.models.list(lifecycle=["sunset"]))
    fake.inject(Fault.error(409))
    try:
        client.models.get("claude-sonnet-4-5")
    except errors.APIStatusError as exc:
        seen["sync_409"] = type(exc).__name__
    # The nested property, parsed into its attribute.
    from anthropic_models._parsers import PARSERS
    from generated_client.models import ModelInfo
    raw = fake.catalogue[0]
    raw["capabilities"]["batch"]["since"] = "2024-10-01"
    parsed = PARSERS[ModelInfo](raw)
    seen["nested_since"] = parsed.capabilities.batch.since


async def run_async():
    async with AsyncClient(
        api_key=KEY, base_url="http://fake", max_retries=0,
        http_client=httpx.AsyncClient(transport=fake.transport()),
    ) as client:
        fake.clear_requests()
        pager = client.models.list(limit=2, **NEW)
        async for page in pager.pages():
            break
        seen["async_list_query"] = sent_query(fake.requests[-1])
        await client.models.get("claude-sonnet-4-5", anthropic_trace_id="trace-3")
        seen["async_get_trace"] = fake.requests[-1].headers.get("anthropic-trace-id")
        seen["async_limit_600"] = refused(lambda: client.models.list(limit=600))
        seen["async_order_bad"] = refused(lambda: client.models.list(order="x"))
        fake.inject(Fault.error(409))
        try:
            await client.models.get("claude-sonnet-4-5")
        except errors.APIStatusError as exc:
            seen["async_409"] = type(exc).__name__


asyncio.run(run_async())

# The fake, over raw HTTP: what it takes and what it refuses.
http = httpx.Client(transport=fake.transport(), base_url="http://fake",
                    headers={"x-api-key": KEY, "anthropic-version": "2023-06-01"})
def status(params, headers=None):
    return http.get("/v1/models", params=params, headers=headers or {}).status_code
seen["fake"] = {
    "new_params": status({"min_context": 100000, "order": "newest",
                          "family[]": ["a", "b"]}, {"anthropic-trace-id": "t"}),
    "min_context_low": status({"min_context": 5}),
    "order_bad": status({"order": "random"}),
    "family_3": status({"family[]": ["a", "b", "c"]}),
    "trace_long": status({}, {"anthropic-trace-id": "t" * 65}),
    "limit_600": status({"limit": 600}),
    "limit_500": status({"limit": 500}),
    "sunset": status({"lifecycle[]": ["sunset"]}),
    "unknown": status({"nope": 1}),
    "tier_bad": status({"tier[]": "gold"}),
    "size_bad": status({"size[]": "10"}),
    "previews_bad": status({"include_previews": "maybe"}),
}

# The command line, against the fake over HTTP.
with fake.serve() as server:
    env = dict(os.environ, ANTHROPIC_API_KEY=KEY, ANTHROPIC_BASE_URL=server.base_url)
    def cli(*args):
        done = subprocess.run([sys.executable, "-m", "anthropic_models", *args],
                              env=env, capture_output=True, text=True, timeout=60)
        return done.returncode, done.stderr
    fake.clear_requests()
    code, _ = cli("list", "--max", "1", "--min-context", "100000", "--order",
                  "oldest", "--family", "opus,sonnet", "--anthropic-trace-id", "t1")
    seen["cli_list"] = [code, sent_query(fake.requests[-1]),
                        fake.requests[-1].headers.get("anthropic-trace-id")]
    seen["cli_limit_600"] = cli("list", "--limit", "600")
    seen["cli_order_bad"] = cli("list", "--order", "random")
    seen["cli_family_3"] = cli("list", "--family", "a,b,c")
    fake.clear_requests()
    code, _ = cli("list", "--max", "1", "--tier", "standard", "--size", "2,5",
                  "--include-previews", "true")
    seen["cli_new_kinds"] = [code, sorted(
        (name, value) for name, value in fake.requests[-1].query
        if name in ("tier[]", "size[]", "include_previews"))]
    seen["cli_size_bad"] = cli("list", "--size", "x")
    seen["cli_previews_bad"] = cli("list", "--include-previews", "maybe")
    help_text = subprocess.run([sys.executable, "-m", "anthropic_models", "list",
                                "--help"], env=env, capture_output=True, text=True,
                               timeout=60).stdout
    seen["cli_help"] = "Only models whose context window is at least this." in " ".join(
        help_text.split())
print(json.dumps(seen))
"""


def _digests(root: Path) -> dict[str, str]:
    """Every handwritten file of the copy (what CHECK_INPUTS brought, less what
    `make generate` writes and the spec) by its bytes."""
    found = {}
    for name in CHECK_INPUTS:
        base = root / name
        for path in [base] if base.is_file() else sorted(base.rglob("*")):
            relative = path.relative_to(root).as_posix()
            if (
                not path.is_file()
                or "__pycache__" in relative
                or relative == "openapi.yaml"
                or any(relative.startswith(g) for g in GENERATED)
            ):
                continue
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def drilled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = copy_repo(tmp_path_factory.mktemp("drill") / "repo")
    before = _digests(root)
    spec_path = root / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    for edit in EDITS:
        edit(spec)
    spec_path.write_text(
        yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    generated = run_script(root, "scripts/generate.sh", timeout=300)
    assert generated.returncode == 0, generated.stdout
    assert _digests(root) == before, "a handwritten file changed"
    probe = root / "drill_probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("ANTHROPIC_API_KEY", None)
    done = subprocess.run(
        [sys.executable, str(probe)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout)
    assert seen["package"].startswith(str(root)), seen["package"]
    return root, seen


def test_new_query_parameters_and_header_reach_the_sync_client(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    assert {"min_context", "order", "family[]"} <= set(seen["sync_list_query"])
    assert seen["sync_trace_header"] == "trace-1"
    assert seen["sync_get_trace"] == "trace-2"
    assert seen["sync_list_ok"] == 2
    assert "min_context must be from 1000 to 2000000" in seen["sync_min_context_low"]
    assert "order must be one of 'newest', 'oldest'" in seen["sync_order_bad"]
    assert "family takes 1 to 2 items, got 3" in seen["sync_family_3"]
    assert "anthropic_trace_id must be at most 64" in seen["sync_trace_long"]
    # A closed enum array, an integer array, a boolean: sent as their values.
    assert seen["sync_new_values"] == [
        ["include_previews", "true"],
        ["size[]", "3"],
        ["size[]", "4"],
        ["tier[]", "priority"],
    ]
    assert "tier[0] must be one of 'standard', 'priority'" in seen["sync_tier_bad"]
    assert "size[0] must be from 1 to 9" in seen["sync_size_bad"]
    assert "include_previews must be True or False" in seen["sync_previews_bad"]


def test_the_changed_bound_and_the_new_stage_reach_the_sync_client(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    assert "limit must be from 1 to 500, got 600" in seen["sync_limit_600"]
    assert seen["sync_limit_500"] is None
    assert seen["sync_sunset"] is None


def test_every_edit_reaches_the_async_client(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    assert {"min_context", "order", "family[]"} <= set(seen["async_list_query"])
    assert seen["async_get_trace"] == "trace-3"
    assert "limit must be from 1 to 500" in seen["async_limit_600"]
    assert "order must be one of" in seen["async_order_bad"]


def test_a_newly_documented_status_raises_its_own_exception(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    assert seen["sync_409"] == seen["async_409"] == "ConflictError"


def test_a_new_nested_property_is_parsed_into_its_attribute(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    assert seen["nested_since"] == "2024-10-01"


def test_the_fake_validates_the_edited_parameters(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    assert seen["fake"] == {
        "new_params": 200,
        "min_context_low": 400,
        "order_bad": 400,
        "family_3": 400,
        "trace_long": 400,
        "limit_600": 400,
        "limit_500": 200,
        "sunset": 200,
        "unknown": 400,
        "tier_bad": 400,
        "size_bad": 400,
        "previews_bad": 400,
    }


def test_the_command_line_gets_a_flag_per_new_parameter(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    _, seen = drilled
    code, query, trace = seen["cli_list"]
    assert code == 0
    assert {"min_context", "order", "family[]"} <= set(query)
    assert trace == "t1"
    assert seen["cli_help"] is True
    for name in ("cli_limit_600", "cli_order_bad", "cli_family_3"):
        code, stderr = seen[name]
        assert code == 2, (name, stderr)
    assert "limit must be from 1 to 500" in seen["cli_limit_600"][1]
    code, values = seen["cli_new_kinds"]
    assert code == 0
    assert values == [
        ["include_previews", "true"],
        ["size[]", "2"],
        ["size[]", "5"],
        ["tier[]", "standard"],
    ]
    for name in ("cli_size_bad", "cli_previews_bad"):
        code, stderr = seen[name]
        assert code == 2, (name, stderr)
        assert "Traceback" not in stderr


def test_make_check_and_mypy_pass_on_the_edited_copy(
    drilled: tuple[Path, dict[str, Any]],
) -> None:
    root, _ = drilled
    checked = run_script(root, "scripts/check.sh", timeout=300)
    assert checked.returncode == 0, checked.stdout
    typed = subprocess.run(
        [
            str(root / ".venv" / "bin" / "mypy"),
            "--strict",
            "--no-incremental",
            "anthropic_models",
            "generated_client",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout
