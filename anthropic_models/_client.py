"""``Client`` and ``AsyncClient``: configuration, the ``models`` resource, and the
generated client they configure."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, Generic, Self, TypeVar

import httpx

from generated_client import Client as GeneratedClient

from . import __version__
from ._limits import (
    ACCEPT_ENCODING,
    DEFAULT_MAX_RESPONSE_BYTES,
    checked_max_response_bytes,
)
from ._loops import CallerClientLoopCheck, PerLoopPool
from ._redaction import protect_key
from ._resources import (
    AsyncModels,
    AsyncModelsPager,
    AsyncResources,
    Models,
    ModelsPager,
    Resources,
    check_betas,
    check_workspace_id,
    client_headers,
)
from ._spec import OWNED_HEADERS
from ._transport import (
    API_KEY_HEADER,
    AUTHORIZATION_HEADER,
    AsyncClientTransport,
    AsyncRuntimeTransport,
    ClientTransport,
    RuntimeTransport,
    TransportSettings,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncClient",
    "AsyncModels",
    "AsyncModelsPager",
    "Client",
    "Models",
    "ModelsPager",
]

DEFAULT_BASE_URL = "https://api.anthropic.com"
# 5 s to connect, as the official SDK. 30 s for the rest (the SDK's 600 s is sized
# for long generations; the Models API answers in well under a second, so a server
# that says nothing for 30 s has stalled, and the caller should hear about it).
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
USER_AGENT = f"anthropic-models-python/{__version__}"


class _Options:
    """The resolved, checked configuration shared by Client and AsyncClient."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        betas: Iterable[str] | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        fallback_timeout: httpx.Timeout | None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        auth_token: str | None = None,
        workspace_id: str | None = None,
    ) -> None:
        argument, source, secret = _credential(api_key, auth_token)
        # Checked here, before anything is sent: h11 would refuse such a header
        # value inside the request, with an exception quoting the whole value
        # (the secret) that then became the __cause__ of an APIConnectionError.
        # The messages name where the value came from, never the value.
        if (
            not isinstance(secret, str)
            or not secret.isprintable()
            or not secret.isascii()
        ):
            raise ValueError(f"{source} must be a string of printable ASCII characters")
        if secret != secret.strip():
            raise ValueError(
                f"{source} has leading or trailing whitespace: set the credential "
                "alone (a space pasted with it, or a stray newline from a file?)"
            )
        if base_url:  # None or "": the environment's, else the default
            self.base_url = _checked_base_url(base_url, "base_url")
        elif os.environ.get("ANTHROPIC_BASE_URL"):
            self.base_url = _checked_base_url(
                os.environ["ANTHROPIC_BASE_URL"], "$ANTHROPIC_BASE_URL (the base_url)"
            )
        else:
            self.base_url = DEFAULT_BASE_URL
        # Sent on every request by the httpx client the runtime builds (so also by
        # the generated functions called with client.generated). Exactly one
        # credential: the key as x-api-key, or the token as a Bearer.
        credential = (
            {API_KEY_HEADER: secret}
            if argument == "api_key"
            else {AUTHORIZATION_HEADER: f"Bearer {secret}"}
        )
        self.workspace_id = check_workspace_id(workspace_id)
        workspace = client_headers(workspace_id=self.workspace_id)
        self.headers = {**_checked_headers(default_headers), **workspace, **credential}
        self.timeout = _checked_timeout(timeout, fallback_timeout)
        self.settings = TransportSettings(
            # The secret the client holds, whichever it is: what gets redacted.
            api_key=secret,
            max_retries=_checked_retries(max_retries),
            betas=check_betas(betas),
            max_response_bytes=checked_max_response_bytes(max_response_bytes),
        )

    def copy_with(
        self,
        timeout: float | httpx.Timeout | None,
        max_retries: int | None,
        max_response_bytes: int | None = None,
    ) -> _Options:
        twin = object.__new__(_Options)
        twin.__dict__.update(self.__dict__)
        if timeout is not None:
            twin.timeout = _checked_timeout(timeout, None)
        if max_retries is not None:
            twin.settings = dataclasses.replace(
                twin.settings, max_retries=_checked_retries(max_retries)
            )
        if max_response_bytes is not None:
            twin.settings = dataclasses.replace(
                twin.settings,
                max_response_bytes=checked_max_response_bytes(max_response_bytes),
            )
        return twin


