"""``Client`` and ``AsyncClient``: configuration, the ``models`` resource, and the
generated client they configure."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, Generic, Self, TypeVar

import httpx

from generated_client import Client as GeneratedClient
from generated_client.api.models import get_model, list_models
from generated_client.models import ListModelsResponse, ModelInfo, ModelInfoLifecycle
from generated_client.types import UNSET, Unset

from . import __version__, _arguments
from ._limits import (
    ACCEPT_ENCODING,
    DEFAULT_MAX_RESPONSE_BYTES,
    checked_max_response_bytes,
)
from ._pagination import AsyncPager, SyncPager
from ._parsers import PARSERS
from ._redaction import protect_key
from ._transport import (
    API_KEY_HEADER,
    API_VERSION,
    AUTHORIZATION_HEADER,
    VERSION_HEADER,
    WORKSPACE_HEADER,
    AsyncClientTransport,
    AsyncRuntimeTransport,
    ClientTransport,
    RuntimeTransport,
    TransportSettings,
)
from ._validation import CYCLIC_GC_PAUSED, InvalidPayload
from .errors import ResponseValidationError

DEFAULT_BASE_URL = "https://api.anthropic.com"
# 5 s to connect, as the official SDK. 30 s for the rest (the SDK's 600 s is sized
# for long generations; the Models API answers in well under a second, so a server
# that says nothing for 30 s has stalled, and the caller should hear about it).
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
USER_AGENT = f"anthropic-models-python/{__version__}"

ModelT = TypeVar("ModelT")

ModelsPager = SyncPager[ModelInfo, ListModelsResponse]
AsyncModelsPager = AsyncPager[ModelInfo, ListModelsResponse]


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
        argument, secret = _credential(api_key, auth_token)
        if (
            not isinstance(secret, str)
            or not secret.isprintable()
            or not secret.isascii()
        ):
            raise ValueError(
                f"{argument} must be a string of printable ASCII characters"
            )
        url = base_url or os.environ.get("ANTHROPIC_BASE_URL") or DEFAULT_BASE_URL
        self.base_url = _checked_base_url(url)
        # Sent on every request by the httpx client the runtime builds (so also by
        # the generated functions called with client.generated). Exactly one
        # credential: the key as x-api-key, or the token as a Bearer.
        credential = (
            {API_KEY_HEADER: secret}
            if argument == "api_key"
            else {AUTHORIZATION_HEADER: f"Bearer {secret}"}
        )
        self.workspace_id = _arguments.workspace_id(workspace_id)
        workspace = (
            {WORKSPACE_HEADER: self.workspace_id}
            if self.workspace_id is not None
            else {}
        )
        self.headers = {**_checked_headers(default_headers), **workspace, **credential}
        self.timeout = _checked_timeout(timeout, fallback_timeout)
        self.settings = TransportSettings(
            # The secret the client holds, whichever it is: what gets redacted.
            api_key=secret,
            max_retries=_checked_retries(max_retries),
            betas=_arguments.beta_names(betas),
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


def _credential(api_key: str | None, auth_token: str | None) -> tuple[str, object]:
    """Which credential to send: ("api_key", key) or ("auth_token", token).

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
        return argument, given
    key = os.environ.get("ANTHROPIC_API_KEY")
    if key:
        return "api_key", key
    token = os.environ.get("ANTHROPIC_AUTH_TOKEN")
    if token:
        return "auth_token", token
    raise ValueError(
        "no credential: pass api_key=... or auth_token=..., or set the "
        "ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN environment variable"
    )


