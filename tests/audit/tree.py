"""The fixture tree of the audit tests: a small project that names models of the
fake's default catalogue (anthropic_models.testing) in Python, TypeScript, YAML,
.env and Markdown files, plus a git-ignored file and a binary one.

Where each mention is expected is computed here from the text written, never
from what the code under test reports.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

# The day the tests judge by: after claude-3-7-sonnet's retirement date
# (2026-02-19, still deprecated: overdue), before claude-3-5-haiku's (2026-12-19)
# and claude-opus-4's (2027-03-15).
AS_OF = "2026-12-03"
NOW = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)

FILES: dict[str, str] = {
    "src/app.py": (
        "import anthropic\n"
        "\n"
        'MODEL = "claude-3-opus-latest"  # an alias of a retired model\n'
        'FALLBACK = "claude-sonnet-4-5"\n'
    ),
    "web/client.ts": ('export const model = "claude-3-7-sonnet-20250219";\n'),
    "deploy/config.yaml": (
        "service:\n"
        "  model: claude-opus-4-0\n"
        "  # not models: claude-code, my-claude-3, claude-9-nonexistent\n"
    ),
    ".env": "CLAUDE_MODEL=claude-3-5-haiku-20241022\n",
    "docs/guide.md": (
        "# Models\n"
        "We began with `claude-2.1`, then claude-3-5-sonnet-20240620.\n"
        "Today: café → claude-opus-4-5.\n"
    ),
    ".gitignore": "*.log\n",
    # Ignored by .gitignore: left out inside a git work tree.
    "debug.log": "tried claude-3-haiku-20240307\n",
}
# A NUL byte among the first bytes: skipped as binary, whatever it names.
BINARY = ("assets/blob.bin", b"\x89PNG\0\0claude-3-opus-20240229\0")
IGNORED = "debug.log"


@dataclass(frozen=True)
class Expected:
    path: str
    line: int
    column: int
    text: str


def mentions_in(files: dict[str, str], tokens: list[str]) -> list[Expected]:
    """Where each of `tokens` appears in `files` (every occurrence), in path,
    line and column order; columns count characters from 1."""
    found = []
    for path in sorted(files):
        for number, line in enumerate(files[path].splitlines(), 1):
            for token in tokens:
                start = line.find(token)
                while start != -1:
                    end = start + len(token)
                    # Whole tokens only (claude-opus-4-0 is not claude-opus-4).
                    if end == len(line) or not (
                        line[end].isalnum() or line[end] in "-"
                    ):
                        found.append(Expected(path, number, start + 1, token))
                    start = line.find(token, end)
    return sorted(found, key=lambda e: (e.path, e.line, e.column))


# Every token of FILES shaped like a model ID or alias (the not-models of the
# YAML comment that look like none are left out: claude-code has no digit,
# my-claude-3 does not start a word).
MODEL_TOKENS = [
    "claude-3-opus-latest",
    "claude-sonnet-4-5",
    "claude-3-7-sonnet-20250219",
    "claude-opus-4-0",
    "claude-9-nonexistent",
    "claude-3-5-haiku-20241022",
    "claude-2.1",
    "claude-3-5-sonnet-20240620",
    "claude-opus-4-5",
    "claude-3-haiku-20240307",
]


def write_tree(root: Path, *, git: bool) -> Path:
    """Write FILES and BINARY under `root` (a git work tree when `git`)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    binary = root / BINARY[0]
    binary.parent.mkdir(parents=True, exist_ok=True)
    binary.write_bytes(BINARY[1])
    if git:
        subprocess.run(
            ["git", "init", "-q", str(root)], check=True, capture_output=True
        )
    return root
