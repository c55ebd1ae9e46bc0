"""The public-API report and the breaking-change gate of `make check`
(scripts/check_api.sh, scripts/api_surface.py), each shown to pass or fail on a
changed copy of the repository: the working tree is never touched."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..repo_copy import SpecEdit, copy_repo, edit_spec, load_script, run_script

api_surface = load_script("api_surface")

# The last release (the baseline's version) and pyproject.toml's version: equal
# right after a release, so a test that raises the version takes the next minor.
RELEASED = str(api_surface.load_baseline()[0])
VERSION = api_surface.project_version()
NEXT_MINOR = f"{VERSION.major}.{VERSION.minor + 1}.0"


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def generate_and_check(root: Path) -> subprocess.CompletedProcess[str]:
    generated = run_script(root, "scripts/generate.sh")
    assert generated.returncode == 0, generated.stdout
    return run_script(root, "scripts/check.sh")


def report_of_a_compatible_change(root: Path, change: SpecEdit) -> str:
    """Apply ``change`` to the spec, regenerate, prove that `make check` passes
    with no breaking change; the regenerated public-API report."""
    edit_spec(root, change)
    result = generate_and_check(root)
    assert result.returncode == 0, result.stdout
    assert f"no breaking change to the public API since {RELEASED}" in result.stdout
    return (root / "api" / "public-api.txt").read_text(encoding="utf-8")


def gate_failure(root: Path, change: SpecEdit) -> str:
    """Apply ``change`` to the spec, regenerate, prove that `make check` fails
    on a breaking change since the last release; its output."""
    edit_spec(root, change)
    result = generate_and_check(root)
    assert result.returncode != 0, result.stdout
    assert f"since the last release, {RELEASED}" in result.stdout
    return result.stdout


def raise_minor(root: Path) -> None:
    edit(root / "pyproject.toml", f'version = "{VERSION}"', f'version = "{NEXT_MINOR}"')


def schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"][name]
    return found


def remove_display_name(spec: dict[str, Any]) -> None:
    model_info = schema(spec, "ModelInfo")
    del model_info["properties"]["display_name"]
    model_info["required"].remove("display_name")


KNOWLEDGE_CUTOFF = {
    "type": "string",
    "description": "The month the model's training data ends.",
}


def append_knowledge_cutoff(spec: dict[str, Any]) -> None:
    """A new optional property after ModelInfo's others, where the README says
    to add one."""
    schema(spec, "ModelInfo")["properties"]["knowledge_cutoff"] = KNOWLEDGE_CUTOFF


def insert_knowledge_cutoff_after_display_name(spec: dict[str, Any]) -> None:
    model_info = schema(spec, "ModelInfo")
    properties: dict[str, Any] = {}
    for name, value in model_info["properties"].items():
        properties[name] = value
        if name == "display_name":
            properties["knowledge_cutoff"] = KNOWLEDGE_CUTOFF
    model_info["properties"] = properties


def first_id_no_longer_nullable(spec: dict[str, Any]) -> None:
    schema(spec, "ListModelsResponse")["properties"]["first_id"]["type"] = "string"


def display_name_nullable_and_has_more_optional(spec: dict[str, Any]) -> None:
    """Two response fields a reader now finds empty: one may be null, the other
    may be missing (UNSET)."""
    schema(spec, "ModelInfo")["properties"]["display_name"]["type"] = [
        "string",
        "null",
    ]
    schema(spec, "ListModelsResponse")["required"].remove("has_more")


def after_id_nullable(spec: dict[str, Any]) -> None:
    """A parameter that now also takes null: a caller passes what it did."""
    spec["components"]["parameters"]["AfterId"]["schema"]["type"] = ["string", "null"]


def get_model_documents_a_404_of_its_own(spec: dict[str, Any]) -> None:
    """get_model's 404 gets a body schema of its own, so the generated functions
    return one more type than they did."""
    schemas = spec["components"]["schemas"]
    schemas["ModelNotFound"] = {
        "type": "object",
        "description": "The body of get_model's 404.",
        "required": ["type", "suggestion"],
        "properties": {
            "type": {"type": "string"},
            "suggestion": {"type": "string"},
        },
    }
    responses = spec["paths"]["/v1/models/{model_id}"]["get"]["responses"]
    responses["404"] = {
        "description": "No model has this ID or alias.",
        "x-runtime": {"exception": "NotFoundError"},
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/ModelNotFound"}
            }
        },
    }


def test_removing_a_model_info_property_fails_the_gate_and_names_it(
    repo_copy: Path,
) -> None:
    output = gate_failure(repo_copy, remove_display_name)
    assert "ModelInfo.display_name: attribute removed" in output
    # Constructing a ModelInfo with display_name= breaks too.
    assert "ModelInfo.__init__(display_name): parameter was removed" in output
    # The report itself is current: it is the gate that fails.
    assert "api/public-api.txt differs" not in output

    changes = run_script(repo_copy, "scripts/api_surface.py", "changes")
    assert changes.returncode == 0, changes.stdout
    removed = changes.stdout.partition("### Removed")[2]
    assert "ModelInfo.display_name: str" in removed


def test_the_same_removal_passes_with_the_minor_version_raised(
    repo_copy: Path,
) -> None:
    edit_spec(repo_copy, remove_display_name)
    raise_minor(repo_copy)
    result = generate_and_check(repo_copy)
    assert result.returncode == 0, result.stdout
    assert f"the version, {NEXT_MINOR}, was raised past the baseline's" in result.stdout
    assert "ModelInfo.display_name: attribute removed" in result.stdout


def test_the_release_step_moves_the_baseline_to_the_new_version(
    repo_copy: Path,
) -> None:
    edit_spec(repo_copy, remove_display_name)
    raise_minor(repo_copy)
    assert run_script(repo_copy, "scripts/generate.sh").returncode == 0
    moved = run_script(repo_copy, "scripts/api_surface.py", "baseline")
    assert moved.returncode == 0, moved.stdout
    assert f"the public API of {NEXT_MINOR} is the new baseline" in moved.stdout
    # Against the new baseline the removal is history: no breaking change left,
    # and nothing for the next changelog entry.
    result = run_script(repo_copy, "scripts/check.sh")
    assert result.returncode == 0, result.stdout
    assert f"no breaking change to the public API since {NEXT_MINOR}" in result.stdout
    changes = run_script(repo_copy, "scripts/api_surface.py", "changes")
    assert "No change to the public API." in changes.stdout


def test_an_added_optional_property_passes_after_generate(repo_copy: Path) -> None:
    # Appended after ModelInfo's last property: the generated __init__ takes the
    # optional ones positionally in the spec's order (an insertion before them
    # moves their positions, which the gate reports as breaking, as it is).
    report = report_of_a_compatible_change(repo_copy, append_knowledge_cutoff)
    assert (
        "attribute generated_client.models.model_info.ModelInfo.knowledge_cutoff: "
        "str | Unset = UNSET"
    ) in report


def test_an_optional_property_inserted_before_the_others_fails_the_gate(
    repo_copy: Path,
) -> None:
    # After display_name, before lifecycle: lifecycle and every later optional
    # property move one place in the generated ModelInfo.__init__.
    output = gate_failure(repo_copy, insert_knowledge_cutoff_after_display_name)
    assert "ModelInfo.__init__(lifecycle): positional parameter was moved" in (output)


def test_a_hand_edit_of_the_report_fails_the_check(repo_copy: Path) -> None:
    report = repo_copy / "api" / "public-api.txt"
    edit(
        report,
        "attribute generated_client.models.model_info.ModelInfo.display_name: str\n",
        "",
    )
    result = run_script(repo_copy, "scripts/check.sh")
    assert result.returncode != 0, result.stdout
    assert "api/public-api.txt differs from the public API of the code" in result.stdout
    assert (
        "+attribute generated_client.models.model_info.ModelInfo.display_name: str"
        in (result.stdout)
    )


def test_a_public_change_of_the_runtime_without_generate_fails_the_check(
    repo_copy: Path,
) -> None:
    edit(
        repo_copy / "anthropic_models" / "_client.py",
        "    def close(self) -> None:",
        "    def shut(self) -> None:",
    )
    result = run_script(repo_copy, "scripts/check.sh")
    assert result.returncode != 0, result.stdout
    assert "-def anthropic_models.Client.close(self) -> None" in result.stdout


@pytest.mark.parametrize(
    ("version", "baseline", "raised"),
    [
        ("0.2.0", "0.1.0", True),
        ("0.1.1", "0.1.0", False),
        ("0.1.0", "0.1.0", False),
        ("1.0.0", "0.1.0", True),
        ("1.5.0", "1.0.0", False),
        ("2.0.0", "1.4.2", True),
        ("0.0.9", "0.1.0", False),
    ],
)
def test_semver_rule_for_a_breaking_change(
    version: str, baseline: str, raised: bool
) -> None:
    from packaging.version import Version

    assert api_surface.raised_past(Version(version), Version(baseline)) is raised


@pytest.mark.parametrize(
    ("old", "new", "compatible"),
    [
        ("str", "str", True),
        ("str", "str | None", True),  # a widened union still accepts a str
        ("str | None", "str", False),  # narrowed: None is no longer accepted
        ("Optional[str]", "None | str", True),
        ("Union[Unset, str]", "str | Unset", True),
        ("Union[Unset, str]", "str", False),
        ("str", "int", False),
        ("int", "Any", True),
        ("list[str]", "list[int]", False),
        ("Literal['model']", "Literal['model', 'alias']", True),
        ("Literal['model', 'alias']", "Literal['model']", False),
        ("ErrorType | str", "str | ErrorType | None", True),
    ],
)
def test_type_rule_a_new_annotation_must_accept_the_old_one(
    old: str, new: str, compatible: bool
) -> None:
    assert api_surface.accepts(new, old) is compatible


# FakeModelsAPI(ModelsAPICore), ModelsAPICore(Responder): what the new code says.
INHERITED = {"FakeModelsAPI": frozenset({"ModelsAPICore", "Responder"})}


@pytest.mark.parametrize(
    ("old", "new", "compatible"),
    [
        ("FakeModelsAPI", "Responder", True),  # widened to a protocol it declares
        ("FakeModelsAPI | None", "_wire.Responder | None", True),
        ("FakeModelsAPI | None", "Responder", False),  # None no longer accepted
        ("Responder", "FakeModelsAPI", False),  # narrowed to one implementation
        ("FakeModelsAPI", "Outcome", False),
    ],
)
def test_type_rule_a_class_may_give_way_to_one_it_inherits_from(
    old: str, new: str, compatible: bool
) -> None:
    assert api_surface.accepts(new, old, INHERITED) is compatible


# Where an annotation sits (Symbol.annotations' keys): "" an attribute, "->" a
# return value, "(name)" a parameter.
@pytest.mark.parametrize(
    ("where", "old", "new", "breakage"),
    [
        # Read: may narrow, not widen.
        ("", "str", "str", None),
        ("", "str", "str | None", "read type widened from str to str | None"),
        ("", "str", "str | Unset", "read type widened from str to str | Unset"),
        ("", "Optional[str]", "None | str", None),  # the same type, spelled anew
        ("", "Union[Unset, str]", "str | Unset", None),
        ("", "str | None", "str", None),
        ("", "str", "int", "read type changed from str to int"),
        ("", "str", "Any", "read type widened from str to Any"),
        ("", "Any", "str", None),
        (
            "->",
            "ModelInfo",
            "ModelInfo | None",
            ("return type widened from ModelInfo to ModelInfo | None"),
        ),
        ("->", "Literal['a', 'b']", "Literal['a']", None),
        (
            "->",
            "Literal['a']",
            "Literal['a', 'b']",
            ("return type widened from Literal['a'] to Literal['a', 'b']"),
        ),
        # Passed: may widen, not narrow.
        ("(x)", "str", "str | None", None),
        ("(x)", "str | None", "str", "parameter type narrowed from str | None to str"),
        ("(x)", "str", "int", "parameter type changed from str to int"),
        ("(x)", "int", "Any", None),
    ],
)
def test_type_rule_reads_variance(
    where: str, old: str, new: str, breakage: str | None
) -> None:
    assert api_surface.type_breakage(where, old, new) == breakage


@pytest.mark.parametrize(
    ("where", "old", "new", "compatible"),
    [
        ("(fake)", "FakeModelsAPI", "Responder", True),  # takes more
        ("(fake)", "Responder", "FakeModelsAPI", False),
        ("->", "Responder", "FakeModelsAPI", True),  # gives a narrower class
        ("->", "FakeModelsAPI", "Responder", False),
        ("", "Responder | None", "FakeModelsAPI", True),
    ],
)
def test_type_rule_inheritance_applies_both_ways(
    where: str, old: str, new: str, compatible: bool
) -> None:
    breakage = api_surface.type_breakage(where, old, new, INHERITED)
    assert (breakage is None) is compatible, breakage


def gate_of_module(tmp_path: Path, old: str, new: str) -> list[str]:
    """The gate's findings between two versions of a one-module package `pkg`,
    loaded by griffe as the gate loads the packages (attrs models included)."""
    import griffe

    modules = []
    for version, source in (("old", old), ("new", new)):
        folder = tmp_path / version / "pkg"
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text(source, encoding="utf-8")
        module = griffe.load(
            "pkg",
            search_paths=[tmp_path / version],
            extensions=griffe.load_extensions(api_surface.AttrsInit),
            allow_inspection=False,
        )
        assert isinstance(module, griffe.Module)
        modules.append({"pkg": module})
    found: list[str] = api_surface.breaking_changes(*modules)
    return found


MODULE = """\
from attrs import define


