"""The `clusters` table: one summary row per real-world event.

Per cluster: the most common category (and its quad), actors and recipients (codes, most
reported first), place (the finest place reported), date interval (the narrowest interval
reported with the best precision, else the span of all), the number of events, articles
and distinct sources (publications), the first publication date, and the reported figures
reconciled by `eventwire.figures_report.reconcile` (min, max, latest with its claimant).
Rows are rewritten for the clusters an assignment touched, never for the whole store.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.dedup.util import has_table
from eventwire.dedup.util import run as _run

#: Columns of the `clusters` table, in order.
COLUMNS = ("cluster_id", "category", "quad_code", "actors", "recipients", "place",
           "country_code", "date", "enddate", "n_events", "n_articles", "n_sources",
           "first_reported", "figures")  # fmt: skip
_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def refresh(con: duckdb.DuckDBPyConnection, cluster_ids: Sequence[str]) -> None:
    """Recompute the summary rows of `cluster_ids` from their events."""
    if not cluster_ids:
        return
    con.register("_cids", pa.table({"cluster_id": list(cluster_ids)}))
    try:
        rows = _run(
            con, "SELECT e.cluster_id, e.record FROM events e JOIN _cids USING (cluster_id)"
        )
    finally:
        con.unregister("_cids")
    grouped: dict[str, list[dict[str, Any]]] = {}
    for cluster_id, record in rows:
        grouped.setdefault(cluster_id, []).append(json.loads(record))
    table = [summarise(cid, records) for cid, records in sorted(grouped.items())]
    _run(con, "DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(cluster_ids)])  # fmt: skip
    if table:
        for row in table:
            row["figures"] = json.dumps(row["figures"], ensure_ascii=False)
        con.register("_sum", pa.Table.from_pylist(table))
        try:
            _run(con, "INSERT INTO clusters BY NAME SELECT * FROM _sum")
        finally:
            con.unregister("_sum")


def summarise(cluster_id: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary row of one cluster from the PLOVER records of its events."""
    categories = Counter((r.get("event") or ["?"])[0] for r in records)
    category = min(categories, key=lambda c: (-categories[c], c))
    quad = next(r.get("quad_code") for r in records if (r.get("event") or ["?"])[0] == category)
    cites = [r.get("cite_info") or {} for r in records]
    published = sorted(c["published"] for c in cites if c.get("published"))
    place = max((r.get("event_loc") or {} for r in records), key=_fineness)
    start, end = _interval(records)
    return {
        "cluster_id": cluster_id,
        "category": category,
        "quad_code": quad,
        "actors": _ranked(records, "actor"),
        "recipients": _ranked(records, "recipient"),
        "place": place.get("resolved_place") or place.get("extracted_place"),
        "country_code": place.get("country_code"),
        "date": start,
        "enddate": end,
        "n_events": len(records),
        "n_articles": len({c.get("article_id") for c in cites}),
        "n_sources": len({c.get("publication") for c in cites if c.get("publication")}),
        "first_reported": date.fromisoformat(published[0]) if published else None,
        "figures": figures(records),
    }


def _fineness(place: dict[str, Any]) -> tuple[int, bool]:
    return place.get("resolution") or 0, bool(place.get("resolved_place"))


def _ranked(records: list[dict[str, Any]], key: str) -> list[str]:
    counts = Counter(e["code"] for r in records for e in r.get(key) or [] if e.get("code"))
    return sorted(counts, key=lambda c: (-counts[c], c))


def _interval(records: list[dict[str, Any]]) -> tuple[date | None, date | None]:
    dated = [r for r in records if r.get("date")]
    if not dated:
        return None, None
    best = min(_PRECISION.get(r.get("date_precision") or "unknown", 4) for r in dated)
    sharp = [r for r in dated if _PRECISION.get(r.get("date_precision") or "unknown", 4) == best]
    start = min(r["date"] for r in sharp)
    end = max(r.get("enddate") or r["date"] for r in sharp)
    return date.fromisoformat(start), date.fromisoformat(end)


def figures(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reconciled figures per kind and scope: min, max, latest (value, claimant, published)."""
    from eventwire.figures_report import reconcile

    out = []
    for group in reconcile(records):
        data = group.as_dict()
        out.append({k: data[k] for k in ("kind", "scope", "min", "max", "latest")})
    return out


def rows(
    con: duckdb.DuckDBPyConnection, *, since: date | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Summary rows, latest first (undated last); `since` keeps clusters ending on or after.
    Empty for a store never clustered."""
    if not has_table(con, "clusters"):
        return []
    sql = f"SELECT {', '.join(COLUMNS)} FROM clusters"
    params: list[Any] = []
    if since is not None:
        sql += " WHERE coalesce(enddate, date) >= ?"
        params.append(since)
    sql += " ORDER BY date DESC NULLS LAST, n_articles DESC, cluster_id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = []
    for values in _run(con, sql, params):
        row = dict(zip(COLUMNS, values, strict=True))
        row["figures"] = json.loads(row["figures"]) if row["figures"] else []
        for key in ("date", "enddate", "first_reported"):
            row[key] = row[key].isoformat() if row[key] else None
        found.append(row)
    return found
