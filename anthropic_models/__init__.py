"""A client for the Anthropic Models API, built on the code generated from
``openapi.yaml`` (``generated_client``).

    from anthropic_models import Client

    with Client() as client:                 # key from $ANTHROPIC_API_KEY
        for model in client.models.list():   # newest first, page by page
            print(model.id, model.display_name)
        model = client.models.get("claude-sonnet-4-5")
"""

__version__ = "0.1.0"

from generated_client.models import (
    AnthropicBeta,
    ListModelsResponse,
    ModelInfo,
    ModelInfoLifecycle,
)

from ._client import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncClient,
    AsyncModels,
    AsyncModelsPager,
    Client,
    Models,
    ModelsPager,
)
from ._pagination import AsyncPager, SyncPager
from .errors import (
    AnthropicModelsError,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    OverloadedError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RequestTooLargeError,
    ResponseValidationError,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AnthropicBeta",
    "AnthropicModelsError",
    "AsyncClient",
    "AsyncModels",
    "AsyncModelsPager",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "InternalServerError",
    "ListModelsResponse",
    "ModelInfo",
    "ModelInfoLifecycle",
    "Models",
    "ModelsPager",
    "NotFoundError",
    "OverloadedError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTooLargeError",
    "ResponseValidationError",
    "SyncPager",
    "__version__",
]