def _checked_base_url(url: object) -> str:
    try:
        parsed = httpx.URL(str(url))
    except httpx.InvalidURL as exc:
        raise ValueError(f"base_url is not a URL: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, got {url!r}")
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
    # Accept-Encoding: only what the runtime decodes within the cap (_limits).
    headers = {
        "user-agent": USER_AGENT,
        VERSION_HEADER: API_VERSION,
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
        if name.lower() == VERSION_HEADER:
            if value != API_VERSION:
                raise ValueError(
                    f"default_headers may not set {VERSION_HEADER} to {value!r}: "
                    f"this client speaks {API_VERSION}, the version its types "
                    "describe"
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


def _no_cookies() -> CookieJar:
    """The runtime's httpx client keeps no cookie a server sets: the Models API
    needs none (it authenticates every request by its key), and a server that
    sets a new one with every response would grow the Cookie header of every
    later request without bound (16 kB after 300 responses, measured). Load
    balancer affinity, the usual reason to keep them, buys nothing for
    stateless reads. A caller's own ``http_client`` keeps its own jar."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def _parsed(cls: type[ModelT], response: httpx.Response) -> ModelT:
    """The body of a 2xx response as a generated model, or ResponseValidationError."""
    with CYCLIC_GC_PAUSED:  # tens of thousands of objects at once: see its reason
        try:
            payload = json.loads(response.content)
        except (
            ValueError,
            RecursionError,
        ) as exc:  # JSONDecodeError, UnicodeDecodeError
            raise ResponseValidationError(
                f"the response body is not valid JSON: {type(exc).__name__}",
                response=response,
            ) from None
        try:
            parsed: ModelT = PARSERS[cls](payload)
        except InvalidPayload as exc:
            raise ResponseValidationError(
                f"the response does not match the spec: {cls.__name__}.{exc}",
                response=response,
            ) from None
    return parsed


@dataclass(frozen=True)
class _ListArguments:
    """The checked arguments of one ``list`` call, kept for every page."""

    limit: int | None
    after_id: str | None
    before_id: str | None
    betas: tuple[str, ...]
    lifecycle: tuple[str, ...] | None
    workspace_id: str | None

    def kwargs(self, after_id: str | None, before_id: str | None) -> dict[str, Any]:
        """The request of the page at this cursor."""
        return _sent(
            list_models._get_kwargs(
                after_id=after_id if after_id is not None else UNSET,
                before_id=before_id if before_id is not None else UNSET,
                limit=self.limit if self.limit is not None else UNSET,
                lifecycle=(
                    list(self.lifecycle) if self.lifecycle is not None else UNSET
                ),
                anthropic_beta=",".join(self.betas) if self.betas else UNSET,
                anthropic_workspace_id=_or_unset(self.workspace_id),
            )
        )


def _sent(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A generated ``_get_kwargs`` request, less the anthropic-version header when
    it is the one the runtime's httpx client sends by default (default_headers may
    not change it). The same request on the wire, and httpx has no headers of the
    request's own to merge into the client's: measured, 5 of the 37 us its
    build_request takes. A version the spec changed would be sent as it is."""
    headers = kwargs["headers"]
    if headers.get(VERSION_HEADER) == API_VERSION:
        del headers[VERSION_HEADER]
        if not headers:
            del kwargs["headers"]
    return kwargs


def _or_unset(value: str | None) -> str | Unset:
    return value if value is not None else UNSET


def _get_kwargs(
    model_id: object, betas: Iterable[str] | None, workspace_id: object
) -> dict[str, Any]:
    checked_id = _arguments.path_segment(model_id, "model_id")
    names = _arguments.beta_names(betas)
    workspace = _arguments.workspace_id(workspace_id)
    return _sent(
        get_model._get_kwargs(
            checked_id,
            anthropic_beta=",".join(names) if names else UNSET,
            anthropic_workspace_id=_or_unset(workspace),
        )
    )


def _list_arguments(
    limit: object,
    after_id: object,
    before_id: object,
    betas: Iterable[str] | None,
    lifecycle: Iterable[str] | None,
    workspace_id: object,
) -> _ListArguments:
    checked_limit = _arguments.page_limit(limit)
    after = _arguments.cursor(after_id, "after_id")
    before = _arguments.cursor(before_id, "before_id")
    if after is not None and before is not None:
        raise ValueError("pass after_id or before_id, not both")
    return _ListArguments(
        limit=checked_limit,
        after_id=after,
        before_id=before,
        betas=_arguments.beta_names(betas),
        lifecycle=_arguments.lifecycle_stages(lifecycle),
        workspace_id=_arguments.workspace_id(workspace_id),
    )


class Models:
    """``client.models``: the Models API."""

    def __init__(
        self, http: httpx.Client, redact: Callable[[str], str] | None = None
    ) -> None:
        self._http = http
        self._redact = redact  # the key out of what a pager shows of cursors

    def list(
        self,
        *,
        limit: int | None = None,
        after_id: str | None = None,
        before_id: str | None = None,
        betas: Iterable[str] | None = None,
        lifecycle: Iterable[ModelInfoLifecycle | str] | None = None,
        workspace_id: str | None = None,
    ) -> ModelsPager:
        """Every model, newest first, fetched lazily page by page (``limit`` per
        page, the API's default 20 when None). Starting from ``before_id`` lists
        towards newer models. ``lifecycle`` keeps the models in any of 1 to 3
        stages (default: active and deprecated); ``workspace_id`` overrides the
        client's. Arguments are checked now; nothing is sent until the result is
        iterated, and every page is asked for with the same filter."""
        arguments = _list_arguments(
            limit, after_id, before_id, betas, lifecycle, workspace_id
        )

        def fetch(after_id: str | None, before_id: str | None) -> ListModelsResponse:
            kwargs = arguments.kwargs(after_id, before_id)
            return _parsed(ListModelsResponse, self._http.request(**kwargs))

        return SyncPager(
            fetch,
            after_id=arguments.after_id,
            before_id=arguments.before_id,
            redact=self._redact,
        )

    def get(
        self,
        model_id: str,
        *,
        betas: Iterable[str] | None = None,
        workspace_id: str | None = None,
    ) -> ModelInfo:
        """One model by ID or alias (the result's ``id`` is the resolved ID);
        ``workspace_id`` overrides the client's."""
        kwargs = _get_kwargs(model_id, betas, workspace_id)
        return _parsed(ModelInfo, self._http.request(**kwargs))


class AsyncModels:
    """``client.models`` of an :class:`AsyncClient`."""

    def __init__(
        self, http: httpx.AsyncClient, redact: Callable[[str], str] | None = None
    ) -> None:
        self._http = http
        self._redact = redact

    def list(
        self,
        *,
        limit: int | None = None,
        after_id: str | None = None,
        before_id: str | None = None,
        betas: Iterable[str] | None = None,
        lifecycle: Iterable[ModelInfoLifecycle | str] | None = None,
        workspace_id: str | None = None,
    ) -> AsyncModelsPager:
        """As :meth:`Models.list`; iterate with ``async for``."""
        arguments = _list_arguments(
            limit, after_id, before_id, betas, lifecycle, workspace_id
        )

        async def fetch(
            after_id: str | None, before_id: str | None
        ) -> ListModelsResponse:
            kwargs = arguments.kwargs(after_id, before_id)
            return _parsed(ListModelsResponse, await self._http.request(**kwargs))

        return AsyncPager(
            fetch,
            after_id=arguments.after_id,
            before_id=arguments.before_id,
            redact=self._redact,
        )

    async def get(
        self,
        model_id: str,
        *,
        betas: Iterable[str] | None = None,
        workspace_id: str | None = None,
    ) -> ModelInfo:
        """As :meth:`Models.get`."""
        kwargs = _get_kwargs(model_id, betas, workspace_id)
        return _parsed(ModelInfo, await self._http.request(**kwargs))


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


class Client(_ClientBase[httpx.BaseTransport, Callable[[float], None]]):
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
        self._forget_key = protect_key(options.settings.api_key, options.settings)
        self._http = httpx.Client(
            base_url=options.base_url,
            headers=options.headers,
            timeout=options.timeout,
            cookies=_no_cookies(),
            transport=RuntimeTransport(
                pool, options.settings, sleep, owns_inner=owns_pool
            ),
        )
        self.generated = GeneratedClient(base_url=options.base_url).set_httpx_client(
            self._http
        )
        self.models = Models(self._http, options.settings.redact)

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
    _ClientBase[httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]]
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
        pool: httpx.AsyncBaseTransport
        if http_client is not None:
            pool = AsyncClientTransport(http_client)
        else:
            from ._pool import AsyncOwnPool

            pool = AsyncOwnPool()
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
        self._forget_key = protect_key(options.settings.api_key, options.settings)
        self._http = httpx.AsyncClient(
            base_url=options.base_url,
            headers=options.headers,
            timeout=options.timeout,
            cookies=_no_cookies(),
            transport=AsyncRuntimeTransport(
                pool, options.settings, sleep, owns_inner=owns_pool
            ),
        )
        self.generated = GeneratedClient(
            base_url=options.base_url
        ).set_async_httpx_client(self._http)
        self.models = AsyncModels(self._http, options.settings.redact)

    async def aclose(self) -> None:
        await self._http.aclose()
        self._forget_key()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
