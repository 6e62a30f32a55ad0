"""The DuckDB event store: articles, events (with their PLOVER records) and skipped inputs."""

from eventwire.store.duckdb_store import BatchCounts, Page, Store
from eventwire.store.queries import EventFilter

__all__ = ["BatchCounts", "EventFilter", "Page", "Store"]
