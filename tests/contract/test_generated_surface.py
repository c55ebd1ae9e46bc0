"""The generated API surface (endpoint functions, models, enums) matches openapi.yaml,
and the checks that prove it notice when the spec changes without regeneration."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from generated_client.models import AnthropicBeta, ErrorType

from .spec_contract import (
    JSON,
    check_enums,
    check_generated_code,
    check_models,
    check_operations,
    iter_operations,
    load_spec,
)

# The 19 beta names of the reference page (shared/reference/models-api.md, the Go
# SDK's Models page), copied here so the test does not depend on that folder.
REFERENCE_BETA_NAMES = (
    "message-batches-2024-09-24",
    "prompt-caching-2024-07-31",
    "computer-use-2024-10-22",
    "computer-use-2025-01-24",
    "pdfs-2024-09-25",
    "token-counting-2024-11-01",
    "token-efficient-tools-2025-02-19",
    "output-128k-2025-02-19",
    "files-api-2025-04-14",
    "mcp-client-2025-04-04",
    "mcp-client-2025-11-20",
    "dev-full-thinking-2025-05-14",
    "interleaved-thinking-2025-05-14",
    "code-execution-2025-05-22",
    "extended-cache-ttl-2025-04-11",
    "context-1m-2025-08-07",
    "context-management-2025-06-27",
    "model-context-window-exceeded-2025-08-26",
    "skills-2025-10-02",
)

# The 41 newer names the official SDKs list (shared/reference/api-facts.md, "Beta
# names"), in their order, copied here for the same reason.
NEWER_BETA_NAMES = (
    "fast-mode-2026-02-01",
    "output-300k-2026-03-24",
    "user-profiles-2026-03-24",
    "user-profiles-2026-08-18",
    "user-profiles-2026-09-04",
    "advisor-tool-2026-03-01",
    "managed-agents-2026-04-01",
    "cache-diagnosis-2026-04-07",
    "dreaming-2026-04-21",
    "thinking-token-count-2026-05-13",
    "server-side-fallback-2026-06-01",
    "server-side-fallback-2026-07-01",
    "fallback-credit-2026-06-01",
    "fallback-credit-2026-07-01",
    "agent-memory-2026-07-22",
    "mid-conversation-tool-changes-2026-07-01",
    "compact-2026-01-12",
    "computer-use-2025-11-24",
    "mcp-tunnels-2026-06-22",
    "structured-outputs-2025-11-13",
    "task-budgets-2026-03-13",
    "thinking-display-updates-2026-08-18",
    "mid-conversation-output-config-2026-07-01",
    "thinking-binding-controls-2026-08-01",
    "mid-conversation-system-clear-at-2026-08-21",
    "compact-2026-09-04",
    "inline-tools-2026-09-15",
    "mcp-client-2026-09-15",
    "ce-plugins-2026-09-01",
    "spend-limit-reads-2026-09-26",
    "telemetry-destinations-2026-08-11",
    "webhooks-2026-10-07",
    "admin-user-sign-out-2026-10-08",
    "message-threads-2026-08-12",
    "analytics-usage-cost-2026-08-24",
    "experimental-claude-tag-2026-10-21",
    "ce-user-management-2026-07-13",
    "ce-claude-code-managed-settings-2026-10-06",
    "efs-2026-10-01",
    "google-managed-data-controls-2026-09-01",
    "user-profiles-billing-2026-10-01",
)

# Deprecated but still accepted (and one no longer needed): each must say so in
# the spec's description of AnthropicBeta.
DEPRECATED_BETA_NAMES = (
    "message-batches-2024-09-24",
    "prompt-caching-2024-07-31",
    "pdfs-2024-09-25",
    "token-counting-2024-11-01",
    "token-efficient-tools-2025-02-19",
    "extended-cache-ttl-2025-04-11",
    "cache-diagnosis-2026-04-07",
    "ce-user-management-2026-07-13",
)

# The error types of shared/reference/api-facts.md's status table.
REFERENCE_ERROR_TYPES = (
    "invalid_request_error",
    "authentication_error",
    "billing_error",
    "permission_error",
    "not_found_error",
    "request_too_large",
    "rate_limit_error",
    "api_error",
    "timeout_error",
    "overloaded_error",
    # The newer types (api-facts.md, "Today's API", Errors).
    "conflict_error",
    "memory_precondition_failed_error",
    "memory_path_conflict_error",
)


def test_every_operation_has_generated_functions_taking_exactly_its_parameters() -> (
    None
):
    spec = load_spec()
    # The plain view's two operations and the beta view's (`?beta=true`).
    assert {op.operation_id for op in iter_operations(spec)} == {
        "list_models",
        "get_model",
        "beta_list_models",
        "beta_get_model",
    }
    assert check_operations(spec) == []


def test_every_schema_property_is_a_field_of_the_right_type_and_requiredness() -> None:
    assert check_models(load_spec()) == []


def test_generated_enums_hold_exactly_the_values_of_the_spec() -> None:
    assert check_enums(load_spec()) == []


def test_anthropic_beta_holds_the_reference_page_names_and_the_newer_ones() -> None:
    assert len(REFERENCE_BETA_NAMES) == len(set(REFERENCE_BETA_NAMES)) == 19
    assert len(NEWER_BETA_NAMES) == len(set(NEWER_BETA_NAMES)) == 41
    # The generator sorts enum members by name: the order is the spec's (below).
    assert sorted(member.value for member in AnthropicBeta) == sorted(
        REFERENCE_BETA_NAMES + NEWER_BETA_NAMES
    )


def test_spec_lists_the_reference_page_beta_names_then_the_newer_ones() -> None:
    enum_branch = load_spec()["components"]["schemas"]["AnthropicBeta"]["anyOf"][0]
    assert enum_branch["enum"] == [*REFERENCE_BETA_NAMES, *NEWER_BETA_NAMES]


def test_spec_marks_the_deprecated_beta_names() -> None:
    description = load_spec()["components"]["schemas"]["AnthropicBeta"]["description"]
    for name in DEPRECATED_BETA_NAMES:
        assert name in description, name
    for name in set(REFERENCE_BETA_NAMES + NEWER_BETA_NAMES) - set(
        DEPRECATED_BETA_NAMES
    ):
        assert name not in description, name


def test_error_type_holds_exactly_the_documented_error_types() -> None:
    assert sorted(member.value for member in ErrorType) == sorted(REFERENCE_ERROR_TYPES)


def test_open_enums_accept_a_name_the_spec_does_not_list() -> None:
    # `anyOf: [enum, string]` is open: the second branch takes any string.
    schemas = load_spec()["components"]["schemas"]
    for name in ("AnthropicBeta", "ErrorType", "ModelInfoLifecycle", "ModelLine"):
        branches = schemas[name]["anyOf"]
        assert branches[1] == {"type": "string"}, name
        assert "enum" in branches[0], name


# ------------------------------------------------------------------ mutations
#
# Each mutation changes the spec the way a real edit would, without regenerating.
# The checkers must report it, naming what changed.

Mutation = Callable[[dict[str, JSON]], None]


def _schemas(spec: dict[str, JSON]) -> dict[str, JSON]:
    schemas: dict[str, JSON] = spec["components"]["schemas"]
    return schemas


def limit_default_50(spec: dict[str, JSON]) -> None:
    spec["components"]["parameters"]["Limit"]["schema"]["default"] = 50


def new_query_parameter(spec: dict[str, JSON]) -> None:
    spec["paths"]["/v1/models"]["get"]["parameters"].append(
        {"name": "order_by", "in": "query", "schema": {"type": "string"}}
    )


def renamed_query_parameter(spec: dict[str, JSON]) -> None:
    spec["components"]["parameters"]["AfterId"]["name"] = "starting_after"


def optional_parameter_made_required(spec: dict[str, JSON]) -> None:
    spec["components"]["parameters"]["BeforeId"]["required"] = True


def new_required_property(spec: dict[str, JSON]) -> None:
    model_info = _schemas(spec)["ModelInfo"]
    model_info["properties"]["max_input_tokens"] = {"type": "integer"}
    model_info["required"].append("max_input_tokens")


def property_type_changed(spec: dict[str, JSON]) -> None:
    _schemas(spec)["ModelInfo"]["properties"]["display_name"] = {"type": "integer"}


def property_made_optional(spec: dict[str, JSON]) -> None:
    _schemas(spec)["ListModelsResponse"]["required"].remove("has_more")


def property_no_longer_nullable(spec: dict[str, JSON]) -> None:
    _schemas(spec)["ListModelsResponse"]["properties"]["first_id"]["type"] = "string"


def beta_name_added(spec: dict[str, JSON]) -> None:
    _schemas(spec)["AnthropicBeta"]["anyOf"][0]["enum"].append("brand-new-2099-01-01")


def error_type_removed(spec: dict[str, JSON]) -> None:
    _schemas(spec)["ErrorType"]["anyOf"][0]["enum"].remove("billing_error")


def new_operation(spec: dict[str, JSON]) -> None:
    operation = copy.deepcopy(spec["paths"]["/v1/models/{model_id}"]["get"])
    operation["operationId"] = "get_model_capabilities"
    spec["paths"]["/v1/models/{model_id}/capabilities"] = {"get": operation}


def path_changed(spec: dict[str, JSON]) -> None:
    spec["paths"]["/v1/model-list"] = spec["paths"].pop("/v1/models")


def operation_removed(spec: dict[str, JSON]) -> None:
    del spec["paths"]["/v1/models/{model_id}"]


def version_default_changed(spec: dict[str, JSON]) -> None:
    header = spec["components"]["parameters"]["AnthropicVersionHeader"]
    header["schema"]["default"] = "2099-01-01"


def capability_leaf_made_required(spec: dict[str, JSON]) -> None:
    _schemas(spec)["ThinkingTypes"]["required"] = ["enabled"]


def capabilities_no_longer_nullable(spec: dict[str, JSON]) -> None:
    properties = _schemas(spec)["ModelInfo"]["properties"]
    properties["capabilities"] = {"$ref": "#/components/schemas/ModelCapabilities"}


def lifecycle_stage_added(spec: dict[str, JSON]) -> None:
    _schemas(spec)["ModelInfoLifecycle"]["anyOf"][0]["enum"].append("sunset")


def lifecycle_filter_without_brackets(spec: dict[str, JSON]) -> None:
    spec["components"]["parameters"]["Lifecycle"]["name"] = "lifecycle"


def lifecycle_filter_comma_separated(spec: dict[str, JSON]) -> None:
    spec["components"]["parameters"]["Lifecycle"]["explode"] = False


def workspace_header_renamed(spec: dict[str, JSON]) -> None:
    header = spec["components"]["parameters"]["AnthropicWorkspaceIdHeader"]
    header["name"] = "anthropic-workspace"


MUTATIONS = [
    pytest.param(limit_default_50, ["limit", "default is 20, spec default is 50"]),
    pytest.param(new_query_parameter, ["order_by"]),
    pytest.param(renamed_query_parameter, ["starting_after", "'after_id'"]),
    pytest.param(optional_parameter_made_required, ["before_id"]),
    pytest.param(new_required_property, ["ModelInfo.max_input_tokens"]),
    pytest.param(property_type_changed, ["ModelInfo.display_name"]),
    pytest.param(property_made_optional, ["ListModelsResponse.has_more"]),
    pytest.param(property_no_longer_nullable, ["ListModelsResponse.first_id"]),
    pytest.param(beta_name_added, ["AnthropicBeta", "brand-new-2099-01-01"]),
    pytest.param(error_type_removed, ["ErrorType", "billing_error"]),
    pytest.param(new_operation, ["get_model_capabilities"]),
    pytest.param(path_changed, ["/v1/model-list"]),
    pytest.param(operation_removed, ["generated_client.api.models.get_model"]),
    pytest.param(version_default_changed, ["anthropic-version", "2099-01-01"]),
    pytest.param(capability_leaf_made_required, ["ThinkingTypes.enabled"]),
    pytest.param(capabilities_no_longer_nullable, ["ModelInfo.capabilities"]),
    pytest.param(lifecycle_stage_added, ["ModelInfoLifecycle", "sunset"]),
    pytest.param(lifecycle_filter_without_brackets, ["'lifecycle'"]),
    pytest.param(lifecycle_filter_comma_separated, ["'active,retired'"]),
    pytest.param(workspace_header_renamed, ["anthropic-workspace"]),
]


@pytest.mark.parametrize(("mutate", "named"), MUTATIONS)
def test_checkers_report_a_spec_change_the_generated_code_does_not_follow(
    mutate: Mutation, named: list[str]
) -> None:
    spec = load_spec()
    mutate(spec)
    assert spec != load_spec(), "the mutation changed nothing"
    mismatches = check_generated_code(spec)
    assert mismatches, f"{mutate.__name__} went unnoticed"
    for text in named:
        assert any(text in mismatch for mismatch in mismatches), (
            f"no mismatch names {text!r}:\n" + "\n".join(mismatches)
        )


def test_checkers_report_nothing_for_the_real_spec() -> None:
    assert check_generated_code(load_spec()) == []
