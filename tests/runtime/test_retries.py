"""Retries: which failures, how many times, how long between, and what is logged.
Every test injects ``sleep=`` and records the delays: nothing sleeps for real."""

from __future__ import annotations

import datetime
import email.utils
import logging
import random
from typing import Any

import httpx
import pytest

from anthropic_models import (
    DEFAULT_MAX_RETRIES,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    NotFoundError,
)
from anthropic_models.testing import Fault

from .helpers import (
    BOTH_CLIENTS,
    Catalogue,
    Delays,
    Operation,
    Script,
    Step,
    error_response,
    make_async_client,
    make_client,
    model_ids,
    ok_model,
    run,
)

RETRIED_STATUSES = [408, 409, 429, 500, 502, 503, 504, 529]
NOT_RETRIED_STATUSES = [400, 401, 402, 403, 404, 413, 422]
CONNECTION_FAILURES: list[type[httpx.TransportError]] = [
    httpx.ConnectError,
    httpx.RemoteProtocolError,
    httpx.ReadError,
    httpx.WriteError,
]
TIMEOUTS: list[type[httpx.TimeoutException]] = [
    httpx.ReadTimeout,
    httpx.ConnectTimeout,
    httpx.WriteTimeout,
    httpx.PoolTimeout,
]


def assert_backoff(delays: list[float], retries: int) -> None:
    """Delays are 0.5, 1, 2, 4, 8, 8, ... each with at most 25 % taken off."""
    assert len(delays) == retries
    for attempt, delay in enumerate(delays):
        ceiling = min(0.5 * 2**attempt, 8.0)
        assert 0.75 * ceiling <= delay <= ceiling, (attempt, delay)


# --- how many attempts ---------------------------------------------------------------


@BOTH_CLIENTS
def test_default_max_retries_is_two_so_three_attempts(mode: str) -> None:
    script = Script(error_response(503))
    delays = Delays()
    with pytest.raises(InternalServerError):
        run(mode, script, "get", "m", delays=delays)
    assert DEFAULT_MAX_RETRIES == 2
    assert script.calls == 3
    assert_backoff(delays, 2)


@pytest.mark.parametrize("status", RETRIED_STATUSES)
@BOTH_CLIENTS
def test_retryable_status_is_retried_until_success(mode: str, status: int) -> None:
    script = Script(error_response(status), error_response(status), ok_model("ok"))
    delays = Delays()
    assert run(mode, script, "get", "m", delays=delays).id == "ok"
    assert script.calls == 3
    assert len(delays) == 2


@pytest.mark.parametrize("status", RETRIED_STATUSES)
@BOTH_CLIENTS
def test_retryable_status_raises_its_error_after_retries_run_out(
    mode: str, status: int
) -> None:
    script = Script(error_response(status))
    with pytest.raises(APIStatusError) as raised:
        run(mode, script, "get", "m", client={"max_retries": 3})
    assert raised.value.status_code == status
    assert script.calls == 4


@pytest.mark.parametrize("status", NOT_RETRIED_STATUSES)
@BOTH_CLIENTS
def test_client_error_status_is_never_retried(mode: str, status: int) -> None:
    script = Script(error_response(status), ok_model())
    delays = Delays()
    with pytest.raises(APIStatusError) as raised:
        run(mode, script, "get", "m", delays=delays)
    assert raised.value.status_code == status
    assert script.calls == 1
    assert delays == []


# --- transport failures --------------------------------------------------------------


@pytest.mark.parametrize("failure", CONNECTION_FAILURES)
@BOTH_CLIENTS
def test_connection_failure_is_retried_then_raises_api_connection_error(
    mode: str,
    failure: type[httpx.TransportError],
) -> None:
    script = Script(failure("connection went away"))
    delays = Delays()
    with pytest.raises(APIConnectionError) as raised:
        run(mode, script, "get", "m", delays=delays)
    assert type(raised.value) is APIConnectionError
    assert isinstance(raised.value.__cause__, failure)
    assert raised.value.request.url.path == "/v1/models/m"
    assert script.calls == 3
    assert_backoff(delays, 2)


@pytest.mark.parametrize("failure", [*CONNECTION_FAILURES, *TIMEOUTS])
@BOTH_CLIENTS
def test_connection_failure_or_timeout_then_success_returns_the_result(
    mode: str, failure: type[httpx.TransportError]
) -> None:
    script = Script(failure("reset"), failure("reset"), ok_model("ok"))
    assert run(mode, script, "get", "m").id == "ok"
    assert script.calls == 3


