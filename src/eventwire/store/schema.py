"""Tables of the eventwire store and the Arrow batches that fill them.

Three tables:

- `articles`: one row per article read (`article_id` primary key), with its text and the
  number of events coded from it (`n_events`, 0 is a valid, stored answer: the article is
  not re-processed on the next ingest).
- `events`: one row per coded event (`id` primary key). A few fields are lifted out of the
  PLOVER record as columns so filters and counts run in SQL; `record` holds the full
  `to_plover` dict as JSON, which is what readers get back. `event` is the first category
  of the record's list; `country_code` is the ISO3 code of the event place; `spans` the
  `Event.spans` (role, start, end: offsets into the article text) as a JSON list of
  `{"role", "start", "end"}`, for highlighting the sentence (not part of the record).
- `errors`: inputs skipped while reading (`source` path or `path:line`, `reason`, `at`),
  one row per (source, reason) so re-ingesting a corpus does not repeat them.
- the tables of `eventwire.dedup` (see there): `article_signatures`, `cluster_members`,
  `cluster_ids`, `cluster_aliases`, `clusters`, `cluster_terms` (how many articles hold each
  word, `eventwire.dedup.rarity`), `cluster_probes` (the words each clustered event is looked
  up by), and `articles.duplicate_of`; `article_stories` (each
  article's story) and `story_state` (what a story's members say, to place the next
  article), `eventwire.dedup.stories`; `article_runs` (the clustering run that placed each
  article, `eventwire.dedup.grouping`).

Rows are built as whole Arrow tables per batch, never row by row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

from eventwire.errors import InputError
from eventwire.records import Article, Event, to_plover

DDL = (
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, publication VARCHAR,
        published DATE, dateline VARCHAR, source VARCHAR, text VARCHAR, n_events INTEGER,
        ingested_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, date DATE, enddate DATE,
        event VARCHAR, quad_code TINYINT, modality VARCHAR, date_precision VARCHAR,
        date_basis VARCHAR, actor_codes VARCHAR[], recipient_codes VARCHAR[],
        country_code VARCHAR, lat DOUBLE, lon DOUBLE, confidence DOUBLE, cluster_id VARCHAR,
        text VARCHAR, record JSON, spans JSON)""",
    # Stores written before `spans` existed gain the column (null for their events).
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS spans JSON",
    """CREATE TABLE IF NOT EXISTS errors (
        source VARCHAR, reason VARCHAR, "at" TIMESTAMP, PRIMARY KEY (source, reason))""",
    # Cross-article clustering (eventwire.dedup); stores written before it gain the tables.
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR",
    """CREATE TABLE IF NOT EXISTS article_signatures (
        article_id VARCHAR PRIMARY KEY, seq BIGINT, minhash BLOB, duplicate_of VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS cluster_members (
        event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR, article_id VARCHAR, seq BIGINT,
        quad_code TINYINT, date DATE, enddate DATE, features JSON)""",
    "CREATE TABLE IF NOT EXISTS cluster_ids (cluster_id VARCHAR PRIMARY KEY, created_seq BIGINT)",
    """CREATE TABLE IF NOT EXISTS cluster_aliases (
        alias VARCHAR PRIMARY KEY, cluster_id VARCHAR, reason VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS clusters (
        cluster_id VARCHAR PRIMARY KEY, category VARCHAR, quad_code TINYINT,
        actors VARCHAR[], recipients VARCHAR[], place VARCHAR, country_code VARCHAR,
        date DATE, enddate DATE, n_events INTEGER, n_articles INTEGER, n_sources INTEGER,
        first_reported DATE, figures JSON)""",
    "CREATE TABLE IF NOT EXISTS cluster_terms (term VARCHAR PRIMARY KEY, df BIGINT)",
    # The words each clustered event is looked up by (`scoring.probe_words`): a batch loads
    # the clusters its events share words with, not every stored event.
    "CREATE TABLE IF NOT EXISTS cluster_probes (word VARCHAR, event_id VARCHAR)",
    # Stories: the articles that report one happening (eventwire.dedup.stories).
    "CREATE TABLE IF NOT EXISTS article_stories (article_id VARCHAR PRIMARY KEY, story_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS story_state (story_id VARCHAR PRIMARY KEY, state JSON)",
    # The clustering run each article was placed in (stories group a run's articles
    # together, `eventwire.dedup.grouping`); kept by `recluster`, which replays the runs.
    "CREATE TABLE IF NOT EXISTS article_runs (article_id VARCHAR PRIMARY KEY, run BIGINT)",
)
TABLES = ("articles", "events", "errors")

ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("publication", pa.string()),
        ("published", pa.date32()),
        ("dateline", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        ("n_events", pa.int32()),
        ("ingested_at", pa.timestamp("us")),
    ]
)
EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("date", pa.date32()),
        ("enddate", pa.date32()),
        ("event", pa.string()),
        ("quad_code", pa.int8()),
        ("modality", pa.string()),
        ("date_precision", pa.string()),
        ("date_basis", pa.string()),
        ("actor_codes", pa.list_(pa.string())),
        ("recipient_codes", pa.list_(pa.string())),
        ("country_code", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("confidence", pa.float64()),
        ("cluster_id", pa.string()),
        ("text", pa.string()),
        ("record", pa.string()),
        ("spans", pa.string()),
    ]
)
ERROR_SCHEMA = pa.schema(
    [("source", pa.string()), ("reason", pa.string()), ("at", pa.timestamp("us"))]
)


def article_table(pairs: Sequence[tuple[Article, Sequence[Event]]], *, now: datetime) -> pa.Table:
    """One row per article of the batch, with the number of its events."""
    rows = [
        {
            "article_id": a.article_id,
            "title": a.title,
            "url": a.url,
            "publication": a.publication,
            "published": a.published,
            "dateline": a.dateline,
            "source": a.source,
            "text": a.text,
            "n_events": len(events),
            "ingested_at": now,
        }
        for a, events in pairs
    ]
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


def event_row(event: Event) -> dict[str, Any]:
    """The columns of one event; `record` is the exact PLOVER JSON of `to_plover`."""
    record = to_plover(event)
    place = event.event_loc
    return {
        "id": event.id,
        "article_id": event.article.article_id,
        "date": event.date,
        "enddate": event.enddate,
        "event": event.event[0] if event.event else None,
        "quad_code": event.quad_code,
        "modality": event.modality,
        "date_precision": event.date_precision,
        "date_basis": event.date_basis,
        "actor_codes": [e.code for e in event.actor],
        "recipient_codes": [e.code for e in event.recipient],
        "country_code": place.country_code if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "confidence": event.confidence,
        "cluster_id": event.cluster_id,
        "text": event.text,
        "record": json.dumps(record, ensure_ascii=False),
        "spans": spans_json(event),
    }


def spans_json(event: Event) -> str:
    """`Event.spans` as the JSON list of `{"role", "start", "end"}` the `spans` column holds."""
    return json.dumps([{"role": s.role, "start": s.start, "end": s.end} for s in event.spans])


def event_table(pairs: Sequence[tuple[Article, Sequence[Event]]]) -> pa.Table:
    rows = [event_row(e) for _, events in pairs for e in events]
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def error_table(errors: Sequence[InputError], *, now: datetime) -> pa.Table:
    rows = [{"source": e.source, "reason": e.detail, "at": now} for e in errors]
    return pa.Table.from_pylist(rows, schema=ERROR_SCHEMA)
