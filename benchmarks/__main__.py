"""Run the benchmarks: ``python -m benchmarks [--quick] [--repeat N] ...``.

Two server processes (``benchmarks.server``: the fake Models API's HTTP face)
for the whole run, one per catalogue: models in today's shape (lifecycle, limits,
the capabilities tree: the main rows) and in the reference page's four fields
(the second set of rows, and the RSS workload); every measurement in a fresh
contender process (``benchmarks.contenders``); contenders alternate within each
repetition (rep 1: A B C D, rep 2: A B C D, ...). Prints Markdown tables of
medians, spreads and ratios to raw httpx from this same run, and writes every
sample as JSON.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import report
from .contenders import import_command

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_OUT = BENCH_DIR / "results"
API_KEY = "bench-key"
CHILD_TIMEOUT_S = 600.0

SYNC = ("httpx", "generated", "anthropic_models", "anthropic_sdk")
ASYNC = (
    "httpx",
    "generated",
    "anthropic_models_async",
    "anthropic_sdk",
    "anthropic_models_aiohttp",
    "anthropic_sdk_aiohttp",
)
IMPORTS = ("httpx", "generated", "anthropic_models", "anthropic_sdk")
RSS = ("httpx", "anthropic_models", "anthropic_sdk")
AUDIT = ("grep", "anthropic_models")


@dataclass(frozen=True)
class Sizes:
    catalogue: int  # the four-field catalogue (also the big side of RSS)
    today_catalogue: int  # today's shape: ~1 kB and 27 objects a model
    gets: int
    get_warmup: int
    list_models: int
    list_loops_1000: int
    list_loops_20: int
    rss_small: int
    concurrency: int
    async_rounds: int
    async_warmup_n: int
    import_samples: int
    # The audit row: a generated tree of this many files and bytes, naming a
    # model in `audit_mentions` of them, scanned `audit_loops` times a process.
    audit_files: int
    audit_bytes: int
    audit_mentions: int
    audit_loops: int


# The today-shaped catalogue is kept to what its workloads read: 100,000 such
# models would take the server ~0.75 GB of Python objects to build.
FULL = Sizes(
    catalogue=100_000,
    today_catalogue=5_000,
    gets=2_000,
    get_warmup=50,
    list_models=2_000,
    list_loops_1000=50,
    list_loops_20=5,
    rss_small=1_000,
    concurrency=500,
    async_rounds=2,
    async_warmup_n=100,
    import_samples=2,
    audit_files=20_000,
    audit_bytes=200_000_000,
    audit_mentions=300,
    audit_loops=2,
)
QUICK = Sizes(
    catalogue=3_000,
    today_catalogue=500,
    gets=100,
    get_warmup=10,
    list_models=400,
    list_loops_1000=2,
    list_loops_20=1,
    rss_small=100,
    concurrency=50,
    async_rounds=1,
    async_warmup_n=10,
    import_samples=1,
    audit_files=300,
    audit_bytes=3_000_000,
    audit_mentions=20,
    audit_loops=2,
)


@dataclass
class Workload:
    """One row group of the report: what runs, for whom, and how to read it."""

    name: str
    title: str
    kind: str  # "sync", "async", "import" or "rss"
    per: str  # what one measured operation is: "call", "listing", "burst", "import"
    scale: str  # "us" or "ms": how per-operation times are shown
    contenders: tuple[str, ...]
    workload: str  # the contenders module's workload
    params: dict[str, str] = field(default_factory=dict)
    variants: dict[str, dict[str, str]] = field(default_factory=dict)
    # Which server's catalogue: "today" (today's shape) or "reference" (four
    # fields); "none" for the audit, which reads a tree and a snapshot.
    catalogue: str = "today"
    # The contender the ratios are to.
    floor: str = "httpx"


CATALOGUES = ("today", "reference")
# The second set of rows: the same workloads over the four-field catalogue.
REFERENCE_SUFFIX = "_reference"


def _sync_workloads(sizes: Sizes, catalogue: str) -> list[Workload]:
    """get, and list with limit=1000 and limit=20, over one catalogue."""
    n_list = sizes.list_models
    suffix = "" if catalogue == "today" else REFERENCE_SUFFIX
    shape = "" if catalogue == "today" else ", four-field models"
    return [
        Workload(
            name=f"get{suffix}",
            title=f"{sizes.gets:,} sequential gets{shape}",
            kind="sync",
            per="call",
            scale="us",
            contenders=SYNC,
            workload="get",
            params={"n": str(sizes.gets), "warmup": str(sizes.get_warmup)},
            catalogue=catalogue,
        ),
        Workload(
            name=f"list_limit1000{suffix}",
            title=f"list {n_list:,} models, limit=1000{shape}",
            kind="sync",
            per="listing",
            scale="ms",
            contenders=SYNC,
            workload="list",
            params={
                "limit": "1000",
                "n": str(n_list),
                "loops": str(sizes.list_loops_1000),
                "warmup": "2",
            },
            catalogue=catalogue,
        ),
        Workload(
            name=f"list_limit20{suffix}",
            title=f"list {n_list:,} models, limit=20{shape}",
            kind="sync",
            per="listing",
            scale="ms",
            contenders=SYNC,
            workload="list",
            params={
                "limit": "20",
                "n": str(n_list),
                "loops": str(sizes.list_loops_20),
                "warmup": "1",
            },
            catalogue=catalogue,
        ),
    ]


def plan(sizes: Sizes, catalogue: int) -> list[Workload]:
    rss_big = catalogue
    return [
        Workload(
            name="import",
            title="import of the package, fresh interpreter",
            kind="import",
            per="import",
            scale="ms",
            contenders=IMPORTS,
            workload="import",
        ),
        *_sync_workloads(sizes, "today"),
        *_sync_workloads(sizes, "reference"),
        Workload(
            name="rss",
            title=(
                f"peak RSS iterating {rss_big:,} vs {sizes.rss_small:,} models, "
                "limit=1000"
            ),
            kind="rss",
            per="listing",
            scale="ms",
            contenders=RSS,
            workload="list",
            params={"limit": "1000", "loops": "1", "warmup": "0"},
            variants={
                "big": {"n": str(rss_big)},
                "small": {"n": str(sizes.rss_small)},
            },
            catalogue="reference",
        ),
        Workload(
            name="async_get",
            title=f"{sizes.concurrency:,} concurrent gets (asyncio.gather)",
            kind="async",
            per="burst",
            scale="ms",
            contenders=ASYNC,
            workload="async_get",
            params={
                "n": str(sizes.concurrency),
                "rounds": str(sizes.async_rounds),
                "warmup": "1",
                "warmup_n": str(min(sizes.async_warmup_n, sizes.concurrency)),
            },
        ),
        Workload(
            name="audit",
            title=(
                f"audit of {sizes.audit_files:,} files, "
                f"{sizes.audit_bytes / 1e6:,.0f} MB, {sizes.audit_mentions} mentions"
            ),
            kind="audit",
            per="scan",
            scale="ms",
            contenders=AUDIT,
            workload="audit",
            params={"loops": str(sizes.audit_loops), "warmup": "1"},
            catalogue="none",
            floor="grep",
        ),
    ]


WORKLOAD_NAMES = (
    "import",
    "get",
    "list_limit1000",
    "list_limit20",
    "get_reference",
    "list_limit1000_reference",
    "list_limit20_reference",
    "rss",
    "async_get",
    "audit",
)


def _child_env() -> dict[str, str]:
    """The environment of every child: no proxy (all contenders go straight to
    127.0.0.1) and no ANTHROPIC_* setting (each gets its key and URL explicitly)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.upper().endswith("_PROXY") and not name.startswith("ANTHROPIC_")
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class Server:
    """The one server process of a run."""

    def __init__(self, catalogue: int, shape: str, ids_file: Path, ids: int) -> None:
        self.ids_file = ids_file
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.server",
                "--models",
                str(catalogue),
                "--shape",
                shape,
                "--api-key",
                API_KEY,
                "--ids-file",
                str(ids_file),
                "--ids",
                str(ids),
            ],
            cwd=REPO_ROOT,
            env=_child_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("http://"):
            self.stop()
            raise SystemExit(f"the benchmark server did not start (said {line!r})")
        self.base_url = line

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def run_child(argv: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=REPO_ROOT,
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"benchmark process failed ({done.returncode}): {' '.join(argv[:5])}\n"
            f"{done.stderr.strip()}"
        )
    sample: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    sample["process_s"] = round(time.perf_counter() - started, 3)
    return sample


