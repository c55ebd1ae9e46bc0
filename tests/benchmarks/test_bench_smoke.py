"""The benchmark harness still runs end to end (tiny sizes, one repetition), and
its report is computed from the run's own samples.

Benchmarks are not tests: nothing here asserts a time, a ratio or a target.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import report
from benchmarks.__main__ import WORKLOAD_NAMES

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench-results")
    command = [sys.executable, "-m", "benchmarks", "--quick", "--repeat", "1"]
    done = subprocess.run(
        [*command, "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,  # two servers and the four-field rows: ~2 min on a busy machine
        check=False,
    )
    assert done.returncode == 0, done.stderr
    files = list(out.glob("*.json"))
    assert len(files) == 1, files
    assert not (out / "baseline.json").exists()
    return done.stdout, json.loads(files[0].read_text())


@pytest.mark.timeout(330)
def test_the_table_lists_every_workload_and_contender(
    quick_run: tuple[str, dict[str, Any]],
) -> None:
    table, results = quick_run
    assert [w["name"] for w in results["workloads"]] == list(WORKLOAD_NAMES)
    for workload in results["workloads"]:
        assert workload["title"] in table
        for contender in workload["contenders"]:
            assert f"| {report.label(workload['kind'], contender)} |" in table
    # One verdict per target, whatever it is.
    assert len(results["targets"]) == len(report.TARGETS)
    assert table.count("**PASS**") + table.count("**FAIL**") == len(report.TARGETS)


@pytest.mark.timeout(330)
def test_the_json_holds_positive_numbers(
    quick_run: tuple[str, dict[str, Any]],
) -> None:
    _, results = quick_run
    assert results["config"]["quick"] is True
    for workload in results["workloads"]:
        for contender in workload["contenders"]:
            samples = workload["samples"][contender]
            assert samples, (workload["name"], contender)
            for sample in samples:
                assert sample["cpu_s"] > 0
                assert sample["wall_s"] > 0
                assert sample["n"] > 0
                if workload["kind"] != "import":
                    assert sample["peak_rss_mb"] > 0
            summary = workload["summary"][contender]
            ratio = summary["cpu_ratio"]
            assert ratio is not None and ratio > 0
    rss = next(w for w in results["workloads"] if w["kind"] == "rss")
    assert {s["variant"] for s in rss["samples"]["anthropic_models"]} == {
        "big",
        "small",
    }


def _sample(cpu_s: float, rep: int) -> dict[str, Any]:
    return {"cpu_s": cpu_s, "wall_s": 2 * cpu_s, "n": 10, "rep": rep}


def test_ratios_are_of_medians_from_the_same_run() -> None:
    workload: dict[str, Any] = {
        "name": "get",
        "kind": "sync",
        "samples": {
            "httpx": [_sample(1.0, 0), _sample(3.0, 1), _sample(2.0, 2)],
            "anthropic_models": [_sample(2.2, 0), _sample(9.0, 1), _sample(2.4, 2)],
        },
    }
    for samples in workload["samples"].values():
        for sample in samples:
            sample["peak_rss_mb"] = 30.0
    results: dict[str, Any] = {"workloads": [workload]}
    report.summarize(results)
    entry = workload["summary"]["anthropic_models"]
    assert entry["cpu_per_op_s"] == pytest.approx(
        {"median": 0.24, "min": 0.22, "max": 0.9}
    )
    assert entry["cpu_ratio"] == pytest.approx(0.24 / 0.2)
    assert results["targets"] == [
        {
            "workload": "get",
            "contender": "anthropic_models",
            "metric": "cpu_ratio",
            "limit": 1.15,
            "value": pytest.approx(1.2),
            "text": "CPU ≤ 1.15x httpx",
            "pass": False,
        }
    ]
