"""Keeps the key out of the log records of the HTTP stack under the runtime.

The runtime's own records are redacted where they are made (``_transport``).
httpx and httpcore log too, and at DEBUG httpcore logs every response's headers
verbatim, so a server or proxy that echoes the key in a header would put it in a
record. A filter on their loggers redacts every key a client was built with, in
any record that holds one; records without a key pass untouched.
"""

from __future__ import annotations

import logging
import threading

from .errors import redact_key

__all__ = ["protect_key"]

# A logger's filters see only the records made on that very logger, not those of
# its children, so each logger of httpx and httpcore is named.
_STACK_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class _KeyFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[str, ...] = ()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: logging reports it when emitting
            return True
        redacted = message
        for key in self.keys:
            # Every form redact_key removes (the key, or a prefix of 16
            # characters or more) holds its first 16: one search rules it out.
            if key[:16] in redacted:
                redacted = redact_key(redacted, key)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_FILTER = _KeyFilter()
_LOCK = threading.Lock()


def protect_key(key: str) -> None:
    """Redact ``key`` from the records of httpx and httpcore from now on."""
    if key in _FILTER.keys:
        return
    with _LOCK:
        if key in _FILTER.keys:
            return
        if not _FILTER.keys:
            for name in _STACK_LOGGERS:
                logging.getLogger(name).addFilter(_FILTER)
        _FILTER.keys = (*_FILTER.keys, key)
