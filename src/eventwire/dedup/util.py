"""Small helpers shared by the dedup modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the store has table `name` (a store never clustered has no dedup tables)."""
    return any(r[0] == name for r in con.execute("SHOW TABLES").fetchall())


def run(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """Execute and fetch every row (DuckDB wants a result consumed before the next call)."""
    return con.execute(sql, list(params)).fetchall()
