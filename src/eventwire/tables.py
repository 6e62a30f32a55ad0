"""The tables the commands print: the ingest summary, store statistics, recent events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from eventwire import jobs

#: Rows shown per count table before "… n more".
TOP = 20


def _counts_table(title: str, counts: Mapping[str, int], *, top: int = TOP) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(title.split(" by ")[-1])
    table.add_column("events", justify="right")
    items = list(counts.items())
    for key, n in items[:top]:
        table.add_row(key, str(n))
    if len(items) > top:
        table.add_row(f"… {len(items) - top} more", str(sum(n for _, n in items[top:])))
    return table


def print_summary(summary: jobs.IngestSummary, *, console: Console) -> None:
    """The ingest summary: totals, events by category and country, skipped inputs."""
    totals = Table(title="Ingest", title_justify="left", show_header=False)
    totals.add_column()
    totals.add_column(justify="right")
    for label, value in (
        ("articles read", summary.articles_read),
        ("new articles", summary.articles_new),
        ("already stored", summary.articles_known),
        ("events written", summary.events),
        ("skipped inputs", len(summary.skipped)),
        ("articles without publication date", len(summary.undated)),
    ):
        totals.add_row(label, str(value))
    console.print(totals)
    if summary.events:
        console.print(_counts_table("Events by category", dict(summary.by_category.most_common())))
        console.print(_counts_table("Events by country", dict(summary.by_country.most_common())))
    if summary.skipped:
        skipped = Table("input", "reason", title="Skipped inputs", title_justify="left")
        for source, reason in summary.skipped:
            skipped.add_row(source, reason)
        console.print(skipped)
    if summary.undated:
        shown = ", ".join(summary.undated[:TOP])
        more = f" … and {len(summary.undated) - TOP} more" if len(summary.undated) > TOP else ""
        console.print(f"Without publication date (dated from the text only): {shown}{more}")


def print_stats(stats: Mapping[str, Any], *, console: Console) -> None:
    console.print(
        f"{stats['articles']} articles ({stats['articles_undated']} without publication date), "
        f"{stats['events']} events, {stats['errors']} skipped inputs"
    )
    for key, title in (
        ("by_category", "Events by category"),
        ("by_quad", "Events by quad"),
        ("by_country", "Events by country"),
        ("by_modality", "Events by modality"),
        ("by_month", "Events by month"),
    ):
        top = len(stats[key]) if key == "by_month" else TOP
        console.print(_counts_table(title, stats[key], top=top))


def _entities(entities: list[dict[str, Any]] | None) -> str:
    return ", ".join(
        f"{e.get('identifier_text') or e.get('entity_text')} ({e.get('code')})"
        for e in entities or []
    )


def _place(loc: dict[str, Any] | None) -> str:
    if not loc:
        return ""
    name = loc.get("resolved_place") or loc.get("extracted_place") or ""
    code = loc.get("country_code")
    return f"{name}, {code}" if code and name else name or code or ""


def _snippet(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def print_recent(records: list[dict[str, Any]], *, console: Console) -> None:
    """Date, category, actor → recipient, place and a snippet of the sentence per event."""
    table = Table("date", "event", "actor → recipient", "place", "sentence", title="Recent events")
    for r in records:
        who = _entities(r.get("actor"))
        whom = _entities(r.get("recipient"))
        table.add_row(
            r.get("date") or "?",
            "/".join(r.get("event") or []),
            f"{who or '?'} → {whom}" if whom else who,
            _place(r.get("event_loc")),
            _snippet(r.get("text") or ""),
        )
    console.print(table if records else "No events stored yet.")
