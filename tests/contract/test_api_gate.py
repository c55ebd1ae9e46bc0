"""The public-API report and the breaking-change gate of `make check`
(scripts/check_api.sh, scripts/api_surface.py), each shown to pass or fail on a
changed copy of the repository: the working tree is never touched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ..repo_copy import copy_repo, load_script, run_script

DISPLAY_NAME = """\
        display_name:
          type: string
          description: A human-readable name for the model.
"""
REQUIRED = "required: [id, created_at, display_name, type]"


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


def raise_minor(root: Path) -> None:
    edit(root / "pyproject.toml", f'version = "{VERSION}"', f'version = "{NEXT_MINOR}"')


def remove_display_name(root: Path) -> None:
    spec = root / "openapi.yaml"
    edit(spec, DISPLAY_NAME, "")
    edit(spec, REQUIRED, "required: [id, created_at, type]")


def test_removing_a_model_info_property_fails_the_gate_and_names_it(
    repo_copy: Path,
) -> None:
    remove_display_name(repo_copy)
    result = generate_and_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "ModelInfo.display_name: attribute removed" in result.stdout
    # Constructing a ModelInfo with display_name= breaks too.
    assert "ModelInfo.__init__(display_name): parameter was removed" in result.stdout
    assert f"since the last release, {RELEASED}" in result.stdout
    # The report itself is current: it is the gate that fails.
    assert "api/public-api.txt differs" not in result.stdout

    changes = run_script(repo_copy, "scripts/api_surface.py", "changes")
    assert changes.returncode == 0, changes.stdout
    removed = changes.stdout.partition("### Removed")[2]
    assert "ModelInfo.display_name: str" in removed


def test_the_same_removal_passes_with_the_minor_version_raised(
    repo_copy: Path,
) -> None:
    remove_display_name(repo_copy)
    raise_minor(repo_copy)
    result = generate_and_check(repo_copy)
    assert result.returncode == 0, result.stdout
    assert f"the version, {NEXT_MINOR}, was raised past the baseline's" in result.stdout
    assert "ModelInfo.display_name: attribute removed" in result.stdout


def test_the_release_step_moves_the_baseline_to_the_new_version(
    repo_copy: Path,
) -> None:
    remove_display_name(repo_copy)
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


LAST_PROPERTY = """\
            - $ref: "#/components/schemas/ModelCapabilities"
            - type: "null"
      # The API adds fields over time: keep the ones this document does not list.
"""


def test_an_added_optional_property_passes_after_generate(repo_copy: Path) -> None:
    # Appended after ModelInfo's last property: the generated __init__ takes the
    # optional ones positionally in the spec's order (an insertion before them
    # moves their positions, which the gate reports as breaking, as it is).
    edit(
        repo_copy / "openapi.yaml",
        LAST_PROPERTY,
        LAST_PROPERTY.replace(
            "      # The API",
            """\
        knowledge_cutoff:
          type: string
          description: The month the model's training data ends.
      # The API""",
        ),
    )
    result = generate_and_check(repo_copy)
    assert result.returncode == 0, result.stdout
    assert f"no breaking change to the public API since {RELEASED}" in result.stdout
    report = (repo_copy / "api" / "public-api.txt").read_text(encoding="utf-8")
    assert (
        "attribute generated_client.models.model_info.ModelInfo.knowledge_cutoff: "
        "str | Unset = UNSET"
    ) in report


def test_an_optional_property_inserted_before_the_others_fails_the_gate(
    repo_copy: Path,
) -> None:
    # After display_name, before lifecycle: lifecycle and every later optional
    # property move one place in the generated ModelInfo.__init__.
    edit(
        repo_copy / "openapi.yaml",
        DISPLAY_NAME,
        DISPLAY_NAME
        + """\
        knowledge_cutoff:
          type: string
          description: The month the model's training data ends.
""",
    )
    result = generate_and_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert "ModelInfo.__init__(lifecycle): positional parameter was moved" in (
        result.stdout
    )


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


def test_inherited_names_follow_the_bases_of_the_current_code() -> None:
    inherited = api_surface.inherited_names(api_surface.load_current())
    assert {"ModelsAPICore", "Responder"} <= inherited["FakeModelsAPI"]
    assert "Responder" not in inherited["FakeServer"]


def test_a_narrowed_attribute_type_fails_the_gate(repo_copy: Path) -> None:
    # first_id: None | str becomes str: code that sets or compares it to None breaks.
    edit(
        repo_copy / "openapi.yaml",
        """\
        first_id:
          type: [string, "null"]""",
        """\
        first_id:
          type: string""",
    )
    result = generate_and_check(repo_copy)
    assert result.returncode != 0, result.stdout
    assert (
        "ListModelsResponse.first_id: attribute type no longer accepts what it did: "
        "None | str -> str"
    ) in result.stdout


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
