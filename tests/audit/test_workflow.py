"""The audit's CI example: .github/workflows/model-audit.yml lints clean with
`make lint`'s linter, runs the audit and uploads its SARIF, and the README shows
the file as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..repo_copy import REPO_ROOT, copy_repo, run_script

WORKFLOW = ".github/workflows/model-audit.yml"
LINT_INPUTS = (WORKFLOW, ".github/jactionlint.yaml", "scripts/lint-workflows.sh")


def test_the_audit_workflow_lints_clean(tmp_path: Path) -> None:
    result = run_script(
        copy_repo(tmp_path, LINT_INPUTS), "scripts/lint-workflows.sh", timeout=60
    )
    assert result.returncode == 0, result.stdout
    (line,) = result.stdout.splitlines()
    assert line.startswith("make lint: the CI workflows lint clean")


def test_the_workflow_audits_then_uploads_the_sarif_even_after_a_failure() -> None:
    workflow: dict[str, Any] = yaml.safe_load((REPO_ROOT / WORKFLOW).read_text())
    steps = workflow["jobs"]["audit"]["steps"]
    (audit,) = [s for s in steps if "anthropic-models audit" in s.get("run", "")]
    assert "--sarif audit.sarif" in audit["run"]
    (upload,) = [s for s in steps if "upload-sarif@" in s.get("uses", "")]
    assert steps.index(upload) > steps.index(audit)
    assert upload["with"]["sarif_file"] == "audit.sarif"
    assert "!cancelled()" in upload["if"]  # runs after a failing audit
    assert workflow["jobs"]["audit"]["permissions"]["security-events"] == "write"


def test_the_readme_shows_the_workflow_as_it_is() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    text = (REPO_ROOT / WORKFLOW).read_text(encoding="utf-8")
    assert f"```yaml\n{text}```\n" in readme
