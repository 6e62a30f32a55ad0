"""Response bodies of `/api/stats` and `/api/points` kept per filter, until the next write.

Counts over a million events take a full scan each time (50-200 ms under load), yet the
dashboard asks the same few filters over and over. While the server runs it is the only
writer (DuckDB locks the file), and every write goes through `StoreAccess.writing()`,
which clears this cache: a stored body is never older than the data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

#: Bodies kept at most, and their total size (a 20,000-point body is about 1.6 MB).
MAX_ENTRIES, MAX_BYTES = 256, 64_000_000


class BodyCache:
    """A thread-safe LRU of encoded response bodies, bounded in entries and bytes."""

    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._size = 0
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.hits = self.misses = 0

    def get_or_make(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The body kept for `key`, else `make()` kept (if it fits) and returned.

        `make` runs outside the lock, so two requests may both compute a body: harmless.
        Callers run this while holding the store for reading, so no write interleaves.
        """
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        body = make()
        if len(body) <= self.max_bytes:
            self._put(key, body)
        return body

    def _put(self, key: Hashable, body: bytes) -> None:
        with self._lock:
            old = self._bodies.pop(key, None)
            self._size += len(body) - (len(old) if old is not None else 0)
            self._bodies[key] = body
            while len(self._bodies) > self.max_entries or self._size > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._bodies.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._bodies)