@pytest.mark.parametrize("timeout", TIMEOUTS)
@BOTH_CLIENTS
def test_timeout_is_retried_then_raises_api_timeout_error(
    mode: str,
    timeout: type[httpx.TimeoutException],
) -> None:
    script = Script(timeout("too slow"))
    delays = Delays()
    with pytest.raises(APITimeoutError) as raised:
        run(mode, script, "get", "m", delays=delays)
    assert isinstance(raised.value, APIConnectionError)
    assert isinstance(raised.value.__cause__, timeout)
    assert script.calls == 3
    assert len(delays) == 2


@pytest.mark.parametrize(
    "failure",
    [httpx.LocalProtocolError("refused header"), httpx.UnsupportedProtocol("ftp")],
)
@BOTH_CLIENTS
def test_failure_before_sending_is_not_retried(
    mode: str, failure: httpx.TransportError
) -> None:
    script = Script(failure, ok_model())
    delays = Delays()
    with pytest.raises(APIConnectionError) as raised:
        run(mode, script, "get", "m", delays=delays)
    assert raised.value.__cause__ is failure
    assert script.calls == 1
    assert delays == []


# --- the server's say: x-should-retry --------------------------------------------


@BOTH_CLIENTS
def test_x_should_retry_true_makes_a_400_retried(mode: str) -> None:
    script = Script(error_response(400, x_should_retry="true"), ok_model("ok"))
    assert run(mode, script, "get", "m").id == "ok"
    assert script.calls == 2


@pytest.mark.parametrize("status", [429, 503, 529])
@BOTH_CLIENTS
def test_x_should_retry_false_stops_the_retry(mode: str, status: int) -> None:
    script = Script(error_response(status, x_should_retry="false"), ok_model())
    delays = Delays()
    with pytest.raises(APIStatusError) as raised:
        run(mode, script, "get", "m", delays=delays)
    assert raised.value.status_code == status
    assert script.calls == 1
    assert delays == []


def test_x_should_retry_true_still_respects_max_retries() -> None:
    script = Script(error_response(404, x_should_retry="true"))
    with make_client(script, max_retries=1) as client, pytest.raises(NotFoundError):
        client.models.get("m")
    assert script.calls == 2


# --- how long between attempts -------------------------------------------------------


def http_date(seconds_from_now: float) -> str:
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(
        seconds=seconds_from_now
    )
    return email.utils.format_datetime(moment, usegmt=True)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "0"}, 0.0),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after": "60"}, 60.0),
        ({"retry-after-ms": "250", "retry-after": "30"}, 0.25),
    ],
)
@BOTH_CLIENTS
def test_server_given_delay_is_obeyed(
    mode: str, headers: dict[str, str], expected: float
) -> None:
    script = Script(httpx.Response(429, headers=headers), ok_model())
    delays = Delays()
    run(mode, script, "get", "m", delays=delays)
    assert delays == pytest.approx([expected])


@BOTH_CLIENTS
def test_retry_after_as_an_http_date_is_obeyed(mode: str) -> None:
    script = Script(httpx.Response(503, headers={"retry-after": http_date(10)}))
    script.steps.append(ok_model())
    delays = Delays()
    run(mode, script, "get", "m", delays=delays)
    assert len(delays) == 1
    # The date has a resolution of one second.
    assert 8.5 < delays[0] <= 10.01


@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after": "61"},
        {"retry-after": "3600"},
        {"retry-after-ms": "61000"},
        {"retry-after": http_date(3600)},
        {"retry-after": "-5"},
        {"retry-after": http_date(-3600)},
        {"retry-after": "soon"},
        {"retry-after-ms": "later"},
        {"retry-after": ""},
    ],
)
@BOTH_CLIENTS
def test_unusable_or_too_long_server_delay_falls_back_to_backoff(
    mode: str,
    headers: dict[str, str],
) -> None:
    script = Script(httpx.Response(429, headers=headers))
    delays = Delays()
    with pytest.raises(APIStatusError):
        run(mode, script, "get", "m", delays=delays)
    assert_backoff(delays, 2)


@BOTH_CLIENTS
@pytest.mark.parametrize(
    ("failure", "raised"),
    [
        (error_response(503), InternalServerError),
        (httpx.ConnectError("refused"), APIConnectionError),
    ],
)
def test_backoff_doubles_from_half_a_second_up_to_eight_with_jitter(
    mode: str, failure: Step, raised: type[Exception]
) -> None:
    script = Script(failure)
    delays = Delays()
    with pytest.raises(raised):
        run(mode, script, "get", "m", delays=delays, client={"max_retries": 6})
    assert script.calls == 7
    assert_backoff(delays, 6)


