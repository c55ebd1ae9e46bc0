"""Helpers of the command line's tests: the command runs as a subprocess
(``python -m anthropic_models``) against a fake Models API served on 127.0.0.1.

Every run goes through :func:`run_cli`, which also checks what must hold for any
run: the key never appears in stdout or stderr, stderr never holds a traceback,
and without ``--verbose`` stderr is empty or one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# Recognisable, so a leak cannot hide: the fakes accept it, the runs export it.
SECRET = "sk-ant-CLI-SECRET-42"
REPO = Path(__file__).resolve().parents[2]
COMMAND = (sys.executable, "-m", "anthropic_models")
RUN_TIMEOUT = 60.0


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def cli_env(
    base_url: str | None, key: str | None = SECRET, **extra: str
) -> dict[str, str]:
    """The environment of a run: this one without proxies, ANTHROPIC_* settings
    or PYTHONUNBUFFERED, plus the key and base URL given (None: unset)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ANTHROPIC_")
        and name.lower() not in ("http_proxy", "https_proxy", "all_proxy")
        # Buffered as in real use, so the tests see the command's own flushes.
        and name != "PYTHONUNBUFFERED"
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    if key is not None:
        env["ANTHROPIC_API_KEY"] = key
    if base_url is not None:
        env["ANTHROPIC_BASE_URL"] = base_url
    env.update(extra)
    return env


def check_hygiene(result: Result, args: Sequence[str]) -> None:
    """What every run must satisfy, whatever it was asked to do."""
    assert SECRET not in result.stdout
    assert SECRET not in result.stderr
    assert "Traceback" not in result.stderr
    if "-v" not in args and "--verbose" not in args:
        assert result.stderr.count("\n") <= 1, result.stderr


def run_cli(
    *args: str,
    env: Mapping[str, str],
    timeout: float = RUN_TIMEOUT,
    cwd: Path = REPO,
) -> Result:
    completed = subprocess.run(
        [*COMMAND, *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    result = Result(completed.returncode, completed.stdout, completed.stderr)
    check_hygiene(result, args)
    return result


Runner = Callable[..., Result]
