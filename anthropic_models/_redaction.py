"""Keeps the key out of the log records of the HTTP stack under the runtime.

The runtime's own records are redacted where they are made (``_transport``).
httpx and httpcore log too, and at DEBUG httpcore logs every response's headers
verbatim, so a server or proxy that echoes the key in a header would put it in a
record. A filter on their loggers redacts the keys of the live clients in any
record that holds one; records without a key pass untouched. A client's key is
held from its construction until it is closed or garbage-collected, whichever
comes first: the filter does not keep every key the process has ever seen.

The filter counts the clients that hold each key: a client and its
``with_options()`` copies (or two clients built with one key) share one entry,
kept while any of them is open, and a copy's share ends with the copy. So a
dropped copy leaves nothing behind, and making one costs the same however many
were made before.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable

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
        # The keys to redact, one entry per key however many clients hold it:
        # read without the lock (one attribute read) by every record's filter().
        self.keys: tuple[str, ...] = ()
        self._held: dict[str, int] = {}  # key -> how many clients hold it
        # Re-entrant: release() runs from a weakref finalizer, which a garbage
        # collection triggered inside hold() or release() can call on this very
        # thread while it holds the lock.
        self._lock = threading.RLock()
        self._installed = False

    def filter(self, record: logging.LogRecord) -> bool:
        keys = self.keys
        if not keys:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: logging reports it when emitting
            return True
        redacted = message
        for key in keys:
            # Every form redact_key removes (the key, or a prefix of 16
            # characters or more) holds its first 16: one search rules it out.
            if key[:16] in redacted:
                redacted = redact_key(redacted, key)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True

    def hold(self, key: str) -> None:
        with self._lock:
            if not self._installed:
                for name in _STACK_LOGGERS:
                    logging.getLogger(name).addFilter(self)
                self._installed = True
            self._held[key] = self._held.get(key, 0) + 1
            self._sync(key)

    def release(self, key: str) -> None:
        with self._lock:
            held = self._held.get(key, 0) - 1
            if held > 0:
                self._held[key] = held
            else:
                self._held.pop(key, None)
            self._sync(key)

    def _sync(self, key: str) -> None:
        # The keys change only when a key comes or goes. Checked against the
        # count as it now stands, not as it was read: a release run by a garbage
        # collection between the read and the write above (see the lock) may
        # have changed it. Such a release can be lost, which leaves the key
        # held longer (redacted), never shorter.
        if (key in self._held) != (key in self.keys):
            self.keys = tuple(self._held)


_FILTER = _KeyFilter()


def protect_key(key: str, owner: object) -> Callable[[], object]:
    """Redact ``key`` from the records of httpx and httpcore while ``owner``
    lives; calling the returned function (a client's ``close``) ends it sooner.
    Each call is one share of the key's entry (see the module's docstring).

    ``owner`` is what every request of the client goes through, and what that
    client alone holds (its own transport, not settings a copy may share), so
    that the share lasts as long as anything can still send through that client
    — the generated client of a ``Client`` dropped without ``close`` included —
    and no longer.
    """
    _FILTER.hold(key)
    forget = weakref.finalize(owner, _FILTER.release, key)
    forget.atexit = False  # nothing is logged any more: no need to run at exit
    return forget
