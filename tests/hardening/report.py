"""The figures of the hardening tests, collected while they run and printed at the
end of the session (``pytest_terminal_summary`` in ``conftest.py``).

Every counter is bumped by the test that produced the event, next to an assertion
on it: a figure that is printed is a figure that was checked.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    # Hypothesis cases run (shrinking included), per property.
    cases: Counter[str] = field(default_factory=Counter)
    # How each fuzzed call ended: "returned", or the exception class name.
    fuzz_outcomes: Counter[str] = field(default_factory=Counter)
    # Hostile arguments: refused with ValueError before sending, or sent correctly.
    arguments: Counter[str] = field(default_factory=Counter)
    # Faults the fakes injected, by kind.
    faults_injected: Counter[str] = field(default_factory=Counter)
    # Faults absorbed by a retry, and faults that made a call or listing raise.
    faults_survived: int = 0
    faults_raised: int = 0
    listings: int = 0
    resumes: int = 0
    models_listed: int = 0
    duplicates: int = 0
    losses: int = 0
    load_calls: int = 0
    load_failures: int = 0
    # "label": (highest simultaneous connections the fake saw, pool limit).
    connections: dict[str, tuple[int, int]] = field(default_factory=dict)
    left_open: int = 0
    # The limits of an attempt (issue 13): "case": "how it ended, figure".
    limits: dict[str, str] = field(default_factory=dict)
    # The hostile environment and wire (issue 19): "case": "what it did now
    # (before the fix: what it did then)".
    environment: dict[str, str] = field(default_factory=dict)
    secret_checks: Counter[str] = field(default_factory=Counter)
    # Issue 19, the API's part: "case": "before the fix -> after it" (the before
    # figures were measured on the unfixed code; see test_hostile_use.py).
    hostile_use: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count_case(self, prop: str) -> None:
        with self._lock:
            self.cases[prop] += 1

    def count_secret_check(self, what: str, n: int = 1) -> None:
        with self._lock:
            self.secret_checks[what] += n

    def lines(self) -> list[str]:
        lines = ["cases tried per property:"]
        lines += [f"  {name}: {n}" for name, n in sorted(self.cases.items())]
        lines.append(f"  total: {sum(self.cases.values())}")
        if self.fuzz_outcomes:
            outcomes = ", ".join(
                f"{name} {n}" for name, n in self.fuzz_outcomes.most_common()
            )
            lines.append(f"fuzzed calls ended as: {outcomes}")
        if self.arguments:
            arguments = ", ".join(
                f"{name} {n}" for name, n in sorted(self.arguments.items())
            )
            lines.append(f"hostile arguments: {arguments}")
        injected = sum(self.faults_injected.values())
        kinds = ", ".join(
            f"{kind} {n}" for kind, n in sorted(self.faults_injected.items())
        )
        lines.append(f"faults injected: {injected} ({kinds})")
        lines.append(
            f"faults survived by a retry: {self.faults_survived}; faults that made "
            f"a listing raise, each then resumed: {self.faults_raised}"
        )
        lines.append(
            f"listings: {self.listings} (resumed {self.resumes} times), "
            f"models listed: {self.models_listed}, duplicates: {self.duplicates}, "
            f"losses: {self.losses}"
        )
        lines.append(
            f"load: {self.load_calls} calls, {self.load_failures} failed; "
            f"connections left open after close: {self.left_open}"
        )
        for label, (seen, limit) in sorted(self.connections.items()):
            lines.append(
                f"  {label}: at most {seen} connections at once (pool {limit})"
            )
        if self.limits:
            lines.append("limits of an attempt (each in a fresh interpreter):")
            lines += [f"  {case}: {ended}" for case, ended in self.limits.items()]
        if self.hostile_use:
            lines.append("hostile use (issue 19), before -> after:")
            lines += [f"  {case}: {row}" for case, row in self.hostile_use.items()]
        if self.environment:
            lines.append("hostile environment and wire (issue 19):")
            lines += [f"  {case}: {ended}" for case, ended in self.environment.items()]
        checks = ", ".join(
            f"{what} {n}" for what, n in sorted(self.secret_checks.items())
        )
        lines.append(f"key searched for and not found in: {checks}")
        return lines


REPORT = Report()