@pytest.mark.parametrize(("draw", "factor"), [(0.0, 1.0), (0.999999, 0.75)])
@BOTH_CLIENTS
def test_jitter_takes_at_most_a_quarter_off(
    mode: str, monkeypatch: pytest.MonkeyPatch, draw: float, factor: float
) -> None:
    monkeypatch.setattr(random, "random", lambda: draw)
    script = Script(error_response(500))
    delays = Delays()
    with pytest.raises(InternalServerError):
        run(mode, script, "get", "m", delays=delays, client={"max_retries": 6})
    expected = [b * factor for b in (0.5, 1, 2, 4, 8, 8)]
    assert delays == pytest.approx(expected, abs=1e-4)


@BOTH_CLIENTS
def test_jitter_varies_between_retries(mode: str) -> None:
    script = Script(error_response(500), max_calls=21)
    delays = Delays()
    with pytest.raises(InternalServerError):
        run(mode, script, "get", "m", delays=delays, client={"max_retries": 20})
    capped = delays[4:]
    assert len(set(capped)) > 1  # 16 identical random draws: practically impossible
    assert all(6.0 <= delay <= 8.0 for delay in capped)


# --- what is never retried, and switching retries off --------------------------------


@pytest.mark.parametrize(
    ("operation", "args", "kwargs"),
    [
        ("get", [".."], {}),
        ("get", [""], {}),
        ("get", ["m"], {"betas": ["bad beta"]}),
        ("list", [], {"limit": 0}),
        ("list", [], {"after_id": "a", "before_id": "b"}),
    ],
)
@BOTH_CLIENTS
def test_argument_errors_are_raised_before_sending_and_not_retried(
    mode: str, operation: Operation, args: list[str], kwargs: dict[str, Any]
) -> None:
    script = Script(ok_model())
    delays = Delays()
    with pytest.raises(ValueError):
        run(mode, script, operation, *args, delays=delays, **kwargs)
    assert script.calls == 0
    assert delays == []


def test_with_options_max_retries_zero_disables_retries() -> None:
    script = Script(error_response(503))
    delays = Delays()
    with make_client(script, delays=delays) as client:
        no_retries = client.with_options(max_retries=0)
        assert no_retries.max_retries == 0
        with pytest.raises(InternalServerError):
            no_retries.models.get("m")
        assert script.calls == 1
        assert delays == []
        with pytest.raises(InternalServerError):
            client.models.get("m")  # the original still retries
        assert script.calls == 4
        assert client.max_retries == 2


@pytest.mark.anyio
async def test_async_with_options_max_retries_zero_disables_retries() -> None:
    script = Script(error_response(503))
    delays = Delays()
    async with make_async_client(script, delays=delays) as client:
        no_retries = client.with_options(max_retries=0)
        assert no_retries.max_retries == 0
        with pytest.raises(InternalServerError):
            await no_retries.models.get("m")
        assert script.calls == 1
        assert delays == []
        with pytest.raises(InternalServerError):
            await client.models.get("m")  # the original still retries
        assert script.calls == 4
        assert client.max_retries == 2


@pytest.mark.parametrize("bad", [-1, 1.5, "2", True, None])
def test_bad_max_retries_raises_value_error(bad: object) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        make_client(Script(ok_model()), max_retries=bad)


def test_retries_apply_to_every_page_of_a_listing() -> None:
    catalogue = Catalogue(model_ids(6), faults={2: Fault.error(503)})
    delays = Delays()
    with make_client(catalogue, delays=delays) as client:
        items = list(client.models.list(limit=2))
    assert [m.id for m in items] == model_ids(6)
    assert catalogue.calls == 4
    assert catalogue.cursors("after_id") == [
        None,
        "claude-model-01",
        "claude-model-01",
        "claude-model-03",
    ]
    assert len(delays) == 1


# --- logging ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "failure"),
    [(503, httpx.ConnectError("refused")), (429, httpx.ReadTimeout("slow"))],
)
@BOTH_CLIENTS
def test_every_retry_is_logged(
    mode: str,
    caplog: pytest.LogCaptureFixture,
    status: int,
    failure: httpx.TransportError,
) -> None:
    caplog.set_level(logging.INFO, logger="anthropic_models")
    script = Script(error_response(status), failure, ok_model())
    run(mode, script, "get", "m")
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2
    assert all(r.name == "anthropic_models" for r in retries)
    assert all(r.levelno == logging.INFO for r in retries)
    assert str(status) in retries[0].getMessage()
    assert type(failure).__name__ in retries[1].getMessage()
    assert "/v1/models/m" in retries[0].getMessage()


def test_no_retry_is_logged_when_nothing_is_retried(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="anthropic_models")
    script = Script(error_response(404))
    with make_client(script) as client, pytest.raises(NotFoundError):
        client.models.get("m")
    assert not [r for r in caplog.records if "retrying" in r.getMessage()]
