"""A client for the Anthropic Models API, built on the code generated from
``openapi.yaml`` (``generated_client``).

    from anthropic_models import Client

    with Client() as client:                 # key from $ANTHROPIC_API_KEY
        for model in client.models.list():   # newest first, page by page
            print(model.id, model.display_name)
        model = client.models.get("claude-sonnet-4-5")
"""

from importlib import metadata as _metadata

# The version has one home, pyproject.toml; the installed package's metadata
# carries it here (and so into the User-Agent and `anthropic-models --version`).
__version__: str = _metadata.version("anthropic-models")

# errors first: the generated exception classes (_status_errors) derive from
# its APIStatusError, and it imports them back once that is defined.
from . import errors  # noqa: F401

# isort: split
from . import _status_errors

# isort: split
from generated_client.models import AnthropicBeta

from . import _resources
from ._aiohttp import DefaultAioHttpClient
from ._client import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncClient,
    Client,
)
from ._limits import DEFAULT_MAX_RESPONSE_BYTES
from ._pagination import AsyncPager, SyncPager

# The resources' classes, their pagers and the models and enums their methods
# return and take, generated from openapi.yaml: a new resource or response
# class there is importable from here.
from ._resources import *  # noqa: F403

# The exception of each documented status and error code, generated from
# openapi.yaml: documenting one there makes it importable from here.
from ._status_errors import *  # noqa: F403
from .errors import (
    AnthropicModelsError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    PaginationError,
    ResponseTooLargeError,
    ResponseValidationError,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AnthropicBeta",
    "AnthropicModelsError",
    "AsyncClient",
    "AsyncPager",
    "Client",
    "DefaultAioHttpClient",
    "PaginationError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "SyncPager",
    "__version__",
]
__all__ += _resources.__all__
__all__ += _status_errors.__all__
