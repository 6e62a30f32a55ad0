"""The DuckDB event store: articles, events (with their PLOVER records) and skipped inputs."""

from eventwire.store.duckdb_store import BatchCounts, Store

__all__ = ["BatchCounts", "Store"]
