"""`make demo` runs offline and shows what it promises."""

import subprocess
import sys
from pathlib import Path

from anthropic_models.testing import FakeModelsAPI

REPO = Path(__file__).resolve().parents[1]


def test_demo_lists_every_model_newest_first_and_resolves_an_alias() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/demo.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    listed = [
        line.split()[0]
        for line in result.stdout.splitlines()
        if line.startswith("  claude-") and "->" not in line
    ]
    # What the list serves without a filter: the retired models are left out.
    assert listed == FakeModelsAPI().model_ids
    assert "claude-sonnet-4-5 -> claude-sonnet-4-5-20250929" in result.stdout
    assert "NotFoundError: 404 not_found_error" in result.stdout
