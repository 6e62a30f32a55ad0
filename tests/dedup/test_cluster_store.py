"""What an assignment writes: cluster ids and their reasons in the stored records."""

from __future__ import annotations

import json
from pathlib import Path

from dedup.test_assign import SAME, ingest
from eventwire.store import Store


def test_cluster_store_writes_cluster_id_and_reason_into_record(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, SAME[:2])
        record = json.loads(
            store.con.execute("SELECT record FROM events WHERE id = 'a002-0'").fetchone()[0]
        )
    assert record["cluster_id"] is not None
    assert "joined event a001-0" in record["explanation"]["cluster"]
