"""Hostile arguments, checked on the fake Models API's real HTTP face: a model ID,
cursor or beta list either raises ``ValueError`` before anything reaches the
transport, or is sent as exactly one request that carries it faithfully (one path
segment that decodes back to the ID; one query parameter whose value is the
cursor; one ``anthropic-beta`` header) and nothing else: no extra header, no
extra query parameter, no other path.

Refused, and only these (the runtime's documented rules):

- a model ID that is empty or a dot segment (``.``, ``..``), also percent-encoded
  once or more (``%2e%2E``, ``%252e``): httpx would send another path;
- an empty cursor;
- a value that is not valid UTF-8 (a lone surrogate);
- a value longer than ``MAX_ARGUMENT_BYTES`` (4,096) bytes once percent-encoded,
  or betas longer than that once joined: a server or proxy refuses or resets a
  request line or header that long (RFC 9112 only asks for 8,000 octets), and
  httpx itself refuses URLs over 64 KiB. Before this was a rule, a 100 kB ID
  escaped as ``httpx.InvalidURL`` (neither a ValueError nor typed), and a 100 kB
  beta reached the server and came back as a 431.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from urllib.parse import quote, unquote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anthropic_models import BadRequestError, Client, NotFoundError
from anthropic_models._arguments import MAX_ARGUMENT_BYTES
from anthropic_models.testing import FakeModelsAPI, FakeServer, RecordedRequest

from .report import REPORT
from .support import KEY, CountingTransport, check_exception

SETTINGS = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)

# The headers every request carries, and nothing more.
BASE_HEADERS = frozenset(
    {
        "host",
        "accept",
        "accept-encoding",
        "connection",
        "user-agent",
        "x-api-key",
        "anthropic-version",
    }
)
ONLY_MODEL = {
    "id": "claude-hardening-1",
    "created_at": "2025-09-29T00:00:00Z",
    "display_name": "Claude Hardening",
    "type": "model",
}

# ------------------------------------------------------------------ strategies

HOSTILE = "/?#%.&=+;:@, \t\r\n\x00\x7f\x85\u2028\ufeff\u202e\u200bü日🙂\U0010ffff"
PIECES = [
    ".",
    "..",
    "%2e",
    "%2E",
    "%252e",
    "%25252E",
    "%2f",
    "%2F",
    "%00",
    "%0d%0a",
    "%",
    "%%",
    "%zz",
    "../",
    "/..",
    "?",
    "#",
    "&limit=1",
    "&after_id=x",
    "\r\nx-injected: 1",
    "\x00",
    "claude-sonnet-4-5",
]
REPEATED_UNITS = ["a", "/", "ü", "🙂", "%", ".", "%2e", "\r\n", "\x00"]


def _repeat(unit: str, count: int) -> str:
    return unit * count


hostile_strings = st.one_of(
    st.text(max_size=40),
    st.text(st.sampled_from(HOSTILE), max_size=40),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=8).map(
        "".join
    ),
    # Long ones: up to 100 kB, and around the limit (as characters, and as bytes
    # once encoded: "/" is 3 bytes, "ü" 6, "🙂" 12).
    st.builds(
        _repeat,
        st.sampled_from(REPEATED_UNITS),
        st.one_of(
            st.integers(min_value=0, max_value=100_000),
            st.sampled_from([341, 342, 682, 683, 1365, 1366, 4095, 4096, 4097]),
        ),
    ),
    # Not UTF-8: a lone surrogate somewhere.
    st.builds(
        lambda before, surrogate, after: before + surrogate + after,
        st.text(max_size=5),
        st.characters(categories=["Cs"]),
        st.text(max_size=5),
    ),
)


def _encodable(value: str) -> str | None:
    """``value`` percent-encoded as UTF-8, or None when it is not valid UTF-8."""
    try:
        return quote(value, safe="")
    except UnicodeEncodeError:
        return None


def model_id_is_refused(value: str) -> bool:
    encoded = _encodable(value)
    if encoded is None or len(encoded) > MAX_ARGUMENT_BYTES:
        return True
    decoded = value
    while unquote(decoded) != decoded:  # each round shortens it: bounded
        decoded = unquote(decoded)
    return decoded in ("", ".", "..")


def cursor_is_refused(value: str) -> bool:
    encoded = _encodable(value)
    return encoded is None or not value or len(encoded) > MAX_ARGUMENT_BYTES


# ------------------------------------------------------------------ the face


class Face:
    """The fake served over HTTP, and a client whose every request is counted
    as it reaches the transport."""

    def __init__(self, fake: FakeModelsAPI, server: FakeServer) -> None:
        self.fake = fake
        self.server = server
        self.counter = CountingTransport(httpx.HTTPTransport())
        self.http = httpx.Client(transport=self.counter)

    def client(self, betas: object = None) -> Client:
        return Client(
            api_key=KEY,
            base_url=self.server.base_url,
            http_client=self.http,
            max_retries=0,
            betas=betas,  # type: ignore[arg-type]
        )

    def reset(self) -> None:
        self.fake.clear_requests()
        self.counter.sent = 0

    def one_request(self) -> RecordedRequest:
        requests = self.fake.requests
        assert self.counter.sent == 1
        assert len(requests) == 1, requests
        (request,) = requests
        assert request.method == "GET"
        assert request.headers["x-api-key"] == KEY
        return request


@pytest.fixture
def face() -> Iterator[Face]:
    fake = FakeModelsAPI(models=[ONLY_MODEL], api_key=KEY)
    with fake.serve() as server:
        face = Face(fake, server)
        try:
            yield face
        finally:
            face.http.close()


def refused_before_sending(face: Face, error: ValueError, argument: str) -> None:
    assert type(error) is ValueError, repr(error)  # not a UnicodeEncodeError...
    assert argument in str(error)
    assert len(str(error)) < 500  # a 100 kB value is not quoted back
    assert face.counter.sent == 0
    assert face.fake.requests == []
    check_exception(error)
    REPORT.arguments["refused"] += 1


# ------------------------------------------------------------------ properties


@pytest.mark.timeout(60)
@SETTINGS
@given(model_id=hostile_strings)
def test_a_model_id_is_one_path_segment_or_refused_before_sending(
    face: Face, model_id: str
) -> None:
    REPORT.count_case("2. hostile model_id")
    face.reset()
    client = face.client()
    refused = model_id_is_refused(model_id)
    try:
        model = client.models.get(model_id)
    except ValueError as error:
        assert refused, f"refused {model_id[:80]!r}: {error}"
        refused_before_sending(face, error, "model_id")
        return
    except NotFoundError as error:
        check_exception(error)
        assert error.message == f"model: {model_id}"  # what the server decoded
    else:
        assert model_id == "claude-hardening-1" and model.id == model_id
    assert not refused, f"sent {model_id[:80]!r}"
    request = face.one_request()
    prefix = "/v1/models/"
    assert request.path.startswith(prefix), request.path[:100]
    segment = request.path[len(prefix) :]
    assert segment and "/" not in segment and "?" not in segment
    assert unquote(segment, errors="strict") == model_id
    assert request.query == []
    assert set(request.headers) == BASE_HEADERS
    REPORT.arguments["sent"] += 1


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argument", ["after_id", "before_id"])
@SETTINGS
@given(cursor=hostile_strings)
def test_a_cursor_is_one_query_parameter_or_refused_before_sending(
    face: Face, argument: str, cursor: str
) -> None:
    REPORT.count_case(f"2. hostile {argument}")
    face.reset()
    client = face.client()
    refused = cursor_is_refused(cursor)
    try:
        pager = client.models.list(**{argument: cursor})  # type: ignore[arg-type]
    except ValueError as error:
        assert refused, f"refused {cursor[:80]!r}: {error}"
        refused_before_sending(face, error, argument)
        return
    assert not refused, f"accepted {cursor[:80]!r}"
    with pytest.raises(BadRequestError) as raised:
        list(pager)
    check_exception(raised.value)
    # What the server decoded, quoted back by the fake.
    assert raised.value.message == f"{argument}: unknown model ID {cursor!r}"
    request = face.one_request()
    assert request.path == "/v1/models"
    assert request.query == [(argument, cursor)]
    assert set(request.headers) == BASE_HEADERS
    REPORT.arguments["sent"] += 1


BETA_NAME = st.from_regex(r"[!-+\--~]{1,40}", fullmatch=True)
beta_lists = st.one_of(
    st.none(),
    st.lists(st.one_of(BETA_NAME, BETA_NAME, hostile_strings), max_size=5),
    st.lists(st.sampled_from(["files-api-2025-04-14", "a", "b"]), max_size=4),
    st.builds(lambda n: [f"beta-{i:05d}" for i in range(n)], st.integers(0, 1200)),
    st.builds(lambda n: ["b" * n], st.sampled_from([4096, 4097, 100_000])),
    hostile_strings,  # one string instead of a list
)


def betas_are_refused(betas: object) -> bool:
    if betas is None:
        return False
    if isinstance(betas, str):
        return True
    assert isinstance(betas, list)
    for name in betas:
        if not name or not all("!" <= c <= "~" and c != "," for c in name):
            return True
    return len(",".join(dict.fromkeys(betas))) > MAX_ARGUMENT_BYTES


def joined(*groups: Sequence[str] | None) -> str:
    return ",".join(dict.fromkeys(name for group in groups for name in group or ()))


@pytest.mark.timeout(60)
@SETTINGS
@given(client_betas=beta_lists, call_betas=beta_lists)
def test_betas_are_one_header_or_refused_before_sending(
    face: Face, client_betas: object, call_betas: object
) -> None:
    REPORT.count_case("2. hostile betas")
    face.reset()
    try:
        client = face.client(betas=client_betas)
    except ValueError as error:
        assert betas_are_refused(client_betas), f"refused {client_betas!r:.80}"
        refused_before_sending(face, error, "betas")
        return
    assert not betas_are_refused(client_betas), f"accepted {client_betas!r:.80}"
    try:
        model = client.models.get("claude-hardening-1", betas=call_betas)  # type: ignore[arg-type]
    except ValueError as error:
        assert betas_are_refused(call_betas), f"refused {call_betas!r:.80}"
        refused_before_sending(face, error, "betas")
        return
    assert not betas_are_refused(call_betas), f"accepted {call_betas!r:.80}"
    assert model.id == "claude-hardening-1"
    request = face.one_request()
    assert request.path == "/v1/models/claude-hardening-1"
    assert request.query == []
    assert isinstance(client_betas, list | None)
    assert isinstance(call_betas, list | None)
    expected = joined(client_betas, call_betas)
    if expected:
        assert set(request.headers) == BASE_HEADERS | {"anthropic-beta"}
        assert request.headers["anthropic-beta"] == expected
    else:
        assert set(request.headers) == BASE_HEADERS
    REPORT.arguments["sent"] += 1
