"""Opening a store file: a missing, foreign or unreadable file is a StoreError."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.store import Store


def test_connection_read_only_missing_file_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no eventwire store"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_connection_read_only_foreign_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store(path, read_only=True)


def test_connection_unopenable_file_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.duckdb"
    path.write_text("hello, I am a text file\n" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)
