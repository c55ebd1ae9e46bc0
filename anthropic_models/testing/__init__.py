"""A faithful fake of the Anthropic Models API, for tests (ours and our users').

    from anthropic_models.testing import FakeModelsAPI, Fault

    fake = FakeModelsAPI()                       # the default, realistic catalogue
    client = httpx.Client(transport=fake.transport(), base_url="https://api.anthropic.com")
    with fake.serve() as server:                 # or a real HTTP/1.1 server
        httpx.get(f"{server.base_url}/v1/models", headers=...)
    fake.inject(Fault.error(500), None, Fault.overloaded())   # scripted faults
    fake.requests                                # what it received

It behaves as the live API does (see the repository's api-facts): newest first,
cursor pagination with after_id / before_id / limit, the lifecycle filter, aliases,
the beta view (`?beta=true`: the models with their beta fields; the plain view without),
x-api-key or Bearer auth, the API's error bodies and statuses, a `request-id` on
every response. Its default catalogue is in today's shape (lifecycle, limits,
capabilities). Standard library and httpx
only; the pytest fixtures live in `anthropic_models.testing.pytest_plugin`.
"""

from ._catalogue import (
    DEFAULT_ALIASES,
    DEFAULT_MODELS,
    LIFECYCLE_STAGES,
    SyntheticShape,
    capabilities,
    synthetic_models,
)
from ._fake import FakeModelsAPI
from ._faults import Fault, RecordedRequest
from ._server import FakeServer
from ._transport import FakeTransport

__all__ = [
    "DEFAULT_ALIASES",
    "DEFAULT_MODELS",
    "LIFECYCLE_STAGES",
    "FakeModelsAPI",
    "FakeServer",
    "FakeTransport",
    "Fault",
    "RecordedRequest",
    "SyntheticShape",
    "capabilities",
    "synthetic_models",
]
