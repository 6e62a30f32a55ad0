"""Stream `export.write_events` output as an HTTP body, chunk by chunk.

The export writers write to a text stream and return when done; here one runs in a worker
thread writing into a bounded queue, and the response iterates the queue, so a large
export is never held whole in memory and a slow client slows the writer down.
"""

from __future__ import annotations

import contextlib
import io
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO, cast

from eventwire.export import write_events

#: Characters gathered before a chunk is handed to the response.
CHUNK_CHARS = 64 * 1024
#: Chunks buffered between the writer and a slow client.
QUEUE_CHUNKS = 8


class _Cancelled(Exception):
    """The client went away: the writer thread stops at its next write."""


class _QueueSink(io.TextIOBase):
    def __init__(self, chunks: queue.Queue[Any], stop: threading.Event) -> None:
        self._chunks = chunks
        self._stop = stop
        self._parts: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._stop.is_set():
            raise _Cancelled
        self._parts.append(text)
        self._size += len(text)
        if self._size >= CHUNK_CHARS:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._parts:
            self._chunks.put("".join(self._parts).encode("utf-8"))
            self._parts, self._size = [], 0


_DONE = object()


def export_chunks(
    records: Iterable[dict[str, Any]], *, format: str, on_close: Callable[[], None]
) -> Iterator[bytes]:
    """The bytes of `write_events(records, format=format)`; `on_close` runs when it ends."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_CHUNKS)
    stop = threading.Event()
    sink = _QueueSink(chunks, stop)

    def run() -> None:
        try:
            write_events(records, format=format, out=cast(TextIO, sink))
            sink.flush()
            chunks.put(_DONE)
        except _Cancelled:
            pass
        except BaseException as exc:  # handed to the response side, which re-raises it
            chunks.put(exc)

    worker = threading.Thread(target=run, name="eventwire-export", daemon=True)
    worker.start()
    try:
        while (item := chunks.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a writer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                chunks.get(timeout=0.05)
        on_close()