def _credential(api_key: str | None, auth_token: str | None) -> tuple[str, str, object]:
    """Which credential to send: ("api_key", source, key) or ("auth_token",
    source, token), where ``source`` names where it came from for messages
    (the argument, or the environment variable).

    Explicit arguments win over the environment, and both at once is an error.
    With neither, $ANTHROPIC_API_KEY, else $ANTHROPIC_AUTH_TOKEN: when both
    variables are set the key wins (the official SDK would send both headers;
    this client sends exactly one credential, and the key is the API's own).
    """
    if api_key is not None and auth_token is not None:
        raise ValueError("pass api_key or auth_token, not both")
    for argument, given in (("api_key", api_key), ("auth_token", auth_token)):
        if given is None:
            continue
        if given == "":
            raise ValueError(
                f"{argument} is empty: pass a credential, or none to use "
                "ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN"
            )
        return argument, argument, given
    key = os.environ.get("ANTHROPIC_API_KEY")
    if key:
        return "api_key", "$ANTHROPIC_API_KEY (the api_key)", key
    token = os.environ.get("ANTHROPIC_AUTH_TOKEN")
    if token:
        return "auth_token", "$ANTHROPIC_AUTH_TOKEN (the auth_token)", token
    raise ValueError(
        "no credential: pass api_key=... or auth_token=..., or set the "
        "ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN environment variable"
    )


def _checked_base_url(url: object, source: str) -> str:
    """``url`` as the base of every request; ``source`` names it in messages."""
    try:
        parsed = httpx.URL(str(url))
    except httpx.InvalidURL as exc:
        raise ValueError(f"{source} is not a URL: {exc}") from None
    if parsed.userinfo:
        # user:password@ would be sent as Basic auth beside the key, and shown
        # by repr(client) and every log line that quotes a URL. The message
        # quotes neither the URL nor the password.
        raise ValueError(
            f"{source} may not hold a user name or password (user:password@): "
            "the API authenticates with the key or token alone"
        )
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"{source} must be an http(s) URL with a host, got {url!r}")
    return str(url).rstrip("/")


def _checked_timeout(
    timeout: float | httpx.Timeout | None, fallback: httpx.Timeout | None
) -> httpx.Timeout:
    if timeout is None:
        return fallback or DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if type(timeout) in (int, float) and timeout > 0:
        return httpx.Timeout(float(timeout), connect=min(float(timeout), 5.0))
    raise ValueError(
        "timeout must be a positive number of seconds or an httpx.Timeout, "
        f"got {timeout!r}"
    )


def _checked_retries(max_retries: object) -> int:
    if type(max_retries) is not int or max_retries < 0:
        raise ValueError(f"max_retries must be an int >= 0, got {max_retries!r}")
    return max_retries


def _checked_headers(default_headers: Mapping[str, str] | None) -> dict[str, str]:
    # The headers the runtime owns (anthropic-version) go on every request;
    # Accept-Encoding: only what the runtime decodes within the cap (_limits).
    headers = {
        "user-agent": USER_AGENT,
        **OWNED_HEADERS,
        "accept-encoding": ACCEPT_ENCODING,
    }
    for name, value in (default_headers or {}).items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise ValueError("default_headers must map strings to strings")
        if name.lower() == API_KEY_HEADER:
            raise ValueError("default_headers may not set x-api-key: pass api_key=...")
        if name.lower() == AUTHORIZATION_HEADER:
            raise ValueError(
                "default_headers may not set authorization: pass auth_token=..."
            )
        owned = OWNED_HEADERS.get(name.lower())
        if owned is not None:
            if value != owned:
                raise ValueError(
                    f"default_headers may not set {name.lower()} to {value!r}: "
                    f"this client sends {owned}, what its types describe"
                )
            continue  # sent already, once
        try:
            httpx.Headers({name: value})
        except (UnicodeEncodeError, ValueError) as exc:
            raise ValueError(
                f"default_headers[{name!r}] is not a valid header"
            ) from exc
        if any(ord(char) < 0x20 or char == "\x7f" for char in name + value):
            raise ValueError(f"default_headers[{name!r}] holds a control character")
        headers[name.lower()] = value
    return headers