@define
class Model:
    name: {field}


def get(model_id: {parameter}) -> {returns}:
    raise NotImplementedError
"""


@pytest.mark.parametrize(
    ("slot", "old", "new", "found"),
    [
        ("parameter", "str", "str", []),
        ("parameter", "str", "str | None", []),
        (
            "parameter",
            "str | None",
            "str",
            ["pkg.get(model_id): parameter type narrowed from str | None to str"],
        ),
        ("returns", "str | None", "str", []),
        (
            "returns",
            "str",
            "str | None",
            ["pkg.get: return type widened from str to str | None"],
        ),
        (
            "field",
            "str",
            "str | None",
            ["pkg.Model.name: read type widened from str to str | None"],
        ),
        (
            "field",
            "str | None",
            "str",
            [
                "pkg.Model.__init__(name): parameter type narrowed from "
                "str | None to str"
            ],
        ),
        (
            "field",
            "str",
            "int",
            [
                "pkg.Model.__init__(name): parameter type changed from str to int",
                "pkg.Model.name: read type changed from str to int",
            ],
        ),
    ],
)
def test_the_gate_reads_each_annotation_by_its_variance(
    tmp_path: Path, slot: str, old: str, new: str, found: list[str]
) -> None:
    unchanged = {"field": "bytes", "parameter": "bytes", "returns": "bytes"}
    before = MODULE.format(**{**unchanged, slot: old})
    after = MODULE.format(**{**unchanged, slot: new})
    assert gate_of_module(tmp_path, before, after) == found


def test_inherited_names_follow_the_bases_of_the_current_code() -> None:
    inherited = api_surface.inherited_names(api_surface.load_current())
    assert {"ModelsAPICore", "Responder"} <= inherited["FakeModelsAPI"]
    assert "Responder" not in inherited["FakeServer"]


def test_a_narrowed_field_fails_the_gate_as_a_narrowed_init_parameter(
    repo_copy: Path,
) -> None:
    # first_id: None | str becomes str. Its readers are fine (they get a str, which
    # they handled), but code that builds a ListModelsResponse with None breaks.
    output = gate_failure(repo_copy, first_id_no_longer_nullable)
    assert (
        "ListModelsResponse.__init__(first_id): parameter type narrowed from "
        "None | str to str"
    ) in output
    assert "ListModelsResponse.first_id:" not in output


def test_a_response_field_that_may_now_be_empty_fails_the_gate_and_names_it(
    repo_copy: Path,
) -> None:
    # Every reader of model.display_name or page.has_more may now get None or
    # UNSET (the project's own cli.py then fails mypy). A caller who builds a
    # ModelInfo still passes what it did: the __init__ parameters widened.
    output = gate_failure(repo_copy, display_name_nullable_and_has_more_optional)
    assert (
        "generated_client.models.model_info.ModelInfo.display_name: "
        "read type widened from str to None | str"
    ) in output
    assert (
        "generated_client.models.list_models_response.ListModelsResponse.has_more: "
        "read type widened from bool to bool | Unset"
    ) in output
    assert "__init__(display_name)" not in output
    assert "__init__(has_more)" not in output


def test_the_same_widening_passes_with_the_minor_version_raised(
    repo_copy: Path,
) -> None:
    edit_spec(repo_copy, display_name_nullable_and_has_more_optional)
    raise_minor(repo_copy)
    result = generate_and_check(repo_copy)
    assert result.returncode == 0, result.stdout
    assert f"the version, {NEXT_MINOR}, was raised past the baseline's" in result.stdout
    assert (
        "ModelInfo.display_name: read type widened from str to None | str"
        in result.stdout
    )


def test_a_widened_return_type_fails_the_gate(repo_copy: Path) -> None:
    output = gate_failure(repo_copy, get_model_documents_a_404_of_its_own)
    for function in ("sync", "asyncio"):
        assert (
            f"generated_client.api.models.get_model.{function}: return type "
            "widened from ErrorResponse | ModelInfo | None to "
            "ErrorResponse | ModelInfo | ModelNotFound | None"
        ) in output, function


def test_a_widened_parameter_type_passes_the_gate(repo_copy: Path) -> None:
    # after_id: str | Unset becomes None | str | Unset: every call still works.
    report = report_of_a_compatible_change(repo_copy, after_id_nullable)
    assert (
        "def generated_client.api.models.list_models.sync(*, client: "
        "AuthenticatedClient | Client, after_id: None | str | Unset = UNSET,"
    ) in report


def test_a_removed_or_newly_required_parameter_is_named_under_each_public_name(
    repo_copy: Path,
) -> None:
    client = repo_copy / "anthropic_models" / "_client.py"
    # with_options lives in the private base of Client and AsyncClient.
    edit(
        client,
        "    def with_options(\n        self,\n        *,\n",
        "    def with_options(\n        self,\n        *,\n        retries: int,\n",
    )
    # The resources are generated (_resources.py); the gate reads what is there,
    # so a hand edit of it stands for a spec change here.
    client = repo_copy / "anthropic_models" / "_resources.py"
    text = client.read_text(encoding="utf-8")
    models = text.index("class Models")
    listing = text.index(
        "betas: Iterable[str] | None = None,", text.index("def list", models)
    )
    client.write_text(
        text[:listing] + text[listing + len("betas: Iterable[str] | None = None,") :],
        encoding="utf-8",
    )
    result = run_script(repo_copy, "scripts/api_surface.py", "gate")
    assert result.returncode == 1, result.stdout
    assert (
        "anthropic_models.Client.with_options(retries): parameter was added as required"
    ) in result.stdout
    assert (
        "anthropic_models.AsyncClient.with_options(retries): parameter was added as "
        "required"
    ) in result.stdout
    assert "anthropic_models.Models.list(betas): parameter was removed" in result.stdout
    assert "AsyncModels.list(betas)" not in result.stdout  # its own method, untouched