def contender_argv(
    contender: str,
    workload: str,
    server: Server | None,
    params: dict[str, str],
) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "benchmarks.contenders",
        contender,
        workload,
        server.base_url if server else "-",
        API_KEY if server else "-",
    ]
    return argv + [f"{name}={value}" for name, value in params.items()]


def _environment() -> dict[str, Any]:
    packages: dict[str, str | None] = {}
    for name in (
        "anthropic-models",
        "httpx",
        "httpcore",
        "anthropic",
        "httpx2",
        "httpcore2",
        "attrs",
        "pydantic",
    ):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    commit = None
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            [
                "git",
                "status",
                "--porcelain",
                "--",
                "anthropic_models",
                "generated_client",
            ],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        commit = rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "packages": packages,
        "commit": commit,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=(
            "Client CPU, wall time, import time and peak RSS of anthropic_models "
            "against raw httpx, the generated functions and the anthropic SDK."
        ),
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes (a smoke run, < 30 s)"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, metavar="N", help="repetitions (default 5)"
    )
    parser.add_argument(
        "--catalogue",
        type=int,
        default=None,
        metavar="N",
        help=(
            "four-field models the second server holds, also the big side of the "
            f"RSS workload (default {FULL.catalogue:,}; --quick: {QUICK.catalogue:,})"
        ),
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=WORKLOAD_NAMES,
        metavar="WORKLOAD",
        help=f"run only this workload (repeatable): {', '.join(WORKLOAD_NAMES)}",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="where the JSON results go (default benchmarks/results)",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also write the results as DIR/baseline.json (the committed baseline)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    catalogue = args.catalogue if args.catalogue is not None else sizes.catalogue
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")
    needed = max(sizes.list_models, sizes.rss_small, 1)
    if catalogue < needed:
        parser.error(f"--catalogue must be >= {needed} for these sizes")
    selected = [
        w for w in plan(sizes, catalogue) if not args.only or w.name in args.only
    ]

    started = time.perf_counter()
    created = datetime.datetime.now(datetime.UTC)
    results: dict[str, Any] = {
        "schema": 1,
        "created_utc": created.isoformat(timespec="seconds"),
        "environment": _environment(),
        "config": {
            "quick": args.quick,
            "repeat": args.repeat,
            "catalogue": catalogue,
            "today_catalogue": sizes.today_catalogue,
            "server": (
                "benchmarks.server (the fake Models API's HTTP face), one per "
                "catalogue: today's shape and four fields"
            ),
            "sizes": sizes.__dict__,
        },
        "workloads": [
            {
                "name": w.name,
                "title": w.title,
                "kind": w.kind,
                "per": w.per,
                "scale": w.scale,
                "contenders": list(w.contenders),
                "floor": w.floor,
                "params": w.params,
                "variants": w.variants,
                "samples": {c: [] for c in w.contenders},
            }
            for w in selected
        ],
    }
    by_name = {w["name"]: w for w in results["workloads"]}

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        servers: dict[str, Server] = {}
        counts = {"today": sizes.today_catalogue, "reference": catalogue}
        try:
            for shape in CATALOGUES:
                if any(w.kind != "import" and w.catalogue == shape for w in selected):
                    n = counts[shape]
                    ids = min(n, max(sizes.gets, sizes.concurrency))
                    ids_file = Path(tmp) / f"ids-{shape}.txt"
                    started_server = Server(n, shape, ids_file, ids)
                    servers[shape] = started_server
                    _log(
                        f"server {started_server.base_url} (pid "
                        f"{started_server.pid}), {n:,} models ({shape})"
                    )
            if any(w.kind == "audit" for w in selected):
                _log(
                    f"writing the audit tree: {sizes.audit_files:,} files, "
                    f"{sizes.audit_bytes:,} bytes"
                )
                _write_audit_tree(Path(tmp), sizes, by_name["audit"])
            if any(w.kind == "import" for w in selected):
                # Byte-compile and warm the page cache once, unmeasured.
                for contender in IMPORTS:
                    run_child(import_command(contender))
            for rep in range(args.repeat):
                for workload in selected:
                    record = by_name[workload.name]
                    server = servers.get(workload.catalogue)
                    _run_workload(workload, record, server, sizes, rep)
                    _log(report.progress_line(record, rep, args.repeat))
        finally:
            for running in servers.values():
                running.stop()
    results["duration_s"] = round(time.perf_counter() - started, 1)

    report.summarize(results)
    print(report.markdown(results))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{created.strftime('%Y%m%dT%H%M%SZ')}.json"
    text = json.dumps(results, indent=2) + "\n"
    path.write_text(text)
    written = [path]
    if args.baseline:
        baseline = args.out / "baseline.json"
        baseline.write_text(text)
        written.append(baseline)
    _log(f"wrote {', '.join(str(p) for p in written)} in {results['duration_s']} s")
    return 0


def _run_workload(
    workload: Workload,
    record: dict[str, Any],
    server: Server | None,
    sizes: Sizes,
    rep: int,
) -> None:
    samples: dict[str, list[dict[str, Any]]] = record["samples"]
    if workload.kind == "audit":
        for contender in workload.contenders:
            argv = contender_argv(contender, "audit", None, record["params"])
            sample = run_child(argv)
            sample["rep"] = rep
            samples[contender].append(sample)
        return
    if workload.kind == "import":
        for _ in range(sizes.import_samples):
            for contender in workload.contenders:
                sample = run_child(contender_argv(contender, "import", None, {}))
                sample["rep"] = rep
                samples[contender].append(sample)
        return
    assert server is not None
    params = dict(workload.params)
    params["server_pid"] = str(server.pid)
    if workload.kind in ("sync", "async") and workload.workload != "list":
        params["ids"] = str(server.ids_file)
    variants = workload.variants or {"": {}}
    for contender in workload.contenders:
        for variant, extra in variants.items():
            argv = contender_argv(
                contender, workload.workload, server, {**params, **extra}
            )
            sample = run_child(argv)
            sample["rep"] = rep
            if variant:
                sample["variant"] = variant
            samples[contender].append(sample)


def _write_audit_tree(tmp: Path, sizes: Sizes, record: dict[str, Any]) -> None:
    """The audit's tree and catalogue snapshot, in the run's temporary folder
    (deleted with it); where they are goes into the workload's parameters."""
    from .tree import write_snapshot, write_tree

    tree = tmp / "audit-tree"
    mentions = write_tree(
        tree,
        files=sizes.audit_files,
        size=sizes.audit_bytes,
        mentions=sizes.audit_mentions,
    )
    snapshot = tmp / "audit-catalogue.json"
    write_snapshot(snapshot)
    record["params"].update(
        tree=str(tree), catalogue=str(snapshot), mentions=str(mentions)
    )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
