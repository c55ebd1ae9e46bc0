"""The audit benchmark's tree: ``files`` source-like files of about ``size``
bytes in all, ``mentions`` of which name a model of the fake's default catalogue
once each, written under a directory (the harness's temporary one).

Deterministic (seeded), so every run scans the same bytes. One file in a hundred
also says "claude-code", which has the prefix but is no model (no digit), so the
scanners' slow path runs on more than the files that hold a mention.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from anthropic_models.testing import DEFAULT_MODELS

# The kinds of file a codebase holds, cycled.
_SUFFIXES = (".py", ".ts", ".md", ".yaml", ".txt", ".json", ".go", ".rb")
_WORDS = [
    "request",
    "response",
    "client",
    "server",
    "model",
    "token",
    "limit",
    "retry",
    "timeout",
    "cache",
    "page",
    "cursor",
    "stream",
    "batch",
    "config",
    "deploy",
    "build",
    "test",
    "value",
    "index",
    "error",
    "handler",
    "message",
    "prompt",
    "result",
    "status",
    "record",
    "schema",
    "field",
    "option",
]
_FILES_PER_DIRECTORY = 100


def _line(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(3, 12))
    style = rng.randrange(4)
    if style == 0:
        return f"    {words[0]}_{words[1]} = {words[2]}({', '.join(words[3:])})"
    if style == 1:
        return f"# {' '.join(words).capitalize()}."
    if style == 2:
        return f'  "{words[0]}": "{" ".join(words[1:])}",'
    return f"{words[0]}: {rng.randint(0, 99999)}  // {' '.join(words[1:])}"


def write_tree(root: Path, *, files: int, size: int, mentions: int) -> int:
    """Write the tree under ``root``; return the number of mentions written."""
    if not 0 <= mentions <= files:
        raise ValueError(f"mentions must be from 0 to {files}, got {mentions}")
    rng = random.Random(20261203)
    ids = [model["id"] for model in DEFAULT_MODELS]
    # A pool of lines, joined into files of varied length around the mean.
    pool = [_line(rng) for _ in range(4096)]
    mean = size // max(files, 1)
    named = set(rng.sample(range(files), mentions))
    for index in range(files):
        directory = root / f"pkg{index // _FILES_PER_DIRECTORY:04d}"
        if index % _FILES_PER_DIRECTORY == 0:
            directory.mkdir(parents=True)
        lines: list[str] = []
        length = 0
        target = rng.randint(mean // 2, mean * 3 // 2)
        while length < target:
            line = pool[rng.randrange(len(pool))]
            lines.append(line)
            length += len(line) + 1
        if index % 100 == 7:
            lines.insert(rng.randrange(len(lines)), "# see the claude-code docs")
        if index in named:
            model = ids[index % len(ids)]
            lines.insert(rng.randrange(len(lines)), f'MODEL = "{model}"  # pinned')
        name = f"module{index:05d}{_SUFFIXES[index % len(_SUFFIXES)]}"
        (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return mentions


def write_snapshot(path: Path) -> None:
    """The fake's default catalogue as `anthropic-models list --json` writes it."""
    path.write_text(json.dumps(list(DEFAULT_MODELS)), encoding="utf-8")
