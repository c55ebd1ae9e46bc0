"""The tests that change a copy of openapi.yaml do it structurally, with
tests/repo_copy.py's `edit_spec`: a maintainer's edit elsewhere in the spec (a
property appended where the README says to add one, keys in another order,
comments, another indentation) changes nothing of what each of them does; and
a spec written back by `edit_spec` means what openapi.yaml means, to every step
of `make check`."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..repo_copy import (
    REPO_ROOT,
    SpecEdit,
    copy_repo,
    dump_spec,
    edit_spec,
    run_script,
)
from . import test_api_gate, test_drift_check, test_spec_lint

# Every spec edit a test applies to a copy of openapi.yaml (a test below keeps
# this list complete).
SPEC_EDITS: list[SpecEdit] = [
    test_api_gate.remove_display_name,
    test_api_gate.append_knowledge_cutoff,
    test_api_gate.insert_knowledge_cutoff_after_display_name,
    test_api_gate.first_id_no_longer_nullable,
    test_api_gate.display_name_nullable_and_has_more_optional,
    test_api_gate.get_model_documents_a_404_of_its_own,
    test_api_gate.after_id_nullable,
    test_drift_check.describe_model_id_anew,
    test_spec_lint.break_spec,
]

# The maintainer's new property: appended after ModelInfo's others.
MAINTAINERS_PROPERTY = "release_channel"


def reversed_mappings(node: Any, done: dict[int, Any] | None = None) -> Any:
    """``node`` with the keys of every mapping in it in the reverse order. A
    node the document shares (a YAML alias: the beta operations' parameters
    are the plain ones') stays shared, so an edit of it still reaches both."""
    done = {} if done is None else done
    if id(node) in done:
        return done[id(node)]
    result: Any = node
    if isinstance(node, dict):
        result = done[id(node)] = {}
        for key in reversed(node):
            result[key] = reversed_mappings(node[key], done)
    elif isinstance(node, list):
        result = done[id(node)] = []
        result.extend(reversed_mappings(item, done) for item in node)
    return result


def maintainers_spec() -> tuple[str, dict[str, Any]]:
    """openapi.yaml as a maintainer might have left it: a new optional property
    appended to ModelInfo, every mapping in another order, another indentation,
    a comment before each top-level key. Its text and what it means."""
    spec = yaml.safe_load((REPO_ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["components"]["schemas"]["ModelInfo"]["properties"][MAINTAINERS_PROPERTY] = {
        "type": "string",
        "description": "The release channel the model is served on.",
    }
    text = yaml.safe_dump(
        reversed_mappings(spec), sort_keys=False, allow_unicode=True, indent=4
    )
    # A line at column 0 is a top-level key (a continued scalar is indented), so
    # a comment before it comments, never joins a value.
    commented = re.sub(
        r"^(?=\S)", "# A maintainer's note on the next part.\n", text, flags=re.M
    )
    assert commented.count("# A maintainer's note") >= 5
    assert yaml.safe_load(commented) == spec, "the comments changed the meaning"
    return commented, spec


def spec_folder(root: Path, text: str) -> Path:
    root.mkdir(parents=True)
    (root / "openapi.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("change", SPEC_EDITS, ids=lambda change: change.__name__)
def test_each_spec_edit_of_the_tests_survives_a_maintainers_edit_elsewhere(
    tmp_path: Path, change: SpecEdit
) -> None:
    original = (REPO_ROOT / "openapi.yaml").read_text(encoding="utf-8")
    maintained, meant = maintainers_spec()
    assert maintained != original

    on_original = edit_spec(spec_folder(tmp_path / "original", original), change)
    on_maintained = edit_spec(spec_folder(tmp_path / "maintained", maintained), change)

    # The same nodes changed in the same way, and the maintainer's property is
    # still there beside them.
    properties = on_maintained["components"]["schemas"]["ModelInfo"]["properties"]
    assert (
        properties.pop(MAINTAINERS_PROPERTY)
        == (
            meant["components"]["schemas"]["ModelInfo"]["properties"][
                MAINTAINERS_PROPERTY
            ]
        )
    )
    assert on_maintained == on_original
    # And what was written is what was edited.
    written = tmp_path / "original" / "openapi.yaml"
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == on_original


def test_edit_spec_refuses_an_edit_that_changes_nothing(tmp_path: Path) -> None:
    root = spec_folder(tmp_path / "spec", "openapi: 3.1.0\n")
    with pytest.raises(AssertionError, match="changed nothing"):
        edit_spec(root, lambda spec: None)


def test_a_spec_written_back_by_edit_spec_passes_make_check_unchanged(
    tmp_path: Path,
) -> None:
    # openapi.yaml loaded and dumped as edit_spec writes it (no comments, another
    # quoting and folding): it lints clean, generates exactly the committed code
    # and report, and the gate finds nothing. So a test's diff is its edit's alone.
    root = copy_repo(tmp_path / "repo")
    spec_path = root / "openapi.yaml"
    dumped = dump_spec(yaml.safe_load(spec_path.read_text(encoding="utf-8")))
    assert dumped != spec_path.read_text(encoding="utf-8")
    spec_path.write_text(dumped, encoding="utf-8")
    result = run_script(root, "scripts/check.sh")
    assert result.returncode == 0, result.stdout
    assert "openapi.yaml lints clean" in result.stdout
    assert "generated code matches openapi.yaml" in result.stdout
    assert "no breaking change to the public API" in result.stdout


def spec_edits_applied_by_the_tests() -> set[str]:
    """The names of the functions the test modules pass to edit_spec, or to a
    function of theirs that takes a SpecEdit and applies it."""
    trees = [
        ast.parse(path.read_text(encoding="utf-8"))
        for path in (REPO_ROOT / "tests").rglob("*.py")
    ]
    appliers = {"edit_spec"}
    parameters: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for argument in node.args.args:
                    if ast.unparse(argument.annotation or ast.Name("")) == "SpecEdit":
                        appliers.add(node.name)
                        parameters.add(argument.arg)
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in appliers
            ):
                names.update(
                    argument.id
                    for argument in node.args
                    if isinstance(argument, ast.Name)
                )
    # What the appliers pass on, and the copies' roots, are no edits.
    return names - parameters - {"root", "repo_copy"}


def test_every_spec_edit_of_the_tests_is_tried_on_the_maintainers_spec() -> None:
    assert spec_edits_applied_by_the_tests() == {
        change.__name__ for change in SPEC_EDITS
    }


def test_the_maintainers_spec_moves_the_text_the_tests_once_matched() -> None:
    # What the gate's tests matched before they edited the spec structurally
    # (each at the start of a line), and is gone from the maintainer's spec: the
    # text edits would have failed on it, for no fault of their own.
    maintained, _ = maintainers_spec()
    original = (REPO_ROOT / "openapi.yaml").read_text(encoding="utf-8")
    fragments = [
        "\n        display_name: &model_info_display_name\n          type: string\n",
        "\n      required: &model_info_required [id, created_at, display_name, type]\n",
        '\n            - type: "null"\n      # The API adds fields over time',
        '\n        first_id: &page_first_id\n          type: [string, "null"]\n',
    ]
    for fragment in fragments:
        assert fragment in original, fragment
        assert fragment not in maintained, fragment
