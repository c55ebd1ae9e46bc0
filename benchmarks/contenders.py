"""One contender, one workload, in this (fresh) process; prints one JSON line.

    python -m benchmarks.contenders CONTENDER WORKLOAD BASE_URL KEY [NAME=VALUE ...]

CONTENDER is one of CONTENDERS, WORKLOAD one of WORKLOADS:

- ``get``: ``n`` sequential gets (model IDs from the file ``ids``, cycled), after
  ``warmup`` gets that are not measured.
- ``list``: list the catalogue from the start, ``limit`` per page, stopping after
  ``n`` models (0: all of them); ``warmup`` listings unmeasured, then ``loops``
  measured ones. With ``loops=1 warmup=0`` this is the peak-RSS workload.
- ``async_get``: ``rounds`` bursts of ``n`` concurrent gets (``asyncio.gather``),
  after ``warmup`` bursts of ``warmup_n`` (default ``n``) that are not measured.
- ``import``: the time to import the contender's package, in a clean child
  interpreter (``python -c``) that imports nothing else first; BASE_URL and KEY
  are ignored (pass ``-``).
- ``audit``: scan the directory ``tree`` for model mentions, ``loops`` times
  after ``warmup`` unmeasured scans (which also bring the tree into the page
  cache), expecting ``mentions`` of them: ``grep`` runs ``grep -rEnoI`` with
  GREP_PATTERN (its CPU is the child's), ``anthropic_models`` calls
  ``anthropic_models.audit.audit`` with the catalogue read from the snapshot
  ``catalogue`` before the clock starts (no fetch is timed). BASE_URL and KEY
  are ignored (pass ``-``).

The line holds ``cpu_s`` (user + sys of this process, ``getrusage(RUSAGE_SELF)``,
around the measured part only), ``wall_s`` (``perf_counter``, same span),
``peak_rss_mb`` (the whole process's peak: VmHWM on Linux, see ``_peak_rss_mb``;
0 for ``import``) and ``n`` (operations measured: gets, listings, bursts or
imports); with ``server_pid=PID``, also ``server_cpu_s``, the server process's
CPU over the same span.

Every contender does the same requests against the same server and checks what
it got (the model's ID), so a contender that fails cannot look fast. Each uses
its library's defaults (retries, timeouts, connection pool); the ``*_aiohttp``
contenders pass their library's ``DefaultAioHttpClient()``.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Protocol

CONTENDERS = (
    "httpx",
    "generated",
    "anthropic_models",
    "anthropic_models_async",
    "anthropic_sdk",
    "anthropic_models_aiohttp",
    "anthropic_sdk_aiohttp",
    "grep",
)
WORKLOADS = ("import", "get", "list", "async_get", "audit")
# What the audit counts as a mention, for grep -E: "claude-" starting a word,
# then lowercase letters, digits, dots and hyphens with a digit among them
# (grep has no look-behind: the character before is part of its match).
GREP_PATTERN = r"(^|[^A-Za-z0-9_-])claude-[a-z0-9.-]*[0-9][a-z0-9.-]*"
API_VERSION = "2023-06-01"

# What `import` measures for each contender.
IMPORTS = {
    "httpx": "import httpx",
    "generated": (
        "import generated_client\n"
        "from generated_client.api.models import get_model, list_models"
    ),
    "anthropic_models": "import anthropic_models",
    "anthropic_models_async": "import anthropic_models",
    "anthropic_sdk": "import anthropic",
}

# In async_get every client runs with its own defaults: httpx's pool of 100
# connections (20 kept alive) for httpx.AsyncClient, the generated client and
# anthropic_models.AsyncClient; the official SDK's own pool of 1,000 (100 kept
# alive) for anthropic.AsyncAnthropic, so a burst of 500 opens 500 connections at
# once (the fake's accept queue is deep enough for it: see testing/_server.py).
# The *_aiohttp contenders pass each library's DefaultAioHttpClient().


@dataclass
class Measurement:
    contender: str
    workload: str
    cpu_s: float
    wall_s: float
    peak_rss_mb: float
    n: int
    server_cpu_s: float | None = None


def _cpu(children: bool = False) -> float:
    """User + sys CPU of this process (with ``children``: of its waited-for
    children instead, such as grep)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB.

    On Linux, VmHWM of /proc/self/status: ``ru_maxrss`` is not usable there, as
    it carries over the peak of the *parent* across fork + exec (a child of a
    100 MB parent reports at least 100 MB), which would hide what a contender
    itself used. Elsewhere, ``ru_maxrss`` (KiB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def server_cpu(pid: int | None) -> float | None:
    """User + sys CPU seconds of another process so far (Linux /proc; None
    elsewhere). Clock-tick resolution (10 ms), enough to tell whether the server
    was busy while a contender ran."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """CPU and wall time of the measured span (and the server's CPU over it)."""

    def __init__(
        self, server_pid: int | None = None, *, children: bool = False
    ) -> None:
        self._children = children
        self.cpu_s = 0.0
        self.wall_s = 0.0
        self.server_cpu_s: float | None = None
        self._server_pid = server_pid
        self._server0: float | None = None
        self._cpu0 = 0.0
        self._wall0 = 0.0

    def __enter__(self) -> Clock:
        self._server0 = server_cpu(self._server_pid)
        self._wall0 = time.perf_counter()
        self._cpu0 = _cpu(self._children)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cpu_s = _cpu(self._children) - self._cpu0
        self.wall_s = time.perf_counter() - self._wall0
        server1 = server_cpu(self._server_pid)
        if server1 is not None and self._server0 is not None:
            self.server_cpu_s = server1 - self._server0


class BenchmarkError(Exception):
    """A contender did not get what it asked for."""


def _check(got: str, expected: str) -> None:
    if got != expected:
        raise BenchmarkError(f"asked for {expected!r}, got {got!r}")


# -- sessions: one per contender, sync and async ----------------------------------


class SyncSession(Protocol):
    def get(self, model_id: str) -> str:
        """Fetch one model; return its ID."""

    def ids(self, limit: int) -> Iterator[str]:
        """The IDs of every model, listed ``limit`` per page, newest first."""

    def close(self) -> None: ...


class AsyncSession(Protocol):
    async def get(self, model_id: str) -> str: ...

    async def aclose(self) -> None: ...


def _raw_headers(key: str) -> dict[str, str]:
    return {"x-api-key": key, "anthropic-version": API_VERSION}


class HttpxSession:
    """The floor: httpx.Client, json.loads of the body, pages followed by hand."""

    def __init__(self, base_url: str, key: str) -> None:
        import httpx

        self._http = httpx.Client(base_url=base_url, headers=_raw_headers(key))

    def get(self, model_id: str) -> str:
        response = self._http.get(f"/v1/models/{model_id}")
        if response.status_code != 200:
            raise BenchmarkError(f"HTTP {response.status_code}")
        model: dict[str, Any] = json.loads(response.content)
        return str(model["id"])

    def ids(self, limit: int) -> Iterator[str]:
        params: dict[str, str | int] = {"limit": limit}
        while True:
            response = self._http.get("/v1/models", params=params)
            if response.status_code != 200:
                raise BenchmarkError(f"HTTP {response.status_code}")
            page: dict[str, Any] = json.loads(response.content)
            for model in page["data"]:
                yield model["id"]
            if not page["has_more"]:
                return
            params = {"limit": limit, "after_id": page["last_id"]}

    def close(self) -> None:
        self._http.close()


class GeneratedSession:
    """The generated functions, called directly with a plain generated Client."""

    def __init__(self, base_url: str, key: str) -> None:
        import generated_client

        self._client = generated_client.Client(
            base_url=base_url, headers={"x-api-key": key}
        )

    def get(self, model_id: str) -> str:
        from generated_client.api.models import get_model
        from generated_client.models import ModelInfo

        model = get_model.sync(model_id, client=self._client)
        if not isinstance(model, ModelInfo):
            raise BenchmarkError(f"got {model!r}")
        return model.id

    def ids(self, limit: int) -> Iterator[str]:
        from generated_client.api.models import list_models
        from generated_client.models import ListModelsResponse
        from generated_client.types import UNSET, Unset

        after: str | Unset = UNSET
        while True:
            page = list_models.sync(client=self._client, limit=limit, after_id=after)
            if not isinstance(page, ListModelsResponse):
                raise BenchmarkError(f"got {page!r}")
            for model in page.data:
                yield model.id
            if not page.has_more or page.last_id is None:
                return
            after = page.last_id

    def close(self) -> None:
        self._client.get_httpx_client().close()


class AnthropicModelsSession:
    """anthropic_models.Client."""

    def __init__(self, base_url: str, key: str) -> None:
        import anthropic_models

        self._client = anthropic_models.Client(api_key=key, base_url=base_url)

    def get(self, model_id: str) -> str:
        return self._client.models.get(model_id).id

    def ids(self, limit: int) -> Iterator[str]:
        for model in self._client.models.list(limit=limit):
            yield model.id

    def close(self) -> None:
        self._client.close()


def _sdk_headers(key: str) -> dict[str, str]:
    """SDK 2.15 sends its key as ``Authorization: Bearer`` and
    ``anthropic-version: 2026-10-21``; the API (and so the fake) takes the key in
    ``x-api-key``, with version 2023-06-01, as every other contender sends it. So
    the SDK gets no ``api_key`` and these default headers instead (as in
    tests/conformance/test_sdk_oracle.py). The benchmark clears ANTHROPIC_* from
    the environment, so no ambient credential adds a header."""
    return {"x-api-key": key, "anthropic-version": API_VERSION}


class AnthropicSDKSession:
    """The official SDK: anthropic.Anthropic, auto-paging list."""

    def __init__(self, base_url: str, key: str) -> None:
        import anthropic

        self._client = anthropic.Anthropic(
            api_key=None, base_url=base_url, default_headers=_sdk_headers(key)
        )

    def get(self, model_id: str) -> str:
        return self._client.models.retrieve(model_id).id

    def ids(self, limit: int) -> Iterator[str]:
        for model in self._client.models.list(limit=limit):
            yield model.id

    def close(self) -> None:
        self._client.close()


class AsyncHttpxSession:
    """httpx.AsyncClient (default pool limits), json.loads of the body."""

    def __init__(self, base_url: str, key: str) -> None:
        import httpx

        self._http = httpx.AsyncClient(base_url=base_url, headers=_raw_headers(key))

    async def get(self, model_id: str) -> str:
        response = await self._http.get(f"/v1/models/{model_id}")
        if response.status_code != 200:
            raise BenchmarkError(f"HTTP {response.status_code}")
        model: dict[str, Any] = json.loads(response.content)
        return str(model["id"])

    async def aclose(self) -> None:
        await self._http.aclose()


class AsyncGeneratedSession:
    """The generated ``asyncio`` functions with a plain generated Client."""

    def __init__(self, base_url: str, key: str) -> None:
        import generated_client

        self._client = generated_client.Client(
            base_url=base_url, headers={"x-api-key": key}
        )

    async def get(self, model_id: str) -> str:
        from generated_client.api.models import get_model
        from generated_client.models import ModelInfo

        model = await get_model.asyncio(model_id, client=self._client)
        if not isinstance(model, ModelInfo):
            raise BenchmarkError(f"got {model!r}")
        return model.id

    async def aclose(self) -> None:
        await self._client.get_async_httpx_client().aclose()


class AsyncAnthropicModelsSession:
    """anthropic_models.AsyncClient."""

    def __init__(self, base_url: str, key: str) -> None:
        import anthropic_models

        self._client = anthropic_models.AsyncClient(api_key=key, base_url=base_url)

    async def get(self, model_id: str) -> str:
        return (await self._client.models.get(model_id)).id

    async def aclose(self) -> None:
        await self._client.aclose()


class AsyncAnthropicModelsAiohttpSession(AsyncAnthropicModelsSession):
    """anthropic_models.AsyncClient on anthropic_models.DefaultAioHttpClient()."""

    def __init__(self, base_url: str, key: str) -> None:
        import anthropic_models

        self._http = anthropic_models.DefaultAioHttpClient()
        self._client = anthropic_models.AsyncClient(
            api_key=key, base_url=base_url, http_client=self._http
        )

    async def aclose(self) -> None:
        await self._client.aclose()
        await self._http.aclose()


class AsyncAnthropicSDKSession:
    """anthropic.AsyncAnthropic with its own default pool (or ``http``)."""

    def __init__(self, base_url: str, key: str, http: Any = None) -> None:
        import anthropic

        self._client = anthropic.AsyncAnthropic(
            api_key=None,
            base_url=base_url,
            default_headers=_sdk_headers(key),
            http_client=http,
        )

    async def get(self, model_id: str) -> str:
        return (await self._client.models.retrieve(model_id)).id

    async def aclose(self) -> None:
        await self._client.close()


class AsyncAnthropicSDKAiohttpSession(AsyncAnthropicSDKSession):
    """anthropic.AsyncAnthropic on anthropic.DefaultAioHttpClient()."""

    def __init__(self, base_url: str, key: str) -> None:
        import anthropic

        super().__init__(base_url, key, anthropic.DefaultAioHttpClient())


SYNC_SESSIONS: dict[str, Callable[[str, str], SyncSession]] = {
    "httpx": HttpxSession,
    "generated": GeneratedSession,
    "anthropic_models": AnthropicModelsSession,
    "anthropic_sdk": AnthropicSDKSession,
}
ASYNC_SESSIONS: dict[str, Callable[[str, str], AsyncSession]] = {
    "httpx": AsyncHttpxSession,
    "generated": AsyncGeneratedSession,
    "anthropic_models_async": AsyncAnthropicModelsSession,
    "anthropic_sdk": AsyncAnthropicSDKSession,
    "anthropic_models_aiohttp": AsyncAnthropicModelsAiohttpSession,
    "anthropic_sdk_aiohttp": AsyncAnthropicSDKAiohttpSession,
}


# -- workloads ----------------------------------------------------------------------


def _server_pid(params: dict[str, str]) -> int | None:
    pid = params.get("server_pid")
    return int(pid) if pid else None


def _read_ids(path: str) -> list[str]:
    with open(path, encoding="utf-8") as file:
        ids = [line.strip() for line in file if line.strip()]
    if not ids:
        raise BenchmarkError(f"no model IDs in {path}")
    return ids


def _sync_session(contender: str, base_url: str, key: str) -> SyncSession:
    try:
        factory = SYNC_SESSIONS[contender]
    except KeyError:
        raise BenchmarkError(f"{contender} has no sync workloads") from None
    return factory(base_url, key)


def run_get(contender: str, base_url: str, key: str, params: dict[str, str]) -> Clock:
    ids = _read_ids(params["ids"])
    n = int(params.get("n", "2000"))
    warmup = int(params.get("warmup", "50"))
    session = _sync_session(contender, base_url, key)
    get = session.get
    count = len(ids)
    for i in range(warmup):
        _check(get(ids[i % count]), ids[i % count])
    with Clock(_server_pid(params)) as clock:
        for i in range(n):
            model_id = ids[i % count]
            _check(get(model_id), model_id)
    session.close()
    return clock


def _listing(session: SyncSession, limit: int, n: int) -> tuple[int, str]:
    """Iterate (up to n) models; return how many and the last ID."""
    count = 0
    last = ""
    for model_id in session.ids(limit):
        count += 1
        last = model_id
        if count == n:
            break
    return count, last


def run_list(contender: str, base_url: str, key: str, params: dict[str, str]) -> Clock:
    limit = int(params.get("limit", "20"))
    n = int(params.get("n", "2000"))
    loops = int(params.get("loops", "1"))
    warmup = int(params.get("warmup", "1"))
    session = _sync_session(contender, base_url, key)
    expected: tuple[int, str] | None = None
    for _ in range(warmup):
        expected = _listing(session, limit, n)
    results = []
    with Clock(_server_pid(params)) as clock:
        for _ in range(loops):
            results.append(_listing(session, limit, n))
    session.close()
    if n and any(count != n for count, _ in results):
        raise BenchmarkError(f"expected {n} models, got {results}")
    if expected is not None and any(result != expected for result in results):
        raise BenchmarkError(f"listings differ: {expected} then {results}")
    return clock


def run_async_get(
    contender: str, base_url: str, key: str, params: dict[str, str]
) -> Clock:
    ids = _read_ids(params["ids"])
    n = int(params.get("n", "500"))
    rounds = int(params.get("rounds", "1"))
    warmup = int(params.get("warmup", "1"))
    try:
        factory = ASYNC_SESSIONS[contender]
    except KeyError:
        raise BenchmarkError(f"{contender} has no async workloads") from None
    warmup_n = int(params.get("warmup_n", str(n)))

    async def main() -> Clock:
        session = factory(base_url, key)

        async def burst(size: int) -> None:
            chosen = [ids[i % len(ids)] for i in range(size)]
            got = await asyncio.gather(*(session.get(i) for i in chosen))
            for model_id, expected in zip(got, chosen, strict=True):
                _check(model_id, expected)

        for _ in range(warmup):
            await burst(warmup_n)
        with Clock(_server_pid(params)) as clock:
            for _ in range(rounds):
                await burst(n)
        await session.aclose()
        return clock

    return asyncio.run(main())


def run_audit(contender: str, base_url: str, key: str, params: dict[str, str]) -> Clock:
    tree = params["tree"]
    expected = int(params["mentions"])
    loops = int(params.get("loops", "1"))
    warmup = int(params.get("warmup", "1"))
    scan: Callable[[], int]
    if contender == "grep":
        command = ["grep", "-rEnoI", GREP_PATTERN, tree]

        def scan() -> int:
            done = subprocess.run(command, capture_output=True, check=False)
            if done.returncode > 1:  # 1 is "nothing found"
                raise BenchmarkError(f"grep failed: {done.stderr!r}")
            return done.stdout.count(b"\n")

    elif contender == "anthropic_models":
        from anthropic_models.audit import Catalogue, audit

        catalogue = Catalogue.from_snapshot(params["catalogue"])

        def scan() -> int:
            return len(audit(catalogue, [tree]).findings)

    else:
        raise BenchmarkError(f"{contender} has no audit workload")
    for _ in range(warmup):
        scan()
    found = []
    with Clock(children=contender == "grep") as clock:
        for _ in range(loops):
            found.append(scan())
    if any(count != expected for count in found):
        raise BenchmarkError(f"expected {expected} mentions, found {found}")
    return clock


IMPORT_SNIPPET = """\
import resource, time
_r0 = resource.getrusage(resource.RUSAGE_SELF)
_t0 = time.perf_counter()
{statement}
_t1 = time.perf_counter()
_r1 = resource.getrusage(resource.RUSAGE_SELF)
import json
print(json.dumps({{
    "cpu_s": (_r1.ru_utime + _r1.ru_stime) - (_r0.ru_utime + _r0.ru_stime),
    "wall_s": _t1 - _t0,
}}))
"""


def import_command(contender: str) -> list[str]:
    """The clean child that measures the contender's import."""
    return [sys.executable, "-c", IMPORT_SNIPPET.format(statement=IMPORTS[contender])]


def run_import(contender: str) -> Measurement:
    done = subprocess.run(
        import_command(contender), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BenchmarkError(f"import failed: {done.stderr.strip()}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return Measurement(
        contender=contender,
        workload="import",
        cpu_s=result["cpu_s"],
        wall_s=result["wall_s"],
        peak_rss_mb=0.0,  # not measured: the import ran in the child
        n=1,
    )


def _parse_params(items: Iterable[str]) -> dict[str, str]:
    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"parameters are NAME=VALUE, got {item!r}")
        params[name] = value
    return params


def run(
    contender: str, workload: str, base_url: str, key: str, params: dict[str, str]
) -> Measurement:
    if contender not in CONTENDERS:
        raise BenchmarkError(f"unknown contender {contender!r}: one of {CONTENDERS}")
    if workload == "import":
        return run_import(contender)
    runners: dict[str, Callable[[str, str, str, dict[str, str]], Clock]] = {
        "get": run_get,
        "list": run_list,
        "async_get": run_async_get,
        "audit": run_audit,
    }
    if workload not in runners:
        raise BenchmarkError(f"unknown workload {workload!r}: one of {WORKLOADS}")
    clock = runners[workload](contender, base_url, key, params)
    if workload == "get":
        n = int(params.get("n", "2000"))
    elif workload in ("list", "audit"):
        n = int(params.get("loops", "1"))
    else:
        n = int(params.get("rounds", "1"))
    return Measurement(
        contender=contender,
        workload=workload,
        cpu_s=clock.cpu_s,
        wall_s=clock.wall_s,
        peak_rss_mb=_peak_rss_mb(),
        n=n,
        server_cpu_s=clock.server_cpu_s,
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    contender, workload, base_url, key = args[:4]
    try:
        measurement = run(contender, workload, base_url, key, _parse_params(args[4:]))
    except BenchmarkError as exc:
        print(f"{contender} {workload}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(asdict(measurement)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
