"""An open store file: connecting, creating or checking its tables, and running queries.

`StoreConnection` is the base of `eventwire.store.Store`. Opening for writing creates the file
and any missing table or column (`schema.DDL`, so older stores gain what was added since);
opening read-only checks that the file is an eventwire store. Every query error is raised as
`StoreError` naming the file; reads run on a cursor of their own, so threads can share a store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from eventwire.errors import StoreError
from eventwire.store import schema

__all__ = ["StoreConnection"]

#: Rows fetched at a time when streaming events out of the store.
FETCH_ROWS = 1000


class StoreConnection:
    """A DuckDB store file, open for writing or read-only (`Store` adds what it holds)."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con = _connect(self.path, read_only=read_only)
        if read_only:
            _check_tables(self._con, self.path)
        else:
            _create_tables(self._con, self.path)

    @classmethod
    def on_connection(cls, con: duckdb.DuckDBPyConnection, *, label: Path) -> Self:
        """A read-only store on a connection the caller set up (`eventwire.lake.open_lake`);
        `label` names it in error messages."""
        store = cls.__new__(cls)
        store.path, store.read_only, store._con = label, True, con
        _check_tables(con, label)
        return store

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for modules that keep tables of their own (`dedup`)."""
        return self._con

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc

    def _read(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Run a query on a cursor of its own (safe from several threads at once)."""
        cursor = self._con.cursor()
        try:
            return cursor.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        finally:
            cursor.close()

    def _stream_records(self, sql: str, params: Sequence[Any]) -> Iterator[dict[str, Any]]:
        # A cursor of its own, so other queries can run while a caller iterates.
        cursor = self._con.cursor()
        try:
            cursor.execute(sql, list(params))
            while rows := cursor.fetchmany(FETCH_ROWS):
                for (record,) in rows:
                    yield json.loads(record)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        finally:
            cursor.close()

    def _has_spans(self) -> bool:
        # A store written before `spans` existed, opened read-only, cannot gain the column.
        sql = "SELECT 1 FROM information_schema.columns WHERE table_name = ? AND column_name = ?"
        return bool(self._read(sql, ["events", "spans"]))

    def _has_table(self, name: str) -> bool:
        sql = "SELECT 1 FROM information_schema.tables WHERE table_name = ?"
        return bool(self._read(sql, [name]))


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise StoreError(f"no eventwire store at {path}: run `eventwire ingest` first")
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc


def _create_tables(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        for ddl in schema.DDL:
            con.execute(ddl)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot create the store tables in {path}: {exc}") from exc


def _check_tables(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    missing = set(schema.TABLES) - {r[0] for r in rows}
    if missing:
        con.close()
        raise StoreError(f"{path} is not an eventwire store (missing {', '.join(sorted(missing))})")
