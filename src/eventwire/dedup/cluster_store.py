"""Clusters as stored: the rows an assignment writes, and the features it reads back.

`write_assignments` stores what `eventwire.dedup.assign` decided for a batch: each event's
features in `cluster_members` (an `Item` as JSON; `item_from_features` reads it back) and its
probe words in `cluster_probes` (`insert_probes`), the new
clusters with the seq of their first event (`cluster_ids`), the clusters merged into another
(`cluster_aliases`; their `clusters` rows go), the final cluster ids in `events` (column and
record JSON, with the reason in `explanation.cluster`), and the summaries of the clusters it
touched (`summary.refresh`). `insert_rows` and `next_seq` are the table helpers of both sides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from eventwire.dedup import summary
from eventwire.dedup.features import Item, unit
from eventwire.dedup.scoring import probe_words
from eventwire.dedup.util import run as _run

if TYPE_CHECKING:  # assign imports this module
    from eventwire.dedup.assign import ClusterRun

__all__ = ["insert_probes", "insert_rows", "item_from_features", "next_seq", "write_assignments"]


def write_assignments(con: duckdb.DuckDBPyConnection, items: list[Item], run: ClusterRun) -> None:
    """Store the assignments of `run` for `items` (module doc) and count them into `run`."""
    by_id = {a.event_id: a for a in run.assignments}
    absorbed = {old: a.cluster_id for a in run.assignments for old in a.merged}
    final = {a.event_id: _follow(a.cluster_id, absorbed) for a in run.assignments}
    insert_rows(con, "cluster_members", [
        {"event_id": i.event_id, "cluster_id": final[i.event_id], "article_id": i.article_id,
         "seq": i.seq, "quad_code": i.quad, "date": i.date, "enddate": i.enddate,
         "features": json.dumps(_plain(i))} for i in items])  # fmt: skip
    insert_probes(con, items)
    new = {a.cluster_id for a in run.assignments if a.reason.startswith("first report")}
    insert_rows(
        con,
        "cluster_ids",
        [
            {
                "cluster_id": c,
                "created_seq": min(i.seq for i in items if by_id[i.event_id].cluster_id == c),
            }
            for c in sorted(new)
        ],
    )
    for old, into in absorbed.items():
        survivor = _follow(into, absorbed)
        _run(con, "UPDATE cluster_members SET cluster_id = ? WHERE cluster_id = ?",
                    [survivor, old])  # fmt: skip
        _run(con, "UPDATE cluster_aliases SET cluster_id = ? WHERE cluster_id = ?",
                    [survivor, old])  # fmt: skip
        _run(con, "INSERT OR REPLACE INTO cluster_aliases VALUES (?, ?, ?)",
                    [old, survivor, "merged: a new report matched both clusters"])  # fmt: skip
        _run(con, "DELETE FROM clusters WHERE cluster_id = ?", [old])
    _update_events(con, final, {a.event_id: a.reason for a in run.assignments}, absorbed)
    run.events, run.new_clusters, run.merges = len(items), len(new), len(absorbed)
    summary.refresh(con, sorted(set(final.values())))


def _follow(cluster_id: str, absorbed: dict[str, str]) -> str:
    while cluster_id in absorbed:
        cluster_id = absorbed[cluster_id]
    return cluster_id


def _update_events(
    con: duckdb.DuckDBPyConnection,
    final: dict[str, str],
    reasons: dict[str, str],
    absorbed: dict[str, str],
) -> None:
    """Write the cluster ids into `events` (column and record), new and re-merged events."""
    ids = list(final)
    if absorbed:
        marks = ", ".join("?" * len(absorbed))
        ids += [
            r[0]
            for r in _run(
                con, f"SELECT id FROM events WHERE cluster_id IN ({marks})", list(absorbed)
            )
        ]
    rows = []
    for event_id, raw in _records(con, ids):
        record = json.loads(raw)
        cluster_id = final.get(event_id) or _follow(record["cluster_id"], absorbed)
        record["cluster_id"] = cluster_id
        explanation = dict(record.get("explanation") or {})
        if event_id in reasons:
            explanation["cluster"] = reasons[event_id]
        record["explanation"] = explanation
        rows.append({"id": event_id, "cluster_id": cluster_id,
                     "record": json.dumps(record, ensure_ascii=False)})  # fmt: skip
    if rows:
        con.register("_upd", pa.Table.from_pylist(rows))
        try:
            _run(con, "UPDATE events SET cluster_id = u.cluster_id, record = u.record"
                        " FROM _upd u WHERE events.id = u.id")  # fmt: skip
        finally:
            con.unregister("_upd")


def _records(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple[str, str]]:
    if not ids:
        return []
    con.register("_ids", pa.table({"id": ids}))
    try:
        return _run(con, "SELECT e.id, e.record FROM events e JOIN _ids USING (id)")
    finally:
        con.unregister("_ids")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` into `table` as one Arrow batch, replacing rows with the same key."""
    if not rows:
        return
    con.register("_rows", pa.Table.from_pylist(rows))
    try:
        _run(con, f"INSERT OR REPLACE INTO {table} BY NAME SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def insert_probes(con: duckdb.DuckDBPyConnection, items: Iterable[Item]) -> None:
    """Index `items` by their probe words in `cluster_probes` (see `assign._load`)."""
    rows = [{"word": w, "event_id": i.event_id} for i in items for w in sorted(probe_words(i))]
    if not rows:
        return
    con.register("_probes", pa.Table.from_pylist(rows))
    try:
        _run(con, "INSERT INTO cluster_probes BY NAME SELECT * FROM _probes")
    finally:
        con.unregister("_probes")


def next_seq(con: duckdb.DuckDBPyConnection, table: str, *, column: str = "seq") -> int:
    """The `seq` (or other `column`) after the last one of `table` (0 for an empty table)."""
    rows = _run(con, f"SELECT coalesce(max({column}) + 1, 0) FROM {table}")
    return int(rows[0][0]) if rows else 0


def _plain(item: Item) -> dict[str, Any]:
    data = asdict(item)
    for key in ("actors", "recipients", "names", "trigger", "context", "patients"):
        data[key] = sorted(data[key])
    for key in ("date", "enddate"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


def item_from_features(data: dict[str, Any]) -> Item:
    """The `Item` of a stored `cluster_members.features` (the JSON of `_plain`)."""
    for key in ("actors", "recipients", "names", "trigger", "context", "patients"):
        data[key] = frozenset(data.get(key) or ())
    for key in ("terms", "keywords"):
        if isinstance(data[key], list):  # stored before words were weighted: all alike
            data[key] = unit(dict.fromkeys(data[key], 1.0))
    for key in ("date", "enddate"):
        data[key] = date.fromisoformat(data[key]) if data[key] else None
    return Item(**data)
