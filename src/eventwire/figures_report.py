"""`eventwire figures`: reported figures across the store, reconciled per event.

Articles about one incident report different numbers ("at least 12 killed", later "the
toll rose to 19"); each is kept on its event as a claim. This report groups the claims
about the same event and lists, per kind and scope, the smallest and largest number
claimed, the latest claim and who claims what.

Same event: until cross-article clusters exist (issue 7), events group by `cluster_id`
when set, else by (date, place, first PLOVER category), place being the GeoNames id, or
the country code when the place is a country. Events without a date are grouped only by
their cluster. Numbers of a claim: `value`, else the bounds (`low` of "dozens" or a range
as its least, `high` as its most). Latest: the claim of the most recently published
article (undated articles count as oldest).

Reads the store through `Store.events()` only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire import config
from eventwire.cli import _clean_errors, app
from eventwire.store import Store


@dataclass(frozen=True, slots=True)
class Claim:
    """One reported figure, with the article that carries it."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    claimant: str  # the source the text credits, else the publication
    published: str | None  # YYYY-MM-DD of the article
    article_id: str
    text: str

    @property
    def least(self) -> int | None:
        bounds = [n for n in (self.value, self.low, self.high) if n is not None]
        return bounds[0] if bounds else None

    @property
    def most(self) -> int | None:
        bounds = [n for n in (self.value, self.high, self.low) if n is not None]
        return bounds[0] if bounds else None


@dataclass
class FigureGroup:
    """The claims about one kind of figure of one event."""

    event: str  # the grouping key, readable
    date: str | None
    place: str | None
    category: str | None
    kind: str
    scope: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def low(self) -> int | None:
        numbers = [c.least for c in self.claims if c.least is not None]
        return min(numbers) if numbers else None

    @property
    def high(self) -> int | None:
        numbers = [c.most for c in self.claims if c.most is not None]
        return max(numbers) if numbers else None

    @property
    def latest(self) -> Claim:
        return max(self.claims, key=lambda c: c.published or "")

    def as_dict(self) -> dict[str, Any]:
        latest = self.latest
        return {
            "event": self.event,
            "date": self.date,
            "place": self.place,
            "category": self.category,
            "kind": self.kind,
            "scope": self.scope,
            "min": self.low,
            "max": self.high,
            "latest": {
                "value": describe(latest),
                "claimant": latest.claimant,
                "published": latest.published,
            },
            "claims": [
                {
                    "value": describe(c),
                    "claimant": c.claimant,
                    "published": c.published,
                    "article_id": c.article_id,
                    "text": c.text,
                }
                for c in self.claims
            ],
        }


def event_key(record: dict[str, Any]) -> tuple[str, str | None, str | None, str | None] | None:
    """(readable key, date, place, category) of the event a record tells; None if ungroupable."""
    category = (record.get("event") or [None])[0]
    loc = record.get("event_loc") or {}
    place = loc.get("geonameid") or loc.get("country_code")
    label = loc.get("resolved_place") or loc.get("extracted_place") or loc.get("country_code")
    if record.get("cluster_id"):
        return f"cluster {record['cluster_id']}", record.get("date"), label, category
    if not record.get("date"):
        return None
    return f"{record['date']} {place or '?'} {category}", record.get("date"), label, category


def reconcile(records: Iterable[dict[str, Any]]) -> list[FigureGroup]:
    """Group the figures of stored records by event, kind and scope (see module docstring)."""
    groups: dict[tuple[str, str, str], FigureGroup] = {}
    for record in records:
        key = event_key(record)
        if key is None:
            continue
        for figure in record.get("figures") or []:
            slot = (key[0], figure["kind"], figure["scope"])
            if slot not in groups:
                groups[slot] = FigureGroup(*key, kind=figure["kind"], scope=figure["scope"])
            groups[slot].claims.append(_claim(record, figure))
    return sorted(groups.values(), key=lambda g: (g.date or "", g.event, g.kind, g.scope))


def _claim(record: dict[str, Any], figure: dict[str, Any]) -> Claim:
    cite = record.get("cite_info") or {}
    source = figure.get("claimed_by") or record.get("claimed_by") or {}
    claimant = source.get("entity_text") or cite.get("publication") or "unattributed"
    return Claim(
        value=figure.get("value"),
        low=figure.get("low"),
        high=figure.get("high"),
        qualifier=figure.get("qualifier") or "exact",
        claimant=claimant,
        published=cite.get("published"),
        article_id=cite.get("article_id") or "",
        text=figure.get("text") or "",
    )


_SIGNS = {"approx": "~", "at_least": "≥", "at_most": "≤"}


def describe(claim: Claim) -> str:
    """A claim's number as read: "12", "≥12", "~40,000", "10–15", "≥24" for "dozens"."""
    if claim.qualifier == "range" and claim.low is not None and claim.high is not None:
        return f"{claim.low:,}–{claim.high:,}"
    number = claim.least
    if number is None:
        return "?"
    sign = _SIGNS.get(claim.qualifier, "")
    if claim.value is None and claim.low is not None:
        sign = "≥"
    return f"{sign}{number:,}"


def print_groups(groups: list[FigureGroup], *, console: Console) -> None:
    table = Table(
        "event",
        "kind",
        "scope",
        "min",
        "max",
        "latest",
        "who claims what",
        title="Reported figures by event",
    )
    for g in groups:
        latest = g.latest
        who = "; ".join(f"{c.claimant}: {describe(c)}" for c in g.claims)
        table.add_row(
            f"{g.date or '?'} {g.category or ''} {g.place or ''}".strip(),
            g.kind,
            g.scope,
            f"{g.low:,}" if g.low is not None else "?",
            f"{g.high:,}" if g.high is not None else "?",
            f"{describe(latest)} ({latest.claimant}, {latest.published or '?'})",
            who,
        )
    console.print(table if groups else "No reported figures stored yet.")


@app.command("figures")
def figures_cmd(
    db: Annotated[
        Path, typer.Option("--db", help="DuckDB store file (env EVENTWIRE_DB).", dir_okay=False)
    ] = config.DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
) -> None:
    """Reported figures across stored articles, per event: min, max, latest, who claims what."""
    import json

    with _clean_errors(), Store(db, read_only=True) as store:
        groups = reconcile(store.events())
    if as_json:
        for group in groups:
            typer.echo(json.dumps(group.as_dict(), ensure_ascii=False))
    else:
        print_groups(groups, console=Console())
