"""Hardening tests (issue 7): every test runs with logging captured at DEBUG, and
no record may hold the key; the figures are printed at the end of the session."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from .report import REPORT
from .support import check_records


@pytest.fixture(autouse=True)
def _key_never_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)  # the root logger: every library's records
    yield
    for phase in ("setup", "call"):
        check_records(caplog.get_records(phase))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not REPORT.cases:
        return  # no hardening test ran in this session
    terminalreporter.write_sep("=", "hardening figures (issue 7)")
    for line in REPORT.lines():
        terminalreporter.write_line(line)
