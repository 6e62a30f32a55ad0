"""`eventwire clusters`, `eventwire stories` and `eventwire recluster`, and the
cluster-level export.

Registered by one import at the end of `eventwire.cli`.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire import config
from eventwire.cli import Db, Since, _clean_errors, app
from eventwire.errors import ConfigError
from eventwire.store import Store

Count = Annotated[int, typer.Option("-n", min=1, help="At most this many.")]
AsJson = Annotated[bool, typer.Option("--json", help="One JSON object a line.")]
#: Formats of the cluster-level export.
CLUSTER_FORMATS = ("jsonl", "plover", "csv", "parquet")


def cluster_rows(
    *, db: Path | str = config.DEFAULT_DB, since: date | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """The cluster summaries of the store (none if it was never clustered)."""
    from eventwire.dedup import summary

    with Store(db, read_only=True) as store:
        return summary.rows(store.con, since=since, limit=limit)


def stored_story_rows(
    *,
    db: Path | str = config.DEFAULT_DB,
    since: date | None = None,
    limit: int | None = None,
    min_articles: int = 2,
) -> list[dict[str, Any]]:
    """The story rows of the store (`story_store.story_rows`; none if it was never clustered)."""
    from eventwire.dedup.story_store import story_rows

    with Store(db, read_only=True) as store:
        return story_rows(store.con, since=since, min_articles=min_articles, limit=limit)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A summary row for CSV and Parquet: lists of strings `;`-joined, other lists and
    objects (figures) as JSON text."""
    out = dict(row)
    for key, value in row.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            out[key] = ";".join(value)
        elif isinstance(value, list | dict):
            out[key] = json.dumps(value, ensure_ascii=False)
    return out


def export_clusters(
    rows: Iterable[dict[str, Any]], *, format: str, out: Path | IO[str] | None
) -> int:
    """Write one row per cluster (or story) as JSONL, CSV or Parquet; the number written."""
    if format not in CLUSTER_FORMATS:
        raise ConfigError(
            f"cluster- and story-level exports have no {format} format: use jsonl, csv or parquet"
        )
    rows = list(rows)
    if format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if out is None or not isinstance(out, Path):
            raise ConfigError("parquet is binary: write it to a file with -o")
        pq.write_table(pa.Table.from_pylist([flat(r) for r in rows]), out)
        return len(rows)
    stream = out.open("w", encoding="utf-8", newline="") if isinstance(out, Path) else out
    try:
        if format == "csv" and rows:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]))  # type: ignore[arg-type]
            writer.writeheader()
            writer.writerows(flat(r) for r in rows)
        elif format != "csv":
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")  # type: ignore[union-attr]
    finally:
        if isinstance(out, Path):
            stream.close()  # type: ignore[union-attr]
    return len(rows)


@app.command("clusters")
def clusters_cmd(
    db: Db = config.DEFAULT_DB,
    since: Since = None,
    n: Count = 50,
    as_json: AsJson = False,
) -> None:
    """Real-world events: the reports of one event grouped, latest first."""
    with _clean_errors():
        rows = cluster_rows(db=db, since=since, limit=n)
    if as_json:
        _echo_json(rows)
        return
    print_clusters(rows, console=Console())


def _echo_json(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


@app.command("stories")
def stories_cmd(
    db: Db = config.DEFAULT_DB,
    since: Since = None,
    n: Count = 20,
    as_json: AsJson = False,
) -> None:
    """Stories: the articles that report one happening, political events or not; the
    largest first."""
    with _clean_errors():
        rows = stored_story_rows(db=db, since=since, limit=n)
    if as_json:
        _echo_json(rows)
        return
    table = Table("story", "articles", "sources", "dates", "event clusters", "titles",
                  title="Stories")  # fmt: skip
    for r in rows:
        dates = f"{r['first'] or '?'}" + (f"…{r['last']}" if r["last"] != r["first"] else "")
        titles = "; ".join(r["titles"][:3]) + (" …" if len(r["titles"]) > 3 else "")
        table.add_row(r["story_id"], str(r["n_articles"]), str(r["n_sources"]), dates,
                      str(r["n_clusters"]), titles)  # fmt: skip
    Console().print(table if rows else "No story of two articles or more yet.")


@app.command("recluster")
def recluster_cmd(db: Db = config.DEFAULT_DB) -> None:
    """Rebuild every cluster and near-duplicate link from the stored events."""
    from eventwire.dedup.assign import recluster

    start = time.perf_counter()
    with _clean_errors(), Store(db) as store:
        run = recluster(store)
    typer.echo(
        f"{run.events} events of {run.articles} articles in {run.new_clusters - run.merges}"
        f" clusters ({run.duplicates} near-duplicate articles) in"
        f" {time.perf_counter() - start:.1f} s",
        err=True,
    )


def print_clusters(rows: list[dict[str, Any]], *, console: Console) -> None:
    table = Table("cluster", "dates", "event", "actors → recipients", "place", "articles",
                  "sources", "figures", title="Real-world events")  # fmt: skip
    for r in rows:
        dates = f"{r['date'] or '?'}" + (f"…{r['enddate']}" if r["enddate"] != r["date"] else "")
        whom = ", ".join(r["recipients"])
        figures = "; ".join(
            f"{f['kind']} {f['min']}–{f['max']} (latest {f['latest']['value']},"
            f" {f['latest']['claimant']})"
            for f in r["figures"]
        )
        table.add_row(r["cluster_id"], dates, r["category"],
                      ", ".join(r["actors"]) + (f" → {whom}" if whom else ""),
                      r["place"] or "", str(r["n_articles"]), str(r["n_sources"]),
                      figures)  # fmt: skip
    console.print(table if rows else "No clusters yet: ingest articles, or run `recluster`.")


def export_level(
    level: str, *, fmt: str, db: Path, since: date | None, output: Path | None
) -> None:
    """`eventwire export --level cluster|story`: one row per real-world event, or per story
    (the articles telling one happening, single-article stories included)."""
    import sys

    if level not in ("cluster", "story"):
        raise typer.BadParameter(
            f"expected event, cluster or story, got {level!r}", param_hint="--level"
        )
    with _clean_errors():
        if level == "cluster":
            rows = cluster_rows(db=db, since=since)
        else:
            rows = stored_story_rows(db=db, since=since, min_articles=1)
        written = export_clusters(rows, format=fmt, out=output or sys.stdout)
    noun = "clusters" if level == "cluster" else "stories"
    typer.echo(f"{written} {noun} written" + (f" to {output}" if output else ""), err=True)
