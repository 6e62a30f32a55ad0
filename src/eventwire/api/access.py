"""The server's handle on the store: many read-only readers, the rare writer one at a time.

DuckDB lets one process open a file either read-only or read-write, not both. Queries run
on a read-only connection; `POST /api/articles` takes the store exclusively, closes that
connection so the ingest can open the file for writing, and reopens it read-only after.
Over a Parquet lake (`eventwire serve --lake`) there is no writer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventwire.api.cache import BodyCache
from eventwire.errors import ConfigError
from eventwire.lake import open_lake
from eventwire.store import Store


class SharedLock:
    """A readers-writer lock: any number of readers, or one writer (writers go first)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0

    def acquire_shared(self) -> None:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._waiting_writers)
            self._readers += 1

    def release_shared(self) -> None:
        with self._cond:
            self._readers -= 1
            self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._waiting_writers -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class StoreAccess:
    """Read-only `Store` for queries; `writing()` hands the file to a writer for a moment.

    `cache` keeps computed response bodies; `writing()` empties it, before and after the
    write, so no reader sees a body computed from the data before the write.
    """

    def __init__(self, db: Path, *, create: bool = False, lake: Path | str | None = None) -> None:
        self.db = db
        self.lake = Path(lake) if lake is not None else None
        if create and not db.exists():
            Store(db).close()  # an empty store, so the server starts on a fresh path
        self._lock = SharedLock()
        self._store: Store | None = self._open()
        self.cache = BodyCache()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The read-only store, held for as long as the block runs."""
        self._lock.acquire_shared()
        try:
            yield self._reader()
        finally:
            self._lock.release_shared()

    def hold(self) -> tuple[Store, object]:
        """The store and a token for `release`, for a streamed response that outlives a block."""
        self._lock.acquire_shared()
        try:
            return self._reader(), object()
        except BaseException:
            self._lock.release_shared()
            raise

    def release(self, _token: object) -> None:
        self._lock.release_shared()

    @contextmanager
    def writing(self) -> Iterator[Path]:
        """No reader runs inside this block; the path is free for `Store(path)`."""
        if self.lake is not None:
            raise ConfigError(f"{self.lake} is a Parquet lake, served read-only")
        with self._lock.exclusive():
            self.cache.clear()
            if self._store is not None:
                self._store.close()
                self._store = None
            try:
                yield self.db
            finally:
                self.cache.clear()  # even a failed write may have stored part of its rows
            self._store = self._open()

    def _reader(self) -> Store:
        if self._store is None:  # a failed reopen after a write: try again now
            self._store = self._open()
        return self._store

    def _open(self) -> Store:
        if self.lake is not None:
            return open_lake(self.lake)
        return Store(self.db, read_only=True)

    def close(self) -> None:
        with self._lock.exclusive():
            if self._store is not None:
                self._store.close()
                self._store = None
