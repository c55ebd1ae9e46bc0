"""`FakeModelsAPI`: the core with its two faces attached.

The one module that knows the core and both faces, so that neither the core nor a
face imports the other (they meet in `_wire`).
"""

from __future__ import annotations

from ._core import ModelsAPICore
from ._server import FakeServer
from ._transport import FakeTransport

__all__ = ["FakeModelsAPI"]


class FakeModelsAPI(ModelsAPICore):
    """A faithful, in-process fake of the Anthropic Models API.

    Reach it in-process with `transport()` or over HTTP with `serve()`; the
    constructor's arguments (`models`, `aliases`, `api_key`, `auth_token`), the
    record of requests and the fault queue are the core's (`ModelsAPICore`).
    """

    def transport(self) -> FakeTransport:
        """An httpx transport (sync and async) answering from this fake."""
        return FakeTransport(self)

    def serve(self, *, host: str = "127.0.0.1", port: int = 0) -> FakeServer:
        """Serve this fake over HTTP/1.1 until the returned server is stopped
        (`with fake.serve() as server:` stops it on exit)."""
        return FakeServer(self, host=host, port=port)