def _with_fixed_query(url: httpx.URL | str, kwargs: dict[str, Any]) -> httpx.URL | str:
    """The path of a URL that carries a fixed query, with that query moved to
    the front of ``kwargs["params"]``.

    A spec's path key may carry a query (``/v1/models?beta=true``, the beta
    view), which openapi-python-client 0.29.1 writes into the generated
    request's URL next to its ``params``; httpx 0.28 then *replaces* the URL's
    query with ``params`` (``Request(url, params=...)``), even an empty one, so
    the request would silently go to the other operation. Here the two are joined
    instead (a parameter of the query's own name would replace its pair), for
    the generated methods and for the generated functions called with
    ``client.generated`` alike."""
    params = kwargs.get("params")  # even empty ({}), it replaces the query
    if params is None or not isinstance(url, str) or "?" not in url:
        return url
    path, _, fixed = url.partition("?")
    kwargs["params"] = httpx.QueryParams(fixed).merge(params)
    return path


class _HTTPClient(httpx.Client):
    """httpx's client, keeping a URL's fixed query (``_with_fixed_query``)."""

    def build_request(
        self, method: str, url: httpx.URL | str, **kwargs: Any
    ) -> httpx.Request:
        return super().build_request(method, _with_fixed_query(url, kwargs), **kwargs)


class _AsyncHTTPClient(httpx.AsyncClient):
    """httpx's async client, keeping a URL's fixed query (``_with_fixed_query``)."""

    def build_request(
        self, method: str, url: httpx.URL | str, **kwargs: Any
    ) -> httpx.Request:
        return super().build_request(method, _with_fixed_query(url, kwargs), **kwargs)


def _no_cookies() -> CookieJar:
    """The runtime's httpx client keeps no cookie a server sets: the Models API
    needs none (it authenticates every request by its key), and a server that
    sets a new one with every response would grow the Cookie header of every
    later request without bound (16 kB after 300 responses, measured). Load
    balancer affinity, the usual reason to keep them, buys nothing for
    stateless reads. A caller's own ``http_client`` keeps its own jar."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


PoolT = TypeVar("PoolT")
SleepT = TypeVar("SleepT")


class _ClientBase(Generic[PoolT, SleepT]):
    """What Client and AsyncClient share; ``PoolT`` is the transport that really
    sends, ``SleepT`` how retries wait."""

    _options: _Options
    _pool: PoolT
    _sleep: SleepT
    # Ends the redaction of the key in httpx's and httpcore's records (close).
    _forget_key: Callable[[], object]

    def _setup(
        self, options: _Options, pool: PoolT, sleep: SleepT, *, owns_pool: bool
    ) -> None:
        raise NotImplementedError

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """A copy with other settings (``timeout``, ``max_retries``,
        ``max_response_bytes``; None keeps this client's), sharing this client's
        connection pool (closing the copy leaves the pool open; closing this
        client closes it)."""
        twin = object.__new__(type(self))
        twin._setup(
            self._options.copy_with(timeout, max_retries, max_response_bytes),
            self._pool,
            self._sleep,
            owns_pool=False,
        )
        return twin

    @property
    def base_url(self) -> str:
        return self._options.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._options.timeout

    @property
    def max_retries(self) -> int:
        return self._options.settings.max_retries

    @property
    def max_response_bytes(self) -> int:
        return self._options.settings.max_response_bytes

    @property
    def betas(self) -> tuple[str, ...]:
        return self._options.settings.betas

    @property
    def workspace_id(self) -> str | None:
        """The anthropic-workspace-id sent with every request (None: none)."""
        return self._options.workspace_id

    def __repr__(self) -> str:
        # Never the key, nor the headers that carry it.
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, "
            f"max_retries={self.max_retries}, timeout={self.timeout!r}, "
            f"betas={list(self.betas)!r})"
        )

    __str__ = __repr__


class Client(_ClientBase[httpx.BaseTransport, Callable[[float], None]], Resources):
    """A client of the Anthropic Models API.

    The credential is ``api_key`` (sent as ``x-api-key``) or ``auth_token`` (sent
    as ``Authorization: Bearer``), never both; without either,
    ``$ANTHROPIC_API_KEY``, else ``$ANTHROPIC_AUTH_TOKEN``. ``base_url`` defaults
    to ``$ANTHROPIC_BASE_URL`` or https://api.anthropic.com. ``workspace_id`` is
    sent as ``anthropic-workspace-id`` on every request (a call's own wins).
    ``betas`` are sent on every request (merged with per-call betas).
    ``timeout`` is seconds or an ``httpx.Timeout`` (default: 5 s to connect, 30 s
    otherwise); its largest value bounds each attempt as a whole, the body
    included. ``max_retries`` (default 2) applies to 408, 409, 429, 5xx,
    connection errors and timeouts. ``max_response_bytes`` (default 32 MiB) caps
    each response body once decoded (``ResponseTooLargeError`` beyond it).
    ``http_client`` is your own ``httpx.Client`` to send through (its transport,
    proxies and hooks apply; you close it). ``sleep`` is how retries wait; tests
    pass a fake.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        betas: Iterable[str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        auth_token: str | None = None,
        workspace_id: str | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise ValueError("http_client must be an httpx.Client")
        options = _Options(
            api_key=api_key,
            base_url=base_url,
            betas=betas,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            fallback_timeout=http_client.timeout if http_client is not None else None,
            max_response_bytes=max_response_bytes,
            auth_token=auth_token,
            workspace_id=workspace_id,
        )
        pool: httpx.BaseTransport
        if http_client is not None:
            pool = ClientTransport(http_client)
        else:
            from ._pool import OwnPool  # httpcore only when needed

            pool = OwnPool()
        self._setup(options, pool, sleep, owns_pool=http_client is None)

    def _setup(
        self,
        options: _Options,
        pool: httpx.BaseTransport,
        sleep: Callable[[float], None],
        *,
        owns_pool: bool,
    ) -> None:
        self._options = options
        self._pool = pool
        self._sleep = sleep
        transport = RuntimeTransport(
            pool, options.settings, sleep, owns_inner=owns_pool
        )
        # Held by this client's own transport, which a copy never shares.
        self._forget_key = protect_key(options.settings.api_key, transport)
        self._http = _HTTPClient(
            base_url=options.base_url,
            headers=options.headers,
            timeout=options.timeout,
            cookies=_no_cookies(),
            transport=transport,
        )
        self.generated = GeneratedClient(base_url=options.base_url).set_httpx_client(
            self._http
        )
        self._attach_resources(self._http, options.settings.redact)

    def close(self) -> None:
        self._http.close()
        self._forget_key()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


async def _asyncio_sleep(seconds: float) -> None:
    # Imported here: asyncio costs ~8 ms of `import anthropic_models`, and only
    # an AsyncClient that retries needs it.
    import asyncio

    await asyncio.sleep(seconds)


class AsyncClient(
    _ClientBase[httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]],
    AsyncResources,
):
    """The async twin of :class:`Client`: ``await client.models.get(...)``,
    ``async for model in client.models.list()``, ``async with AsyncClient()``."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        betas: Iterable[str] | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep,
        auth_token: str | None = None,
        workspace_id: str | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ValueError("http_client must be an httpx.AsyncClient")
        options = _Options(
            api_key=api_key,
            base_url=base_url,
            betas=betas,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            fallback_timeout=http_client.timeout if http_client is not None else None,
            max_response_bytes=max_response_bytes,
            auth_token=auth_token,
            workspace_id=workspace_id,
        )
        # Either follows the running event loop (a fork-aware pool of its own
        # per loop), or says clearly why it cannot.
        pool: httpx.AsyncBaseTransport
        if http_client is not None:
            pool = CallerClientLoopCheck(AsyncClientTransport(http_client))
        else:
            from ._pool import AsyncOwnPool

            pool = PerLoopPool(AsyncOwnPool)
        self._setup(options, pool, sleep, owns_pool=http_client is None)

    def _setup(
        self,
        options: _Options,
        pool: httpx.AsyncBaseTransport,
        sleep: Callable[[float], Awaitable[None]],
        *,
        owns_pool: bool,
    ) -> None:
        self._options = options
        self._pool = pool
        self._sleep = sleep
        transport = AsyncRuntimeTransport(
            pool, options.settings, sleep, owns_inner=owns_pool
        )
        self._forget_key = protect_key(options.settings.api_key, transport)
        self._http = _AsyncHTTPClient(
            base_url=options.base_url,
            headers=options.headers,
            timeout=options.timeout,
            cookies=_no_cookies(),
            transport=transport,
        )
        self.generated = GeneratedClient(
            base_url=options.base_url
        ).set_async_httpx_client(self._http)
        self._attach_resources(self._http, options.settings.redact)

    async def aclose(self) -> None:
        await self._http.aclose()
        self._forget_key()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
